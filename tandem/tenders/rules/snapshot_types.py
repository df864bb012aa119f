"""The whole specification as one typed value, and the one reader that makes it from stored JSON.
Pure Python: no Django imports.

``tandem/tenders/snapshot.py`` builds a ``SpecificationSnapshot`` from the working copy; a saved
version stores it as JSON (``SpecificationVersion.snapshot``). Everything that reads a snapshot (the
versions pages, the publish checks, the exports, the tender lens) reads it through
``snapshot_read``, which takes whatever was stored, by any Tandem that ever saved one, and gives
back a complete ``SpecificationSnapshot``: every part and every key present, each value of its
type. A key an older Tandem did not save (``specialist_work``, a question's
``first_stage_reason``) gets its default, and a value of the wrong type is read as blank, so the
readers need no checks of their own.

The value stays plain JSON: money is a string of pounds and pence ("12500.00"), dates are ISO
strings ("2027-01-10"), and every list is in the order the team set. ``fields.date_from_iso`` and
``fields.money_from_text`` turn them into dates and amounts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import TypedDict, cast

from tandem.core.values import MAX_POUNDS
from tandem.tenders.rules.fields import ABOUT_NAMES, TIMELINE_NAMES

# The shape's version, saved with each snapshot. Every snapshot saved so far is schema 1: keys were
# only ever added (the reader gives a missing one its default), never renamed or removed.
SNAPSHOT_SCHEMA = 1


class CommissionPart(TypedDict):
    id: int | None
    title: str
    service_area: str
    lead_funder: str


class AboutPart(TypedDict):
    purpose: str
    people_for: str
    services_required: str
    reporting: str
    ending_plan: str


class AgreementPart(TypedDict):
    kind: str
    kind_label: str
    specialist_work: bool
    reason: str
    term_months: int | None
    extension_months: int | None
    # None when a snapshot does not say (the model always does).
    consortium_welcome: bool | None
    cost_review: str


class RoutePart(TypedDict):
    route: str
    route_label: str
    second_stage: str
    second_stage_label: str
    direct_award_justification: str
    cpv_code: str
    # None for "not sure".
    light_touch: bool | None
    value_including_vat: str | None


class TimelinePart(TypedDict):
    """Each date as an ISO string, or None when not set; the keys are ``fields.TIMELINE``'s names."""

    publication_on: str | None
    clarification_deadline: str | None
    submission_deadline: str | None
    evaluation_from: str | None
    evaluation_to: str | None
    presentations_on: str | None
    award_on: str | None
    feedback_by: str | None
    standstill_ends_on: str | None
    mobilisation_from: str | None
    service_starts_on: str | None


class CoproductionPart(TypedDict):
    vulnerability: str
    engagement_level: str
    engagement_reason: str


class OutcomeRow(TypedDict):
    id: int | None
    text: str
    kind: str
    indicator_6_months: str
    indicator_2_years: str
    indicator_5_years: str


class TIRequirementRow(TypedDict):
    element: str
    label: str
    commitments: str


class BudgetLineRow(TypedDict):
    id: int | None
    category: str
    category_label: str
    description: str
    annual_amount: str | None


class LotRow(TypedDict):
    id: int | None
    title: str
    description: str
    value: str | None


class ScalePoint(TypedDict):
    # A whole number as saved; text when someone's data had text there (it is shown as it is).
    score: int | str
    descriptor: str


class CriterionRow(TypedDict):
    id: int | None
    group: str
    group_label: str
    title: str
    weight: int
    evaluator_guidance: str
    scale: list[ScalePoint]


class QuestionRow(TypedDict):
    id: int | None
    text: str
    guidance: str
    word_limit: int | None
    criterion_id: int | None
    criterion_title: str
    phase: str
    phase_label: str
    is_financial: bool
    first_stage_reason: str
    why_we_ask: str
    how_we_use: str
    coproduced_with: str
    is_open: bool
    included: bool
    excluded_reason: str


class SpecificationSnapshot(TypedDict):
    schema: int
    commission: CommissionPart
    about: AboutPart
    agreement: AgreementPart
    route: RoutePart
    timeline: TimelinePart
    coproduction: CoproductionPart
    outcomes: list[OutcomeRow]
    ti_requirements: list[TIRequirementRow]
    budget_lines: list[BudgetLineRow]
    lots: list[LotRow]
    criteria: list[CriterionRow]
    social_value_reason: str
    questions: list[QuestionRow]


def timeline_dates(timeline: TimelinePart) -> dict[str, str | None]:
    """The timeline's dates by name, in ``fields.TIMELINE`` order."""
    dates = cast(Mapping[str, str | None], timeline)
    return {name: dates.get(name) for name in TIMELINE_NAMES}


def about_texts(about: AboutPart) -> dict[str, str]:
    """What the about section says, by name, in ``fields.ABOUT`` order."""
    texts = cast(Mapping[str, str], about)
    return {name: texts.get(name, "") for name in ABOUT_NAMES}


# Reading one value -------------------------------------------------------------------------------

Raw = Mapping[str, object]
_EMPTY: Raw = {}


def _part(raw: Raw, name: str) -> Raw:
    value = raw.get(name)
    return value if isinstance(value, Mapping) else _EMPTY


def _rows(raw: Raw, name: str) -> list[Raw]:
    value = raw.get(name)
    return [row for row in value if isinstance(row, Mapping)] if isinstance(value, list) else []


def _text(raw: Raw, name: str) -> str:
    value = raw.get(name)
    return value if isinstance(value, str) else ""


def _int(raw: Raw, name: str) -> int | None:
    value = raw.get(name)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _flag(raw: Raw, name: str) -> bool | None:
    value = raw.get(name)
    return value if isinstance(value, bool) else None


def _bool(raw: Raw, name: str, default: bool) -> bool:
    value = _flag(raw, name)
    return default if value is None else value


def date_read(value: object) -> str | None:
    """A stored date as the ISO string the snapshot keeps ("2027-01-10"); None when it is not one."""
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day).isoformat()
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        return None


def money_read(value: object) -> str | None:
    """A stored amount as text that is surely an amount Tandem could have saved ("12500.00"); None
    when it is blank, not a number, or beyond what the database holds."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float | Decimal):
        text = str(value)
    elif isinstance(value, str):
        text = value.strip()
    else:
        return None
    try:
        amount = Decimal(text)
    except ArithmeticError:
        return None
    if not amount.is_finite() or abs(amount) > MAX_POUNDS:
        return None
    return text


def scale_read(value: object) -> list[ScalePoint]:
    """A criterion's scoring scale: each point's score and what it means."""
    if not isinstance(value, list):
        return []
    points: list[ScalePoint] = []
    for point in value:
        if not isinstance(point, Mapping):
            continue
        score = point.get("score")
        points.append(
            ScalePoint(
                score=score
                if isinstance(score, str) or (isinstance(score, int) and not isinstance(score, bool))
                else "",
                descriptor=_text(point, "descriptor"),
            )
        )
    return points


# Reading each part -------------------------------------------------------------------------------


def _commission(raw: Raw) -> CommissionPart:
    return CommissionPart(
        id=_int(raw, "id"),
        title=_text(raw, "title"),
        service_area=_text(raw, "service_area"),
        lead_funder=_text(raw, "lead_funder"),
    )


def _about(raw: Raw) -> AboutPart:
    return cast(AboutPart, {name: _text(raw, name) for name in ABOUT_NAMES})


def _agreement(raw: Raw) -> AgreementPart:
    return AgreementPart(
        kind=_text(raw, "kind"),
        kind_label=_text(raw, "kind_label"),
        specialist_work=_bool(raw, "specialist_work", False),
        reason=_text(raw, "reason"),
        term_months=_int(raw, "term_months"),
        extension_months=_int(raw, "extension_months"),
        consortium_welcome=_flag(raw, "consortium_welcome"),
        cost_review=_text(raw, "cost_review"),
    )


def _route(raw: Raw) -> RoutePart:
    return RoutePart(
        route=_text(raw, "route"),
        route_label=_text(raw, "route_label"),
        second_stage=_text(raw, "second_stage"),
        second_stage_label=_text(raw, "second_stage_label"),
        direct_award_justification=_text(raw, "direct_award_justification"),
        cpv_code=_text(raw, "cpv_code"),
        light_touch=_flag(raw, "light_touch"),
        value_including_vat=money_read(raw.get("value_including_vat")),
    )


def _timeline(raw: Raw) -> TimelinePart:
    return cast(TimelinePart, {name: date_read(raw.get(name)) for name in TIMELINE_NAMES})


def _coproduction(raw: Raw) -> CoproductionPart:
    return CoproductionPart(
        vulnerability=_text(raw, "vulnerability"),
        engagement_level=_text(raw, "engagement_level"),
        engagement_reason=_text(raw, "engagement_reason"),
    )


def _outcome(raw: Raw) -> OutcomeRow:
    return OutcomeRow(
        id=_int(raw, "id"),
        text=_text(raw, "text"),
        kind=_text(raw, "kind"),
        indicator_6_months=_text(raw, "indicator_6_months"),
        indicator_2_years=_text(raw, "indicator_2_years"),
        indicator_5_years=_text(raw, "indicator_5_years"),
    )


def _ti_requirement(raw: Raw) -> TIRequirementRow:
    return TIRequirementRow(
        element=_text(raw, "element"), label=_text(raw, "label"), commitments=_text(raw, "commitments")
    )


def _budget_line(raw: Raw) -> BudgetLineRow:
    return BudgetLineRow(
        id=_int(raw, "id"),
        category=_text(raw, "category"),
        category_label=_text(raw, "category_label"),
        description=_text(raw, "description"),
        annual_amount=money_read(raw.get("annual_amount")),
    )


def _lot(raw: Raw) -> LotRow:
    return LotRow(
        id=_int(raw, "id"),
        title=_text(raw, "title"),
        description=_text(raw, "description"),
        value=money_read(raw.get("value")),
    )


def _criterion(raw: Raw) -> CriterionRow:
    return CriterionRow(
        id=_int(raw, "id"),
        group=_text(raw, "group"),
        group_label=_text(raw, "group_label"),
        title=_text(raw, "title"),
        weight=_int(raw, "weight") or 0,
        evaluator_guidance=_text(raw, "evaluator_guidance"),
        scale=scale_read(raw.get("scale")),
    )


def _question(raw: Raw) -> QuestionRow:
    return QuestionRow(
        id=_int(raw, "id"),
        text=_text(raw, "text"),
        guidance=_text(raw, "guidance"),
        word_limit=_int(raw, "word_limit"),
        criterion_id=_int(raw, "criterion_id"),
        criterion_title=_text(raw, "criterion_title"),
        phase=_text(raw, "phase"),
        phase_label=_text(raw, "phase_label"),
        is_financial=_bool(raw, "is_financial", False),
        first_stage_reason=_text(raw, "first_stage_reason"),
        why_we_ask=_text(raw, "why_we_ask"),
        how_we_use=_text(raw, "how_we_use"),
        coproduced_with=_text(raw, "coproduced_with"),
        is_open=_bool(raw, "is_open", False),
        # A question is in the specification unless it was switched off.
        included=_bool(raw, "included", True),
        excluded_reason=_text(raw, "excluded_reason"),
    )


def snapshot_read(raw: object) -> SpecificationSnapshot:
    """Any stored snapshot (or anything at all) as a complete ``SpecificationSnapshot``.

    Lenient by design, because saved versions must always open: a part or key that is missing
    gets its default (blank text, None, an empty list, a question included), and a value of the
    wrong type is read as missing. Reading what this returns gives it back unchanged."""
    snapshot = raw if isinstance(raw, Mapping) else _EMPTY
    schema = _int(snapshot, "schema")
    return SpecificationSnapshot(
        schema=SNAPSHOT_SCHEMA if schema is None else schema,
        commission=_commission(_part(snapshot, "commission")),
        about=_about(_part(snapshot, "about")),
        agreement=_agreement(_part(snapshot, "agreement")),
        route=_route(_part(snapshot, "route")),
        timeline=_timeline(_part(snapshot, "timeline")),
        coproduction=_coproduction(_part(snapshot, "coproduction")),
        outcomes=[_outcome(row) for row in _rows(snapshot, "outcomes")],
        ti_requirements=[_ti_requirement(row) for row in _rows(snapshot, "ti_requirements")],
        budget_lines=[_budget_line(row) for row in _rows(snapshot, "budget_lines")],
        lots=[_lot(row) for row in _rows(snapshot, "lots")],
        criteria=[_criterion(row) for row in _rows(snapshot, "criteria")],
        social_value_reason=_text(snapshot, "social_value_reason"),
        questions=[_question(row) for row in _rows(snapshot, "questions")],
    )
