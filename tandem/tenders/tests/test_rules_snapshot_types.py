"""The one reader of a stored snapshot (tandem/tenders/rules/snapshot_types.py): plain pytest and
hypothesis, no database."""

from __future__ import annotations

import json
import types
import typing
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tandem.tenders.rules import fields
from tandem.tenders.rules.snapshot_types import (
    SNAPSHOT_SCHEMA,
    AboutPart,
    SpecificationSnapshot,
    TimelinePart,
    about_texts,
    date_read,
    money_read,
    scale_read,
    snapshot_read,
    timeline_dates,
)


def conforms(value: Any, hint: Any) -> bool:
    """Whether ``value`` is of the type ``hint`` declares, all the way down (TypedDicts, lists,
    unions, and bool kept apart from int)."""
    if typing.is_typeddict(hint):
        hints = typing.get_type_hints(hint)
        return isinstance(value, dict) and set(value) == set(hints) and all(conforms(value[k], hints[k]) for k in hints)
    origin = typing.get_origin(hint)
    if origin is list:
        (item,) = typing.get_args(hint)
        return isinstance(value, list) and all(conforms(v, item) for v in value)
    if origin in (types.UnionType, typing.Union):
        return any(conforms(value, option) for option in typing.get_args(hint))
    if hint is type(None):
        return value is None
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, hint)


def test_nothing_at_all_reads_as_an_empty_specification() -> None:
    nothing: tuple[object, ...] = (None, {}, [], "a snapshot", 42, {"about": "not a part", "outcomes": "not a list"})
    for raw in nothing:
        snapshot = snapshot_read(raw)
        assert conforms(snapshot, SpecificationSnapshot)
        assert snapshot["schema"] == SNAPSHOT_SCHEMA
        assert snapshot["about"] == dict.fromkeys(fields.ABOUT_NAMES, "")
        assert snapshot["timeline"] == dict.fromkeys(fields.TIMELINE_NAMES)
        assert snapshot["outcomes"] == [] and snapshot["questions"] == []
        assert snapshot["agreement"]["consortium_welcome"] is None
        assert snapshot["route"]["light_touch"] is None


def test_a_snapshot_saved_before_a_key_was_added_gets_its_default() -> None:
    # The first Tandem saved no "specialist_work" and no question "first_stage_reason".
    old = {
        "schema": 1,
        "agreement": {"kind": "grant", "kind_label": "Grant", "term_months": 36, "consortium_welcome": False},
        "questions": [{"id": 7, "text": "How will you keep people safe?", "why_we_ask": "W", "how_we_use": "H"}],
    }
    snapshot = snapshot_read(old)
    assert snapshot["agreement"]["specialist_work"] is False
    assert snapshot["agreement"]["consortium_welcome"] is False
    assert snapshot["agreement"]["term_months"] == 36
    (question,) = snapshot["questions"]
    assert question["first_stage_reason"] == ""
    assert question["included"] is True and question["is_open"] is False and question["is_financial"] is False
    assert question["criterion_id"] is None and question["word_limit"] is None


def test_values_of_the_wrong_type_read_as_blank() -> None:
    snapshot = snapshot_read(
        {
            "schema": "one",
            "commission": {"id": True, "title": 5},
            "agreement": {"term_months": "36", "extension_months": True, "consortium_welcome": "yes"},
            "criteria": [{"weight": "40", "scale": "0 to 4"}, {"weight": False}, "not a row", {"weight": 60}],
            "questions": [{"included": None, "is_open": 1, "word_limit": 2.5}],
            "timeline": {"publication_on": "next spring", "award_on": 20270401, "feedback_by": "2027-02-30"},
        }
    )
    assert snapshot["schema"] == SNAPSHOT_SCHEMA
    assert snapshot["commission"]["id"] is None and snapshot["commission"]["title"] == ""
    assert snapshot["agreement"]["term_months"] is None and snapshot["agreement"]["extension_months"] is None
    assert snapshot["agreement"]["consortium_welcome"] is None
    assert [(c["weight"], c["scale"]) for c in snapshot["criteria"]] == [(0, []), (0, []), (60, [])]
    (question,) = snapshot["questions"]
    assert question["included"] is True and question["is_open"] is False and question["word_limit"] is None
    assert set(timeline_dates(snapshot["timeline"]).values()) == {None}


def test_dates_are_kept_as_iso_strings() -> None:
    assert date_read("2027-01-10") == "2027-01-10"
    assert date_read(" 2027-01-10 ") == "2027-01-10"
    assert date_read("20270110") == "2027-01-10"
    for bad in (None, "", "10/01/2027", "2027-13-01", 20270110, ["2027-01-10"]):
        assert date_read(bad) is None


def test_amounts_are_kept_as_text_only_when_they_are_amounts_tandem_could_save() -> None:
    assert money_read("12500.00") == "12500.00"
    assert money_read(450000) == "450000"
    assert money_read(" 6000.5 ") == "6000.5"
    assert money_read("-3.46") == "-3.46"
    for bad in (None, True, "", "£12,500", "NaN", "Infinity", "1e30", 1e30, {"amount": 1}):
        assert money_read(bad) is None, bad


def test_a_scale_keeps_its_scores_as_they_were_saved() -> None:
    assert scale_read([{"score": 0, "descriptor": "None"}, {"score": "²"}, {"score": True}, "x"]) == [
        {"score": 0, "descriptor": "None"},
        {"score": "²", "descriptor": ""},
        {"score": "", "descriptor": ""},
    ]
    assert scale_read(None) == []


def test_the_parts_named_by_fields_have_exactly_the_fields_keys() -> None:
    assert list(typing.get_type_hints(TimelinePart)) == list(fields.TIMELINE_NAMES)
    assert list(typing.get_type_hints(AboutPart)) == list(fields.ABOUT_NAMES)
    snapshot = snapshot_read({"timeline": {"award_on": "2027-04-01"}, "about": {"purpose": "Safe support"}})
    assert list(timeline_dates(snapshot["timeline"])) == list(fields.TIMELINE_NAMES)
    assert timeline_dates(snapshot["timeline"])["award_on"] == "2027-04-01"
    assert about_texts(snapshot["about"])["purpose"] == "Safe support"
    parts = typing.get_type_hints(SpecificationSnapshot)
    for name, part in (("agreement", fields.AGREEMENT), ("route", fields.ROUTE), ("coproduction", fields.COPRODUCTION)):
        assert {field.snapshot_key for field in part} <= set(typing.get_type_hints(parts[name])), name


_leaf = st.none() | st.booleans() | st.integers(-(10**15), 10**15) | st.floats() | st.text(max_size=20)
_json = st.recursive(
    _leaf,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=15,
)
_part_keys = st.sampled_from(
    [
        *("schema", "commission", "about", "agreement", "route", "timeline", "coproduction", "outcomes"),
        *("ti_requirements", "budget_lines", "lots", "criteria", "social_value_reason", "questions"),
    ]
)
_row_keys = st.sampled_from(
    [
        *fields.TIMELINE_NAMES,
        *fields.ABOUT_NAMES,
        *("id", "title", "weight", "scale", "score", "included", "is_open", "value", "annual_amount"),
        *("term_months", "consortium_welcome", "light_touch", "value_including_vat", "kind", "text"),
    ]
)
_snapshots = st.dictionaries(
    _part_keys,
    _json
    | st.dictionaries(_row_keys, _json, max_size=6)
    | st.lists(st.dictionaries(_row_keys, _json, max_size=6), max_size=3),
    max_size=10,
)


@given(_snapshots)
def test_any_stored_json_reads_as_a_complete_snapshot_that_reads_back_unchanged(raw: dict[str, Any]) -> None:
    snapshot = snapshot_read(raw)
    assert conforms(snapshot, SpecificationSnapshot)
    assert snapshot_read(snapshot) == snapshot
    # Still plain JSON, so it can be stored and read again.
    assert snapshot_read(json.loads(json.dumps(snapshot))) == snapshot
