"""The GOV.UK date field: three boxes, specific messages, never a crash."""

from __future__ import annotations

import datetime

import pytest
from django import forms
from hypothesis import given
from hypothesis import strategies as st

from tandem.frontend.fields import DATE_PARTS, GovukDateField, date_error_parts


class DateForm(forms.Form):
    started = GovukDateField(
        label="When did you start?",
        min_value=datetime.date(2000, 1, 1),
        max_value=datetime.date(2030, 12, 31),
        error_messages={"required": "Enter the date you started"},
    )


class OptionalDateForm(forms.Form):
    ended = GovukDateField(label="When did it end?", subject="The end date", required=False)


def submit(form_class: type[forms.Form], day: str, month: str, year: str, name: str = "started") -> forms.Form:
    return form_class({f"{name}_day": day, f"{name}_month": month, f"{name}_year": year})


@pytest.mark.parametrize(
    ("day", "month", "year", "expected"),
    [
        ("27", "3", "2019", datetime.date(2019, 3, 27)),
        (" 1 ", "01", "2020", datetime.date(2020, 1, 1)),
        ("29", "2", "2024", datetime.date(2024, 2, 29)),
        ("5", "March", "2021", datetime.date(2021, 3, 5)),
        ("5", "sept", "2021", datetime.date(2021, 9, 5)),
    ],
)
def test_real_dates_are_accepted(day: str, month: str, year: str, expected: datetime.date) -> None:
    form = submit(DateForm, day, month, year)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["started"] == expected


@pytest.mark.parametrize(
    ("day", "month", "year", "message", "parts"),
    [
        ("", "", "", "Enter the date you started", DATE_PARTS),
        ("1", "", "2020", "Date must include a month", ("month",)),
        ("", "2", "2020", "Date must include a day", ("day",)),
        ("1", "2", "", "Date must include a year", ("year",)),
        ("", "", "2020", "Date must include a day and month", ("day", "month")),
        ("29", "2", "2023", "Enter a real date", ("day",)),
        ("32", "1", "2020", "Enter a real date", ("day",)),
        ("1", "13", "2020", "Enter a real date", ("month",)),
        ("1", "Smarch", "2020", "Enter a real date", ("month",)),
        ("one", "two", "2020", "Enter a real date", ("day", "month")),
        ("1", "2", "20", "Year must include 4 numbers", ("year",)),
        ("1", "2", "1999", "Date must be the same as or after 1 January 2000", DATE_PARTS),
        ("1", "1", "2031", "Date must be the same as or before 31 December 2030", DATE_PARTS),
    ],
)
def test_mistakes_get_specific_messages(day: str, month: str, year: str, message: str, parts: tuple[str, ...]) -> None:
    form = submit(DateForm, day, month, year)
    assert not form.is_valid()
    assert form.errors["started"] == [message]
    assert date_error_parts(form.errors.as_data()["started"][0]) == parts


def test_optional_date_can_be_left_blank_but_not_half_filled() -> None:
    form = submit(OptionalDateForm, "", "", "", name="ended")
    assert form.is_valid()
    assert form.cleaned_data["ended"] is None
    form = submit(OptionalDateForm, "3", "", "", name="ended")
    assert not form.is_valid()
    assert form.errors["ended"] == ["The end date must include a month and year"]


def test_initial_date_is_shown_in_the_boxes_and_unchanged_is_not_a_change() -> None:
    form = DateForm(initial={"started": datetime.date(2020, 5, 4)})
    assert form["started"].field.widget.decompress(form["started"].value()) == ["4", "5", "2020"]
    bound = DateForm(
        {"started_day": "4", "started_month": "5", "started_year": "2020"},
        initial={"started": datetime.date(2020, 5, 4)},
    )
    assert not bound.has_changed()


@given(day=st.text(max_size=8), month=st.text(max_size=12), year=st.text(max_size=8))
def test_any_input_is_a_date_or_a_message(day: str, month: str, year: str) -> None:
    form = submit(DateForm, day, month, year)
    if form.is_valid():
        assert isinstance(form.cleaned_data["started"], datetime.date)
    else:
        assert form.errors["started"][0]


@pytest.mark.parametrize("day", ["\N{SUPERSCRIPT TWO}", "\N{FULLWIDTH DIGIT ONE}", "1.5", "-1", "0"])
def test_odd_digits_are_not_days(day: str) -> None:
    form = submit(DateForm, day, "1", "2020")
    assert not form.is_valid()
    assert form.errors["started"] == ["Enter a real date"]


class TwoDatesForm(forms.Form):
    opens = GovukDateField(label="When does it open?", subject="The opening date", required=False)
    closes = GovukDateField(
        label="When does it close?",
        subject="The closing date",
        required=False,
        error_messages={"invalid": "Enter the closing date as it is on the letter"},
    )


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("31", "2", "2027", "The opening date must be a real date"),
        ("1", "Smarch", "2027", "The opening date must be a real date"),
        ("1", "2", "27", "The year of the opening date must include 4 numbers"),
        ("1", "", "2027", "The opening date must include a month"),
    ],
)
def test_a_named_date_says_which_date_is_wrong(day: str, month: str, year: str, message: str) -> None:
    # Issue 10, item 9: a page with several dates said "Enter a real date" for each of them.
    form = submit(TwoDatesForm, day, month, year, name="opens")
    assert not form.is_valid()
    assert form.errors["opens"] == [message]


def test_a_message_the_form_gives_is_kept_and_every_summary_line_names_its_date() -> None:
    data = {"opens_day": "31", "opens_month": "2", "opens_year": "2027"}
    data |= {"closes_day": "30", "closes_month": "2", "closes_year": "2027"}
    form = TwoDatesForm(data)
    assert not form.is_valid()
    assert form.errors == {
        "opens": ["The opening date must be a real date"],
        "closes": ["Enter the closing date as it is on the letter"],
    }
    required = GovukDateField(subject="The date you started")
    assert required.error_messages["required"] == "Enter the date you started"
