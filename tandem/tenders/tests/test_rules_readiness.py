"""Where each part of a specification stands, and what stops it being published. Plain pytest and
hypothesis over the snapshot's plain dictionary."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tandem.tenders.rules import readiness, timeline
from tandem.tenders.rules.readiness import IN_PROGRESS, NOT_STARTED, OPTIONAL, READY, part_statuses, publish_problems
from tandem.tenders.tender_lens.finding import Finding, make_finding


def question(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "text": "How will you keep people safe?",
        "why_we_ask": "Safety comes first.",
        "how_we_use": "We score it against the safety criterion.",
        "is_open": False,
        "included": True,
    }
    values.update(overrides)
    return values


def snapshot(**overrides: Any) -> dict[str, Any]:
    """A specification with nothing written but the open question."""
    values: dict[str, Any] = {
        "about": {"purpose": "", "people_for": "", "services_required": "", "reporting": "", "ending_plan": ""},
        "agreement": {"kind": "", "reason": "", "term_months": None, "extension_months": None, "cost_review": ""},
        "route": {
            "route": "",
            "second_stage": "",
            "direct_award_justification": "",
            "cpv_code": "",
            "light_touch": None,
            "value_including_vat": None,
        },
        "timeline": {"publication_on": None, "submission_deadline": None, "award_on": None, "service_starts_on": None},
        "coproduction": {"vulnerability": "", "engagement_level": "", "engagement_reason": ""},
        "outcomes": [],
        "ti_requirements": [],
        "budget_lines": [],
        "lots": [],
        "criteria": [],
        "questions": [question(is_open=True, text="Anything else?")],
    }
    values.update(overrides)
    return values


def ready_snapshot() -> dict[str, Any]:
    return snapshot(
        about={
            "purpose": "p",
            "people_for": "p",
            "services_required": "s",
            "reporting": "r",
            "ending_plan": "e",
        },
        agreement={"kind": "contract", "term_months": 36, "cost_review": "Yearly", "reason": ""},
        route={"route": "open", "cpv_code": "85312000", "value_including_vat": "450000.00", "light_touch": True},
        timeline={
            "publication_on": "2027-01-11",
            "submission_deadline": "2027-02-22",
            "award_on": "2027-04-01",
            "service_starts_on": "2027-07-01",
        },
        coproduction={"vulnerability": "high", "engagement_level": "collaborate"},
        outcomes=[{"text": "Safer", "indicator_6_months": "a", "indicator_2_years": "b", "indicator_5_years": "c"}],
        ti_requirements=[{"element": f"e{n}"} for n in range(7)],
        budget_lines=[{"description": "Staff"}],
        lots=[{"title": "North"}],
        criteria=[{"weight": 60}, {"weight": 30}, {"weight": 10}],
        questions=[question(), question(is_open=True)],
    )


def test_a_new_specification_is_not_started_and_cannot_be_published() -> None:
    statuses = part_statuses(snapshot())
    assert list(statuses) == list(readiness.PARTS)
    assert {part: s.status for part, s in statuses.items() if s.status != NOT_STARTED} == {"lots": OPTIONAL}
    assert statuses["questions"].hint == "The open question is ready; add your own"
    assert [(p.part, p.message) for p in publish_problems(snapshot())] == [
        ("criteria", "Add at least one award criterion, with its weight"),
        ("route", "Choose a route: open, two stages, or direct award"),
        ("timeline", "Set the submission deadline"),
    ]


def test_a_finished_specification_is_ready_everywhere_and_can_be_published() -> None:
    statuses = part_statuses(ready_snapshot())
    assert {s.status for s in statuses.values()} == {READY}
    assert statuses["criteria"].hint == "Weights total 100%"
    assert statuses["ti_requirements"].hint == "7 of 7 elements"
    assert publish_problems(ready_snapshot()) == []


def test_parts_done_halfway_are_in_progress() -> None:
    data = snapshot(
        about={"purpose": "Safer lives"},
        agreement={"kind": "grant"},
        route={"route": "open"},
        outcomes=[{"text": "Safer", "indicator_6_months": "a"}],
        ti_requirements=[{"element": "cultural"}],
        criteria=[{"weight": 50}],
        timeline={"publication_on": "2027-01-11"},
        coproduction={"vulnerability": "high"},
    )
    statuses = part_statuses(data)
    for part in ("about", "agreement", "route", "outcomes", "ti_requirements", "criteria", "timeline", "coproduction"):
        assert statuses[part].status == IN_PROGRESS, part
    assert statuses["about"].hint == "1 of 5 answered"
    assert "indicators" in statuses["outcomes"].hint


def test_weights_must_total_exactly_100() -> None:
    for weights, total in (([60, 30], 90), ([60, 30, 20], 110)):
        problems = publish_problems(snapshot(criteria=[{"weight": w} for w in weights]))
        assert problems[0] == readiness.Problem(
            "criteria", f"The award criteria weights total {total}%. They must total exactly 100%"
        )
    # A weight that is not a whole number counts as nothing rather than breaking the page.
    assert "total 60%" in publish_problems(snapshot(criteria=[{"weight": 60}, {"weight": "40"}]))[0].message


def test_every_included_question_needs_why_and_how() -> None:
    data = ready_snapshot()
    data["questions"] = [
        question(why_we_ask=" "),
        question(how_we_use="", why_we_ask="", text="Tell us about your finances " * 5),
        question(why_we_ask="", included=False),
    ]
    messages = [p.message for p in publish_problems(data) if p.part == "questions"]
    assert messages[0] == "Question 1 (“How will you keep people safe?”) needs to say why you ask it"
    assert messages[1].startswith("Question 2 (“Tell us about your finances")
    assert messages[1].endswith("needs to say why you ask it and how you will use the answer")
    assert "..." in messages[1]
    assert len(messages) == 2
    assert part_statuses(data)["questions"].status == IN_PROGRESS


def test_the_route_needs_its_second_stage_or_justification() -> None:
    two = ready_snapshot()
    two["route"] = {**two["route"], "route": "two_stage", "second_stage": ""}
    direct = ready_snapshot()
    direct["route"] = {**direct["route"], "route": "direct_award", "direct_award_justification": ""}
    assert [p.message for p in publish_problems(two)] == ["Say whether the second stage is dialogue or assurance"]
    assert [p.message for p in publish_problems(direct)] == ["Give the justification for a direct award"]
    assert part_statuses(two)["route"].status == IN_PROGRESS
    direct["route"]["direct_award_justification"] = "Only one provider can do it."
    assert publish_problems(direct) == []


def test_no_lots_is_optional_not_missing() -> None:
    assert part_statuses(snapshot())["lots"].status == OPTIONAL
    assert part_statuses(snapshot(lots=[{"title": "A"}, {"title": "B"}]))["lots"].hint == "2 lots"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=20), children, max_size=4),
    max_leaves=20,
)


@given(data=st.dictionaries(st.sampled_from(list(snapshot())), json_values, max_size=12))
def test_any_shape_of_snapshot_gives_statuses_and_problems_without_an_exception(data: dict[str, Any]) -> None:
    statuses = part_statuses(data)
    assert all(s.status in {NOT_STARTED, IN_PROGRESS, READY, OPTIONAL} for s in statuses.values())
    assert all(p.part in readiness.PARTS and p.message for p in publish_problems(data))


# Warnings a reason can pass (issue 10, item 2)


def lens_finding(code: str = "TL13", place: str = "about.people_for", start: int = 4, end: int = 17) -> Finding:
    finding = make_finding(code, start, end, message="Words that label people.", suggestion="Say who.", source="X")
    return replace(finding, place=place, place_label="The people it is for")


SHORT_WINDOW = {"timeline": {"publication_on": "2027-12-06", "submission_deadline": "2027-12-23"}}


def test_warnings_list_the_timelines_warnings_then_the_lenss_findings():
    warnings = readiness.publish_warnings(SHORT_WINDOW, rules=timeline.Rules(), lens=[lens_finding()])
    assert [w.key for w in warnings] == [
        "timeline:response_window_short:publication_on,submission_deadline",
        "timeline:holiday:publication_on,submission_deadline",
        "lens:TL13:about.people_for:4-17",
    ]
    first, _, lens = warnings
    assert first.origin == readiness.TIMELINE_ORIGIN and first.heading == "A short time to bid (Submission deadline)"
    assert "17 days" in first.message and first.suggestion and first.source
    assert lens.origin == readiness.LENS_ORIGIN and lens.place == "about.people_for"
    assert lens.heading == "Words that label people by a problem (The people it is for)"
    assert lens.source.startswith("West Midlands Trauma Informed Commissioning Guidance (2024)")


def test_advice_is_not_a_warning_and_nothing_to_say_means_no_warnings():
    april = {"timeline": {"service_starts_on": "2028-04-01"}}
    assert timeline.snapshot_review(april)[0].severity == "info"
    assert readiness.publish_warnings(april, rules=timeline.Rules(), lens=[]) == []
    assert readiness.publish_warnings({}, rules=timeline.Rules(), lens=[]) == []


def test_a_version_the_lens_could_not_read_has_a_warning_saying_so():
    warnings = readiness.publish_warnings({}, rules=timeline.Rules(), lens=None)
    assert [w.key for w in warnings] == [readiness.LENS_UNREAD_KEY]
    assert warnings[0].title == "The tender lens could not check this version"


def test_the_same_finding_twice_is_one_warning_and_keys_are_the_same_each_time():
    twice = [lens_finding(), lens_finding(), lens_finding(start=20, end=30)]
    warnings = readiness.publish_warnings(SHORT_WINDOW, rules=timeline.Rules(), lens=twice)
    again = readiness.publish_warnings(SHORT_WINDOW, rules=timeline.Rules(), lens=twice)
    assert [w.key for w in warnings] == [w.key for w in again]
    assert len(warnings) == 4 and len({w.key for w in warnings}) == 4


@given(st.dictionaries(st.sampled_from(["publication_on", "submission_deadline", "service_starts_on"]), st.dates()))
def test_any_saved_dates_give_warnings_with_a_key_a_heading_and_a_message(dates: dict[str, Any]) -> None:
    saved = {"timeline": {name: day.isoformat() for name, day in dates.items()}}
    warnings = readiness.publish_warnings(saved, rules=timeline.Rules(), lens=[])
    assert len({w.key for w in warnings}) == len(warnings)
    for warning in warnings:
        assert warning.key.startswith("timeline:") and warning.heading and warning.message
