"""The shared values: dates, amounts in pounds and text limits (plain Python, no database)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tandem.core.values import (
    MAX_POUNDS,
    MoneyError,
    MoneyProblem,
    date_display,
    datetime_display,
    pounds_as_typed,
    pounds_display,
    pounds_parse,
    pounds_problem,
    pounds_read,
    time_display,
    too_long,
)


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


# Moved from tandem/tenders/tests/test_exports.py with the export pack's own formatter, which
# this one replaced.
@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("12500.00", "£12,500"),
        ("6000.50", "£6,000.50"),
        ("0", "£0"),
        ("-3.456", "-£3.46"),
        ("1234567.891", "£1,234,567.89"),
    ],
)
def test_money_is_shown_the_gov_uk_way(amount: str, expected: str) -> None:
    assert pounds_display(Decimal(amount)) == expected


def test_an_amount_a_hair_under_a_whole_pound_is_shown_as_whole_pounds() -> None:
    # Rounded to the penny first, so no page shows "£13.00".
    assert pounds_display(Decimal("12.999")) == "£13"
    assert pounds_display(Decimal("12.995")) == "£13"


@given(st.decimals(min_value=0, max_value=MAX_POUNDS, places=2, allow_nan=False, allow_infinity=False))
def test_what_is_shown_is_what_was_stored(amount: Decimal) -> None:
    shown = pounds_display(amount)
    assert pounds_parse(shown) == amount


@pytest.mark.parametrize(
    ("amount", "required", "message"),
    [
        (None, False, None),
        (None, True, "Enter the estimated value"),
        (Decimal("0"), False, None),
        (MAX_POUNDS, False, None),
        (Decimal("-0.01"), False, "The estimated value must be £0 or more"),
        (Decimal("NaN"), False, "The estimated value must be £0 or more"),
        (Decimal("Infinity"), False, "The estimated value must be £0 or more"),
        (MAX_POUNDS + Decimal("0.01"), False, "The estimated value must be less than £1 trillion"),
    ],
)
def test_a_service_checks_an_amount_with_the_parsers_words(
    amount: Decimal | None, required: bool, message: str | None
) -> None:
    assert pounds_problem(amount, subject="The estimated value", required=required) == message


def test_the_parser_and_the_service_check_say_the_same() -> None:
    with pytest.raises(MoneyError) as caught:
        pounds_parse("-1", subject="The value")
    assert pounds_problem(Decimal(-1), subject="The value") == caught.value.message


def test_dates_and_times_the_gov_uk_way() -> None:
    # The reflection log's own checks of these stay in tandem/commissions/tests/test_exports.py.
    when = datetime.datetime(2026, 3, 4, 14, 5)
    assert datetime_display(when.replace(hour=12, minute=0)) == "4 March 2026 at 12:00pm"
    assert date_display(datetime.date(2026, 3, 5)) == "5 March 2026"


@given(st.dates())
def test_a_date_never_has_a_leading_zero(day: datetime.date) -> None:
    shown = date_display(day)
    assert not shown.startswith("0")
    assert shown.split(" ")[0] == str(day.day)


def test_text_limits() -> None:
    assert too_long("a" * 500, 500, subject="The reason") is None
    assert too_long("a" * 501, 500, subject="The reason") == "The reason must be 500 characters or fewer"
    assert too_long("a" * 2001, 2000, subject="Your comment") == "Your comment must be 2,000 characters or fewer"


def test_the_reading_underneath_is_exact_and_names_the_problem() -> None:
    # The annual income reader rounds to whole pounds itself, so nothing is rounded here.
    assert pounds_read("1.2345k") == Decimal("1234.5")
    assert pounds_read("25000.49") == Decimal("25000.49")
    assert pounds_read(" ") is None
    for typed, problem in [("-1", "negative"), ("lots", "not_an_amount"), ("9" * 13, "too_big")]:
        with pytest.raises(MoneyProblem) as caught:
            pounds_read(typed)
        assert caught.value.problem == problem


def test_an_enormous_amount_is_still_shown_to_the_penny() -> None:
    assert pounds_display(Decimal("1e26")) == "£100,000,000,000,000,000,000,000,000"
    assert (
        pounds_display(Decimal("-12345678901234567890123456789.005")) == "-£12,345,678,901,234,567,890,123,456,789.01"
    )


@given(st.decimals(allow_nan=False, allow_infinity=False))
def test_any_finite_amount_can_be_shown(amount: Decimal) -> None:
    shown = pounds_display(amount)
    assert shown.lstrip("-").startswith("£")


def test_the_time_alone() -> None:
    assert time_display(datetime.datetime(2027, 12, 23, 18, 6)) == "6:06pm"
    assert time_display(datetime.time(0, 7)) == "12:07am"
    assert time_display(datetime.time(12, 0)) == "12:00pm"
