"""The award criteria rules (tandem/tenders/rules/criteria.py): plain pytest and hypothesis, no database."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tandem.tenders.rules import criteria


def rows(*pairs: tuple[str, str]) -> list[tuple[str, str]]:
    return list(pairs)


def test_default_scale_is_valid_and_has_five_points() -> None:
    scale = criteria.default_scale()
    assert [p["score"] for p in scale] == [0, 1, 2, 3, 4]
    assert all(p["descriptor"] for p in scale)
    assert criteria.scale_problems(scale) == []


def test_blank_rows_are_skipped() -> None:
    scale, problems = criteria.scale_from_rows(rows(("0", "None"), ("", ""), ("1", "Some"), ("  ", "  ")))
    assert problems == []
    assert scale == [{"score": 0, "descriptor": "None"}, {"score": 1, "descriptor": "Some"}]


def test_a_score_without_a_descriptor_is_named_on_its_row() -> None:
    _, problems = criteria.scale_from_rows(rows(("0", "None"), ("1", ""), ("2", "Good")))
    assert problems == [criteria.ScaleProblem("Describe what a score of 1 means", 1, "descriptor")]


def test_a_descriptor_without_a_score() -> None:
    _, problems = criteria.scale_from_rows(rows(("0", "None"), ("", "Good")))
    assert problems[0].row == 1 and problems[0].part == "score"


def test_scores_must_be_whole_numbers_in_range() -> None:
    for bad in ("1.5", "two", "\u0661", "101", "-1"):
        _, problems = criteria.scale_from_rows(rows(("0", "None"), (bad, "Good")))
        assert problems and problems[0].row == 1 and problems[0].part == "score", bad


def test_scores_must_be_unique() -> None:
    _, problems = criteria.scale_from_rows(rows(("0", "None"), ("1", "Some"), ("1", "Good")))
    assert problems == [criteria.ScaleProblem("The score 1 is used twice. Give each point its own score", 2, "score")]


def test_scores_must_go_up() -> None:
    _, problems = criteria.scale_from_rows(rows(("2", "Good"), ("0", "None")))
    assert problems[0].message.startswith("List the scores from lowest to highest")
    assert problems[0].row == 1


def test_two_to_eleven_points() -> None:
    _, one = criteria.scale_from_rows(rows(("0", "None")))
    assert one[0].message.startswith("A scale needs at least 2 points")
    eleven = [(str(n), f"Point {n}") for n in range(11)]
    assert criteria.scale_from_rows(eleven)[1] == []
    twelve = [(str(n), f"Point {n}") for n in range(12)]
    assert criteria.scale_from_rows(twelve)[1][0].message == "A scale can have up to 11 points"


def test_stored_scale_problems() -> None:
    assert criteria.scale_problems("nope") == ["The scale must be a list of points"]
    assert criteria.scale_problems([{"score": True, "descriptor": "x"}]) == ["Each score must be a whole number"]
    assert criteria.scale_problems([1, 2]) == ["Each point of the scale needs a score and a description"]
    assert criteria.scale_problems([{"score": 0, "descriptor": "a"}, {"score": 1, "descriptor": ""}]) == [
        "Describe what a score of 1 means"
    ]


def test_weight_problem() -> None:
    assert criteria.weight_problem(0) == ""
    assert criteria.weight_problem(100) == ""
    assert "between 0% and 100%" in criteria.weight_problem(101)
    assert "whole number" in criteria.weight_problem("20")
    assert "whole number" in criteria.weight_problem(True)


def codes(check: criteria.WeightCheck) -> dict[str, str]:
    return {p.code: p.severity for p in check.problems}


def test_a_balanced_set_has_no_problems() -> None:
    check = criteria.weight_check([("quality", 60), ("social_value", 10), ("price", 30)])
    assert check.total == 100
    assert check.by_group == {"quality": 60, "social_value": 10, "price": 30, "other": 0}
    assert check.problems == []
    assert check.ready_to_publish


def test_total_not_100_blocks_and_says_the_total() -> None:
    check = criteria.weight_check([("quality", 65), ("social_value", 20)])
    assert codes(check) == {"total": criteria.BLOCKING}
    assert check.problems[0].message == "Weights add up to 85%. They must total 100% before you publish."
    assert not check.ready_to_publish


def test_over_100_blocks_too() -> None:
    check = criteria.weight_check([("quality", 80), ("social_value", 30)])
    assert check.problems[0].message.startswith("Weights add up to 110%.")


def test_no_criteria_blocks() -> None:
    check = criteria.weight_check([])
    assert codes(check) == {"no_criteria": criteria.BLOCKING}


def test_social_value_below_10_needs_a_reason() -> None:
    weights = [("quality", 65), ("social_value", 5), ("price", 30)]
    assert codes(criteria.weight_check(weights)) == {"social_value_low": criteria.BLOCKING}
    with_reason = criteria.weight_check(weights, social_value_reason="Scored in the wider programme")
    assert codes(with_reason) == {"social_value_low": criteria.NOTE}
    assert with_reason.ready_to_publish
    # A reason that is only spaces is no reason.
    assert codes(criteria.weight_check(weights, social_value_reason="   ")) == {"social_value_low": criteria.BLOCKING}


def test_social_value_absent_counts_as_zero() -> None:
    check = criteria.weight_check([("quality", 70), ("price", 30)])
    assert "Social value is weighted at 0%" in check.problems[0].message


def test_price_above_40_warns_but_does_not_block() -> None:
    check = criteria.weight_check([("quality", 40), ("social_value", 10), ("price", 50)])
    assert codes(check) == {"price_high": criteria.WARNING}
    assert check.ready_to_publish
    assert "decision is yours" in check.problems[0].explanation
    assert codes(criteria.weight_check([("quality", 50), ("social_value", 10), ("price", 40)])) == {}


def test_unknown_groups_count_as_other() -> None:
    check = criteria.weight_check([("quality", 50), ("social_value", 10), ("mystery", 40)])
    assert check.by_group["other"] == 40 and check.total == 100


@given(st.lists(st.tuples(st.text(max_size=8), st.text(max_size=40)), max_size=15))
def test_any_rows_give_a_valid_scale_or_problems(typed: list[tuple[str, str]]) -> None:
    scale, problems = criteria.scale_from_rows(typed)
    if not problems:
        assert criteria.scale_problems(scale) == []
        assert criteria.SCALE_POINTS_MIN <= len(scale) <= criteria.SCALE_POINTS_MAX
        scores = [p["score"] for p in scale]
        assert scores == sorted(set(scores))
    for problem in problems:
        assert problem.message
        assert problem.row is None or 0 <= problem.row < len(typed)


@given(
    st.lists(st.tuples(st.sampled_from([*criteria.GROUPS, "x"]), st.integers(0, 100)), max_size=20),
    st.text(max_size=20),
)
def test_weight_check_totals_add_up(weights: list[tuple[str, int]], reason: str) -> None:
    check = criteria.weight_check(weights, social_value_reason=reason)
    assert check.total == sum(w for _, w in weights) == sum(check.by_group.values())
    assert check.ready_to_publish == (
        bool(weights) and check.total == 100 and (check.by_group["social_value"] >= 10 or bool(reason.strip()))
    )
