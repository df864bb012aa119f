"""Review a structured specification: the snapshot ``tandem/tenders/snapshot.py`` produces, read
through ``snapshot_read`` (``tandem/tenders/rules/snapshot_types.py``), whatever version saved it.

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
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace

from tandem.core.values import date_display
from tandem.tenders.rules.fields import ABOUT, AGREEMENT, ROUTE, TIMELINE, date_from_iso, field_named, money_from_text
from tandem.tenders.rules.snapshot_types import QuestionRow, SpecificationSnapshot, about_texts, snapshot_read
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


# Dates outside these years are not judged.
_FIRST_YEAR, _LAST_YEAR = 1900, 2199
_QUESTION_PLACE = patterns.compile(r"question:([^.]+)\.")


@dataclass(frozen=True)
class Field:
    place: str
    label: str
    text: str


def _included_questions(snapshot: SpecificationSnapshot) -> list[QuestionRow]:
    return [q for q in snapshot["questions"] if q["included"]]


def text_fields(snapshot: Mapping[str, object]) -> Iterator[Field]:
    """Every text field of the specification that bidders or evaluators read, in document order.
    ``snapshot`` is any stored snapshot: it is read through ``snapshot_read``."""
    return _text_fields(snapshot_read(snapshot))


def _text_fields(snapshot: SpecificationSnapshot) -> Iterator[Field]:
    about = about_texts(snapshot["about"])
    for field in ABOUT:
        yield Field(f"about.{field.name}", field.in_document, about[field.name])
    agreement = snapshot["agreement"]
    yield Field("agreement.reason", "Why this kind of agreement", agreement["reason"])
    yield Field("agreement.cost_review", field_named(AGREEMENT, "cost_review").label, agreement["cost_review"])
    yield Field(
        "route.direct_award_justification",
        field_named(ROUTE, "direct_award_justification").in_document,
        snapshot["route"]["direct_award_justification"],
    )
    for number, outcome in enumerate(snapshot["outcomes"], start=1):
        for name, label, text in (
            ("text", "", outcome["text"]),
            ("indicator_6_months", "indicator at 6 months", outcome["indicator_6_months"]),
            ("indicator_2_years", "indicator at 2 years", outcome["indicator_2_years"]),
            ("indicator_5_years", "indicator at 5 years", outcome["indicator_5_years"]),
        ):
            words = f"Outcome {number}" + (f", {label}" if label else "")
            yield Field(f"outcome:{outcome['id']}.{name}", words, text)
    for requirement in snapshot["ti_requirements"]:
        label = requirement["label"] or requirement["element"]
        yield Field(
            f"ti:{requirement['element']}.commitments",
            f"Trauma-informed requirement: {label}",
            requirement["commitments"],
        )
    for number, question in enumerate(_included_questions(snapshot), start=1):
        for name, label, text in (
            ("text", "", question["text"]),
            ("guidance", "guidance", question["guidance"]),
            ("why_we_ask", "why we ask", question["why_we_ask"]),
            ("how_we_use", "how we will use the answer", question["how_we_use"]),
        ):
            words = f"Question {number}" + (f", {label}" if label else "")
            yield Field(f"question:{question['id']}.{name}", words, text)
    for criterion in snapshot["criteria"]:
        title = criterion["title"] or "Criterion"
        yield Field(
            f"criterion:{criterion['id']}.evaluator_guidance",
            f"{title}: guidance for evaluators",
            criterion["evaluator_guidance"],
        )


def value_in_pounds(snapshot: Mapping[str, object]) -> int | None:
    """The value including VAT in whole pounds; None when it is not given."""
    return _pounds(snapshot_read(snapshot))


def _pounds(snapshot: SpecificationSnapshot) -> int | None:
    amount = money_from_text(snapshot["route"]["value_including_vat"])
    return None if amount is None else int(amount)


def _date(value: str | None) -> dt.date | None:
    """A date between 1900 and 2199; anything else is not judged."""
    day = date_from_iso(value)
    return day if day is not None and _FIRST_YEAR <= day.year <= _LAST_YEAR else None


def _at(finding: Finding, field: Field) -> Finding:
    return replace(finding, place=field.place, place_label=field.label)


def _whole(code: str, place: str, label: str, *, message: str, suggestion: str, source: str) -> Finding:
    finding = make_finding(code, 0, 0, message=message, suggestion=suggestion, source=source)
    return replace(finding, place=place, place_label=label)


def _question_place(place: str) -> str | None:
    match = _QUESTION_PLACE.match(place)
    return match.group(1) if match else None


def review_snapshot(raw: Mapping[str, object]) -> list[Finding]:
    """Review a structured specification and return its findings, field by field in document order.
    ``raw`` is any stored snapshot: it is read through ``snapshot_read``.

    Raises ``TextTooLong`` when its text fields hold more than ``MAX_CHARACTERS`` between them, before any
    rule reads them."""
    snapshot = snapshot_read(raw)
    fields = list(_text_fields(snapshot))
    total = sum(len(field.text) for field in fields)
    if total > MAX_CHARACTERS:
        raise TextTooLong(total)
    combined = "\n\n".join(field.text for field in fields if field.text.strip())
    value = _pounds(snapshot)
    questions = {str(q["id"]): q for q in _included_questions(snapshot)}
    soft_outcomes = any(o["kind"] == "soft" for o in snapshot["outcomes"]) or bool(targets._SOFT.search(combined))
    price_review = _has_price_review(snapshot)
    # An agreement known to last 12 months or less (with any extension) is never told its price stays
    # the same for years, whatever else the text says about years (issue 10, item 17).
    months = _agreement_months(snapshot)
    short_agreement = months is not None and months <= SHORT_TERM_MONTHS

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
            if finding.code == "TL20" and (price_review or short_agreement):
                continue
            if question is not None:
                if finding.code == "TL02" and question["why_we_ask"].strip():
                    continue  # the question says why it asks, right beside it
                if finding.code == "TL03" and question["phase"] != "first_stage":
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
    findings.extend(_term_and_price(snapshot, combined, price_review, findings))
    findings.extend(_ending(snapshot, combined))
    return findings


def _agreement_months(snapshot: SpecificationSnapshot) -> int | None:
    """How long the agreement can run, with any extension; None when the term is not written."""
    agreement = snapshot["agreement"]
    term = agreement["term_months"]
    return None if term is None else term + (agreement["extension_months"] or 0)


def _has_price_review(snapshot: SpecificationSnapshot) -> bool:
    """A budget line for cost-of-living rises, or a written price review that does not hold the price
    fixed."""
    cost_review = snapshot["agreement"]["cost_review"]
    if any(line["category"] == "cost_of_living" for line in snapshot["budget_lines"]):
        return True
    if not cost_review.strip():
        return False
    return not funding.price_held_fixed(cost_review)


def _sensitive_questions(snapshot: SpecificationSnapshot, found: list[Finding]) -> list[Finding]:
    flagged = {_question_place(f.place) for f in found if f.code == "TL03"}
    findings = []
    for number, question in enumerate(_included_questions(snapshot), start=1):
        key = str(question["id"])
        if question["phase"] != "first_stage" or key in flagged:
            continue
        named = asks_for_sensitive(question["text"])
        if not question["is_financial"] and named is None and not asks_for_sensitive(question["guidance"]):
            continue
        start, end = (named.start(), named.end()) if named else (0, 0)
        what = "full financial information" if question["is_financial"] else "sensitive material"
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


def _criteria(snapshot: SpecificationSnapshot) -> list[Finding]:
    criteria = snapshot["criteria"]
    if not criteria:
        return []
    total = sum(c["weight"] for c in criteria)
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
    social = sum(c["weight"] for c in criteria if c["group"] == "social_value") * 100 / total
    price = sum(c["weight"] for c in criteria if c["group"] == "price") * 100 / total
    if social < SOCIAL_VALUE_MINIMUM:
        reason = snapshot["social_value_reason"].strip()
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


def _timeline(snapshot: SpecificationSnapshot) -> list[Finding]:
    timeline = snapshot["timeline"]
    published = _date(timeline["publication_on"])
    deadline = _date(timeline["submission_deadline"])
    consortium = bool(snapshot["agreement"]["consortium_welcome"])
    publication_label = field_named(TIMELINE, "publication_on").title
    deadline_label = field_named(TIMELINE, "submission_deadline").title
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
                    deadline_label,
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
                    deadline_label,
                    message=f"The time to respond runs into {holiday}, when staff are away and small teams are "
                    "stretched.",
                    suggestion="Move the deadline, or add the holiday days to the time bidders have.",
                    source=SOURCE_TIMING,
                )
            )
    for when, name, label, what in (
        (published, "publication_on", publication_label, "opens"),
        (deadline, "submission_deadline", deadline_label, "closes"),
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


def _open_question(snapshot: SpecificationSnapshot) -> list[Finding]:
    questions = snapshot["questions"]
    if not questions:
        return []
    open_rows = [q for q in questions if q["is_open"]]
    if any(q["included"] for q in open_rows):
        return []
    for question in _included_questions(snapshot):
        words = " ".join((question["text"], question["guidance"]))
        if whole_document._SPACE_TO_ADD.search(words):
            return []
    reason = next((q["excluded_reason"].strip() for q in open_rows if q["excluded_reason"]), "")
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


def _trauma_informed(snapshot: SpecificationSnapshot, combined: str) -> list[Finding]:
    chosen = {r["element"] for r in snapshot["ti_requirements"]}
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


def _relationship_work(snapshot: SpecificationSnapshot, combined: str) -> bool:
    if snapshot["ti_requirements"]:
        return True
    commission = snapshot["commission"]
    words = " ".join([combined, commission["title"], commission["service_area"]])
    return bool(funding._TRAUMA_WORK.search(words))


def _term_and_price(
    snapshot: SpecificationSnapshot, combined: str, price_review: bool, found: list[Finding]
) -> list[Finding]:
    agreement = snapshot["agreement"]
    term = agreement["term_months"]
    extension = agreement["extension_months"] or 0
    findings = []
    short = term is not None and 0 < term <= SHORT_TERM_MONTHS and term + extension <= SHORT_TERM_MONTHS
    if short and _relationship_work(snapshot, combined):
        findings.append(
            _whole(
                "TL19",
                "agreement.term_months",
                field_named(AGREEMENT, "term_months").label,
                message=f"The term is {term} months for relationship-based or trauma work. Trust takes time for "
                "people who have been hurt; a short term can end support just as it starts to work.",
                suggestion="Make the term two to three years, or offer an extension.",
                source=SOURCE_TERM,
            )
        )
    if term is not None and term > SHORT_TERM_MONTHS and not price_review:
        cost_review = agreement["cost_review"]
        label = field_named(AGREEMENT, "cost_review").label
        if not cost_review.strip():
            findings.append(
                _whole(
                    "TL20",
                    "agreement.cost_review",
                    label,
                    message=f"The term is {term} months, and nothing says how the price will keep up with rising "
                    "costs. Providers may have to cut staff or support to keep going.",
                    suggestion="Add a yearly cost-of-living review, or a budget line for pay and cost rises.",
                    source=SOURCE_UPLIFT,
                )
            )
        elif not any(f.code == "TL20" and f.place == "agreement.cost_review" for f in found):
            # The price review holds the price fixed without saying for how long: the term says it.
            start, end = funding.price_held_fixed(cost_review)[0]
            message = (
                f"The term is {term} months, and the price stays the same with no review. As costs rise, the "
                "provider must cut staff or support to keep going."
            )
            findings.append(
                replace(
                    funding.no_uplift_finding(start, end, message), place="agreement.cost_review", place_label=label
                )
            )
    return findings


def _ending(snapshot: SpecificationSnapshot, combined: str) -> list[Finding]:
    ending = snapshot["about"]["ending_plan"]
    if ending.strip() or whole_document._ENDING.search(combined):
        return []
    return [
        _whole(
            "TL23",
            "about.ending_plan",
            field_named(ABOUT, "ending_plan").in_document,
            message="Nothing says what happens when the contract ends. Sudden endings can harm people who have come "
            "to trust a service.",
            suggestion="Add an ending plan: notice periods, handover, and continuity of care for people supported.",
            source=whole_document.SOURCE_ENDING,
        )
    ]
