"""The lists organisations choose from (areas served, specialisms), held as data in
``content/organisations.yaml``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from django.conf import settings

CONTENT_FILE = "organisations.yaml"


@dataclass(frozen=True)
class Option:
    key: str
    label: str


@dataclass(frozen=True)
class OrganisationLists:
    areas_served: tuple[Option, ...]
    specialisms: tuple[Option, ...]

    def area_labels(self, keys: list[str]) -> list[str]:
        return _labels(self.areas_served, keys)

    def specialism_labels(self, keys: list[str]) -> list[str]:
        return _labels(self.specialisms, keys)


def _labels(options: tuple[Option, ...], keys: list[str]) -> list[str]:
    by_key = {option.key: option.label for option in options}
    # Keys no longer in the list still show, so nothing an organisation said disappears.
    return [by_key.get(key, key) for key in keys]


def _options(raw: object, name: str) -> tuple[Option, ...]:
    if not isinstance(raw, list):
        raise ValueError(f"{CONTENT_FILE}: {name} must be a list")
    options = []
    for item in raw:
        if not isinstance(item, dict) or not item.get("key") or not item.get("label"):
            raise ValueError(f"{CONTENT_FILE}: every item in {name} needs a key and a label")
        options.append(Option(key=str(item["key"]), label=str(item["label"])))
    keys = [option.key for option in options]
    if len(keys) != len(set(keys)):
        raise ValueError(f"{CONTENT_FILE}: {name} has a key listed twice")
    return tuple(options)


@cache
def organisation_lists() -> OrganisationLists:
    path = Path(settings.BASE_DIR) / "content" / CONTENT_FILE
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return OrganisationLists(
        areas_served=_options(data.get("areas_served"), "areas_served"),
        specialisms=_options(data.get("specialisms"), "specialisms"),
    )
