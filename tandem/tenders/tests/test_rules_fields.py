"""Each field of the specification written once (tandem/tenders/rules/fields.py), and the places
that take their names, order and words from it."""

from __future__ import annotations

import pytest

from tandem.tenders.exports.pack import TIMELINE_LABELS
from tandem.tenders.forms.specification import AboutForm, AgreementForm, RouteForm
from tandem.tenders.forms.timeline import TimelineForm
from tandem.tenders.models import Specification
from tandem.tenders.rules import fields, timeline
from tandem.tenders.rules.fields import (
    ABOUT,
    AGREEMENT,
    COPRODUCTION,
    ROUTE,
    TIMELINE,
    Field,
    date_from_iso,
    field_named,
    money_from_text,
    months_display,
    value_display,
    yes_no,
)
from tandem.tenders.snapshot import TIMELINE_FIELDS

SECTIONS = {"timeline": TIMELINE, "about": ABOUT, "agreement": AGREEMENT, "route": ROUTE, "coproduction": COPRODUCTION}


@pytest.mark.parametrize("section", list(SECTIONS))
def test_each_section_names_each_field_once_and_the_model_has_it(section: str) -> None:
    names = [field.name for field in SECTIONS[section]]
    assert len(names) == len(set(names))
    model_fields = {field.name for field in Specification._meta.get_fields()}
    assert set(names) <= model_fields
    assert all(field.label for field in SECTIONS[section])


def test_the_timeline_is_in_the_order_the_dates_happen_everywhere() -> None:
    names = [field.name for field in TIMELINE]
    assert names[0] == "publication_on" and names[-1] == "service_starts_on"
    assert list(fields.TIMELINE_NAMES) == names
    assert list(timeline.FIELDS) == names
    assert list(timeline.Timeline().as_dict()) == names
    assert list(TIMELINE_FIELDS) == names
    assert [name for name, _ in TIMELINE_LABELS] == names
    assert [name for name in TimelineForm().fields if name != "version"] == names


def test_every_date_has_all_its_words() -> None:
    for field in TIMELINE:
        assert field.kind == "date"
        for words in (field.label, field.noun, field.question, field.subject, field.hint, field.why_we_ask):
            assert words and words == words.strip(), (field.name, words)
        assert field.question.endswith("?")


def test_the_timeline_form_asks_with_the_fields_words() -> None:
    form = TimelineForm()
    for field in TIMELINE:
        assert form.fields[field.name].label == field.question
        assert form.fields[field.name].help_text == field.hint
        assert form.why_we_ask[field.name] == field.why_we_ask
    assert {field.name: field.noun for field in TIMELINE} == timeline.FIELD_LABELS


def test_the_section_forms_use_the_fields_words() -> None:
    for field in ABOUT:
        assert AboutForm.base_fields[field.name].label == field.question
        assert AboutForm.labels[field.name] == field.subject
    assert AgreementForm.labels == {"agreement_reason": "Your reason", "cost_review": "How prices are reviewed"}
    assert RouteForm.labels == {"direct_award_justification": "The justification"}


def test_the_words_a_place_uses() -> None:
    deadline = field_named(TIMELINE, "submission_deadline")
    assert deadline.label == "Submission deadline"
    assert deadline.in_document == "Bids are due"
    assert deadline.title == "Submission deadline"
    evaluation = field_named(TIMELINE, "evaluation_from")
    assert evaluation.in_document == evaluation.label == "Evaluation starts"
    assert evaluation.title == "Start of evaluation"
    assert Field("x", "text", label="lower case").title == "Lower case"


def test_a_field_is_found_by_its_name_or_its_snapshot_key() -> None:
    assert field_named(AGREEMENT, "agreement_kind") is field_named(AGREEMENT, "kind")
    assert field_named(AGREEMENT, "reason").snapshot_key == "reason"
    assert field_named(ROUTE, "cpv_code").snapshot_key == "cpv_code"
    with pytest.raises(KeyError):
        field_named(TIMELINE, "purpose")


def test_each_kind_of_value_is_shown_one_way() -> None:
    date = field_named(TIMELINE, "award_on")
    assert value_display(date, "2027-01-10") == "10 January 2027"
    assert value_display(date, "not a date") == value_display(date, None) == ""
    money = field_named(ROUTE, "value_including_vat")
    assert value_display(money, "450000.00") == "£450,000"
    assert value_display(money, "6000.50") == "£6,000.50"
    assert value_display(money, "lots") == ""
    term = field_named(AGREEMENT, "term_months")
    assert [value_display(term, n) for n in (0, 1, 36)] == ["0 months", "1 month", "36 months"]
    assert value_display(term, None) == ""
    light_touch = field_named(ROUTE, "light_touch")
    assert [value_display(light_touch, v) for v in (True, False, None)] == ["Yes", "No", ""]
    assert value_display(field_named(ABOUT, "purpose"), "Safe support") == "Safe support"
    assert months_display(1) == "1 month" and yes_no(None) == ""


def test_stored_dates_and_amounts_that_are_not_ones_read_as_none() -> None:
    assert date_from_iso("2027-02-28") is not None
    assert date_from_iso("2027-02-30") is None and date_from_iso(None) is None and date_from_iso("") is None
    assert money_from_text("12.50") is not None
    assert money_from_text("twelve") is None and money_from_text("NaN") is None and money_from_text(None) is None
