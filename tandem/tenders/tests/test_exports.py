"""The specification pack and evaluation plan builders, from a snapshot dictionary: no database."""

from __future__ import annotations

import datetime
import io
import zipfile
from decimal import Decimal
from typing import Any

import docx
import openpyxl
import pypdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.tenders.exports.excel import plan_xlsx
from tandem.tenders.exports.pack import (
    EVALUATION_PLAN_XLSX,
    NOT_WRITTEN,
    OUTCOME_KINDS,
    PACK_DOCX,
    PACK_PDF,
    TI_ELEMENTS,
    TIMELINE_LABELS,
    Details,
    Edition,
    Grid,
    Item,
    Prose,
    SpecificationPack,
    evaluation_plan,
    export_filename,
    paragraphs,
    price_method,
    specification_pack,
    weight_shares,
)
from tandem.tenders.exports.pdf import pack_html, pack_pdf
from tandem.tenders.exports.word import pack_docx
from tandem.tenders.models import Outcome, TIElement
from tandem.tenders.snapshot import TIMELINE_FIELDS

TODAY = datetime.date(2026, 11, 22)
WORKING = Edition(made_on=TODAY)
VERSION_3 = Edition(
    made_on=TODAY, number=3, saved_on=datetime.date(2026, 11, 1), published_on=datetime.date(2026, 11, 2)
)
SECTION_HEADINGS = [
    "Purpose",
    "The people it is for",
    "Services required",
    "Outcomes",
    "Trauma-informed requirements",
    "Budget",
    "The agreement",
    "Route and regime",
    "Lots",
    "Timeline",
    "Award criteria",
    "Questions for bidders",
    "Reporting",
    "When the service ends",
]


def full_snapshot(questions: int = 40, title: str = "Domestic abuse support") -> dict[str, Any]:
    """A snapshot with every part filled in, as ``specification_snapshot`` would make it."""
    criteria: list[dict[str, Any]] = [
        {
            "id": 11,
            "group": "quality",
            "group_label": "Quality",
            "title": "Safe, trauma-informed delivery",
            "weight": 50,
            "evaluator_guidance": "Look for choice and control offered at every contact.",
            "scale": [
                {"score": 0, "descriptor": "No answer, or nothing we could use."},
                {"score": 1, "descriptor": "Some of what we asked, with gaps."},
                {"score": 2, "descriptor": "All of what we asked, with examples."},
            ],
        },
        {
            "id": 12,
            "group": "social_value",
            "group_label": "Social value",
            "title": "Local jobs and volunteering",
            "weight": 20,
            "evaluator_guidance": "",
            "scale": [{"score": 0, "descriptor": "Nothing local."}, {"score": 1, "descriptor": "Local roles."}],
        },
        {
            "id": 13,
            "group": "price",
            "group_label": "Price",
            "title": "Price",
            "weight": 30,
            "evaluator_guidance": "Lowest realistic price scores highest.",
            "scale": [],
        },
    ]
    question_rows: list[dict[str, Any]] = [
        {
            "id": 100 + n,
            "text": f"Question text {n}: how will you keep people safe?",
            "guidance": f"Guidance {n}",
            "word_limit": 500,
            "criterion_id": 11 if n % 2 else 12,
            "criterion_title": "",
            "phase": "first_stage",
            "phase_label": "Everyone who bids (first stage)",
            "is_financial": False,
            "why_we_ask": f"Why we ask {n}",
            "how_we_use": f"How we use {n}",
            "coproduced_with": "Anyborough survivors' panel" if n == 1 else "",
            "is_open": False,
            "included": True,
            "excluded_reason": "",
        }
        for n in range(1, questions + 1)
    ]
    question_rows.append(
        {
            "id": 999,
            "text": "Is there anything else you want us to know?",
            "guidance": "",
            "word_limit": None,
            "criterion_id": None,
            "criterion_title": "",
            "phase": "first_stage",
            "phase_label": "Everyone who bids (first stage)",
            "why_we_ask": "Forms cannot ask about everything.",
            "how_we_use": "The panel reads every answer.",
            "coproduced_with": "",
            "is_open": True,
            "included": False,
            "excluded_reason": "We ask this at the presentation instead.",
        }
    )
    return {
        "schema": 1,
        "commission": {
            "id": 1,
            "title": title,
            "service_area": "Domestic abuse",
            "lead_funder": "Anyborough Borough Council",
        },
        "about": {
            "purpose": "Safe, steady support.\n\nFor as long as people need it.",
            "people_for": "Adults and children affected by domestic abuse.",
            "services_required": "Outreach, refuge and group work.",
            "reporting": "One report a quarter, using the form providers already use.",
            "ending_plan": "Six months' notice and a plan for everyone still being supported.",
        },
        "agreement": {
            "kind": "grant",
            "kind_label": "Grant",
            "reason": "Specialist work from small organisations.",
            "term_months": 36,
            "extension_months": 24,
            "consortium_welcome": True,
            "cost_review": "Prices reviewed each April in line with pay awards.",
        },
        "route": {
            "route": "two_stage",
            "route_label": "Two stages: a shortlist, then dialogue or assurance",
            "second_stage": "dialogue",
            "second_stage_label": "Dialogue with shortlisted bidders",
            "direct_award_justification": "",
            "cpv_code": "85312000",
            "light_touch": True,
            "value_including_vat": "450000.00",
        },
        "timeline": {name: f"2027-0{1 + i % 9}-1{i % 9}" for i, name in enumerate(TIMELINE_FIELDS)},
        "coproduction": {"vulnerability": "high", "engagement_level": "collaborate", "engagement_reason": ""},
        "outcomes": [
            {
                "id": 1,
                "text": "People feel safer.",
                "kind": "soft",
                "indicator_6_months": "Safety plans in place",
                "indicator_2_years": "Fewer repeat referrals",
                "indicator_5_years": "",
            },
            {
                "id": 2,
                "text": "Children stay in school.",
                "kind": "hard",
                "indicator_6_months": "Attendance recorded",
                "indicator_2_years": "Attendance above 90%",
                "indicator_5_years": "Exam results",
            },
        ],
        "ti_requirements": [
            {
                "element": "person_centred",
                "label": "Person-centred engagement that offers safety, choice and control",
                "commitments": "People choose where and when we meet.",
            },
            {
                "element": "supervision",
                "label": "Reflective practice and supervision for staff and volunteers",
                "commitments": "Monthly reflective supervision.",
            },
        ],
        "budget_lines": [
            {
                "id": 1,
                "category": "staff",
                "category_label": "Staff pay and on-costs",
                "description": "Four support workers",
                "annual_amount": "120000.00",
            },
            {
                "id": 2,
                "category": "supervision",
                "category_label": "Clinical or reflective supervision",
                "description": "External supervisor",
                "annual_amount": "6000.50",
            },
        ],
        "lots": [
            {"id": 1, "title": "Lot 1: adults", "description": "Outreach for adults", "value": "300000.00"},
            {"id": 2, "title": "Lot 2: children", "description": "", "value": None},
        ],
        "criteria": criteria,
        "social_value_reason": "",
        "questions": question_rows,
    }


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def _section(pack: SpecificationPack, heading: str) -> Any:
    return next(section for section in pack.sections if section.heading == heading)


def _text_of(blocks: Any) -> str:
    """Every piece of text in a section's blocks, for checking what a section says."""
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, Item):
            parts.append(block.heading)
            parts.append(_text_of(block.blocks))
        elif isinstance(block, Prose):
            parts.extend(block.paragraphs)
        elif isinstance(block, Details):
            parts.extend(f"{label}: {value}" for label, value in block.rows)
        elif isinstance(block, Grid):
            parts.append(block.caption)
            parts.extend(" | ".join(row) for row in (block.headers, *block.rows, block.foot))
        else:
            parts.append(block.intro)
            parts.extend(block.items)
    return "\n".join(parts)


# The plain data --------------------------------------------------------------------------------


def test_labels_match_the_models_and_the_snapshot():
    assert dict(Outcome.Kind.choices) == OUTCOME_KINDS
    assert list(TIElement.choices) == list(TI_ELEMENTS)
    assert [name for name, _ in TIMELINE_LABELS] == list(TIMELINE_FIELDS)


def test_paragraphs_split_on_blank_lines():
    assert paragraphs("One\nstill one\n\n  \nTwo\r\n\r\nThree") == ("One\nstill one", "Two", "Three")
    assert paragraphs("   ") == ()


@pytest.mark.parametrize(
    ("title", "name", "edition", "expected"),
    [
        # A saved version's file names carry its number and the day it was saved (issue 10, item 3).
        ("Domestic abuse support", PACK_PDF, VERSION_3, "domestic-abuse-support-specification-v3-2026-11-01.pdf"),
        ("Domestic abuse", PACK_DOCX, WORKING, "domestic-abuse-specification-working-copy-2026-11-22.docx"),
        (
            "Young people's health",
            EVALUATION_PLAN_XLSX,
            VERSION_3,
            "young-people-s-health-evaluation-plan-v3-2026-11-01.xlsx",
        ),
        ('../../etc/passwd"; x=', PACK_PDF, VERSION_3, "etc-passwd-x-specification-v3-2026-11-01.pdf"),
        ("Café für Ölçü", PACK_DOCX, VERSION_3, "cafe-fur-olcu-specification-v3-2026-11-01.docx"),
        ("日本語", EVALUATION_PLAN_XLSX, VERSION_3, "commission-evaluation-plan-v3-2026-11-01.xlsx"),
        ("x" * 300, PACK_PDF, VERSION_3, f"{'x' * 60}-specification-v3-2026-11-01.pdf"),
        ("Domestic abuse", PACK_PDF, Edition(made_on=TODAY, number=2), "domestic-abuse-specification-v2.pdf"),
    ],
)
def test_file_names_are_safe(title, name, edition, expected):
    assert export_filename(title, name, edition) == expected


def test_an_unknown_name_has_no_file_name():
    with pytest.raises(ValueError):
        export_filename("A", "pack.exe", WORKING)


def test_the_edition_says_which_copy_it_is():
    assert WORKING.label == "Working copy"
    assert "Not saved as a version" in WORKING.status
    assert VERSION_3.label == "Version 3"
    assert VERSION_3.status == "Saved on 1 November 2026. Published to bidders on 2 November 2026"
    assert Edition(made_on=TODAY, number=1).status == "Saved. Not published to bidders"
    assert VERSION_3.made_display == "22 November 2026"


def test_a_saved_version_is_titled_with_its_number_and_the_day_it_was_saved():
    """Issue 10, item 3: a version's documents never read as the working copy."""
    assert VERSION_3.dated_label == "Version 3 of 1 November 2026"
    assert VERSION_3.title_part == " (version 3 of 1 November 2026)"
    assert Edition(made_on=TODAY, number=1).dated_label == "Version 1"
    assert WORKING.dated_label == "Working copy of 22 November 2026"
    assert WORKING.title_part == ""
    pack = specification_pack(full_snapshot(questions=1), VERSION_3)
    assert pack.document_title == "Specification: Domestic abuse support (version 3 of 1 November 2026)"
    assert pack.running_head == "Domestic abuse support: Version 3 of 1 November 2026"
    assert "Not saved as a version" not in pack.edition.status
    plan = evaluation_plan(full_snapshot(questions=1), VERSION_3)
    assert plan.document_title == "Evaluation plan: Domestic abuse support (version 3 of 1 November 2026)"
    assert specification_pack({}, WORKING).document_title == "Specification: Untitled commission"


def test_the_pack_has_every_part_in_order():
    pack = specification_pack(full_snapshot(), VERSION_3)
    assert [section.heading for section in pack.sections] == SECTION_HEADINGS
    assert pack.title == "Domestic abuse support"
    assert pack.document_title == "Specification: Domestic abuse support (version 3 of 1 November 2026)"
    outcomes = _text_of(_section(pack, "Outcomes").blocks)
    assert "Outcome 2" in outcomes
    assert "Hard or soft: Soft: how people feel, cope or connect" in outcomes
    assert "Indicator at 2 years: Fewer repeat referrals" in outcomes
    assert f"Indicator at 5 years: {NOT_WRITTEN}" in outcomes
    ti = _text_of(_section(pack, "Trauma-informed requirements").blocks)
    assert "Monthly reflective supervision." in ti
    assert "This specification does not yet ask providers for:" in ti
    assert "Culturally responsive, inclusive practice" in ti
    budget = _text_of(_section(pack, "Budget").blocks)
    assert "Total a year |  | £126,000.50" in budget
    assert "Over the 36-month term, at these prices: £378,001.50." in budget
    agreement = _text_of(_section(pack, "The agreement").blocks)
    for expected in (
        "Contract or grant: Grant",
        "Why we chose this: Specialist work from small organisations.",
        "Term: 36 months",
        "Possible extension: Up to 24 months",
        "Bids from a consortium: Welcome: organisations can bid together",
        "How prices are reviewed over the term: Prices reviewed each April in line with pay awards.",
    ):
        assert expected in agreement
    route = _text_of(_section(pack, "Route and regime").blocks)
    assert "The second stage: Dialogue with shortlisted bidders" in route
    assert "CPV (Common Procurement Vocabulary) code: 85312000" in route
    assert "Value including VAT: £450,000" in route
    assert "Light touch regime (for health, social and other services to people): Yes" in route
    lots = _text_of(_section(pack, "Lots").blocks)
    assert f"Lot 2: children |  | {NOT_WRITTEN}" in lots
    timeline = _text_of(_section(pack, "Timeline").blocks)
    assert "The opportunity is published | 10 January 2027" in timeline
    criteria = _text_of(_section(pack, "Award criteria").blocks)
    assert "Total |  | 100%" in criteria
    assert "Safe, trauma-informed delivery (50%)" in criteria
    assert "2 | All of what we asked, with examples." in criteria
    assert f"Scoring scale: {NOT_WRITTEN}" in criteria  # Price has no scale yet
    assert "need to add up to 100%" not in criteria
    questions = _section(pack, "Questions for bidders")
    items = [block for block in questions.blocks if isinstance(block, Item)]
    assert len(items) == 40
    assert items[-1].heading == "Question 40"
    first = _text_of([items[0]])
    for expected in (
        "Question text 1: how will you keep people safe?",
        "Guidance: Guidance 1",
        "Word limit: 500 words",
        "Scored against: Safe, trauma-informed delivery (50%)",
        "Who answers: Everyone who bids (first stage)",
        "Why we ask: Why we ask 1",
        "How we will use your answer: How we use 1",
        "Co-produced with: Anyborough survivors' panel",
    ):
        assert expected in first
    assert "Co-produced with" not in _text_of([items[1]])
    left_out = _text_of(questions.blocks)
    assert "Is there anything else you want us to know? | We ask this at the presentation instead." in left_out
    assert "Six months' notice" in _text_of(_section(pack, "When the service ends").blocks)


def test_an_empty_snapshot_says_not_written_yet_everywhere():
    pack = specification_pack({}, WORKING)
    assert [section.heading for section in pack.sections] == SECTION_HEADINGS
    for section in pack.sections:
        assert NOT_WRITTEN in _text_of(section.blocks), section.heading
    assert pack.title == "Untitled commission"


def test_weights_that_do_not_add_up_are_pointed_out():
    snapshot = full_snapshot(questions=1)
    snapshot["criteria"][0]["weight"] = 40
    snapshot["social_value_reason"] = "Social value is covered by the contract's own terms."
    criteria = _text_of(_section(specification_pack(snapshot, WORKING), "Award criteria").blocks)
    assert "The weights add up to 90%. They need to add up to 100%." in criteria
    assert "Why social value is weighted below 10%: Social value is covered" in criteria


def test_the_routes_own_fields_show_only_for_that_route():
    snapshot = full_snapshot(questions=1)
    snapshot["route"].update(route="direct_award", route_label="Direct award to one provider", light_touch=None)
    route = _text_of(_section(specification_pack(snapshot, WORKING), "Route and regime").blocks)
    assert f"Why a direct award: {NOT_WRITTEN}" in route
    assert "The second stage" not in route
    assert f"Light touch regime (for health, social and other services to people): {NOT_WRITTEN}" in route


def test_the_evaluation_plan_reads_criteria_scales_and_included_questions():
    plan = evaluation_plan(full_snapshot(), VERSION_3)
    assert [(c.group, c.title, c.weight) for c in plan.criteria] == [
        ("Quality", "Safe, trauma-informed delivery", 50),
        ("Social value", "Local jobs and volunteering", 20),
        ("Price", "Price", 30),
    ]
    assert len(plan.scale) == 6  # five points, and how price is scored
    assert plan.scale[0].criterion == "Safe, trauma-informed delivery"
    assert len(plan.questions) == 40  # the open question was left out
    assert plan.questions[1].criterion == "Local jobs and volunteering"
    assert plan.questions[1].weight == 20
    # Twenty questions share each of the two criteria they are scored against.
    assert plan.questions[0].share == Decimal("2.5")
    assert plan.questions[1].share == Decimal("1")
    assert sum(q.share or 0 for q in plan.questions) + sum(u.weight for u in plan.unasked) == 100
    assert [(u.criterion, u.weight, u.price) for u in plan.unasked] == [("Price", 30, True)]


def test_price_is_shown_with_how_it_is_scored_not_the_quality_descriptors():
    """Issue 10, item 4: a price criterion keeps Tandem's suggested quality scale, which is not how
    price is scored."""
    snapshot = full_snapshot(questions=1)
    price = snapshot["criteria"][2]
    price["scale"] = [
        {"score": 0, "descriptor": "No answer, or the answer does not tell us anything about this."},
        {"score": 1, "descriptor": "A weak answer. It leaves out important things."},
    ]
    scale = [p for p in evaluation_plan(snapshot, WORKING).scale if p.criterion == "Price"]
    assert len(scale) == 1
    assert scale[0].score == ""
    assert scale[0].descriptor == (
        "Price is scored on the price each bidder offers, not on a written answer. "
        "How we score it: Lowest realistic price scores highest."
    )
    price["evaluator_guidance"] = ""
    (point,) = [p for p in evaluation_plan(snapshot, WORKING).scale if p.criterion == "Price"]
    assert "the lowest price gets the full 30%" in point.descriptor
    assert "weak answer" not in point.descriptor
    assert price_method(25, "").count("25%") == 2


@pytest.mark.parametrize(
    ("weight", "count", "expected"),
    [
        (45, 3, ("15", "15", "15")),
        (70, 3, ("23.34", "23.33", "23.33")),
        (50, 20, ("2.5",) * 20),
        (0, 2, ("0", "0")),
        (100, 7, ("14.29", "14.29", "14.29", "14.29", "14.28", "14.28", "14.28")),
    ],
)
def test_a_criterions_weight_is_shared_between_its_questions(weight, count, expected):
    shares = weight_shares(weight, count)
    assert shares == tuple(Decimal(e) for e in expected)
    assert sum(shares) == weight


@given(st.integers(0, 100), st.integers(1, 60))
def test_shares_always_add_up_to_the_weight(weight, count):
    shares = weight_shares(weight, count)
    assert len(shares) == count
    assert sum(shares) == weight
    assert max(shares) - min(shares) <= Decimal("0.01")


# The Word document ----------------------------------------------------------------------------


def _headings(document: Any) -> list[tuple[str, str]]:
    return [
        (p.style.name, p.text) for p in document.paragraphs if p.style and p.style.name.startswith(("Heading", "Title"))
    ]


def test_the_word_pack_has_real_headings_tables_and_properties():
    content = pack_docx(specification_pack(full_snapshot(), VERSION_3))
    assert zipfile.is_zipfile(io.BytesIO(content))
    document = docx.Document(io.BytesIO(content))
    headings = _headings(document)
    assert headings[0] == ("Title", "Domestic abuse support")
    assert [text for style, text in headings if style == "Heading 1"] == SECTION_HEADINGS
    assert ("Heading 2", "Question 40") in headings
    assert ("Heading 2", "Outcome 1") in headings
    assert ("Heading 2", "Safe, trauma-informed delivery (50%)") in headings
    body = "\n".join(p.text for p in document.paragraphs)
    for expected in (
        "Lead funder: Anyborough Borough Council",
        "Version: Version 3",
        "Status: Saved on 1 November 2026. Published to bidders on 2 November 2026",
        "Made on: 22 November 2026",
        "Safe, steady support.",
        "For as long as people need it.",
        "Indicator at 6 months: Safety plans in place",
        "Why we ask: Why we ask 40",
        "How we will use your answer: How we use 40",
        "Term: 36 months",
        "Six months' notice and a plan for everyone still being supported.",
    ):
        assert expected in body, expected
    tables = {table.rows[0].cells[0].text: table for table in document.tables}
    budget = tables["Cost"]
    assert [c.text for c in budget.rows[-1].cells] == ["Total a year", "", "£126,000.50"]
    assert budget.rows[0]._tr.xpath("./w:trPr/w:tblHeader")
    assert budget._tbl.xpath("./w:tblPr/w:tblCaption")
    criteria = tables["Group"]
    assert [c.text for c in criteria.rows[1].cells] == ["Quality", "Safe, trauma-informed delivery", "50%"]
    assert [c.text for c in criteria.rows[-1].cells] == ["Total", "", "100%"]
    assert document.core_properties.title == "Specification: Domestic abuse support (version 3 of 1 November 2026)"
    # Every page after the title page says which version it comes from.
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert section.header.paragraphs[0].text == "Domestic abuse support: Version 3 of 1 November 2026"
    assert document.core_properties.language == "en-GB"
    assert document.core_properties.author == "Anyborough Borough Council"


def test_an_empty_word_pack_keeps_every_heading():
    document = docx.Document(io.BytesIO(pack_docx(specification_pack({}, WORKING))))
    assert [text for style, text in _headings(document) if style == "Heading 1"] == SECTION_HEADINGS
    body = "\n".join(p.text for p in document.paragraphs)
    assert body.count(NOT_WRITTEN) >= 10
    assert "Version: Working copy" in body


# The PDF ----------------------------------------------------------------------------------------


def test_the_pdf_pack_is_tagged_a4_and_complete():
    content = pack_pdf(specification_pack(full_snapshot(), VERSION_3))
    assert content.startswith(b"%PDF")
    reader = pypdf.PdfReader(io.BytesIO(content))
    page = reader.pages[0]
    assert round(float(page.mediabox.width)) == 595  # A4
    assert round(float(page.mediabox.height)) == 842
    root: Any = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root  # tagged, for screen readers
    assert root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "en-GB"
    assert reader.metadata is not None
    assert reader.metadata.title == "Specification: Domestic abuse support (version 3 of 1 November 2026)"
    text = pdf_text(content)
    for expected in (
        "Service specification",
        "Anyborough Borough Council",
        "Version 3",
        "Published to bidders on 2 November 2026",
        "Safe, steady support.",
        "Fewer repeat referrals",
        "Monthly reflective supervision.",
        "£126,000.50",
        "Welcome: organisations can bid together",
        "85312000",
        "Lot 1: adults",
        "10 January 2027",
        "All of what we asked, with examples.",
        "Question 40",
        "Why we ask 40",
        "How we use 40",
        "Anyborough survivors' panel",
        "One report a quarter",
        "Six months' notice",
        "Domestic abuse support: Version 3 of 1 November 2026",  # the foot of every page after the first
    ):
        assert expected in text, expected
    assert "Version 3 of 1 November 2026" not in pdf_text_of_page(reader, 0)

    def flatten(items):
        for item in items:
            yield from flatten(item) if isinstance(item, list) else [item.title]

    titles = list(flatten(reader.outline))
    assert titles[0] == "Domestic abuse support"
    for heading in SECTION_HEADINGS:
        assert heading in titles
    assert "Question 40" in titles


def pdf_text_of_page(reader: Any, number: int) -> str:
    return " ".join((reader.pages[number].extract_text() or "").split())


def test_the_pdf_html_escapes_what_people_typed():
    snapshot = full_snapshot(questions=1, title="<script>alert(1)</script>")
    snapshot["about"]["purpose"] = "<img src=x onerror=alert(1)>"
    html = pack_html(specification_pack(snapshot, WORKING))
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;" in html


def test_an_empty_pdf_pack_says_not_written_yet():
    text = pdf_text(pack_pdf(specification_pack({}, WORKING)))
    assert text.count(NOT_WRITTEN) >= 10
    assert "Working copy" in text


# The Excel evaluation plan ----------------------------------------------------------------------


def _workbook(content: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(content))


def test_the_evaluation_plan_has_three_sheets_with_frozen_headers():
    content = plan_xlsx(evaluation_plan(full_snapshot(), VERSION_3))
    names = zipfile.ZipFile(io.BytesIO(content)).namelist()
    assert not any("vbaProject" in name for name in names)  # no macros
    workbook = _workbook(content)
    assert workbook.sheetnames == ["Criteria", "Scales", "Questions"]
    assert workbook.properties.title == "Evaluation plan: Domestic abuse support (version 3 of 1 November 2026)"
    criteria = workbook["Criteria"]
    assert [c.value for c in criteria[1]] == ["Group", "Criterion", "Weight (%)", "Guidance for evaluators"]
    assert criteria.freeze_panes == "A2"
    assert criteria.column_dimensions["B"].width == 40
    assert [c.value for c in criteria[2]] == [
        "Quality",
        "Safe, trauma-informed delivery",
        50,
        "Look for choice and control offered at every contact.",
    ]
    assert criteria["D3"].value == NOT_WRITTEN  # no guidance yet
    assert criteria["A5"].value == "Total"
    assert criteria["C5"].value == "=SUM(C2:C4)"
    scales = workbook["Scales"]
    assert scales.freeze_panes == "A2"
    assert [c.value for c in scales[1]] == ["Criterion", "Score", "What the score means"]
    assert [c.value for c in scales[4]] == ["Safe, trauma-informed delivery", 2, "All of what we asked, with examples."]
    assert scales.max_row == 7
    # Price is scored on the price offered, so its row says how, with no score of its own.
    assert scales["A7"].value == "Price"
    assert scales["B7"].value is None
    assert scales["C7"].value.startswith("Price is scored on the price each bidder offers")
    questions = workbook["Questions"]
    assert questions.freeze_panes == "A2"
    assert [c.value for c in questions[1]] == [
        "Number",
        "Question",
        "Criterion",
        "Weight (%)",
        "Who answers",
        "Word limit",
        "Why we ask",
        "How we will use the answer",
        "Co-produced with",
    ]
    # Forty questions, the criterion no question is scored against, and the total.
    assert questions.max_row == 43
    # Each question shows its share of its criterion's weight (50% shared by 20 questions), never the
    # criterion's whole weight again (issue 10, item 4).
    assert [c.value for c in questions[2]] == [
        1,
        "Question text 1: how will you keep people safe?",
        "Safe, trauma-informed delivery",
        2.5,
        "Everyone who bids (first stage)",
        500,
        "Why we ask 1",
        "How we use 1",
        "Anyborough survivors' panel",
    ]
    assert questions["D2"].number_format == '0.00"%"'
    assert questions["D3"].value == 1
    assert questions["D3"].number_format == '0"%"'
    assert questions["B41"].value == "Question text 40: how will you keep people safe?"
    assert [c.value for c in questions[42]][:4] == [
        None,
        "No question: scored on the price each bidder offers",
        "Price",
        30,
    ]
    assert questions["A43"].value == "Total"
    assert questions["D43"].value == "=SUM(D2:D42)"
    assert sum(questions.cell(row, 4).value for row in range(2, 43)) == pytest.approx(100)
    assert questions.auto_filter.ref == "A1:I42"
    # Each printed page is headed with the plan's title, which names the version and its date.
    assert questions.oddHeader.center.text == "Evaluation plan: Domestic abuse support (version 3 of 1 November 2026)"


def test_three_questions_on_one_criterion_share_its_weight():
    """Issue 10, item 4: three questions on a 45% criterion read 15% each, not 135% between them,
    and a question not scored against a criterion says so."""
    snapshot = full_snapshot(questions=3)
    for question in snapshot["questions"][:3]:
        question["criterion_id"] = 11
    snapshot["criteria"][0]["weight"] = 45
    snapshot["criteria"][1]["weight"] = 25
    snapshot["questions"][-1]["included"] = True  # the open question, scored against nothing
    questions = _workbook(plan_xlsx(evaluation_plan(snapshot, WORKING)))["Questions"]
    assert [questions.cell(row, 4).value for row in range(2, 6)] == [15, 15, 15, "Not scored"]
    assert [questions.cell(row, 3).value for row in (6, 7)] == ["Local jobs and volunteering", "Price"]
    assert [questions.cell(row, 4).value for row in (6, 7)] == [25, 30]
    assert questions["B6"].value == "No question is scored against this criterion yet"
    assert questions["D8"].value == "=SUM(D2:D7)"


def test_text_that_looks_like_a_formula_stays_text():
    snapshot = full_snapshot(questions=1)
    snapshot["questions"][0]["text"] = '=HYPERLINK("https://example.org","click")'
    snapshot["criteria"][0]["title"] = "=1+1"
    workbook = _workbook(plan_xlsx(evaluation_plan(snapshot, WORKING)))
    cell = workbook["Questions"]["B2"]
    assert cell.value == '=HYPERLINK("https://example.org","click")'
    assert cell.data_type == "s"
    assert workbook["Criteria"]["B2"].data_type == "s"
    assert workbook["Criteria"]["C5"].data_type == "f"  # only the total is a formula


def test_odd_scores_stay_as_typed():
    snapshot = full_snapshot(questions=1)
    snapshot["criteria"][0]["scale"] = [{"score": "\u00b2", "descriptor": "a"}, {"score": "--1", "descriptor": "b"}]
    scales = _workbook(plan_xlsx(evaluation_plan(snapshot, WORKING)))["Scales"]
    assert [scales["B2"].value, scales["B3"].value, scales["B4"].value] == ["\u00b2", "--1", 0]


def test_an_empty_evaluation_plan_still_has_its_sheets_and_total():
    workbook = _workbook(plan_xlsx(evaluation_plan({}, WORKING)))
    assert workbook.sheetnames == ["Criteria", "Scales", "Questions"]
    assert workbook["Criteria"]["B2"].value == NOT_WRITTEN
    assert workbook["Criteria"]["C3"].value == "=SUM(C2:C2)"
    assert workbook["Scales"]["A2"].value == NOT_WRITTEN
    assert workbook["Questions"]["B2"].value == NOT_WRITTEN
    assert workbook["Questions"]["D3"].value == "=SUM(D2:D2)"


# Any snapshot, however odd, makes documents -----------------------------------------------------

_leaf = st.none() | st.booleans() | st.integers(-(10**12), 10**12) | st.text(max_size=80) | st.floats()
_value = st.recursive(
    _leaf,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12,
)
_keys = st.sampled_from(
    [
        *("commission", "about", "agreement", "route", "timeline", "outcomes", "ti_requirements", "budget_lines"),
        *("lots", "criteria", "questions", "social_value_reason", "title", "weight", "scale", "text", "included"),
    ]
)


@settings(max_examples=40, deadline=None)
@given(st.dictionaries(_keys, _value, max_size=8))
def test_any_snapshot_shape_makes_documents(snapshot):
    pack = specification_pack(snapshot, WORKING)
    assert [section.heading for section in pack.sections] == SECTION_HEADINGS
    assert docx.Document(io.BytesIO(pack_docx(pack))).paragraphs
    assert pack_html(pack)
    assert _workbook(plan_xlsx(evaluation_plan(snapshot, WORKING))).sheetnames == ["Criteria", "Scales", "Questions"]


@settings(max_examples=30, deadline=None)
@given(st.text(max_size=300), st.text(max_size=300), st.integers(0, 10**6), st.text(max_size=20))
def test_any_text_in_a_full_snapshot_makes_documents(text, title, weight, amount):
    snapshot = full_snapshot(questions=2, title=title)
    snapshot["about"]["purpose"] = text
    snapshot["questions"][0]["why_we_ask"] = text
    snapshot["criteria"][0]["weight"] = weight
    snapshot["criteria"][0]["scale"][0]["descriptor"] = text
    snapshot["budget_lines"][0]["annual_amount"] = amount
    snapshot["route"]["value_including_vat"] = amount
    pack = specification_pack(snapshot, VERSION_3)
    assert docx.Document(io.BytesIO(pack_docx(pack))).paragraphs
    assert pack_html(pack)
    assert _workbook(plan_xlsx(evaluation_plan(snapshot, VERSION_3)))["Criteria"]["C2"].value == weight
