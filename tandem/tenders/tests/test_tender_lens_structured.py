"""review_snapshot: the tender lens on the structured specification (plain dictionaries, no database)."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.tenders.tender_lens import CATALOGUE, review_snapshot
from tandem.tenders.tender_lens.structured import text_fields

ELEMENTS = ["person_centred", "sensitive_monitoring", "policies", "cultural", "training", "supervision", "coproduction"]


def clean() -> dict[str, Any]:
    """A specification the lens has nothing to say about."""
    return {
        "schema": 1,
        "commission": {"id": 1, "title": "Anyborough domestic abuse service", "service_area": "", "lead_funder": "A"},
        "about": {
            "purpose": "A safe, local service for women and children who have lived with domestic abuse.",
            "people_for": "Women and children in Anyborough.",
            "services_required": "Outreach, group work and one-to-one support.",
            "reporting": "A short report each quarter, using the reports you already write for your board.",
            "ending_plan": "Six months' notice, and a handover plan for everyone supported.",
        },
        "agreement": {
            "kind": "contract",
            "reason": "",
            "term_months": 36,
            "extension_months": 24,
            "consortium_welcome": False,
            "cost_review": "A yearly cost-of-living review, agreed with the provider.",
        },
        "route": {"route": "open", "direct_award_justification": "", "value_including_vat": "450000.00"},
        "timeline": {"publication_on": "2027-05-04", "submission_deadline": "2027-06-08"},
        "outcomes": [
            {
                "id": 3,
                "text": "Women feel safer at home.",
                "kind": "soft",
                "indicator_6_months": "Most women say they feel safer.",
                "indicator_2_years": "",
                "indicator_5_years": "",
            }
        ],
        "ti_requirements": [{"element": e, "label": e, "commitments": "We will do this."} for e in ELEMENTS],
        "budget_lines": [],
        "lots": [],
        "criteria": [
            {"id": 1, "group": "quality", "title": "Quality", "weight": 60, "evaluator_guidance": ""},
            {"id": 2, "group": "social_value", "title": "Social value", "weight": 10, "evaluator_guidance": ""},
            {"id": 3, "group": "price", "title": "Price", "weight": 30, "evaluator_guidance": ""},
        ],
        "social_value_reason": "",
        "questions": [
            question(10, "How will you make your service feel safe for women?"),
            question(11, "Is there anything else you want us to know?", is_open=True),
        ],
    }


def question(qid: int, text: str, **extra: Any) -> dict[str, Any]:
    row = {
        "id": qid,
        "text": text,
        "guidance": "",
        "phase": "first_stage",
        "is_financial": False,
        "why_we_ask": "To understand your approach.",
        "how_we_use": "The panel scores it.",
        "is_open": False,
        "included": True,
        "excluded_reason": "",
    }
    row.update(extra)
    return row


def found(snapshot: dict[str, Any]) -> list[tuple[str, str]]:
    return [(f.code, f.place) for f in review_snapshot(snapshot)]


def test_a_clean_specification_has_no_findings():
    assert review_snapshot(clean()) == []


def test_an_empty_specification_misses_the_whole_document_codes_only():
    codes = {f.code for f in review_snapshot({})}
    assert codes == {f"TL12{letter}" for letter in "abcdefg"} | {"TL23"}


def test_text_rules_run_per_field_with_spans_inside_it():
    snapshot = clean()
    snapshot["about"]["people_for"] = "Women in the north of the borough, often seen as hard to reach."
    snapshot["questions"][0]["guidance"] = "Tell us how you would engage families who failed to engage before."
    findings = review_snapshot(snapshot)
    assert [(f.code, f.place, f.place_label) for f in findings] == [
        ("TL13", "about.people_for", "The people it is for"),
        ("TL13", "question:10.guidance", "Question 1, guidance"),
    ]
    first, second = findings
    assert snapshot["about"]["people_for"][first.start : first.end] == "hard to reach"
    assert snapshot["questions"][0]["guidance"][second.start : second.end] == "failed to engage"
    assert first.as_dict()["place"] == "about.people_for"


def test_an_acronym_spelled_out_in_another_field_is_not_flagged_and_is_flagged_once():
    snapshot = clean()
    snapshot["about"]["purpose"] = "Support from Independent Domestic Violence Advisers (IDVAs)."
    snapshot["about"]["services_required"] = "IDVA support, and a monthly MARAC."
    snapshot["questions"][0]["text"] = "How will your MARAC work?"
    assert found(snapshot) == [("TL01", "about.services_required")]
    snapshot["about"]["services_required"] = "IDVA support, and monthly MARACs."
    snapshot["outcomes"][0]["indicator_2_years"] = "Fewer repeat MARAC referrals."
    snapshot["about"]["people_for"] = "People heard at a Multi-Agency Risk Assessment Conference."
    assert found(snapshot) == []


def test_weights_that_do_not_add_up_and_price_dominant():
    snapshot = clean()
    snapshot["criteria"][0]["weight"] = 50
    assert found(snapshot) == [("TL04", "criteria")]  # 90%
    snapshot["criteria"][0]["weight"] = 40
    snapshot["criteria"][2]["weight"] = 50
    assert found(snapshot) == [("TL06", "criteria")]


def test_low_social_value_with_a_recorded_reason_is_low_severity_and_says_the_reason():
    snapshot = clean()
    snapshot["criteria"][0]["weight"] = 65
    snapshot["criteria"][1]["weight"] = 5
    (finding,) = review_snapshot(snapshot)
    assert (finding.code, finding.severity) == ("TL05", "medium")
    snapshot["social_value_reason"] = "The service is a small specialist pilot"
    (finding,) = review_snapshot(snapshot)
    assert (finding.code, finding.severity) == ("TL05", "low")
    assert "The service is a small specialist pilot" in finding.message


def test_no_criteria_is_not_judged():
    snapshot = clean()
    snapshot["criteria"] = []
    assert found(snapshot) == []


@pytest.mark.parametrize(
    ("published", "deadline", "consortium", "expected"),
    [
        ("2027-05-04", "2027-05-28", False, [("TL07", "timeline.submission_deadline")]),
        ("2027-05-04", "2027-05-29", False, []),
        ("2027-05-04", "2027-06-01", True, [("TL07", "timeline.submission_deadline")]),
        ("2027-05-04", "2027-06-08", True, []),
        ("2026-11-30", "2027-01-11", False, [("TL08", "timeline.submission_deadline")]),
        ("2027-06-20", "2027-07-26", False, [("TL08", "timeline.submission_deadline")]),
        ("2027-02-01", "2027-03-12", False, [("TL09", "timeline.submission_deadline")]),
        ("2028-03-01", "2028-04-05", False, [("TL09", "timeline.publication_on")]),
        ("2027-06-08", "2027-05-04", False, []),  # out of order: the timeline page says so
        (None, None, False, []),
    ],
)
def test_timeline(published, deadline, consortium, expected):
    snapshot = clean()
    snapshot["timeline"] = {"publication_on": published, "submission_deadline": deadline}
    snapshot["agreement"]["consortium_welcome"] = consortium
    assert found(snapshot) == expected


def test_open_question_switched_off():
    snapshot = clean()
    snapshot["questions"][1]["included"] = False
    snapshot["questions"][1]["excluded_reason"] = "We ask it at interview"
    ((code, place),) = found(snapshot)
    assert (code, place) == ("TL11", "questions.open")
    assert "We ask it at interview" in review_snapshot(snapshot)[0].message
    snapshot["questions"].append(question(12, "Is there any other information you would like to add?"))
    assert found(snapshot) == []


def test_each_missing_trauma_informed_requirement():
    for index, element in enumerate(ELEMENTS):
        snapshot = clean()
        del snapshot["ti_requirements"][index]
        code = f"TL12{'abcdefg'[index]}"
        assert found(snapshot) == [(code, "ti_requirements")], element


def test_a_requirement_written_into_the_services_counts():
    snapshot = clean()
    snapshot["ti_requirements"] = [r for r in snapshot["ti_requirements"] if r["element"] != "supervision"]
    snapshot["about"]["services_required"] += " All staff have monthly supervision."
    assert found(snapshot) == []


@pytest.mark.parametrize(
    ("term", "extension", "fires"), [(12, None, True), (6, 0, True), (12, 12, False), (13, None, False)]
)
def test_short_term_for_trauma_work(term, extension, fires):
    snapshot = clean()
    snapshot["agreement"].update(term_months=term, extension_months=extension)
    assert (("TL19", "agreement.term_months") in found(snapshot)) is fires


def test_short_term_needs_relationship_or_trauma_work():
    snapshot = clean()
    snapshot["agreement"].update(term_months=12, extension_months=None)
    snapshot["ti_requirements"] = []
    snapshot["commission"]["title"] = "Library opening hours"
    snapshot["about"]["purpose"] = "Longer opening hours at three libraries."
    snapshot["about"]["services_required"] = "Staffing for evening opening, person-centred and culturally responsive."
    assert "TL19" not in {code for code, _ in found(snapshot)}


def test_no_cost_review_over_a_long_term():
    snapshot = clean()
    snapshot["agreement"]["cost_review"] = ""
    assert found(snapshot) == [("TL20", "agreement.cost_review")]
    snapshot["budget_lines"] = [{"id": 1, "category": "cost_of_living", "description": "Pay review"}]
    assert found(snapshot) == []
    snapshot["budget_lines"] = []
    snapshot["agreement"]["term_months"] = 12
    snapshot["agreement"]["extension_months"] = 24
    assert found(snapshot) == []


def test_a_cost_review_that_rules_out_uplifts_gets_one_tl20_from_the_text():
    snapshot = clean()
    snapshot["agreement"]["cost_review"] = "Prices will remain fixed for three years."
    assert found(snapshot) == [("TL20", "agreement.cost_review")]


def test_no_ending_plan_unless_the_text_covers_it():
    snapshot = clean()
    snapshot["about"]["ending_plan"] = ""
    assert found(snapshot) == [("TL23", "about.ending_plan")]
    snapshot["about"]["services_required"] += " The provider will agree a transition plan with the council."
    assert found(snapshot) == []


def test_sensitive_first_stage_questions():
    snapshot = clean()
    snapshot["questions"].insert(
        1, question(20, "Your bank statements for the last six months.", why_we_ask="To check you are solvent.")
    )
    snapshot["questions"].insert(2, question(21, "Your pricing model.", is_financial=True))
    findings = review_snapshot(snapshot)
    assert [(f.code, f.place, f.place_label) for f in findings] == [
        ("TL03", "question:20.text", "Question 2"),
        ("TL03", "question:21.text", "Question 3"),
    ]
    assert snapshot["questions"][1]["text"][findings[0].start : findings[0].end] == "bank statements"
    assert (findings[1].start, findings[1].end) == (0, 0)
    for row in snapshot["questions"][1:3]:
        row["phase"] = "shortlisted"
    assert found(snapshot) == []


def test_a_first_stage_question_gets_tl03_once_even_when_its_text_demands_it():
    snapshot = clean()
    snapshot["questions"].insert(
        1, question(20, "Please attach your audited accounts for the last three years.", is_financial=True)
    )
    assert found(snapshot) == [("TL03", "question:20.text")]


def test_a_question_that_says_why_it_asks_is_not_a_request_without_reason():
    snapshot = clean()
    snapshot["questions"][0]["text"] = "Please attach a copy of your safeguarding policy."
    assert found(snapshot) == []
    snapshot["about"]["services_required"] = "Providers must attach a copy of your safeguarding policy."
    assert found(snapshot) == [("TL02", "about.services_required")]


def test_switched_off_questions_are_not_read():
    snapshot = clean()
    snapshot["questions"].append(question(30, "We work with hard to reach families.", included=False))
    assert found(snapshot) == []


def test_reporting_is_weighed_against_the_value():
    snapshot = clean()
    snapshot["about"]["reporting"] = "Monthly monitoring returns, and a quarterly report."
    assert found(snapshot) == []  # worth £450,000: monthly returns are in proportion
    snapshot["route"]["value_including_vat"] = "40000.00"
    findings = review_snapshot(snapshot)
    assert [(f.code, f.place) for f in findings] == [("TL10", "about.reporting")]
    assert "\u00a340,000" in findings[0].message


def test_soft_outcomes_elsewhere_keep_absolute_targets_from_firing():
    snapshot = clean()
    snapshot["outcomes"].append(
        {"id": 4, "text": "All clients will secure stable housing.", "kind": "hard", "indicator_6_months": ""}
    )
    assert found(snapshot) == []
    snapshot["outcomes"] = [snapshot["outcomes"][1]]
    assert found(snapshot) == [("TL18", "outcome:4.text")]


def test_text_fields_cover_every_text_the_issue_names():
    snapshot = clean()
    snapshot["criteria"][0]["evaluator_guidance"] = "Look for a clear plan."
    places = [field.place for field in text_fields(snapshot)]
    for place in (
        "about.purpose",
        "about.reporting",
        "agreement.reason",
        "agreement.cost_review",
        "route.direct_award_justification",
        "outcome:3.text",
        "outcome:3.indicator_6_months",
        "ti:coproduction.commitments",
        "question:10.text",
        "question:10.guidance",
        "question:10.why_we_ask",
        "question:10.how_we_use",
        "criterion:1.evaluator_guidance",
    ):
        assert place in places


SNIPPETS = st.sampled_from(
    [
        "hard to reach",
        "Please attach your audited accounts.",
        "monthly monitoring returns",
        "A full trauma history at first contact.",
        "We will only fund new projects.",
        "ITT",
        "12-month",
        "",
    ]
)


@settings(max_examples=60, deadline=None)
@given(
    texts=st.lists(st.one_of(SNIPPETS, st.text(max_size=80)), min_size=6, max_size=6),
    weights=st.lists(st.integers(min_value=0, max_value=100), max_size=4),
    term=st.one_of(st.none(), st.integers(min_value=0, max_value=120), st.text(max_size=3)),
    dates=st.lists(st.one_of(st.none(), st.dates().map(str), st.text(max_size=10)), min_size=2, max_size=2),
    value=st.one_of(st.none(), st.text(max_size=12), st.decimals(allow_nan=False, places=2).map(str)),
    junk=st.booleans(),
)
def test_generated_specifications_never_raise_and_spans_fit_their_field(texts, weights, term, dates, value, junk):
    snapshot = copy.deepcopy(clean())
    snapshot["about"]["purpose"], snapshot["about"]["reporting"] = texts[0], texts[1]
    snapshot["agreement"]["cost_review"] = texts[2]
    snapshot["questions"][0]["text"], snapshot["questions"][0]["guidance"] = texts[3], texts[4]
    snapshot["outcomes"][0]["text"] = texts[5]
    snapshot["criteria"] = [{"id": n, "group": "price", "title": "P", "weight": w} for n, w in enumerate(weights)]
    snapshot["agreement"]["term_months"] = term
    snapshot["timeline"] = {"publication_on": dates[0], "submission_deadline": dates[1]}
    snapshot["route"]["value_including_vat"] = value
    if junk:
        snapshot["questions"].append("not a dict")
        snapshot["about"]["ending_plan"] = None
    fields = {field.place: field.text for field in text_fields(snapshot)}
    for finding in review_snapshot(snapshot):
        assert finding.code in CATALOGUE
        assert finding.place
        assert 0 <= finding.start <= finding.end <= len(fields.get(finding.place, ""))


def test_the_open_question_alone_does_not_count_as_requiring_co_production() -> None:
    """Every specification starts with the open question, whose guidance mentions lived experience.
    Asking bidders is not requiring it of them, so a specification with no trauma-informed
    requirements still gets every TL12 finding."""
    from tandem.tenders.rules import open_question
    from tandem.tenders.tender_lens import review_snapshot

    snapshot = {
        "about": {"purpose": "Support for adults leaving domestic abuse.", "people_for": "", "services_required": ""},
        "ti_requirements": [],
        "questions": [
            {
                "id": 1,
                "text": open_question.TEXT,
                "guidance": open_question.GUIDANCE,
                "why_we_ask": open_question.WHY_WE_ASK,
                "how_we_use": open_question.HOW_WE_USE,
                "phase": "first_stage",
                "is_open": True,
                "included": True,
            }
        ],
    }
    codes = {finding.code for finding in review_snapshot(snapshot)}
    assert {"TL12a", "TL12b", "TL12c", "TL12d", "TL12e", "TL12f", "TL12g"} <= codes


def _tl20(snapshot: dict[str, Any]) -> list[Any]:
    return [f for f in review_snapshot(snapshot) if f.code == "TL20"]


@pytest.mark.parametrize("extension", [None, 0])
def test_a_12_month_agreement_is_never_told_its_price_stays_the_same_for_years(extension):
    """Issue 10, item 17: the term is 12 months, so whatever the text says about years (a provider's
    experience, a plan for later), TL20 does not say the price stays the same for years."""
    snapshot = clean()
    snapshot["agreement"].update(
        term_months=12,
        extension_months=extension,
        cost_review="Prices will remain fixed for the duration of the contract.",
    )
    snapshot["about"]["services_required"] += " Prices are fixed. Staff need two years of experience in three years."
    snapshot["about"]["purpose"] += " The contract and its price are fixed for three years of delivery."
    assert _tl20(snapshot) == []


def test_a_long_term_with_the_price_held_fixed_says_the_term():
    """The price review holds the price fixed without saying for how long: the term says it, once."""
    snapshot = clean()
    snapshot["agreement"]["cost_review"] = "Prices will remain fixed for the duration of the contract."
    (finding,) = _tl20(snapshot)
    assert finding.place == "agreement.cost_review"
    assert finding.message.startswith("The term is 36 months, and the price stays the same with no review.")
    assert snapshot["agreement"]["cost_review"][finding.start : finding.end] == "Prices will remain fixed"
    assert "several years" not in finding.message


def test_a_12_month_agreement_with_a_long_extension_can_still_be_told():
    snapshot = clean()
    snapshot["agreement"].update(term_months=12, extension_months=24, cost_review="")
    snapshot["about"]["services_required"] += " The contract runs for three years. Prices will remain fixed."
    assert [f.place for f in _tl20(snapshot)] == ["about.services_required"]
