"""Review a structured specification: the plain dictionary ``tandem/tenders/snapshot.py`` produces.

Two kinds of finding come back, each with a ``place``:

- the text rules run over each text field on its own ("about.purpose", "question:12.text",
  "outcome:3.indicator_2_years"), with ``start`` and ``end`` inside that field;
- the structured checks judge the specification as a whole document from its fields: the criteria
  weights (TL04-06, place "criteria"), the timeline (TL07-09, "timeline.<field>"), the open question
  (TL11, "questions.open"), the trauma-informed requirements (TL12a-g, "ti_requirements"), the term
  and price review (TL19 "agreement.term_months", TL20 "agreement.cost_review"), the ending plan
  (TL23, "about.ending_plan") and first-stage questions asking for sensitive material (TL03).

A field never gets the same code from both a text rule and a structured check. Plain Python: no Django.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import Any

from tandem.core.values import date_display
from tandem.tenders.tender_lens import patterns
from tandem.tenders.tender_lens.finding import Finding, make_finding
from tandem.tenders.tender_lens.limits import MAX_CHARACTERS, TextTooLong
from tandem.tenders.tender_lens.review import review_text
from tandem.tenders.tender_lens.rules import acronyms, funding, targets, whole_document
from tandem.tenders.tender_lens.rules.dates import MINIMUM_DAYS, holiday_touched
from tandem.tenders.tender_lens.rules.requests import asks_for_sensitive

CONSORTIUM_MINIMUM_DAYS = 35
SOCIAL_VALUE_MINIMUM = 10
PRICE_MAXIMUM = 40
SHORT_TERM_MONTHS = 12
TI_CODES = {
    "person_centred": "TL12a",
    "sensitive_monitoring": "TL12b",
    "policies": "TL12c",
    "cultural": "TL12d",
    "training": "TL12e",
    "supervision": "TL12f",
    "coproduction": "TL12g",
}
_ABOUT_FIELDS = (
    ("purpose", "Purpose"),
    ("people_for", "The people it is for"),
    ("services_required", "Services required"),
    ("reporting", "Reporting"),
    ("ending_plan", "When the service ends"),
)
_OUTCOME_FIELDS = (
    ("text", ""),
    ("indicator_6_months", "indicator at 6 months"),
    ("indicator_2_years", "indicator at 2 years"),
    ("indicator_5_years", "indicator at 5 years"),
)
_QUESTION_FIELDS = (
    ("text", ""),
    ("guidance", "guidance"),
    ("why_we_ask", "why we ask"),
    ("how_we_use", "how we will use the answer"),
)
SOURCE_WEIGHTS = "Procure: Timing \u2014 Transparency (state the weight given to cost and quality)"
SOURCE_SOCIAL = "Design: Financial Considerations \u2014 Investing Locally (procurement for social impact)"
SOURCE_PRICE = "Design: Financial Considerations \u2014 Quality over growth"
SOURCE_DEADLINE = "Procure: Timing \u2014 Realistic deadlines"
SOURCE_TIMING = "Procure: Timing \u2014 Consider timings"
SOURCE_TERM = "Design: Rethinking Time Allocation \u2014 Relationships matter"
SOURCE_UPLIFT = "Design: Financial Considerations \u2014 Realistic expectations (cost-of-living adjustments)"
SOURCE_SENSITIVE = (
    "Procure: Reflect and respond \u2014 a phased approach to information collection (sensitive financial "
    "information only from shortlisted applicants)"
)


_ISO_DATE = patterns.compile(r"(?:19|20|21)\d\d-\d\d-\d\d")
_QUESTION_PLACE = patterns.compile(r"question:([^.]+)\.")


@dataclass(frozen=True)
class Field:
    place: str
    label: str
    text: str


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _section(snapshot: dict[str, Any], name: str) -> dict[str, Any]:
    value = snapshot.get(name)
    return value if isinstance(value, dict) else {}


def _rows(snapshot: dict[str, Any], name: str) -> list[dict[str, Any]]:
    value = snapshot.get(name)
    return [row for row in value if isinstance(row, dict)] if isinstance(value, list) else []


def _included_questions(snapshot: dict[str, Any]) -> list[dict[str, Any]]:
    return [q for q in _rows(snapshot, "questions") if q.get("included", True)]


def text_fields(snapshot: dict[str, Any]) -> Iterator[Field]:
    """Every text field of the specification that bidders or evaluators read, in document order."""
    about = _section(snapshot, "about")
    for name, label in _ABOUT_FIELDS:
        yield Field(f"about.{name}", label, _text(about.get(name)))
    agreement = _section(snapshot, "agreement")
    yield Field("agreement.reason", "Why this kind of agreement", _text(agreement.get("reason")))
    yield Field("agreement.cost_review", "How prices are reviewed", _text(agreement.get("cost_review")))
    route = _section(snapshot, "route")
    yield Field(
        "route.direct_award_justification",
        "Why a direct award",
        _text(route.get("direct_award_justification")),
    )
    for number, outcome in enumerate(_rows(snapshot, "outcomes"), start=1):
        for name, label in _OUTCOME_FIELDS:
            words = f"Outcome {number}" + (f", {label}" if label else "")
            yield Field(f"outcome:{outcome.get('id')}.{name}", words, _text(outcome.get(name)))
    for requirement in _rows(snapshot, "ti_requirements"):
        label = _text(requirement.get("label")) or _text(requirement.get("element"))
        yield Field(
            f"ti:{requirement.get('element')}.commitments",
            f"Trauma-informed requirement: {label}",
            _text(requirement.get("commitments")),
        )
    for number, question in enumerate(_included_questions(snapshot), start=1):
        for name, label in _QUESTION_FIELDS:
            words = f"Question {number}" + (f", {label}" if label else "")
            yield Field(f"question:{question.get('id')}.{name}", words, _text(question.get(name)))
    for criterion in _rows(snapshot, "criteria"):
        title = _text(criterion.get("title")) or "Criterion"
        yield Field(
            f"criterion:{criterion.get('id')}.evaluator_guidance",
            f"{title}: guidance for evaluators",
            _text(criterion.get("evaluator_guidance")),
        )


def value_in_pounds(snapshot: dict[str, Any]) -> int | None:
    raw = _section(snapshot, "route").get("value_including_vat")
    if raw in (None, ""):
        return None
    try:
        return int(Decimal(str(raw)))
    except (InvalidOperation, ValueError, OverflowError):
        return None


def _date(value: Any) -> dt.date | None:
    """An ISO date ("2027-05-04") between 1900 and 2199; anything else is not judged."""
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _at(finding: Finding, field: Field) -> Finding:
    return replace(finding, place=field.place, place_label=field.label)


def _whole(code: str, place: str, label: str, *, message: str, suggestion: str, source: str) -> Finding:
    finding = make_finding(code, 0, 0, message=message, suggestion=suggestion, source=source)
    return replace(finding, place=place, place_label=label)


def _question_place(place: str) -> str | None:
    match = _QUESTION_PLACE.match(place)
    return match.group(1) if match else None


def review_snapshot(snapshot: dict[str, Any]) -> list[Finding]:
    """Review a structured specification and return its findings, field by field in document order.

    Raises ``TextTooLong`` when its text fields hold more than ``MAX_CHARACTERS`` between them, before any
    rule reads them."""
    fields = list(text_fields(snapshot))
    total = sum(len(field.text) for field in fields)
    if total > MAX_CHARACTERS:
        raise TextTooLong(total)
    combined = "\n\n".join(field.text for field in fields if field.text.strip())
    value = value_in_pounds(snapshot)
    questions = {str(q.get("id")): q for q in _included_questions(snapshot)}
    outcomes = _rows(snapshot, "outcomes")
    soft_outcomes = any(o.get("kind") == "soft" for o in outcomes) or bool(targets._SOFT.search(combined))
    price_review = _has_price_review(snapshot)

    reviewed = [(field, review_text(field.text, whole=False, value=value)) for field in fields if field.text.strip()]
    # An acronym one field leaves unexplained may be spelled out in another: the whole specification is
    # read for all of them at once.
    unexplained = {
        field.text[finding.start : finding.end].rstrip("s")  # "KPIs" is the acronym "KPI"
        for field, found in reviewed
        for finding in found
        if finding.code == "TL01"
    }
    explained = acronyms.spelled_out(combined, unexplained)
    findings: list[Finding] = []
    acronyms_seen: set[str] = set()
    for field, found in reviewed:
        question = questions.get(_question_place(field.place) or "")
        for finding in found:
            words = field.text[finding.start : finding.end]
            if finding.code == "TL01":
                acronym = words.rstrip("s")  # "KPIs" is the acronym "KPI"
                if acronym in acronyms_seen or acronym in explained:
                    continue
                acronyms_seen.add(acronym)
            if finding.code == "TL18" and soft_outcomes:
                continue
            if finding.code == "TL20" and price_review:
                continue
            if question is not None:
                if finding.code == "TL02" and _text(question.get("why_we_ask")).strip():
                    continue  # the question says why it asks, right beside it
                if finding.code == "TL03" and question.get("phase") != "first_stage":
                    continue  # asked of shortlisted bidders only
            findings.append(_at(finding, field))

    findings.extend(_sensitive_questions(snapshot, findings))
    findings.extend(_criteria(snapshot))
    findings.extend(_timeline(snapshot))
    findings.extend(_open_question(snapshot))
    # What the specification requires is in its own text, not in what it asks bidders: the open
    # question's guidance mentions lived experience, and asking is not requiring.
    required = "\n\n".join(f.text for f in fields if f.text.strip() and not f.place.startswith("question:"))
    findings.extend(_trauma_informed(snapshot, required))
    findings.extend(_term_and_price(snapshot, combined, price_review))
    findings.extend(_ending(snapshot, combined))
    return findings


def _has_price_review(snapshot: dict[str, Any]) -> bool:
    cost_review = _text(_section(snapshot, "agreement").get("cost_review"))
    if any(line.get("category") == "cost_of_living" for line in _rows(snapshot, "budget_lines")):
        return True
    if not cost_review.strip():
        return False
    return not any(f.code == "TL20" for f in review_text(cost_review))


def _sensitive_questions(snapshot: dict[str, Any], found: list[Finding]) -> list[Finding]:
    flagged = {_question_place(f.place) for f in found if f.code == "TL03"}
    findings = []
    for number, question in enumerate(_included_questions(snapshot), start=1):
        key = str(question.get("id"))
        if question.get("phase") != "first_stage" or key in flagged:
            continue
        text = _text(question.get("text"))
        named = asks_for_sensitive(text)
        if (
            not question.get("is_financial")
            and named is None
            and not asks_for_sensitive(_text(question.get("guidance")))
        ):
            continue
        start, end = (named.start(), named.end()) if named else (0, 0)
        what = "full financial information" if question.get("is_financial") else "sensitive material"
        finding = make_finding(
            "TL03",
            start,
            end,
            message=f"Question {number} asks every bidder for {what} at the first stage. Most of them will not be "
            "shortlisted, so they spend time and share private details for nothing.",
            suggestion="Ask this of shortlisted bidders only.",
            source=SOURCE_SENSITIVE,
        )
        findings.append(replace(finding, place=f"question:{key}.text", place_label=f"Question {number}"))
    return findings


def _weight(row: dict[str, Any]) -> int:
    return _int(row.get("weight")) or 0


def _criteria(snapshot: dict[str, Any]) -> list[Finding]:
    criteria = _rows(snapshot, "criteria")
    if not criteria:
        return []
    total = sum(_weight(c) for c in criteria)
    findings = []
    label = "Award criteria"
    if total != 100:
        findings.append(
            _whole(
                "TL04",
                "criteria",
                label,
                message=f"The weights add up to {total}%, not 100%. Bidders cannot tell how their answers will be "
                "balanced.",
                suggestion="Change the weights so they add up to exactly 100%.",
                source=SOURCE_WEIGHTS,
            )
        )
    if total <= 0:
        return findings
    social = sum(_weight(c) for c in criteria if c.get("group") == "social_value") * 100 / total
    price = sum(_weight(c) for c in criteria if c.get("group") == "price") * 100 / total
    if social < SOCIAL_VALUE_MINIMUM:
        reason = _text(snapshot.get("social_value_reason")).strip()
        weighted = "nothing" if social == 0 else f"only {social:g}%"
        message = f"Social value is given {weighted} of the weight, below the 10% Tandem suggests."
        finding = _whole(
            "TL05",
            "criteria",
            label,
            message=message
            + (
                f' You recorded why: "{reason}"'
                if reason
                else " The good a bid does locally, such as jobs or volunteering, can hardly count."
            ),
            suggestion="Weight social value at 10% or more, or keep your reason up to date.",
            source=SOURCE_SOCIAL,
        )
        findings.append(replace(finding, severity="low") if reason else finding)
    if price > PRICE_MAXIMUM:
        findings.append(
            _whole(
                "TL06",
                "criteria",
                label,
                message=f"Price is {price:g}% of the weight. Above 40%, cheaper bids can beat better ones and push "
                "providers to cut the support that keeps people safe.",
                suggestion="Weight price at 40% or less, and give the rest to quality and social value.",
                source=SOURCE_PRICE,
            )
        )
    return findings


def _timeline(snapshot: dict[str, Any]) -> list[Finding]:
    timeline = _section(snapshot, "timeline")
    published = _date(timeline.get("publication_on"))
    deadline = _date(timeline.get("submission_deadline"))
    consortium = bool(_section(snapshot, "agreement").get("consortium_welcome"))
    findings = []
    if published and deadline and deadline < published:
        deadline = None  # dates out of order: the timeline page says so; nothing sensible to judge
    if published and deadline:
        days = (deadline - published).days
        minimum = CONSORTIUM_MINIMUM_DAYS if consortium else MINIMUM_DAYS
        if days < minimum:
            why = " Consortium bids are welcome, and partners need time to agree who does what." if consortium else ""
            findings.append(
                _whole(
                    "TL07",
                    "timeline.submission_deadline",
                    "Submission deadline",
                    message=f"Bidders get {days} days from publication ({date_display(published)}) to the deadline "
                    f"({date_display(deadline)}). Fewer than {minimum} days favours large bidders with bid teams.{why}",
                    suggestion=f"Allow at least {minimum} calendar days between publication and the deadline.",
                    source=SOURCE_DEADLINE,
                )
            )
    if deadline:
        holiday = holiday_touched(published or deadline, deadline)
        if holiday:
            findings.append(
                _whole(
                    "TL08",
                    "timeline.submission_deadline",
                    "Submission deadline",
                    message=f"The time to respond runs into {holiday}, when staff are away and small teams are "
                    "stretched.",
                    suggestion="Move the deadline, or add the holiday days to the time bidders have.",
                    source=SOURCE_TIMING,
                )
            )
    for when, name, label, what in (
        (published, "publication_on", "Publication date", "opens"),
        (deadline, "submission_deadline", "Submission deadline", "closes"),
    ):
        if when and when.month == 3:
            findings.append(
                _whole(
                    "TL09",
                    f"timeline.{name}",
                    label,
                    message=f"The tender {what} in March ({date_display(when)}), at the end of the financial year, "
                    "when providers are busiest.",
                    suggestion="Avoid opening or closing the tender in March.",
                    source=SOURCE_TIMING,
                )
            )
    return findings


def _open_question(snapshot: dict[str, Any]) -> list[Finding]:
    questions = _rows(snapshot, "questions")
    if not questions:
        return []
    open_rows = [q for q in questions if q.get("is_open")]
    if any(q.get("included", True) for q in open_rows):
        return []
    for question in _included_questions(snapshot):
        words = " ".join(_text(question.get(name)) for name in ("text", "guidance"))
        if whole_document._SPACE_TO_ADD.search(words):
            return []
    reason = next((_text(q.get("excluded_reason")).strip() for q in open_rows if q.get("excluded_reason")), "")
    message = (
        "The open question is switched off, and no other question lets bidders add context, values or what the "
        "people they support have told them."
    )
    if reason:
        message += f' You recorded why: "{reason}"'
    return [
        _whole(
            "TL11",
            "questions.open",
            "The open question",
            message=message,
            suggestion="Switch the open question back on, so bidders can tell you what your questions missed.",
            source=whole_document.SOURCE_SPACE,
        )
    ]


def _trauma_informed(snapshot: dict[str, Any], combined: str) -> list[Finding]:
    chosen = {_text(r.get("element")) for r in _rows(snapshot, "ti_requirements")}
    by_code = {
        code: (pattern, message, suggestion) for code, pattern, message, suggestion in whole_document.TI_ELEMENTS
    }
    findings = []
    for element, code in TI_CODES.items():
        pattern, message, suggestion = by_code[code]
        if element in chosen or whole_document.requires(pattern, combined):
            continue
        findings.append(
            _whole(
                code,
                "ti_requirements",
                "Trauma-informed requirements",
                message=message.replace("It does not", "The specification does not"),
                suggestion=suggestion,
                source=whole_document.SOURCE_TI,
            )
        )
    return findings


def _relationship_work(snapshot: dict[str, Any], combined: str) -> bool:
    if _rows(snapshot, "ti_requirements"):
        return True
    commission = _section(snapshot, "commission")
    words = " ".join([combined, _text(commission.get("title")), _text(commission.get("service_area"))])
    return bool(funding._TRAUMA_WORK.search(words))


def _term_and_price(snapshot: dict[str, Any], combined: str, price_review: bool) -> list[Finding]:
    agreement = _section(snapshot, "agreement")
    term = _int(agreement.get("term_months"))
    extension = _int(agreement.get("extension_months")) or 0
    findings = []
    short = term is not None and 0 < term <= SHORT_TERM_MONTHS and term + extension <= SHORT_TERM_MONTHS
    if short and _relationship_work(snapshot, combined):
        findings.append(
            _whole(
                "TL19",
                "agreement.term_months",
                "Term",
                message=f"The term is {term} months for relationship-based or trauma work. Trust takes time for "
                "people who have been hurt; a short term can end support just as it starts to work.",
                suggestion="Make the term two to three years, or offer an extension.",
                source=SOURCE_TERM,
            )
        )
    if term is not None and term > SHORT_TERM_MONTHS and not price_review:
        cost_review = _text(agreement.get("cost_review"))
        if not cost_review.strip():
            findings.append(
                _whole(
                    "TL20",
                    "agreement.cost_review",
                    "How prices are reviewed",
                    message=f"The term is {term} months, and nothing says how the price will keep up with rising "
                    "costs. Providers may have to cut staff or support to keep going.",
                    suggestion="Add a yearly cost-of-living review, or a budget line for pay and cost rises.",
                    source=SOURCE_UPLIFT,
                )
            )
    return findings


def _ending(snapshot: dict[str, Any], combined: str) -> list[Finding]:
    ending = _text(_section(snapshot, "about").get("ending_plan"))
    if ending.strip() or whole_document._ENDING.search(combined):
        return []
    return [
        _whole(
            "TL23",
            "about.ending_plan",
            "When the service ends",
            message="Nothing says what happens when the contract ends. Sudden endings can harm people who have come "
            "to trust a service.",
            suggestion="Add an ending plan: notice periods, handover, and continuity of care for people supported.",
            source=whole_document.SOURCE_ENDING,
        )
    ]
