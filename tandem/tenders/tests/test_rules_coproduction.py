"""Co-production sizing (tandem/tenders/rules/coproduction.py): plain pytest and hypothesis, no database."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from tandem.tenders.rules.coproduction import LEVELS, STAGES, activities_for, compare, reason_needed, suggest


def test_a_small_short_purchase_for_people_not_in_crisis_suggests_inform():
    suggestion = suggest(Decimal("10000"), 12, "low")
    assert suggestion.level == "inform" and suggestion.points == 0
    assert suggestion.missing == ()
    assert len(suggestion.reasons) == 3


def test_a_large_long_commission_for_people_in_crisis_suggests_empower():
    suggestion = suggest(Decimal("1200000"), 60, "high")
    assert suggestion.points == 7
    assert suggestion.level == "empower"
    assert suggestion.level_name == "Empower"


def test_the_bands():
    assert suggest(Decimal("150000"), 24, "moderate").level == "consult"  # 1 + 0 + 1
    assert suggest(Decimal("500000"), 36, "moderate").level == "involve"  # 2 + 1 + 1
    assert suggest(Decimal("1200000"), 36, "high").level == "collaborate"  # 3 + 1 + 2


def test_high_vulnerability_suggests_at_least_involve_whatever_the_size():
    suggestion = suggest(Decimal("5000"), 6, "high")
    assert suggestion.points == 2
    assert suggestion.level == "involve"
    assert any("whatever the size" in reason for reason in suggestion.reasons)


def test_what_is_not_known_is_named_and_adds_nothing():
    suggestion = suggest(None, None, "")
    assert suggestion.level == "inform"
    assert suggestion.missing == ("the value", "the term", "how vulnerable the people are")
    assert suggest(Decimal("NaN"), 0, "unknown").missing == suggestion.missing


def test_activities_build_up_the_ladder_for_every_stage():
    assert [stage.name for stage in activities_for("inform")] == [name for _slug, name in STAGES]
    for number, level in enumerate(LEVELS, start=1):
        assert all(len(stage.activities) == number for stage in activities_for(level))
    procure = {stage.slug: stage for stage in activities_for("involve")}["procure"]
    assert any("question for bidders" in activity for activity in procure.activities)


def test_choosing_less_asks_for_a_reason_and_more_does_not():
    suggestion = suggest(Decimal("500000"), 36, "moderate")  # involve
    below = compare("consult", suggestion)
    assert below.below and below.steps_below == 1
    assert "below Tandem's suggested minimum of Involve" in below.message
    assert reason_needed("consult", suggestion)
    same = compare("involve", suggestion)
    assert not same.below and "matches" in same.message
    above = compare("empower", suggestion)
    assert not above.below and "goes beyond" in above.message
    assert not reason_needed("collaborate", suggestion)


def test_an_unknown_choice_counts_as_the_lowest_level():
    assert compare("whatever", suggest(Decimal("500000"), 36, "moderate")).chosen == "inform"


amounts = st.none() | st.decimals(allow_nan=True, allow_infinity=True)
terms = st.none() | st.integers(-1000, 10_000)
vulnerabilities = st.none() | st.sampled_from(["low", "moderate", "high"]) | st.text(max_size=20)


@given(amounts, terms, vulnerabilities, st.text(max_size=20) | st.sampled_from(LEVELS))
def test_any_input_gives_a_level_on_the_ladder_and_never_an_exception(value, term, vulnerability, chosen):
    suggestion = suggest(value, term, vulnerability)
    assert suggestion.level in LEVELS
    assert len(suggestion.stages) == len(STAGES)
    assert compare(chosen, suggestion).chosen in LEVELS


@given(
    st.decimals(min_value=0, max_value=10**9, places=2),
    st.decimals(min_value=0, max_value=10**9, places=2),
    st.integers(1, 600),
    st.integers(1, 600),
    st.sampled_from(["low", "moderate", "high"]),
)
def test_more_money_or_a_longer_term_never_lowers_the_suggestion(value_a, value_b, term_a, term_b, vulnerability):
    low_value, high_value = sorted((value_a, value_b))
    short, long = sorted((term_a, term_b))
    smaller = suggest(low_value, short, vulnerability)
    bigger = suggest(high_value, long, vulnerability)
    assert LEVELS.index(bigger.level) >= LEVELS.index(smaller.level)


@given(st.decimals(min_value=0, max_value=10**9, places=2), st.integers(1, 600))
def test_more_vulnerable_people_never_lower_the_suggestion(value, term):
    levels = [LEVELS.index(suggest(value, term, v).level) for v in ("low", "moderate", "high")]
    assert levels == sorted(levels)
