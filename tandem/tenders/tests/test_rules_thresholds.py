"""Above the UK threshold or not, from content/tenders/thresholds.yaml. Plain pytest and hypothesis."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tandem.tenders.rules import thresholds
from tandem.tenders.rules.thresholds import ThresholdsProblem, threshold_assess, thresholds_load, thresholds_parse


@pytest.fixture
def table() -> thresholds.ThresholdTable:
    return thresholds_load()


def test_the_real_file_holds_the_figures_from_1_january_2026(table: thresholds.ThresholdTable) -> None:
    assert table.applies_from == datetime.date(2026, 1, 1)
    assert table.get("sub_central").amount == Decimal("207720")
    assert table.get("light_touch").amount == Decimal("663540")
    assert table.get("central").amount == Decimal("135018")
    assert table.get("works").amount == Decimal("5193000")
    assert "2025/1200" in table.source
    with pytest.raises(KeyError):
        table.get("nothing")


def test_light_touch_services_use_the_light_touch_threshold(table: thresholds.ThresholdTable) -> None:
    below = threshold_assess(Decimal("450000"), True, table)
    assert below.above is False
    assert below.sentence == (
        "At £450,000 including VAT, this is below the threshold for light-touch services (£663,540), "
        "using the figures that apply from 1 January 2026."
    )
    assert threshold_assess(Decimal("663540"), True, table).above is True


def test_other_services_use_the_sub_central_threshold(table: thresholds.ThresholdTable) -> None:
    above = threshold_assess(Decimal("450000"), False, table)
    assert above.above is True
    assert "at or above the threshold for services that are not light touch (£207,720)" in above.sentence
    assert threshold_assess(Decimal("207719.99"), False, table).above is False


def test_not_sure_says_when_the_answer_depends_on_it(table: thresholds.ThresholdTable) -> None:
    depends = threshold_assess(Decimal("450000"), None, table)
    assert depends.above is None
    assert "Find out whether it is a light-touch service" in depends.sentence
    assert threshold_assess(Decimal("100000"), None, table).above is False
    assert "whether or not" in threshold_assess(Decimal("1000000"), None, table).sentence
    assert threshold_assess(Decimal("1000000"), None, table).above is True


def test_no_value_asks_for_one(table: thresholds.ThresholdTable) -> None:
    assessment = threshold_assess(None, True, table)
    assert assessment.above is None
    assert assessment.sentence.startswith("Enter the value including VAT")


def _valid() -> dict[str, Any]:
    return {
        "applies_from": "2026-01-01",
        "source": "Somewhere",
        "thresholds": [{"key": key, "label": key, "amount": "100"} for key in thresholds.KEYS],
    }


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(applies_from="soon"), "applies_from must be a date"),
        (lambda d: d.update(applies_from=None), "applies_from must be a date"),
        (lambda d: d.update(source=""), "Say where the thresholds come from"),
        (lambda d: d.update(thresholds="many"), "thresholds must be a list"),
        (lambda d: d["thresholds"].append({"key": "other"}), "Each threshold needs a key"),
        (lambda d: d["thresholds"][0].update(amount="lots"), "must be a number of pounds"),
        (lambda d: d["thresholds"][0].update(amount="-1"), "must be more than £0"),
        (lambda d: d["thresholds"].append(dict(d["thresholds"][0])), "listed twice"),
        (lambda d: d["thresholds"].pop(), "has no works"),
    ],
)
def test_a_broken_file_names_what_is_wrong(change: Any, message: str) -> None:
    data = _valid()
    change(data)
    with pytest.raises(ThresholdsProblem, match=message):
        thresholds_parse(data)


def test_the_file_must_be_a_mapping_and_can_be_read_from_elsewhere(tmp_path: Path) -> None:
    with pytest.raises(ThresholdsProblem):
        thresholds_parse(["not", "a", "mapping"])
    path = tmp_path / "thresholds.yaml"
    path.write_text(
        "applies_from: 2027-01-01\nsource: Test\nthresholds:\n"
        + "".join(f"  - key: {key}\n    amount: '5'\n" for key in thresholds.KEYS),
        encoding="utf-8",
    )
    assert thresholds_load(path).applies_from == datetime.date(2027, 1, 1)


@given(
    value=st.none() | st.decimals(min_value=0, max_value=Decimal("999999999999.99"), places=2),
    light_touch=st.none() | st.booleans(),
)
def test_any_value_gives_a_sentence_that_agrees_with_the_answer(
    value: Decimal | None, light_touch: bool | None
) -> None:
    assessment = threshold_assess(value, light_touch, thresholds_load())
    assert assessment.sentence.endswith(".")
    if assessment.above is True:
        assert "at or above" in assessment.sentence
    elif assessment.above is False:
        assert "below" in assessment.sentence and "at or above" not in assessment.sentence
