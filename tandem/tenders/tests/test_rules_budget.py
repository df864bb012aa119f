"""The budget and outcome rules in tandem/tenders/rules/budget.py: plain pytest and hypothesis, no database."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from tandem.tenders.rules import budget

CATEGORIES = ["staff", "supervision", "training", "lived_experience", "overheads", "cost_of_living", "other"]


def test_an_empty_budget_is_missing_every_realistic_line_in_order():
    missing = budget.missing_cost_lines([], cost_review_written=False)
    assert [line.category for line in missing] == ["supervision", "training", "overheads", "cost_of_living"]
    assert all(line.why for line in missing)


def test_lines_present_are_not_suggested():
    missing = budget.missing_cost_lines(["staff", "supervision", "overheads"], cost_review_written=False)
    assert [line.category for line in missing] == ["training", "cost_of_living"]


def test_a_written_cost_review_counts_as_the_cost_of_living_line():
    missing = budget.missing_cost_lines(["supervision", "training", "overheads"], cost_review_written=True)
    assert missing == []


def test_totals_and_the_term():
    total = budget.yearly_total([Decimal("1000.10"), Decimal("2000"), Decimal("0.01")])
    assert total == Decimal("3000.11")
    assert budget.term_total(Decimal("12000"), 18) == Decimal("18000.00")


def test_the_comparison_says_more_less_or_the_same_without_a_verdict():
    less = budget.term_comparison(Decimal("100000"), term_months=36, value=Decimal("360000"))
    assert less == (
        "Over the term of 3 years, the budget lines add up to £300,000. "
        "That is £60,000 less than the value of £360,000 including VAT."
    )
    more = budget.term_comparison(Decimal("100000"), term_months=18, value=Decimal("100000"))
    assert "18 months" in more and "£50,000 more than" in more
    same = budget.term_comparison(Decimal("50000"), term_months=12, value=Decimal("50000"))
    assert same.endswith("That is the same as the value of £50,000 including VAT.")
    assert "1 year," in same
    for text in (less, more, same):
        assert not any(word in text.lower() for word in ("too", "should", "must", "unrealistic"))


def test_no_comparison_without_a_term_a_value_or_any_costs():
    assert budget.term_comparison(Decimal("100"), term_months=None, value=Decimal("100")) == ""
    assert budget.term_comparison(Decimal("100"), term_months=12, value=None) == ""
    assert budget.term_comparison(Decimal("0"), term_months=12, value=Decimal("100")) == ""
    assert budget.term_comparison(Decimal("100"), term_months=0, value=Decimal("100")) == ""


def test_only_hard_outcomes():
    assert budget.only_hard_outcomes(["hard", "hard"])
    assert not budget.only_hard_outcomes(["hard", "soft"])
    assert not budget.only_hard_outcomes([])


@given(st.lists(st.sampled_from(CATEGORIES)), st.booleans())
def test_suggestions_are_exactly_the_realistic_lines_not_present(categories: list[str], written: bool) -> None:
    missing = {line.category for line in budget.missing_cost_lines(categories, cost_review_written=written)}
    present = set(categories) | ({"cost_of_living"} if written else set())
    assert missing == {"supervision", "training", "overheads", "cost_of_living"} - present


@given(
    st.lists(st.decimals(min_value=0, max_value=10**9, places=2), max_size=40),
    st.one_of(st.none(), st.integers(min_value=-5, max_value=600)),
    st.one_of(st.none(), st.decimals(min_value=0, max_value=10**12, places=2)),
)
def test_the_comparison_never_fails_and_is_one_plain_sentence_pair(
    amounts: list[Decimal], term: int | None, value: Decimal | None
) -> None:
    total = budget.yearly_total(amounts)
    text = budget.term_comparison(total, term_months=term, value=value)
    if text:
        assert text.startswith("Over the term of ") and text.endswith("including VAT.")
        assert term is not None and term > 0 and value is not None
