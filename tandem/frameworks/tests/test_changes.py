"""Comparing two versions' content: plain pytest, no database."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.frameworks.changes import ADDED, CHANGED, REMOVED, content_changes
from tandem.frameworks.loader import frameworks_read
from tandem.frameworks.tests.helpers import VALID

JOURNEY, LENS = (data.content for data in frameworks_read(VALID))


def changed(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(item.kind, item.status, item.slug) for item in content_changes(old, new).items]


def test_the_same_content_has_no_changes() -> None:
    changes = content_changes(JOURNEY, copy.deepcopy(JOURNEY))
    assert changes.is_empty
    assert changes.counts() == {}


def test_principles_matched_by_slug() -> None:
    new = copy.deepcopy(JOURNEY)
    new["principles"][0]["description"] = "People feel safe and calm."
    new["principles"].append({"slug": "voice", "name": "Voice", "description": "x", "source": JOURNEY["source"]})
    del new["principles"][1]
    changes = content_changes(JOURNEY, new)
    assert changed(JOURNEY, new) == [
        ("principle", CHANGED, "safety"),
        ("principle", ADDED, "voice"),
        ("principle", REMOVED, "trustworthiness"),
    ]
    (field,) = changes.items[0].fields
    assert (field.label, field.old, field.new) == ("Description", "People feel safe.", "People feel safe and calm.")


def test_prompt_changes_show_old_and_new_words_and_principle_names() -> None:
    new = copy.deepcopy(JOURNEY)
    prompt = new["stages"][1]["prompts"][0]
    prompt["text"] = "Have we published the weights?"
    prompt["principles"] = ["choice"]
    prompt["voice"] = "both"
    item = content_changes(JOURNEY, new).items[0]
    assert (item.kind, item.status, item.stage, item.label) == (
        "prompt",
        CHANGED,
        "Design",
        "Have we published the weights?",
    )
    assert [(f.label, f.old, f.new) for f in item.fields] == [
        ("Who it is for", "Funders", "Funders and providers"),
        ("Text", "Have we told bidders how we will score them?", "Have we published the weights?"),
        ("Principles", "Trustworthiness, Choice", "Choice"),
    ]
    assert item.key == "prompt Design/weights-published"


def test_stage_moves_and_removals() -> None:
    new = copy.deepcopy(JOURNEY)
    new["stages"].reverse()
    assert changed(JOURNEY, new) == [("stage", CHANGED, "design"), ("stage", CHANGED, "reflect")]
    assert content_changes(JOURNEY, new).items[0].fields[0].label == "Place in the order"
    del new["stages"][1]  # reflect, and everything in it
    assert changed(JOURNEY, new) == [
        ("stage", REMOVED, "reflect"),
        ("guidance point", REMOVED, "know-your-why"),
        ("guidance point", REMOVED, "starting-point"),
        ("prompt", REMOVED, "staff-understand-trauma"),
        ("prompt", REMOVED, "provider-ready"),
    ]


def test_source_changes_name_the_document() -> None:
    new = copy.deepcopy(JOURNEY)
    new["source"] = {"file": "004_e699c5b1eb6dfbf4.txt", "section": "Chapter 4"}
    (field,) = content_changes(JOURNEY, new).framework
    assert field.old == "West Midlands Trauma Informed Commissioning Guidance (2024), The commissioning journey"
    assert field.new.endswith("for councils and the voluntary sector, Chapter 4")


def test_lens_activities_and_maps() -> None:
    new = copy.deepcopy(LENS)
    new["stages"][0]["activities"][0]["text"] = "Listen well."
    new["stages"][1]["maps_to"] = ["design"]
    changes = content_changes(LENS, new)
    assert changed(LENS, new) == [("stage", CHANGED, "plan"), ("activity", ADDED, "1"), ("activity", REMOVED, "1")]
    assert changes.items[0].fields[0].new == "design"
    assert changes.count_rows() == [
        ("Stages", {"added": 0, "removed": 0, "changed": 1}),
        ("Activities", {"added": 1, "removed": 1, "changed": 0}),
    ]
    assert changes.summary()["added"] == ["activity Analyse/1"]


@settings(max_examples=50, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["name", "summary", "principles", "stages", "source"]),
        st.recursive(
            st.none() | st.text(max_size=5) | st.integers(),
            lambda children: (
                st.lists(children, max_size=3)
                | st.dictionaries(
                    st.sampled_from(["slug", "text", "name", "guidance", "prompts", "activities"]), children, max_size=4
                )
            ),
            max_leaves=12,
        ),
    )
)
def test_any_stored_content_compares_without_error(other: dict[str, Any]) -> None:
    # Stored content is always the loader's, but comparing must never break a page.
    content_changes(JOURNEY, other)
    content_changes(other, JOURNEY)
