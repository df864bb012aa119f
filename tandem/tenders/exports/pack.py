"""The specification pack and the evaluation plan as plain data, built from a snapshot.

Pure: no Django, so the builders can be tested without a database. Everything comes from the
snapshot (``tandem/tenders/rules/snapshot_types.py``), so a saved version exports exactly as it was
saved. A snapshot saved by an older Tandem may lack a key: ``snapshot_read`` gives it its default,
and an empty part of the specification says "Not written yet" rather than disappearing. Each
field's name and order are ``rules.fields``'.

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
from decimal import Decimal
from typing import ClassVar

from tandem.commissions.exports.log import xml_safe
from tandem.core.values import date_display, pounds_display
from tandem.tenders.rules.criteria import PRICE
from tandem.tenders.rules.fields import (
    ABOUT,
    AGREEMENT,
    ROUTE,
    TIMELINE,
    Field,
    date_from_iso,
    field_named,
    money_from_text,
    months_display,
)
from tandem.tenders.rules.snapshot_types import (
    AboutPart,
    CriterionRow,
    QuestionRow,
    SpecificationSnapshot,
    about_texts,
    snapshot_read,
    timeline_dates,
)

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

# A saved version's downloads are named by their format: one file each (tenders:version-export).
FORMATS = {"docx": PACK_DOCX, "pdf": PACK_PDF, "xlsx": EVALUATION_PLAN_XLSX}

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
# The pack's words for each date, in order.
TIMELINE_LABELS = tuple((field.name, field.in_document) for field in TIMELINE)

# An Excel cell holds at most 32,767 characters.
CELL_LIMIT = 32_000


# Reading a snapshot ----------------------------------------------------------------------------


def _clean(text: str) -> str:
    """What someone typed, without the characters a Word document cannot hold, and trimmed."""
    return xml_safe(text).strip()


def _label(fields: Sequence[Field], key: str) -> str:
    return field_named(fields, key).in_document


# Formatting ---------------------------------------------------------------------------------


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
    def dated_label(self) -> str:
        """Which copy, with its date: "Version 3 of 1 November 2026" (the day it was saved, which
        does not change however often it is downloaded), or "Working copy of 22 November 2026"."""
        when = self.saved_on if self.number is not None else self.made_on
        return f"{self.label} of {date_display(when)}" if when else self.label

    @property
    def title_part(self) -> str:
        """What a saved version adds to a document's title (blank for the working copy, whose
        title page says it is not saved as a version)."""
        if self.number is None:
            return ""
        return f" ({self.dated_label[:1].lower()}{self.dated_label[1:]})"

    @property
    def file_part(self) -> str:
        if self.number is None:
            return f"working-copy-{self.made_on:%Y-%m-%d}"
        return f"v{self.number}-{self.saved_on:%Y-%m-%d}" if self.saved_on else f"v{self.number}"


@dataclass(frozen=True)
class SpecificationPack:
    title: str
    lead_funder: str
    service_area: str
    edition: Edition
    sections: tuple[Section, ...]

    @property
    def document_title(self) -> str:
        """For example "Specification: Domestic abuse support (version 3 of 1 November 2026)"."""
        return f"Specification: {self.title}{self.edition.title_part}"

    @property
    def subject(self) -> str:
        return f"{self.edition.label} of the service specification for {self.title}"

    @property
    def running_head(self) -> str:
        """What heads or foots every page after the first: "Domestic abuse support: Version 3 of
        1 November 2026", so a printed page says which copy it comes from."""
        return f"{self.title}: {self.edition.dated_label}"


def export_filename(title: str, name: str, edition: Edition) -> str:
    """For example ``domestic-abuse-support-specification-v3-2026-11-01.pdf`` (version 3, saved on
    1 November 2026) or ``domestic-abuse-support-specification-working-copy-2026-11-22.pdf``."""
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


def _about(about: AboutPart, key: str, slug_: str) -> Section:
    return Section(slug_, _label(ABOUT, key), (_prose(_clean(about_texts(about)[key])),))


def _outcomes(snapshot: SpecificationSnapshot) -> Section:
    items: list[Block | Item] = []
    for number, outcome in enumerate(snapshot["outcomes"], start=1):
        kind = _clean(outcome["kind"])
        items.append(
            Item(
                f"Outcome {number}",
                (
                    _prose(_clean(outcome["text"])),
                    Details(
                        (
                            ("Hard or soft", OUTCOME_KINDS.get(kind, kind) or NOT_WRITTEN),
                            ("Indicator at 6 months", _or_missing(_clean(outcome["indicator_6_months"]))),
                            ("Indicator at 2 years", _or_missing(_clean(outcome["indicator_2_years"]))),
                            ("Indicator at 5 years", _or_missing(_clean(outcome["indicator_5_years"]))),
                        )
                    ),
                ),
            )
        )
    return Section("outcomes", "Outcomes", tuple(items) or (Prose((NOT_WRITTEN,)),))


def _ti_requirements(snapshot: SpecificationSnapshot) -> Section:
    labels = dict(TI_ELEMENTS)
    blocks: list[Block | Item] = []
    chosen: set[str] = set()
    for requirement in snapshot["ti_requirements"]:
        element = _clean(requirement["element"])
        chosen.add(element)
        heading = _clean(requirement["label"]) or labels.get(element, element) or "Requirement"
        blocks.append(Item(heading, (_prose(_clean(requirement["commitments"])),)))
    if not blocks:
        blocks.append(Prose((NOT_WRITTEN,)))
    not_chosen = tuple(label for element, label in TI_ELEMENTS if element not in chosen)
    if not_chosen:
        blocks.append(Bullets("This specification does not yet ask providers for:", not_chosen))
    return Section("trauma-informed", "Trauma-informed requirements", tuple(blocks))


def _budget(snapshot: SpecificationSnapshot) -> Section:
    lines = snapshot["budget_lines"]
    if not lines:
        return Section("budget", "Budget", (Prose((NOT_WRITTEN,)),))
    total = Decimal(0)
    rows: list[tuple[str, str, str]] = []
    for line in lines:
        amount = money_from_text(line["annual_amount"])
        total += amount or 0
        category = _clean(line["category_label"]) or _clean(line["category"])
        rows.append((category, _clean(line["description"]), pounds_display(amount)))
    blocks: list[Block | Item] = [
        Grid(
            "Budget lines: the cost each year",
            ("Cost", "What it pays for", "A year"),
            tuple(rows),
            ("Total a year", "", pounds_display(total)),
        )
    ]
    term = snapshot["agreement"]["term_months"]
    if term:
        over_term = total * term / 12
        blocks.append(Prose((f"Over the {term}-month term, at these prices: {pounds_display(over_term)}.",)))
    return Section("budget", "Budget", tuple(blocks))


def _extension(months: int | None) -> str:
    if months is None:
        return NOT_WRITTEN
    return f"Up to {months_display(months)}" if months else "No extension"


def _consortium(welcome: bool | None) -> str:
    if welcome is None:
        return NOT_WRITTEN
    return "Welcome: organisations can bid together" if welcome else "Not invited: one organisation bids"


def _agreement(snapshot: SpecificationSnapshot) -> Section:
    agreement = snapshot["agreement"]
    rows: list[tuple[str, str]] = [(_label(AGREEMENT, "kind"), _or_missing(_clean(agreement["kind_label"])))]
    if reason := _clean(agreement["reason"]):
        rows.append((_label(AGREEMENT, "reason"), reason))
    term = agreement["term_months"]
    rows.append((_label(AGREEMENT, "term_months"), months_display(term) if term else NOT_WRITTEN))
    rows.append((_label(AGREEMENT, "extension_months"), _extension(agreement["extension_months"])))
    rows.append((_label(AGREEMENT, "consortium_welcome"), _consortium(agreement["consortium_welcome"])))
    rows.append((_label(AGREEMENT, "cost_review"), _or_missing(_clean(agreement["cost_review"]))))
    return Section("agreement", "The agreement", (Details(tuple(rows)),))


def _route(snapshot: SpecificationSnapshot) -> Section:
    route = snapshot["route"]
    kind = _clean(route["route"])
    rows: list[tuple[str, str]] = [(_label(ROUTE, "route"), _or_missing(_clean(route["route_label"])))]
    if kind == "two_stage":
        rows.append((_label(ROUTE, "second_stage"), _or_missing(_clean(route["second_stage_label"]))))
    if kind == "direct_award":
        rows.append(
            (_label(ROUTE, "direct_award_justification"), _or_missing(_clean(route["direct_award_justification"])))
        )
    rows.append((_label(ROUTE, "cpv_code"), _or_missing(_clean(route["cpv_code"]))))
    light_touch = route["light_touch"]
    rows.append(
        (_label(ROUTE, "light_touch"), NOT_WRITTEN if light_touch is None else ("Yes" if light_touch else "No"))
    )
    value = pounds_display(money_from_text(route["value_including_vat"]))
    rows.append((_label(ROUTE, "value_including_vat"), value or NOT_WRITTEN))
    return Section("route", "Route and regime", (Details(tuple(rows)),))


def _lots(snapshot: SpecificationSnapshot) -> Section:
    lots = snapshot["lots"]
    if not lots:
        return Section("lots", "Lots", (Prose((NOT_WRITTEN, "With no lots, the service is bought as one whole.")),))
    rows = tuple(
        (_clean(lot["title"]), _clean(lot["description"]), pounds_display(money_from_text(lot["value"])) or NOT_WRITTEN)
        for lot in lots
    )
    return Section("lots", "Lots", (Grid("The lots", ("Lot", "What it covers", "Value"), rows),))


def _timeline(snapshot: SpecificationSnapshot) -> Section:
    dates = timeline_dates(snapshot["timeline"])
    rows: list[tuple[str, str]] = []
    for field in TIMELINE:
        when = date_from_iso(dates[field.name])
        rows.append((field.in_document, date_display(when) if when else NOT_WRITTEN))
    return Section("timeline", "Timeline", (Grid("Key dates", ("Step", "Date"), tuple(rows)),))


def _scale_rows(criterion: CriterionRow) -> tuple[tuple[str, str], ...]:
    return tuple(
        (_clean(str(point["score"])), _clean(point["descriptor"]) or NOT_WRITTEN) for point in criterion["scale"]
    )


def _group(criterion: CriterionRow) -> str:
    return _clean(criterion["group_label"]) or _clean(criterion["group"])


def _criteria(snapshot: SpecificationSnapshot) -> Section:
    criteria = snapshot["criteria"]
    if not criteria:
        return Section("award-criteria", "Award criteria", (Prose((NOT_WRITTEN,)),))
    total = sum(c["weight"] for c in criteria)
    blocks: list[Block | Item] = [
        Grid(
            "Award criteria and their weights",
            ("Group", "Criterion", "Weight"),
            tuple((_group(c), _clean(c["title"]), f"{c['weight']}%") for c in criteria),
            ("Total", "", f"{total}%"),
        )
    ]
    if total != 100:
        blocks.append(Prose((f"The weights add up to {total}%. They need to add up to 100%.",)))
    if reason := _clean(snapshot["social_value_reason"]):
        blocks.append(Details((("Why social value is weighted below 10%", reason),)))
    for criterion in criteria:
        scale = _scale_rows(criterion)
        title = _clean(criterion["title"]) or "Criterion"
        weight = criterion["weight"]
        blocks.append(
            Item(
                f"{title} ({weight}%)",
                (
                    Details((("Group", _group(criterion) or NOT_WRITTEN), ("Weight", f"{weight}% of the total score"))),
                    Grid(f"How answers to {title} are scored", ("Score", "What the score means"), scale)
                    if scale
                    else Prose((f"Scoring scale: {NOT_WRITTEN}",)),
                ),
            )
        )
    return Section("award-criteria", "Award criteria", tuple(blocks))


def _criterion_names(snapshot: SpecificationSnapshot) -> dict[int, tuple[str, int]]:
    return {c["id"]: (_clean(c["title"]), c["weight"]) for c in snapshot["criteria"] if c["id"] is not None}


def _scored_against(question: QuestionRow, names: Mapping[int, tuple[str, int]]) -> tuple[str, int | None]:
    criterion_id = question["criterion_id"]
    if criterion_id is not None and criterion_id in names:
        return names[criterion_id]
    return _clean(question["criterion_title"]), None


def _word_limit(question: QuestionRow) -> str:
    limit = question["word_limit"]
    return f"{limit:,} words" if limit else "No word limit"


def _phase(question: QuestionRow) -> str:
    return _clean(question["phase_label"]) or _clean(question["phase"])


def _questions(snapshot: SpecificationSnapshot) -> Section:
    questions = snapshot["questions"]
    names = _criterion_names(snapshot)
    blocks: list[Block | Item] = []
    for number, question in enumerate((q for q in questions if q["included"]), start=1):
        title, weight = _scored_against(question, names)
        rows: list[tuple[str, str]] = []
        if guidance := _clean(question["guidance"]):
            rows.append(("Guidance", guidance))
        rows.append(("Word limit", _word_limit(question)))
        if title:
            rows.append(("Scored against", f"{title} ({weight}%)" if weight is not None else title))
        else:
            rows.append(("Scored against", "Not linked to an award criterion"))
        rows.append(("Who answers", _or_missing(_phase(question))))
        rows.append(("Why we ask", _or_missing(_clean(question["why_we_ask"]))))
        rows.append(("How we will use your answer", _or_missing(_clean(question["how_we_use"]))))
        if coproduced := _clean(question["coproduced_with"]):
            rows.append(("Co-produced with", coproduced))
        blocks.append(Item(f"Question {number}", (_prose(_clean(question["text"])), Details(tuple(rows)))))
    if not blocks:
        blocks.append(Prose((NOT_WRITTEN,)))
    left_out = [q for q in questions if not q["included"]]
    if left_out:
        blocks.append(
            Grid(
                "Questions the team left out",
                ("Question", "Why it was left out"),
                tuple((_clean(q["text"]), _or_missing(_clean(q["excluded_reason"]))) for q in left_out),
            )
        )
    return Section("questions", "Questions for bidders", tuple(blocks))


def specification_pack(snapshot: Mapping[str, object], edition: Edition) -> SpecificationPack:
    """Every part of the specification in the order the pack gives it. ``snapshot`` is any stored
    snapshot: it is read through ``snapshot_read``."""
    read = snapshot_read(snapshot)
    commission = read["commission"]
    about = read["about"]
    return SpecificationPack(
        title=_clean(commission["title"]) or "Untitled commission",
        lead_funder=_clean(commission["lead_funder"]),
        service_area=_clean(commission["service_area"]),
        edition=edition,
        sections=(
            _about(about, "purpose", "purpose"),
            _about(about, "people_for", "people"),
            _about(about, "services_required", "services"),
            _outcomes(read),
            _ti_requirements(read),
            _budget(read),
            _agreement(read),
            _route(read),
            _lots(read),
            _timeline(read),
            _criteria(read),
            _questions(read),
            _about(about, "reporting", "reporting"),
            _about(about, "ending_plan", "ending"),
        ),
    )


# The evaluation plan ------------------------------------------------------------------------

# Price is scored on the price each bidder offers, not on a written answer, so a price criterion's
# scale (Tandem gives every new criterion its suggested quality scale) is not how it is scored.
# Stating the method openly is seed 000, Procure ("transparency" of how cost and quality are
# weighted); the lowest-price formula is the usual one in UK public procurement, offered as a
# suggestion when the team has written no guidance of its own.
PRICE_NOT_AN_ANSWER = "Price is scored on the price each bidder offers, not on a written answer."


def price_method(weight: int, guidance: str) -> str:
    """How a price criterion worth ``weight``% is scored: the team's guidance for evaluators when
    it wrote some, otherwise the usual lowest-price formula, as a suggestion."""
    if guidance:
        return f"{PRICE_NOT_AN_ANSWER} How we score it: {guidance}"
    return (
        f"{PRICE_NOT_AN_ANSWER} A common way: the lowest price gets the full {weight}%, and every other bid "
        f"gets {weight}% multiplied by the lowest price and divided by its own price."
    )


def weight_shares(weight: int, count: int) -> tuple[Decimal, ...]:
    """A criterion's weight shared equally between ``count`` questions, to the hundredth of a per
    cent, adding up to exactly ``weight`` (the first questions take any hundredth left over)."""
    if count < 1:
        return ()
    base, left_over = divmod(weight * 100, count)
    return tuple(Decimal(base + (1 if index < left_over else 0)) / 100 for index in range(count))


@dataclass(frozen=True)
class PlanCriterion:
    group: str
    title: str
    weight: int
    guidance: str


@dataclass(frozen=True)
class PlanScalePoint:
    """One point of a criterion's scale, or (for price, with a blank score) how price is scored."""

    criterion: str
    score: str
    descriptor: str


@dataclass(frozen=True)
class PlanQuestion:
    number: int
    text: str
    criterion: str
    # The weight of the criterion it is scored against (None when it is not scored against one).
    weight: int | None
    phase: str
    word_limit: int | None
    why_we_ask: str
    how_we_use: str
    coproduced_with: str
    # This question's share of the total score: its criterion's weight shared equally between the
    # questions scored against it. None when it is not scored against a criterion.
    share: Decimal | None = None


@dataclass(frozen=True)
class PlanUnasked:
    """A criterion no question is scored against (price, usually): its whole weight, so the
    questions sheet still adds up to the criteria's total."""

    criterion: str
    weight: int
    price: bool

    @property
    def note(self) -> str:
        if self.price:
            return "No question: scored on the price each bidder offers"
        return "No question is scored against this criterion yet"


@dataclass(frozen=True)
class EvaluationPlan:
    title: str
    lead_funder: str
    edition: Edition
    criteria: tuple[PlanCriterion, ...]
    scale: tuple[PlanScalePoint, ...]
    questions: tuple[PlanQuestion, ...]
    unasked: tuple[PlanUnasked, ...] = ()

    @property
    def document_title(self) -> str:
        """For example "Evaluation plan: Domestic abuse support (version 3 of 1 November 2026)"."""
        return f"Evaluation plan: {self.title}{self.edition.title_part}"


def _plan_scale(criterion: CriterionRow) -> tuple[PlanScalePoint, ...]:
    title = _clean(criterion["title"])
    if criterion["group"] == PRICE:
        method = price_method(criterion["weight"], _clean(criterion["evaluator_guidance"]))
        return (PlanScalePoint(criterion=title, score="", descriptor=method),)
    return tuple(
        PlanScalePoint(criterion=title, score=score, descriptor=descriptor)
        for score, descriptor in _scale_rows(criterion)
    )


def evaluation_plan(snapshot: Mapping[str, object], edition: Edition) -> EvaluationPlan:
    """The award criteria, their scales and the questions that are scored against them. ``snapshot``
    is any stored snapshot: it is read through ``snapshot_read``."""
    read = snapshot_read(snapshot)
    commission = read["commission"]
    criteria = read["criteria"]
    names = _criterion_names(read)
    included = [q for q in read["questions"] if q["included"]]
    scored: dict[int, list[int]] = {}
    for index, question in enumerate(included):
        criterion_id = question["criterion_id"]
        if criterion_id is not None and criterion_id in names:
            scored.setdefault(criterion_id, []).append(index)
    shares: dict[int, Decimal] = {
        index: share
        for criterion_id, indexes in scored.items()
        for index, share in zip(indexes, weight_shares(names[criterion_id][1], len(indexes)), strict=True)
    }
    questions: list[PlanQuestion] = []
    for index, question in enumerate(included):
        title, weight = _scored_against(question, names)
        questions.append(
            PlanQuestion(
                number=index + 1,
                text=_clean(question["text"]),
                criterion=title,
                weight=weight,
                phase=_phase(question),
                word_limit=question["word_limit"],
                why_we_ask=_clean(question["why_we_ask"]),
                how_we_use=_clean(question["how_we_use"]),
                coproduced_with=_clean(question["coproduced_with"]),
                share=shares.get(index),
            )
        )
    return EvaluationPlan(
        title=_clean(commission["title"]) or "Untitled commission",
        lead_funder=_clean(commission["lead_funder"]),
        edition=edition,
        criteria=tuple(
            PlanCriterion(
                group=_group(c),
                title=_clean(c["title"]),
                weight=c["weight"],
                guidance=_clean(c["evaluator_guidance"]),
            )
            for c in criteria
        ),
        scale=tuple(point for c in criteria for point in _plan_scale(c)),
        questions=tuple(questions),
        unasked=tuple(
            PlanUnasked(criterion=_clean(c["title"]), weight=c["weight"], price=c["group"] == PRICE)
            for c in criteria
            if c["id"] is None or c["id"] not in scored
        ),
    )
