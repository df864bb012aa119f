"""Registered numbers in words (issue 10, item 22): a community group reads "Charity number" and
"Company number", never org-id codes; the open-data identifier stays for funders, in a details
element, and in the data exports."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tandem.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_the_groups_own_people_read_their_numbers_in_words(role_client: Any, provider_org: Organisation) -> None:
    Organisation.objects.filter(pk=provider_org.pk).update(company_number="04567890")
    own = role_client("provider_member").get(reverse("organisations:detail", args=[provider_org.slug]))
    page = own.content.decode()
    assert "<strong>Charity number</strong>" in page and "<strong>Company number</strong>" in page
    assert "Charity Commission for England and Wales, number 1098765" in page
    assert "Companies House, number 04567890" in page
    for code in ("GB-CHC", "GB-COH", "org-id", "org_id"):
        assert code not in page, code
    edit = role_client("provider_member").get(reverse("organisations:edit", args=[provider_org.slug]))
    assert "org-id" not in edit.content.decode()


def test_a_funder_can_still_find_the_open_data_identifier(role_client: Any, provider_org: Organisation) -> None:
    page = role_client("funder_member").get(reverse("organisations:detail", args=[provider_org.slug])).content.decode()
    details = page[page.index('<details class="govuk-details') :]
    assert "How open data about grants names" in details
    assert '<li class="tandem-org-id">GB-CHC-1098765</li>' in details
