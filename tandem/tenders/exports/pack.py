"""The specification pack and the evaluation plan as plain data, built from a snapshot.

Pure: no Django, so the builders can be tested without a database. Everything comes from the
snapshot dictionary (``tandem/tenders/snapshot.py``), so a saved version exports exactly as it was
saved. A snapshot saved by an older Tandem may lack a key: every read here has a default, and
an empty part of the specification says "Not written yet" rather than disappearing.

The order of the pack follows the tender template in seed 004, appendix C (purpose, services
required, award criteria with weights, outcome indicators at 6 months, 2 years and 5 years), with
the trauma-informed requirements of seed 000 (Design), the open, explained questions of seed 000
(Procure: transparency of weights, transparent information requests) and the ending plan of seed
000 (Sustain).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar

from tandem.commissions.exports.log import xml_safe
from tandem.core.values import date_display, pounds_display

NOT_WRITTEN = "Not written yet"

PACK_DOCX = "pack.docx"
PACK_PDF = "pack.pdf"
EVALUATION_PLAN_XLSX = "evaluation-plan.xlsx"
NAMES = (PACK_DOCX, PACK_PDF, EVALUATION_PLAN_XLSX)
CONTENT_TYPES = {
    PACK_DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    PACK_PDF: "application/pdf",
    EVALUATION_PLAN_XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

FILE_LABELS = {
    PACK_DOCX: "the specification pack as a Word document",
    PACK_PDF: "the specification pack as a PDF",
    EVALUATION_PLAN_XLSX: "the evaluation plan as an Excel spreadsheet",
}

# The labels the models give these choices; the snapshot stores only the value. A test checks
# they still match tandem/tenders/models/.
OUTCOME_KINDS = {"hard": "Hard: counted or measured", "soft": "Soft: how people feel, cope or connect"}
TI_ELEMENTS = (
    ("person_centred", "Person-centred engagement that offers safety, choice and control"),
    ("sensitive_monitoring", "Outcome monitoring that does not re-traumatise people"),
    ("policies", "Trauma-informed policies and physically and emotionally safe settings"),
    ("cultural", "Culturally responsive, inclusive practice"),
    ("training", "Ongoing trauma-informed training and professional development"),
    ("supervision", "Reflective practice and supervision for staff and volunteers"),
    ("coproduction", "Co-production with people with lived experience"),
)
TIMELINE_LABELS = (
    ("publication_on", "The opportunity is published"),
    ("clarification_deadline", "Last day to ask a clarification question"),
    ("submission_deadline", "Bids are due"),
    ("evaluation_from", "Evaluation starts"),
    ("evaluation_to", "Evaluation ends"),
    ("presentations_on", "Presentations or dialogue"),
    ("award_on", "The award is decided"),
    ("feedback_by", "Every bidder has feedback by"),
    ("standstill_ends_on", "The standstill period ends"),
    ("mobilisation_from", "Mobilisation starts"),
    ("service_starts_on", "The service starts"),
)

# An Excel cell holds at most 32,767 characters.
CELL_LIMIT = 32_000


# Reading a snapshot safely ------------------------------------------------------------------


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _records(value: Any) -> list[Mapping[str, Any]]:
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


def _text(source: Mapping[str, Any], key: str) -> str:
    value = source.get(key)
    if isinstance(value, bool) or value is None:
        return ""
    return xml_safe(str(value)).strip()


def _int(source: Mapping[str, Any], key: str) -> int | None:
    value = source.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return None
    return amount if amount.is_finite() else None


def _date(value: Any) -> datetime.date | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


# Formatting ---------------------------------------------------------------------------------


def months_display(months: int) -> str:
    return f"{months} month{'' if months == 1 else 's'}"


def paragraphs(text: str) -> tuple[str, ...]:
    """Blocks of text separated by a blank line; single line breaks stay inside a block."""
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    return tuple(block.strip() for block in blocks if block.strip())


def slug(text: str, fallback: str) -> str:
    """ASCII letters, digits and hyphens only, at most 60 characters."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-") or fallback


# The pack's building blocks -----------------------------------------------------------------


@dataclass(frozen=True)
class Prose:
    """Paragraphs of what the team wrote, or "Not written yet"."""

    paragraphs: tuple[str, ...]
    kind: ClassVar[str] = "prose"

    @property
    def missing(self) -> bool:
        return self.paragraphs == (NOT_WRITTEN,)


@dataclass(frozen=True)
class Details:
    """Label and value pairs (a definition list in the PDF, bold labels in Word)."""

    rows: tuple[tuple[str, str], ...]
    kind: ClassVar[str] = "details"


@dataclass(frozen=True)
class Grid:
    """A table with a caption, a header row and an optional total row."""

    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    foot: tuple[str, ...] = ()
    kind: ClassVar[str] = "grid"


@dataclass(frozen=True)
class Bullets:
    intro: str
    items: tuple[str, ...]
    kind: ClassVar[str] = "bullets"


Block = Prose | Details | Grid | Bullets


@dataclass(frozen=True)
class Item:
    """One outcome, requirement, criterion or question: a heading one level below its section."""

    heading: str
    blocks: tuple[Block, ...]
    kind: ClassVar[str] = "item"


@dataclass(frozen=True)
class Section:
    slug: str
    heading: str
    blocks: tuple[Block | Item, ...]


@dataclass(frozen=True)
class Edition:
    """Which copy this is: a saved version (with its number and dates) or the working copy."""

    made_on: datetime.date
    number: int | None = None
    saved_on: datetime.date | None = None
    published_on: datetime.date | None = None

    @property
    def label(self) -> str:
        return f"Version {self.number}" if self.number is not None else "Working copy"

    @property
    def status(self) -> str:
        if self.number is None:
            return "Not saved as a version: it shows the specification as it is today"
        saved = f"Saved on {date_display(self.saved_on)}" if self.saved_on else "Saved"
        if self.published_on:
            return f"{saved}. Published to bidders on {date_display(self.published_on)}"
        return f"{saved}. Not published to bidders"

    @property
    def made_display(self) -> str:
        return date_display(self.made_on)

    @property
    def file_part(self) -> str:
        return f"v{self.number}" if self.number is not None else f"working-copy-{self.made_on:%Y-%m-%d}"


@dataclass(frozen=True)
class SpecificationPack:
    title: str
    lead_funder: str
    service_area: str
    edition: Edition
    sections: tuple[Section, ...]

    @property
    def document_title(self) -> str:
        return f"Specification: {self.title}"

    @property
    def subject(self) -> str:
        return f"{self.edition.label} of the service specification for {self.title}"


def export_filename(title: str, name: str, edition: Edition) -> str:
    """For example ``domestic-abuse-support-specification-v3.pdf``."""
    if name not in NAMES:
        raise ValueError(f"Unknown export {name!r}")
    stem, extension = name.rsplit(".", 1)
    kind = "evaluation-plan" if stem == "evaluation-plan" else "specification"
    return f"{slug(title, 'commission')}-{kind}-{edition.file_part}.{extension}"


# Building the pack --------------------------------------------------------------------------


def _prose(text: str) -> Prose:
    return Prose(paragraphs(text) or (NOT_WRITTEN,))


def _or_missing(text: str) -> str:
    return text or NOT_WRITTEN


def _about(about: Mapping[str, Any], key: str, slug_: str, heading: str) -> Section:
    return Section(slug_, heading, (_prose(_text(about, key)),))


def _outcomes(snapshot: Mapping[str, Any]) -> Section:
    items: list[Block | Item] = []
    for number, outcome in enumerate(_records(snapshot.get("outcomes")), start=1):
        kind = _text(outcome, "kind")
        items.append(
            Item(
                f"Outcome {number}",
                (
                    _prose(_text(outcome, "text")),
                    Details(
                        (
                            ("Hard or soft", OUTCOME_KINDS.get(kind, kind) or NOT_WRITTEN),
                            ("Indicator at 6 months", _or_missing(_text(outcome, "indicator_6_months"))),
                            ("Indicator at 2 years", _or_missing(_text(outcome, "indicator_2_years"))),
                            ("Indicator at 5 years", _or_missing(_text(outcome, "indicator_5_years"))),
                        )
                    ),
                ),
            )
        )
    return Section("outcomes", "Outcomes", tuple(items) or (Prose((NOT_WRITTEN,)),))


def _ti_requirements(snapshot: Mapping[str, Any]) -> Section:
    labels = dict(TI_ELEMENTS)
    blocks: list[Block | Item] = []
    chosen: set[str] = set()
    for requirement in _records(snapshot.get("ti_requirements")):
        element = _text(requirement, "element")
        chosen.add(element)
        heading = _text(requirement, "label") or labels.get(element, element) or "Requirement"
        blocks.append(Item(heading, (_prose(_text(requirement, "commitments")),)))
    if not blocks:
        blocks.append(Prose((NOT_WRITTEN,)))
    not_chosen = tuple(label for element, label in TI_ELEMENTS if element not in chosen)
    if not_chosen:
        blocks.append(Bullets("This specification does not yet ask providers for:", not_chosen))
    return Section("trauma-informed", "Trauma-informed requirements", tuple(blocks))


def _budget(snapshot: Mapping[str, Any]) -> Section:
    lines = _records(snapshot.get("budget_lines"))
    if not lines:
        return Section("budget", "Budget", (Prose((NOT_WRITTEN,)),))
    total = Decimal(0)
    rows: list[tuple[str, str, str]] = []
    for line in lines:
        amount = _decimal(line.get("annual_amount"))
        total += amount or 0
        category = _text(line, "category_label") or _text(line, "category")
        rows.append((category, _text(line, "description"), pounds_display(amount)))
    blocks: list[Block | Item] = [
        Grid(
            "Budget lines: the cost each year",
            ("Cost", "What it pays for", "A year"),
            tuple(rows),
            ("Total a year", "", pounds_display(total)),
        )
    ]
    term = _int(_mapping(snapshot.get("agreement")), "term_months")
    if term:
        over_term = total * term / 12
        blocks.append(Prose((f"Over the {term}-month term, at these prices: {pounds_display(over_term)}.",)))
    return Section("budget", "Budget", tuple(blocks))


def _agreement(snapshot: Mapping[str, Any]) -> Section:
    agreement = _mapping(snapshot.get("agreement"))
    rows: list[tuple[str, str]] = [("Contract or grant", _or_missing(_text(agreement, "kind_label")))]
    if reason := _text(agreement, "reason"):
        rows.append(("Why we chose this", reason))
    term = _int(agreement, "term_months")
    rows.append(("Term", months_display(term) if term else NOT_WRITTEN))
    extension = _int(agreement, "extension_months")
    if extension is None:
        rows.append(("Possible extension", NOT_WRITTEN))
    else:
        rows.append(("Possible extension", f"Up to {months_display(extension)}" if extension else "No extension"))
    consortium = agreement.get("consortium_welcome")
    if isinstance(consortium, bool):
        rows.append(
            (
                "Bids from a consortium",
                "Welcome: organisations can bid together" if consortium else "Not invited: one organisation bids",
            )
        )
    else:
        rows.append(("Bids from a consortium", NOT_WRITTEN))
    rows.append(("How prices are reviewed over the term", _or_missing(_text(agreement, "cost_review"))))
    return Section("agreement", "The agreement", (Details(tuple(rows)),))


def _route(snapshot: Mapping[str, Any]) -> Section:
    route = _mapping(snapshot.get("route"))
    kind = _text(route, "route")
    rows: list[tuple[str, str]] = [("Route", _or_missing(_text(route, "route_label")))]
    if kind == "two_stage":
        rows.append(("The second stage", _or_missing(_text(route, "second_stage_label"))))
    if kind == "direct_award":
        rows.append(("Why a direct award", _or_missing(_text(route, "direct_award_justification"))))
    rows.append(("CPV (Common Procurement Vocabulary) code", _or_missing(_text(route, "cpv_code"))))
    light_touch = route.get("light_touch")
    rows.append(
        (
            "Light touch regime (for health, social and other services to people)",
            ("Yes" if light_touch else "No") if isinstance(light_touch, bool) else NOT_WRITTEN,
        )
    )
    rows.append(("Value including VAT", pounds_display(_decimal(route.get("value_including_vat"))) or NOT_WRITTEN))
    return Section("route", "Route and regime", (Details(tuple(rows)),))


def _lots(snapshot: Mapping[str, Any]) -> Section:
    lots = _records(snapshot.get("lots"))
    if not lots:
        return Section("lots", "Lots", (Prose((NOT_WRITTEN, "With no lots, the service is bought as one whole.")),))
    rows = tuple(
        (_text(lot, "title"), _text(lot, "description"), pounds_display(_decimal(lot.get("value"))) or NOT_WRITTEN)
        for lot in lots
    )
    return Section("lots", "Lots", (Grid("The lots", ("Lot", "What it covers", "Value"), rows),))


def _timeline(snapshot: Mapping[str, Any]) -> Section:
    timeline = _mapping(snapshot.get("timeline"))
    rows: list[tuple[str, str]] = []
    for key, label in TIMELINE_LABELS:
        when = _date(timeline.get(key))
        rows.append((label, date_display(when) if when else NOT_WRITTEN))
    return Section("timeline", "Timeline", (Grid("Key dates", ("Step", "Date"), tuple(rows)),))


def _scale_rows(criterion: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    rows: list[tuple[str, str]] = []
    for point in _records(criterion.get("scale")):
        rows.append((_text(point, "score"), _text(point, "descriptor") or NOT_WRITTEN))
    return tuple(rows)


def _weight(criterion: Mapping[str, Any]) -> int:
    return _int(criterion, "weight") or 0


def _criteria(snapshot: Mapping[str, Any]) -> Section:
    criteria = _records(snapshot.get("criteria"))
    if not criteria:
        return Section("award-criteria", "Award criteria", (Prose((NOT_WRITTEN,)),))
    total = sum(_weight(c) for c in criteria)
    blocks: list[Block | Item] = [
        Grid(
            "Award criteria and their weights",
            ("Group", "Criterion", "Weight"),
            tuple(
                (_text(c, "group_label") or _text(c, "group"), _text(c, "title"), f"{_weight(c)}%") for c in criteria
            ),
            ("Total", "", f"{total}%"),
        )
    ]
    if total != 100:
        blocks.append(Prose((f"The weights add up to {total}%. They need to add up to 100%.",)))
    if reason := _text(snapshot, "social_value_reason"):
        blocks.append(Details((("Why social value is weighted below 10%", reason),)))
    for criterion in criteria:
        scale = _scale_rows(criterion)
        title = _text(criterion, "title") or "Criterion"
        blocks.append(
            Item(
                f"{title} ({_weight(criterion)}%)",
                (
                    Details(
                        (
                            ("Group", _text(criterion, "group_label") or _text(criterion, "group") or NOT_WRITTEN),
                            ("Weight", f"{_weight(criterion)}% of the total score"),
                        )
                    ),
                    Grid(f"How answers to {title} are scored", ("Score", "What the score means"), scale)
                    if scale
                    else Prose((f"Scoring scale: {NOT_WRITTEN}",)),
                ),
            )
        )
    return Section("award-criteria", "Award criteria", tuple(blocks))


def _criterion_names(snapshot: Mapping[str, Any]) -> dict[int, tuple[str, int]]:
    names: dict[int, tuple[str, int]] = {}
    for criterion in _records(snapshot.get("criteria")):
        criterion_id = _int(criterion, "id")
        if criterion_id is not None:
            names[criterion_id] = (_text(criterion, "title"), _weight(criterion))
    return names


def _scored_against(question: Mapping[str, Any], names: Mapping[int, tuple[str, int]]) -> tuple[str, int | None]:
    criterion_id = _int(question, "criterion_id")
    if criterion_id is not None and criterion_id in names:
        return names[criterion_id]
    return _text(question, "criterion_title"), None


def _word_limit(question: Mapping[str, Any]) -> str:
    limit = _int(question, "word_limit")
    return f"{limit:,} words" if limit else "No word limit"


def _included(questions: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    return [q for q in questions if q.get("included", True) is not False]


def _questions(snapshot: Mapping[str, Any]) -> Section:
    questions = _records(snapshot.get("questions"))
    names = _criterion_names(snapshot)
    blocks: list[Block | Item] = []
    for number, question in enumerate(_included(questions), start=1):
        title, weight = _scored_against(question, names)
        rows: list[tuple[str, str]] = []
        if guidance := _text(question, "guidance"):
            rows.append(("Guidance", guidance))
        rows.append(("Word limit", _word_limit(question)))
        if title:
            rows.append(("Scored against", f"{title} ({weight}%)" if weight is not None else title))
        else:
            rows.append(("Scored against", "Not linked to an award criterion"))
        rows.append(("Who answers", _text(question, "phase_label") or _or_missing(_text(question, "phase"))))
        rows.append(("Why we ask", _or_missing(_text(question, "why_we_ask"))))
        rows.append(("How we will use your answer", _or_missing(_text(question, "how_we_use"))))
        if coproduced := _text(question, "coproduced_with"):
            rows.append(("Co-produced with", coproduced))
        blocks.append(Item(f"Question {number}", (_prose(_text(question, "text")), Details(tuple(rows)))))
    if not blocks:
        blocks.append(Prose((NOT_WRITTEN,)))
    left_out = [q for q in questions if q.get("included", True) is False]
    if left_out:
        blocks.append(
            Grid(
                "Questions the team left out",
                ("Question", "Why it was left out"),
                tuple((_text(q, "text"), _or_missing(_text(q, "excluded_reason"))) for q in left_out),
            )
        )
    return Section("questions", "Questions for bidders", tuple(blocks))


def specification_pack(snapshot: Mapping[str, Any], edition: Edition) -> SpecificationPack:
    """Every part of the specification in the order the pack gives it."""
    commission = _mapping(snapshot.get("commission"))
    about = _mapping(snapshot.get("about"))
    return SpecificationPack(
        title=_text(commission, "title") or "Untitled commission",
        lead_funder=_text(commission, "lead_funder"),
        service_area=_text(commission, "service_area"),
        edition=edition,
        sections=(
            _about(about, "purpose", "purpose", "Purpose"),
            _about(about, "people_for", "people", "The people it is for"),
            _about(about, "services_required", "services", "Services required"),
            _outcomes(snapshot),
            _ti_requirements(snapshot),
            _budget(snapshot),
            _agreement(snapshot),
            _route(snapshot),
            _lots(snapshot),
            _timeline(snapshot),
            _criteria(snapshot),
            _questions(snapshot),
            _about(about, "reporting", "reporting", "Reporting"),
            _about(about, "ending_plan", "ending", "When the service ends"),
        ),
    )


# The evaluation plan ------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanCriterion:
    group: str
    title: str
    weight: int
    guidance: str


@dataclass(frozen=True)
class PlanScalePoint:
    criterion: str
    score: str
    descriptor: str


@dataclass(frozen=True)
class PlanQuestion:
    number: int
    text: str
    criterion: str
    weight: int | None
    phase: str
    word_limit: int | None
    why_we_ask: str
    how_we_use: str
    coproduced_with: str


@dataclass(frozen=True)
class EvaluationPlan:
    title: str
    lead_funder: str
    edition: Edition
    criteria: tuple[PlanCriterion, ...]
    scale: tuple[PlanScalePoint, ...]
    questions: tuple[PlanQuestion, ...]

    @property
    def document_title(self) -> str:
        return f"Evaluation plan: {self.title}"


def evaluation_plan(snapshot: Mapping[str, Any], edition: Edition) -> EvaluationPlan:
    """The award criteria, their scales and the questions that are scored against them."""
    commission = _mapping(snapshot.get("commission"))
    criteria = _records(snapshot.get("criteria"))
    names = _criterion_names(snapshot)
    questions: list[PlanQuestion] = []
    for number, question in enumerate(_included(_records(snapshot.get("questions"))), start=1):
        title, weight = _scored_against(question, names)
        questions.append(
            PlanQuestion(
                number=number,
                text=_text(question, "text"),
                criterion=title,
                weight=weight,
                phase=_text(question, "phase_label") or _text(question, "phase"),
                word_limit=_int(question, "word_limit"),
                why_we_ask=_text(question, "why_we_ask"),
                how_we_use=_text(question, "how_we_use"),
                coproduced_with=_text(question, "coproduced_with"),
            )
        )
    return EvaluationPlan(
        title=_text(commission, "title") or "Untitled commission",
        lead_funder=_text(commission, "lead_funder"),
        edition=edition,
        criteria=tuple(
            PlanCriterion(
                group=_text(c, "group_label") or _text(c, "group"),
                title=_text(c, "title"),
                weight=_weight(c),
                guidance=_text(c, "evaluator_guidance"),
            )
            for c in criteria
        ),
        scale=tuple(
            PlanScalePoint(criterion=_text(c, "title"), score=score, descriptor=descriptor)
            for c in criteria
            for score, descriptor in _scale_rows(c)
        ),
        questions=tuple(questions),
    )
