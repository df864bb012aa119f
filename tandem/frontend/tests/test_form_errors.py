"""A business rule's message on a form (no database)."""

from __future__ import annotations

from django import forms

from tandem.core.exceptions import ApplicationError
from tandem.frontend.form_errors import error_to_form


class _NameForm(forms.Form):
    name = forms.CharField()


def _form() -> _NameForm:
    form = _NameForm({"name": "Anyborough"})
    assert form.is_valid()
    return form


def test_the_message_goes_beside_its_field() -> None:
    form = _form()
    error_to_form(form, ApplicationError("That name is taken", field="name"))
    assert form.errors == {"name": ["That name is taken"]}


def test_a_message_for_a_field_the_form_lacks_goes_at_the_top() -> None:
    # form.add_error(field, ...) with a field the form does not have raises, which would show the
    # person an error page instead of the message.
    form = _form()
    error_to_form(form, ApplicationError("Something changed", field="not_on_this_form"))
    assert form.non_field_errors() == ["Something changed"]
    assert "name" not in form.errors


def test_a_message_with_no_field_goes_at_the_top() -> None:
    form = _form()
    error_to_form(form, ApplicationError("Try again"))
    assert form.non_field_errors() == ["Try again"]


def test_every_message_of_a_check_that_found_several_goes_beside_the_field() -> None:
    form = _form()
    error_to_form(form, ApplicationError("Line 1 is wrong", field="name", more=["Line 3 is wrong"]))
    assert form.errors == {"name": ["Line 1 is wrong", "Line 3 is wrong"]}
