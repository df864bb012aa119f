"""The one way a view shows a business rule's message on a form."""

from __future__ import annotations

from django import forms

from tandem.core.exceptions import ApplicationError


def error_to_form(form: forms.Form, error: ApplicationError) -> None:
    """Show a business-rule message beside its field, or at the top of the form when the form has
    no such field (or the rule names none), so a message never goes missing and never causes an
    error page. Every message the error carries goes there, in order."""
    field = error.field if error.field in form.fields else None
    for message in error.messages:
        form.add_error(field, message)
