"""Is a procurement above the UK threshold? Pure Python: no Django imports.

The thresholds are data in ``content/tenders/thresholds.yaml`` (values include VAT; from
1 January 2026, /work/shared/research/standards.md section 2). ``threshold_assess`` compares the
value a team typed with the threshold that fits its answer to "is this a light-touch service?"
and says what it found in one plain sentence. It is a guide: the team confirms with its
procurement adviser, because the rules have exceptions Tandem does not know about.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from tandem.core.values import date_display, pounds_display

DEFAULT_FILE = Path(__file__).resolve().parents[3] / "content" / "tenders" / "thresholds.yaml"
KEYS = ("sub_central", "light_touch", "central", "works")
CAVEAT = (
    "This is Tandem's reading of the figures. Confirm it with your procurement adviser before you "
    "publish, because some services and buyers have their own rules."
)


class ThresholdsProblem(ValueError):
    """The thresholds file is missing something or has a value that is not a number."""


@dataclass(frozen=True)
class Threshold:
    key: str
    label: str
    amount: Decimal


@dataclass(frozen=True)
class ThresholdTable:
    applies_from: datetime.date
    source: str
    source_url: str
    thresholds: tuple[Threshold, ...]

    def get(self, key: str) -> Threshold:
        for threshold in self.thresholds:
            if threshold.key == key:
                return threshold
        raise KeyError(key)


@dataclass(frozen=True)
class Assessment:
    """What the value means. ``above`` is None when it cannot be told (no value, or the answer
    depends on whether the service is light touch)."""

    above: bool | None
    sentence: str
    thresholds: tuple[Threshold, ...]


def thresholds_parse(data: Any) -> ThresholdTable:
    """Check and read the file's contents; ThresholdsProblem names what is wrong."""
    if not isinstance(data, dict):
        raise ThresholdsProblem("The thresholds file must be a mapping with applies_from, source and thresholds")
    applies_from = data.get("applies_from")
    if isinstance(applies_from, str):
        try:
            applies_from = datetime.date.fromisoformat(applies_from)
        except ValueError as exc:
            raise ThresholdsProblem("applies_from must be a date like 2026-01-01") from exc
    if not isinstance(applies_from, datetime.date):
        raise ThresholdsProblem("applies_from must be a date like 2026-01-01")
    source = str(data.get("source") or "").strip()
    if not source:
        raise ThresholdsProblem("Say where the thresholds come from in source")
    rows = data.get("thresholds")
    if not isinstance(rows, list):
        raise ThresholdsProblem("thresholds must be a list")
    found: dict[str, Threshold] = {}
    for row in rows:
        if not isinstance(row, dict) or row.get("key") not in KEYS:
            raise ThresholdsProblem(f"Each threshold needs a key, one of {', '.join(KEYS)}")
        key = str(row["key"])
        try:
            amount = Decimal(str(row.get("amount")))
        except InvalidOperation as exc:
            raise ThresholdsProblem(f"The amount for {key} must be a number of pounds") from exc
        if not amount.is_finite() or amount <= 0:
            raise ThresholdsProblem(f"The amount for {key} must be more than £0")
        if key in found:
            raise ThresholdsProblem(f"{key} is listed twice")
        found[key] = Threshold(key=key, label=str(row.get("label") or key), amount=amount)
    missing = [key for key in KEYS if key not in found]
    if missing:
        raise ThresholdsProblem(f"The thresholds file has no {', '.join(missing)}")
    return ThresholdTable(
        applies_from=applies_from,
        source=source,
        source_url=str(data.get("source_url") or ""),
        thresholds=tuple(found[key] for key in KEYS),
    )


@cache
def thresholds_load(path: Path = DEFAULT_FILE) -> ThresholdTable:
    return thresholds_parse(yaml.safe_load(path.read_text(encoding="utf-8")))


def threshold_assess(value: Decimal | None, light_touch: bool | None, table: ThresholdTable) -> Assessment:
    """Compare ``value`` (pounds including VAT) with the threshold for services.

    ``light_touch`` is True, False, or None for "not sure". Councils, the NHS and police and crime
    commissioners are sub-central buyers, so the sub-central figure is used for other services.
    """
    light = table.get("light_touch")
    other = table.get("sub_central")
    since = f"the figures that apply from {date_display(table.applies_from)}"
    if value is None:
        return Assessment(
            above=None,
            sentence="Enter the value including VAT and Tandem will say whether it is above the threshold.",
            thresholds=(light, other),
        )
    shown = pounds_display(value)
    if light_touch is None:
        above_light = value >= light.amount
        above_other = value >= other.amount
        if above_light == above_other:
            where = "at or above" if above_light else "below"
            return Assessment(
                above=above_light,
                sentence=(
                    f"At {shown} including VAT, this is {where} the threshold whether or not it is a light-touch "
                    f"service ({pounds_display(light.amount)} for light-touch services, "
                    f"{pounds_display(other.amount)} for other services), using {since}."
                ),
                thresholds=(light, other),
            )
        return Assessment(
            above=None,
            sentence=(
                f"At {shown} including VAT, this is at or above the threshold for most services "
                f"({pounds_display(other.amount)}) but below the threshold for light-touch services "
                f"({pounds_display(light.amount)}), using {since}. Find out whether it is a light-touch service "
                "to know which applies."
            ),
            thresholds=(light, other),
        )
    threshold = light if light_touch else other
    kind = "light-touch services" if light_touch else "services that are not light touch"
    above = value >= threshold.amount
    where = "at or above" if above else "below"
    return Assessment(
        above=above,
        sentence=(
            f"At {shown} including VAT, this is {where} the threshold for {kind} "
            f"({pounds_display(threshold.amount)}), using {since}."
        ),
        thresholds=(threshold,),
    )
