"""Reads for the specification's saved versions: one laid out for reading, what stands in the way of
publishing it (the rules that block, and the warnings a reason can pass), and what changed between two.

Every snapshot is read through ``snapshot_read`` (``rules/snapshot_types.py``), and each field is named
with the words in ``rules/fields.py``, so a version saved by any Tandem reads the same here as on its
own page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from tandem.core.values import pounds_display
from tandem.tenders.models import EngagementLevel, SectionKey, Specification, SpecificationVersion, Vulnerability
from tandem.tenders.rules import readiness
from tandem.tenders.rules.fields import (
    ABOUT,
    AGREEMENT,
    COPRODUCTION,
    ROUTE,
    TIMELINE,
    Field,
    field_named,
    money_from_text,
    value_display,
)
from tandem.tenders.rules.snapshot_types import SpecificationSnapshot, about_texts, snapshot_read, timeline_dates
from tandem.tenders.selectors.tender_lens import tender_lens_findings
from tandem.tenders.services.timeline import timeline_rules

# ----------------------------------------------------------------------------------------------
# One version, laid out for reading


def _label(choices: Any, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return ""


def _rows(fields: tuple[Field, ...], shown: Mapping[str, str]) -> list[dict[str, str]]:
    """Label and text for each field shown, in the fields' order; blank ones left out."""
    return [
        {"label": field.label, "value": value}
        for field in fields
        if field.name in shown and (value := shown[field.name])
    ]


def snapshot_display(snapshot: Mapping[str, object]) -> dict[str, Any]:
    """A saved specification laid out for reading: rows of label and text, blank ones left out.
    ``snapshot`` is any stored snapshot: it is read through ``snapshot_read``."""
    spec = snapshot_read(snapshot)
    agreement = spec["agreement"]
    route = spec["route"]
    coproduction = spec["coproduction"]

    def shown(fields: tuple[Field, ...], name: str, value: str | int | bool | None) -> str:
        return value_display(field_named(fields, name), value)

    criteria = spec["criteria"]
    return {
        "about": _rows(ABOUT, about_texts(spec["about"])),
        "agreement": _rows(
            AGREEMENT,
            {
                "agreement_kind": agreement["kind_label"],
                "agreement_reason": agreement["reason"],
                "term_months": shown(AGREEMENT, "term_months", agreement["term_months"]),
                "extension_months": shown(AGREEMENT, "extension_months", agreement["extension_months"]),
                "consortium_welcome": shown(AGREEMENT, "consortium_welcome", agreement["consortium_welcome"]),
                "cost_review": agreement["cost_review"],
            },
        ),
        "route": _rows(
            ROUTE,
            {
                "route": route["route_label"],
                "second_stage": route["second_stage_label"],
                "direct_award_justification": route["direct_award_justification"],
                "cpv_code": route["cpv_code"],
                "light_touch": shown(ROUTE, "light_touch", route["light_touch"]),
                "value_including_vat": shown(ROUTE, "value_including_vat", route["value_including_vat"]),
            },
        ),
        "outcomes": spec["outcomes"],
        "ti_requirements": spec["ti_requirements"],
        "budget_lines": [
            {**line, "amount": pounds_display(money_from_text(line["annual_amount"]))} for line in spec["budget_lines"]
        ],
        "lots": [{**lot, "amount": pounds_display(money_from_text(lot["value"]))} for lot in spec["lots"]],
        "criteria": criteria,
        "weight_total": sum(c["weight"] for c in criteria),
        "social_value_reason": spec["social_value_reason"].strip(),
        "questions": [q for q in spec["questions"] if q["included"]],
        "timeline": _rows(
            TIMELINE,
            {name: shown(TIMELINE, name, value) for name, value in timeline_dates(spec["timeline"]).items()},
        ),
        "coproduction": _rows(
            COPRODUCTION,
            {
                "vulnerability": _label(Vulnerability, coproduction["vulnerability"]),
                "engagement_level": _label(EngagementLevel, coproduction["engagement_level"]),
                "engagement_reason": coproduction["engagement_reason"],
            },
        ),
    }


# ----------------------------------------------------------------------------------------------
# Publishing a version


def later_published_version(*, specification: Specification, number: int) -> SpecificationVersion | None:
    """The newest version after ``number`` that has been published, if there is one: once it is,
    the older version can no longer be published."""
    return (
        SpecificationVersion.objects.filter(specification=specification, number__gt=number, published_at__isnull=False)
        .defer("snapshot")
        .order_by("-number")
        .first()
    )


def newest_published_number(versions: Iterable[SpecificationVersion]) -> int | None:
    """The number of the newest published version among ``versions``; None when none is published."""
    return max((v.number for v in versions if v.published_at is not None), default=None)


def version_warnings(snapshot: Mapping[str, object]) -> list[readiness.PublishWarning]:
    """Every open warning on a saved version: the timeline's (with the minimums from settings) and
    the tender lens's findings, reviewed as the lens page reviews them (and kept in the same cache)."""
    return readiness.publish_warnings(snapshot, rules=timeline_rules(), lens=tender_lens_findings(snapshot))


@dataclass(frozen=True)
class PublishCheck:
    """What stands in the way of publishing a version: ``problems`` block it; each of ``warnings``
    needs a reason; ``later`` is a newer version already published, which means this one cannot be."""

    problems: list[readiness.Problem]
    warnings: list[readiness.PublishWarning]
    later: SpecificationVersion | None


def version_publish_check(*, version: SpecificationVersion) -> PublishCheck:
    """Everything the publish page says about ``version``. Warnings are only worked out for a version
    nothing blocks."""
    later = later_published_version(specification=version.specification, number=version.number)
    problems = readiness.publish_problems(version.snapshot)
    blocked = bool(problems) or later is not None or version.published_at is not None
    return PublishCheck(problems=problems, warnings=[] if blocked else version_warnings(version.snapshot), later=later)


@dataclass(frozen=True)
class PublishReason:
    """A warning a version was published with, what it said, and the team's reason."""

    warning: str
    said: str
    reason: str


def publish_reasons(version: SpecificationVersion) -> list[PublishReason]:
    """The reasons kept with a published version, in the order they were given."""
    rows = version.publish_reasons if isinstance(version.publish_reasons, list) else []
    return [
        PublishReason(warning=str(row.get("warning", "")), said=str(row.get("said", "")), reason=str(row["reason"]))
        for row in rows
        if isinstance(row, Mapping) and str(row.get("reason", "")).strip()
    ]


# ----------------------------------------------------------------------------------------------
# Comparing two versions

Status = Literal["added", "removed", "changed"]
STATUS_LABELS: dict[str, str] = {"added": "Added", "removed": "Removed", "changed": "Changed"}


@dataclass(frozen=True)
class Detail:
    """One value that differs: what it is (blank for a field compared on its own) and its text in
    each version ("" when that version has none)."""

    label: str
    before: str
    after: str


@dataclass(frozen=True)
class Change:
    """One field, or one row of a list, that was added, removed or changed."""

    what: str
    status: Status
    details: tuple[Detail, ...]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass(frozen=True)
class SectionChanges:
    title: str
    changes: list[Change]


@dataclass(frozen=True)
class Comparison:
    older: SpecificationVersion
    newer: SpecificationVersion
    sections: list[SectionChanges]

    @property
    def change_count(self) -> int:
        return sum(len(section.changes) for section in self.sections)


def _field_changes(
    fields: tuple[Field, ...], before: list[dict[str, str]], after: list[dict[str, str]]
) -> list[Change]:
    old = {row["label"]: row["value"] for row in before}
    new = {row["label"]: row["value"] for row in after}
    changes = []
    for field in fields:
        was, now = old.get(field.label, ""), new.get(field.label, "")
        if was == now:
            continue
        status: Status = "added" if not was else "removed" if not now else "changed"
        changes.append(Change(field.label, status, (Detail("", was, now),)))
    return changes


# A list's rows as (what identifies the row, its name, and each value with its label).
Row = tuple[tuple[str, object], str, tuple[tuple[str, str], ...]]


def _keyed(rows: Iterable[Row]) -> dict[tuple[tuple[str, object], int], Row]:
    """Rows by identity; the same identity twice (rows saved before they had ids) is told apart by
    how many came before it."""
    seen: dict[tuple[str, object], int] = {}
    keyed = {}
    for row in rows:
        count = seen.get(row[0], 0)
        seen[row[0]] = count + 1
        keyed[(row[0], count)] = row
    return keyed


def _list_changes(before: Iterable[Row], after: Iterable[Row]) -> list[Change]:
    old, new = _keyed(before), _keyed(after)
    changes = []
    for key, (_identity, name, values) in new.items():
        if key not in old:
            changes.append(Change(name, "added", tuple(Detail(label, "", text) for label, text in values if text)))
            continue
        was = dict(old[key][2])
        differ = tuple(Detail(label, was.get(label, ""), text) for label, text in values if was.get(label, "") != text)
        if differ:
            changes.append(Change(name, "changed", differ))
    for key, (_identity, name, values) in old.items():
        if key not in new:
            changes.append(Change(name, "removed", tuple(Detail(label, text, "") for label, text in values if text)))
    return changes


def _identity(row_id: int | None, name: str) -> tuple[str, object]:
    return ("id", row_id) if row_id is not None else ("name", name)


OUTCOME_KINDS = {"hard": "Hard: counted or measured", "soft": "Soft: how people feel, cope or connect"}


def _outcomes(spec: SpecificationSnapshot) -> list[Row]:
    return [
        (
            _identity(o["id"], o["text"]),
            o["text"] or "An outcome",
            (
                ("Outcome", o["text"]),
                ("Kind", OUTCOME_KINDS.get(o["kind"], "")),
                ("At 6 months", o["indicator_6_months"]),
                ("At 2 years", o["indicator_2_years"]),
                ("At 5 years", o["indicator_5_years"]),
            ),
        )
        for o in spec["outcomes"]
    ]


def _ti_requirements(spec: SpecificationSnapshot) -> list[Row]:
    return [
        (("element", r["element"]), r["label"] or r["element"], (("What providers commit to", r["commitments"]),))
        for r in spec["ti_requirements"]
    ]


def _budget_lines(spec: SpecificationSnapshot) -> list[Row]:
    return [
        (
            _identity(line["id"], line["description"]),
            line["description"] or "A cost line",
            (
                ("Cost", line["description"]),
                ("Kind", line["category_label"]),
                ("Each year", pounds_display(money_from_text(line["annual_amount"]))),
            ),
        )
        for line in spec["budget_lines"]
    ]


def _lots(spec: SpecificationSnapshot) -> list[Row]:
    return [
        (
            _identity(lot["id"], lot["title"]),
            lot["title"] or "A lot",
            (
                ("Lot", lot["title"]),
                ("Description", lot["description"]),
                ("Value", pounds_display(money_from_text(lot["value"]))),
            ),
        )
        for lot in spec["lots"]
    ]


def _criteria(spec: SpecificationSnapshot) -> list[Row]:
    return [
        (
            _identity(c["id"], c["title"]),
            c["title"] or "A criterion",
            (
                ("Criterion", c["title"]),
                ("Group", c["group_label"]),
                ("Weight", f"{c['weight']}%"),
                ("Guidance for evaluators", c["evaluator_guidance"]),
                ("Scoring scale", "; ".join(f"{point['score']}: {point['descriptor']}" for point in c["scale"])),
            ),
        )
        for c in spec["criteria"]
    ]


def _questions(spec: SpecificationSnapshot) -> list[Row]:
    return [
        (
            _identity(q["id"], q["text"]),
            q["text"] or "A question",
            (
                ("Question", q["text"]),
                ("Guidance", q["guidance"]),
                ("Why we ask", q["why_we_ask"]),
                ("How we will use your answer", q["how_we_use"]),
                ("Who is asked", q["phase_label"]),
                ("Word limit", f"{q['word_limit']} words" if q["word_limit"] else ""),
                ("Scored against", q["criterion_title"]),
                ("Co-produced with", q["coproduced_with"]),
            ),
        )
        for q in spec["questions"]
        if q["included"]
    ]


SOCIAL_VALUE_REASON = str(SectionKey.SOCIAL_VALUE.label)


def _sections(old: SpecificationSnapshot, new: SpecificationSnapshot) -> list[SectionChanges]:
    """Each section in the order a version's page shows it."""
    before, after = snapshot_display(old), snapshot_display(new)

    def listed(rows: Callable[[SpecificationSnapshot], list[Row]]) -> list[Change]:
        return _list_changes(rows(old), rows(new))

    reason = _field_changes(
        (Field("social_value_reason", "text", label=SOCIAL_VALUE_REASON),),
        [{"label": SOCIAL_VALUE_REASON, "value": before["social_value_reason"]}],
        [{"label": SOCIAL_VALUE_REASON, "value": after["social_value_reason"]}],
    )
    return [
        SectionChanges("About the service", _field_changes(ABOUT, before["about"], after["about"])),
        SectionChanges("Agreement", _field_changes(AGREEMENT, before["agreement"], after["agreement"])),
        SectionChanges("Route and regime", _field_changes(ROUTE, before["route"], after["route"])),
        SectionChanges("Outcomes", listed(_outcomes)),
        SectionChanges("Trauma-informed requirements", listed(_ti_requirements)),
        SectionChanges("Budget", listed(_budget_lines)),
        SectionChanges("Lots", listed(_lots)),
        SectionChanges("Award criteria", [*listed(_criteria), *reason]),
        SectionChanges("Questions for bidders", listed(_questions)),
        SectionChanges("Timeline", _field_changes(TIMELINE, before["timeline"], after["timeline"])),
        SectionChanges("Co-production", _field_changes(COPRODUCTION, before["coproduction"], after["coproduction"])),
    ]


def snapshot_changes(older: Mapping[str, object], newer: Mapping[str, object]) -> list[SectionChanges]:
    """What was added, removed and changed from ``older`` to ``newer``, section by section, every
    section listed (with no changes when it is the same). Both are any stored snapshot."""
    return _sections(snapshot_read(older), snapshot_read(newer))


def versions_compare(*, specification: Specification, first: int, second: int) -> Comparison | None:
    """What changed between two saved versions, the older one first whichever way round they are
    given; None when either is not a saved version of this specification. One query."""
    wanted = sorted({first, second})
    found = {
        v.number: v
        for v in SpecificationVersion.objects.filter(specification=specification, number__in=wanted).select_related(
            "created_by", "published_by"
        )
    }
    if len(wanted) != 2 or len(found) != 2:
        return None
    older, newer = found[wanted[0]], found[wanted[1]]
    return Comparison(older=older, newer=newer, sections=snapshot_changes(older.snapshot, newer.snapshot))


def neighbour_numbers(*, specification: Specification, number: int) -> tuple[int | None, int | None]:
    """The saved versions just before and just after ``number``, to compare it with; None where
    there is none. One query."""
    numbers = set(
        SpecificationVersion.objects.filter(specification=specification, number__in=[number - 1, number + 1])
        .order_by()
        .values_list("number", flat=True)
    )
    return (number - 1 if number - 1 in numbers else None, number + 1 if number + 1 in numbers else None)
