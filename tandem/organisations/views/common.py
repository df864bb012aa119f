"""Small helpers the organisation views share."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404

from tandem.core.exceptions import ApplicationError
from tandem.organisations.content import organisation_lists
from tandem.organisations.models import Organisation
from tandem.organisations.selectors import organisation_get


def organisation_or_404(slug: str) -> Organisation:
    organisation = organisation_get(slug=slug)
    if organisation is None:
        raise Http404("No organisation here")
    return organisation


def error_to_form(form: forms.Form, error: ApplicationError) -> None:
    """Show a business-rule message beside its field (or at the top when it has none)."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


def organisation_display(organisation: Organisation) -> dict[str, Any]:
    """Labels the profile shows, worked out once."""
    lists = organisation_lists()
    return {
        "side": "Funder" if organisation.is_funder else "Provider",
        "areas": lists.area_labels(organisation.areas_served),
        "specialisms": lists.specialism_labels(organisation.specialisms),
        "identifiers": organisation.identifiers,
    }
