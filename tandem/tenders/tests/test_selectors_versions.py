"""What changed between two saved versions (``selectors/versions.py``), over plain snapshots."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.tenders.selectors.versions import Change, Detail, snapshot_changes, snapshot_display


def saved() -> dict[str, Any]:
    return {
        "about": {"purpose": "Safe support.", "people_for": "Adults in Anyborough.", "reporting": ""},
        "agreement": {"term_months": 36, "consortium_welcome": True},
        "timeline": {"submission_deadline": "2027-06-15"},
        "outcomes": [
            {"id": 1, "text": "People feel safer.", "kind": "soft", "indicator_6_months": "Most say so."},
            {"id": 2, "text": "Children are supported.", "kind": "hard"},
        ],
        "ti_requirements": [{"element": "training", "label": "Training", "commitments": "Yearly."}],
        "criteria": [{"id": 5, "group": "quality", "group_label": "Quality", "title": "Quality", "weight": 100}],
        "questions": [{"id": 9, "text": "How will you keep people safe?", "why_we_ask": "W", "how_we_use": "H"}],
    }


def changes(older: dict[str, Any], newer: dict[str, Any]) -> dict[str, list[Change]]:
    return {section.title: section.changes for section in snapshot_changes(older, newer)}


def test_the_same_version_has_no_changes_and_every_section_is_listed():
    found = changes(saved(), saved())
    assert list(found) == [
        "About the service",
        "Agreement",
        "Route and regime",
        "Outcomes",
        "Trauma-informed requirements",
        "Budget",
        "Lots",
        "Award criteria",
        "Questions for bidders",
        "Timeline",
        "Co-production",
    ]
    assert all(not found_changes for found_changes in found.values())


def test_fields_added_removed_and_changed_are_named_with_the_fields_words():
    newer = saved()
    newer["about"].update(purpose="Safe, steady support.", people_for="", reporting="Twice a year.")
    newer["agreement"]["term_months"] = 1
    newer["timeline"]["submission_deadline"] = "2027-06-22"
    found = changes(saved(), newer)
    assert found["About the service"] == [
        Change("What the service is for", "changed", (Detail("", "Safe support.", "Safe, steady support."),)),
        Change("Who it is for", "removed", (Detail("", "Adults in Anyborough.", ""),)),
        Change("What providers report, and how often", "added", (Detail("", "", "Twice a year."),)),
    ]
    assert found["Agreement"] == [Change("Term", "changed", (Detail("", "36 months", "1 month"),))]
    assert found["Timeline"] == [
        Change("Submission deadline", "changed", (Detail("", "15 June 2027", "22 June 2027"),))
    ]


def test_rows_are_matched_by_what_they_are_so_a_change_is_not_a_removal():
    newer = saved()
    newer["outcomes"][0]["text"] = "People feel safer at home."
    del newer["outcomes"][1]
    newer["outcomes"].append({"id": 3, "text": "People are heard.", "kind": "soft"})
    newer["criteria"][0]["weight"] = 90
    newer["criteria"].append(
        {"id": 6, "group": "social_value", "group_label": "Social value", "title": "Social", "weight": 10}
    )
    newer["questions"][0]["included"] = False
    newer["social_value_reason"] = "It is scored elsewhere."
    found = changes(saved(), newer)
    assert found["Outcomes"] == [
        Change(
            "People feel safer at home.",
            "changed",
            (Detail("Outcome", "People feel safer.", "People feel safer at home."),),
        ),
        Change(
            "People are heard.",
            "added",
            (Detail("Outcome", "", "People are heard."), Detail("Kind", "", "Soft: how people feel, cope or connect")),
        ),
        Change(
            "Children are supported.",
            "removed",
            (Detail("Outcome", "Children are supported.", ""), Detail("Kind", "Hard: counted or measured", "")),
        ),
    ]
    criteria = found["Award criteria"]
    assert [(c.what, c.status) for c in criteria] == [
        ("Quality", "changed"),
        ("Social", "added"),
        ("Why social value is weighted below 10%", "added"),
    ]
    assert criteria[0].details == (Detail("Weight", "100%", "90%"),)
    assert [(c.what, c.status) for c in found["Questions for bidders"]] == [
        ("How will you keep people safe?", "removed")
    ]


def test_rows_saved_without_ids_are_matched_by_their_words():
    older, newer = saved(), saved()
    for snapshot in (older, newer):
        for outcome in snapshot["outcomes"]:
            outcome["id"] = None
    newer["outcomes"][1]["indicator_2_years"] = "Better attendance."
    assert [(c.what, c.status, c.details) for c in changes(older, newer)["Outcomes"]] == [
        ("Children are supported.", "changed", (Detail("At 2 years", "", "Better attendance."),))
    ]


def test_the_display_reads_any_stored_snapshot():
    shown = snapshot_display({"about": {"purpose": 12}, "criteria": "nonsense", "social_value_reason": "  Kept  "})
    assert shown["about"] == [] and shown["criteria"] == [] and shown["social_value_reason"] == "Kept"


@settings(max_examples=50, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=10),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
        max_leaves=20,
    )
)
def test_any_stored_snapshot_compares_without_an_error_and_with_itself_to_nothing(junk: Any) -> None:
    raw = junk if isinstance(junk, dict) else {"about": junk}
    assert all(not section.changes for section in snapshot_changes(raw, copy.deepcopy(raw)))
    for section in snapshot_changes(raw, saved()):
        for change in section.changes:
            assert change.status in {"added", "removed", "changed"} and change.details
