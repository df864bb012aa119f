"""Small helpers the organisation views share."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from tandem.organisations.content import organisation_lists
from tandem.organisations.models import Organisation
from tandem.organisations.selectors import organisation_get


def organisation_or_404(slug: str) -> Organisation:
    organisation = organisation_get(slug=slug)
    if organisation is None:
        raise Http404("No organisation here")
    return organisation


def organisation_display(organisation: Organisation) -> dict[str, Any]:
    """Labels the profile shows, worked out once."""
    lists = organisation_lists()
    return {
        "side": "Funder" if organisation.is_funder else "Provider",
        "areas": lists.area_labels(organisation.areas_served),
        "specialisms": lists.specialism_labels(organisation.specialisms),
        "identifiers": organisation.identifiers,
    }
