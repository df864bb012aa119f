"""What changed between two versions of a framework's content. Pure Python: no Django.

Works on the canonical content dictionaries the loader makes (and each published version
keeps), matching principles, stages, guidance points and prompts by slug. Activities have no
slug, so a changed activity shows as one removed and one added.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tandem.frameworks.sources import document_title

ADDED = "added"
REMOVED = "removed"
CHANGED = "changed"

# The words a page uses for each field.
FIELD_LABELS = {
    "name": "Name",
    "title": "Title",
    "summary": "Summary",
    "purpose": "Purpose",
    "description": "Description",
    "text": "Text",
    "voice": "Who it is for",
    "principles": "Principles",
    "maps_to": "Journey stages it maps to",
    "lens_of": "Journey it is a lens of",
    "source": "Rests on",
    "position": "Place in the order",
}
KIND_PLURALS = {
    "principle": "Principles",
    "stage": "Stages",
    "guidance point": "Guidance points",
    "prompt": "Prompts",
    "activity": "Activities",
}
VOICE_LABELS = {"funder": "Funders", "provider": "Providers", "both": "Funders and providers"}


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class ItemChange:
    """One principle, stage, guidance point, prompt or activity that was added, removed or changed."""

    kind: str  # "principle", "stage", "guidance point", "prompt", "activity"
    status: str  # ADDED, REMOVED or CHANGED
    slug: str
    label: str  # what a reader knows it by: a name, title or the text itself
    stage: str = ""  # the stage it belongs to (its name), for guidance, prompts and activities
    fields: tuple[FieldChange, ...] = ()

    @property
    def key(self) -> str:
        """A short code for the audit trail, like "prompt design/weights-published"."""
        where = f"{self.stage}/" if self.stage else ""
        return f"{self.kind} {where}{self.slug}"


@dataclass(frozen=True)
class ContentChanges:
    framework: tuple[FieldChange, ...]
    items: tuple[ItemChange, ...]

    @property
    def is_empty(self) -> bool:
        return not self.framework and not self.items

    def with_status(self, status: str) -> list[ItemChange]:
        return [item for item in self.items if item.status == status]

    @property
    def added(self) -> list[ItemChange]:
        return self.with_status(ADDED)

    @property
    def removed(self) -> list[ItemChange]:
        return self.with_status(REMOVED)

    @property
    def changed(self) -> list[ItemChange]:
        return self.with_status(CHANGED)

    def counts(self) -> dict[str, dict[str, int]]:
        """{"prompt": {"added": 2, "removed": 0, "changed": 1}, ...} for kinds that changed."""
        counts: dict[str, dict[str, int]] = {}
        for item in self.items:
            counts.setdefault(item.kind, {ADDED: 0, REMOVED: 0, CHANGED: 0})[item.status] += 1
        return counts

    def count_rows(self) -> list[tuple[str, dict[str, int]]]:
        """(plural label, counts) for each kind that changed, in the order pages list them."""
        counts = self.counts()
        return [(label, counts[kind]) for kind, label in KIND_PLURALS.items() if kind in counts]

    def summary(self, limit: int = 50) -> dict[str, Any]:
        """A JSON-ready summary for the audit trail."""
        return {
            "framework_fields": [change.field for change in self.framework],
            "counts": self.counts(),
            ADDED: [item.key for item in self.added][:limit],
            REMOVED: [item.key for item in self.removed][:limit],
            CHANGED: [item.key for item in self.changed][:limit],
        }


def _show(field: str, value: Any, principle_names: Mapping[str, str]) -> str:
    """A field's value as words a reader understands."""
    if value is None:
        return ""
    if field == "principles" and isinstance(value, list):
        return ", ".join(principle_names.get(str(slug), str(slug)) for slug in value)
    if field == "source" and isinstance(value, Mapping):
        return f"{document_title(str(value.get('file', '')))}, {value.get('section', '')}"
    if field == "voice":
        return VOICE_LABELS.get(str(value), str(value))
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return str(value)


def _field_changes(
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    fields: tuple[str, ...],
    principle_names: Mapping[str, str] | None = None,
) -> tuple[FieldChange, ...]:
    names = principle_names or {}
    return tuple(
        FieldChange(
            field=name,
            label=FIELD_LABELS.get(name, name),
            old=_show(name, old.get(name), names),
            new=_show(name, new.get(name), names),
        )
        for name in fields
        if old.get(name) != new.get(name)
    )


def _by_slug(items: Any) -> dict[str, Mapping[str, Any]]:
    if not isinstance(items, list):
        return {}
    return {str(item["slug"]): item for item in items if isinstance(item, Mapping) and "slug" in item}


def _label(item: Mapping[str, Any]) -> str:
    return str(item.get("name") or item.get("title") or item.get("text") or item.get("slug") or "")


def _compare(
    kind: str,
    old_items: Any,
    new_items: Any,
    fields: tuple[str, ...],
    *,
    stage: str = "",
    positions: bool = False,
    principle_names: Mapping[str, str] | None = None,
) -> list[ItemChange]:
    old, new = _by_slug(old_items), _by_slug(new_items)
    # Places among the items both versions have, so adding or removing one does not look like
    # every later one moved.
    old_order = {slug: index for index, slug in enumerate((slug for slug in old if slug in new), start=1)}
    new_order = {slug: index for index, slug in enumerate((slug for slug in new if slug in old), start=1)}
    changes: list[ItemChange] = []
    for slug, item in new.items():
        if slug not in old:
            changes.append(ItemChange(kind=kind, status=ADDED, slug=slug, label=_label(item), stage=stage))
            continue
        fields_changed = list(_field_changes(old[slug], item, fields, principle_names))
        if positions and old_order[slug] != new_order[slug]:
            fields_changed.append(
                FieldChange("position", FIELD_LABELS["position"], str(old_order[slug]), str(new_order[slug]))
            )
        if fields_changed:
            changes.append(
                ItemChange(
                    kind=kind, status=CHANGED, slug=slug, label=_label(item), stage=stage, fields=tuple(fields_changed)
                )
            )
    for slug, item in old.items():
        if slug not in new:
            changes.append(ItemChange(kind=kind, status=REMOVED, slug=slug, label=_label(item), stage=stage))
    return changes


def _activities(old_stage: Mapping[str, Any], new_stage: Mapping[str, Any], stage: str) -> list[ItemChange]:
    def texts(stage_content: Mapping[str, Any]) -> list[str]:
        items = stage_content.get("activities")
        if not isinstance(items, list):
            return []
        return [str(item.get("text", "")) for item in items if isinstance(item, Mapping)]

    old, new = texts(old_stage), texts(new_stage)
    changes = [
        ItemChange(kind="activity", status=ADDED, slug=str(index), label=text, stage=stage)
        for index, text in enumerate(new, start=1)
        if text not in old
    ]
    changes += [
        ItemChange(kind="activity", status=REMOVED, slug=str(index), label=text, stage=stage)
        for index, text in enumerate(old, start=1)
        if text not in new
    ]
    return changes


def content_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> ContentChanges:
    """Everything that differs between two versions' content, matched by slug."""
    framework = _field_changes(old, new, ("name", "summary", "lens_of", "source"))
    names = {
        slug: str(principle.get("name") or slug)
        for principles in (old.get("principles"), new.get("principles"))
        for slug, principle in _by_slug(principles).items()
    }
    items: list[ItemChange] = []
    items += _compare(
        "principle",
        old.get("principles"),
        new.get("principles"),
        ("name", "description", "source"),
        positions=True,
    )
    items += _compare(
        "stage",
        old.get("stages"),
        new.get("stages"),
        ("name", "title", "purpose", "summary", "maps_to", "source"),
        positions=True,
    )
    old_stages, new_stages = _by_slug(old.get("stages")), _by_slug(new.get("stages"))
    for slug, new_stage in new_stages.items():
        old_stage = old_stages.get(slug, {})
        name = str(new_stage.get("name") or slug)
        items += _compare(
            "guidance point",
            old_stage.get("guidance"),
            new_stage.get("guidance"),
            ("title", "text", "principles", "source"),
            stage=name,
            principle_names=names,
        )
        items += _compare(
            "prompt",
            old_stage.get("prompts"),
            new_stage.get("prompts"),
            ("voice", "text", "principles", "source"),
            stage=name,
            principle_names=names,
        )
        items += _activities(old_stage, new_stage, name)
    for slug, old_stage in old_stages.items():
        if slug in new_stages:
            continue
        # Everything in a removed stage goes with it.
        name = str(old_stage.get("name") or slug)
        items += _compare("guidance point", old_stage.get("guidance"), [], ("text",), stage=name)
        items += _compare("prompt", old_stage.get("prompts"), [], ("text",), stage=name)
        items += _activities(old_stage, {}, name)
    return ContentChanges(framework=framework, items=tuple(items))
