"""Switching organisation, and the "Acting for" line in the header."""

from __future__ import annotations

from typing import Any

import pytest
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse

from conftest import sign_in
from tandem.organisations.models import Membership, MembershipRole, Organisation
from tandem.organisations.sessions import CURRENT_ORGANISATION_SESSION_KEY

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_org_person(funder_admin: Any, provider_org: Organisation) -> Any:
    Membership.objects.create(user=funder_admin, organisation=provider_org, role=MembershipRole.MEMBER)
    return funder_admin


def test_lists_organisations_with_kind_and_role(two_org_person: Any, funder_org: Organisation) -> None:
    client = sign_in(Client(), two_org_person, funder_org)
    page = client.get(reverse("organisations:switch")).content.decode()
    assert "Anyborough Borough Council" in page
    assert "Local authority. You are administrator." in page
    assert "Riverside Women&#x27;s Aid" in page
    assert "Charity. You are member." in page
    assert "checked" in page


def test_switching_sets_the_session_and_goes_home(
    two_org_person: Any, funder_org: Organisation, provider_org: Organisation
) -> None:
    client = sign_in(Client(), two_org_person, funder_org)
    response = client.post(reverse("organisations:switch"), {"organisation": str(provider_org.pk)})
    assert response.status_code == 302
    assert response["Location"] == reverse("frontend:home")
    assert client.session[CURRENT_ORGANISATION_SESSION_KEY] == provider_org.pk
    page = client.get(reverse("frontend:home")).content.decode()
    assert "You are now acting for Riverside Women" in page


@pytest.mark.parametrize("value", ["", "999999", "abc", "-1"])
def test_only_your_own_organisations_can_be_chosen(two_org_person: Any, funder_org: Organisation, value: str) -> None:
    client = sign_in(Client(), two_org_person, funder_org)
    response = client.post(reverse("organisations:switch"), {"organisation": value})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Choose an organisation" in page or "Choose one of the organisations you belong to" in page
    assert client.session[CURRENT_ORGANISATION_SESSION_KEY] == funder_org.pk


def test_someone_in_no_organisation_is_told_how_to_join(role_client: Any) -> None:
    page = role_client("site_admin").get(reverse("organisations:switch")).content.decode()
    assert "You are not a member of any organisation yet" in page


def render_switcher(user: Any, organisation: Organisation | None, memberships: list[Membership]) -> str:
    request = RequestFactory().get("/")
    request.user = user
    request.organisation = organisation  # type: ignore[attr-defined]
    request.memberships = memberships  # type: ignore[attr-defined]
    return render_to_string("organisations/_switcher.html", {"request": request})


def test_switcher_shows_the_link_only_with_more_than_one(
    two_org_person: Any, funder_org: Organisation, funder_member: Any
) -> None:
    both = list(Membership.objects.filter(user=two_org_person).select_related("organisation"))
    html = render_switcher(two_org_person, funder_org, both)
    assert "Acting for:" in html
    assert "Anyborough Borough Council" in html
    assert "Switch organisation" in html
    one = list(Membership.objects.filter(user=funder_member).select_related("organisation"))
    html = render_switcher(funder_member, funder_org, one)
    assert "Acting for:" in html
    assert "Switch organisation" not in html


def test_switcher_is_empty_without_an_organisation(site_admin: Any) -> None:
    assert render_switcher(site_admin, None, []).strip() == ""
