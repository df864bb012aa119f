"""Reading and showing amounts in pounds (plain Python, no database)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tandem.commissions.money import MAX_POUNDS, MoneyError, pounds_as_typed, pounds_display, pounds_parse


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", None),
        ("   ", None),
        ("25000", Decimal("25000.00")),
        ("£25,000", Decimal("25000.00")),
        ("25 000.5", Decimal("25000.50")),
        ("1.2m", Decimal("1200000.00")),
        ("40k", Decimal("40000.00")),
        ("40K", Decimal("40000.00")),
        ("0", Decimal("0.00")),
        ("999999999999.99", MAX_POUNDS),
    ],
)
def test_amounts_people_type(typed: str, expected: Decimal | None) -> None:
    assert pounds_parse(typed) == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-5", "The amount must be £0 or more"),
        ("five pounds", "The amount must be an amount in pounds, like 25000 or 25000.50"),
        ("12.345", "The amount must be an amount in pounds, like 25000 or 25000.50"),
        ("1e6", "The amount must be an amount in pounds, like 25000 or 25000.50"),
        ("1000000000000", "The amount must be less than £1 trillion"),
        ("2000000m", "The amount must be less than £1 trillion"),
    ],
)
def test_mistakes_are_explained(typed: str, message: str) -> None:
    with pytest.raises(MoneyError) as caught:
        pounds_parse(typed)
    assert caught.value.message == message


def test_the_subject_starts_the_message() -> None:
    with pytest.raises(MoneyError, match=r"^The estimated value must be £0 or more$"):
        pounds_parse("-1", subject="The estimated value")


def test_display_and_typed_forms() -> None:
    assert pounds_display(None) == ""
    assert pounds_display(Decimal("1250000.00")) == "£1,250,000"
    assert pounds_display(Decimal("1250.5")) == "£1,250.50"
    assert pounds_as_typed(None) == ""
    assert pounds_as_typed(Decimal("25000.00")) == "25000"
    assert pounds_as_typed(Decimal("25000.50")) == "25000.50"


@given(st.text(max_size=60))
def test_any_text_is_read_or_explained(typed: str) -> None:
    try:
        amount = pounds_parse(typed)
    except MoneyError as exc:
        assert exc.message
    else:
        assert amount is None or Decimal(0) <= amount <= MAX_POUNDS


@given(st.decimals(min_value=0, max_value=MAX_POUNDS, places=2, allow_nan=False, allow_infinity=False))
def test_what_is_shown_for_editing_reads_back_the_same(amount: Decimal) -> None:
    assert pounds_parse(pounds_as_typed(amount)) == amount
