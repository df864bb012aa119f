"""Contract or grant: Tandem's suggestion (seed 004 chapter 4). Plain pytest and hypothesis."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from tandem.tenders.rules import agreement


def test_small_sums_suggest_a_grant_with_reasons_naming_the_figure() -> None:
    suggestion = agreement.recommend(Decimal("60000"), False, 24)
    assert suggestion.kind == agreement.GRANT
    assert suggestion.label == "a grant"
    assert "£60,000" in suggestion.reasons[0] and "£100,000" in suggestion.reasons[0]


def test_the_ceiling_itself_still_suggests_a_grant_and_a_penny_more_a_contract() -> None:
    assert agreement.recommend(Decimal("100000"), False, None).kind == agreement.GRANT
    assert agreement.recommend(Decimal("100000.01"), False, None).kind == agreement.CONTRACT


def test_larger_sums_suggest_a_contract_and_say_the_yearly_value_when_the_term_is_known() -> None:
    suggestion = agreement.recommend(Decimal("450000"), False, 36)
    assert suggestion.kind == agreement.CONTRACT
    assert "about £150,000 a year" in suggestion.reasons[0]
    assert "specialist" in suggestion.reasons[1]
    assert "a year" not in agreement.recommend(Decimal("450000"), False, None).reasons[0]


def test_specialist_work_suggests_a_grant_and_warns_when_the_sum_is_large() -> None:
    small = agreement.recommend(Decimal("80000"), True, 12)
    large = agreement.recommend(Decimal("900000"), True, 12)
    assert small.kind == large.kind == agreement.GRANT
    assert len(small.reasons) == 1
    assert "procurement adviser" in large.reasons[1]
    assert agreement.recommend(None, True, None).kind == agreement.GRANT


def test_without_a_value_there_is_no_suggestion_yet() -> None:
    suggestion = agreement.recommend(None, False, 36)
    assert suggestion.kind == ""
    assert suggestion.label == ""
    assert "value including VAT" in suggestion.reasons[0]


def test_differs_only_when_both_sides_have_chosen_and_disagree() -> None:
    grant = agreement.recommend(Decimal("1000"), False, None)
    assert grant.differs("contract")
    assert not grant.differs("grant")
    assert not grant.differs("")
    assert not agreement.recommend(None, False, None).differs("contract")


def test_the_ceiling_can_be_changed() -> None:
    assert agreement.recommend(Decimal("150000"), False, None, ceiling=Decimal("200000")).kind == agreement.GRANT


@given(
    value=st.none() | st.decimals(min_value=0, max_value=Decimal("999999999999.99"), places=2),
    specialist=st.booleans(),
    term=st.none() | st.integers(min_value=-5, max_value=700),
)
def test_any_input_gives_a_kind_and_at_least_one_reason(
    value: Decimal | None, specialist: bool, term: int | None
) -> None:
    suggestion = agreement.recommend(value, specialist, term)
    assert suggestion.kind in {"", agreement.GRANT, agreement.CONTRACT}
    assert suggestion.reasons and all(reason.strip() for reason in suggestion.reasons)
    if value is not None and not specialist:
        assert (suggestion.kind == agreement.GRANT) == (value <= agreement.GRANT_CEILING)
