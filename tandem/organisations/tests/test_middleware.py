"""The current organisation: from the session, falling back safely, in at most one query."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.cache import SessionStore
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from tandem.organisations.middleware import CurrentOrganisationMiddleware
from tandem.organisations.models import Membership, MembershipRole, Organisation
from tandem.organisations.permissions import can_manage_members
from tandem.organisations.sessions import CURRENT_ORGANISATION_SESSION_KEY

pytestmark = pytest.mark.django_db

seen: dict[str, Any] = {}


def view(request: HttpRequest) -> HttpResponse:
    seen["organisation"] = request.organisation  # type: ignore[attr-defined]
    seen["membership"] = request.membership  # type: ignore[attr-defined]
    seen["memberships"] = request.memberships  # type: ignore[attr-defined]
    return HttpResponse("ok")


def run(user: Any, session_value: Any = None) -> HttpRequest:
    request = RequestFactory().get("/")
    request.user = user
    request.session = SessionStore()
    if session_value is not None:
        request.session[CURRENT_ORGANISATION_SESSION_KEY] = session_value
    CurrentOrganisationMiddleware(view)(request)
    return request


def test_anonymous_people_cost_no_queries(django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(0):
        run(AnonymousUser())
    assert seen["organisation"] is None
    assert seen["membership"] is None
    assert seen["memberships"] == []


def test_the_session_choice_is_used_in_one_query(
    funder_admin: Any, funder_org: Organisation, provider_org: Organisation, django_assert_num_queries: Any
) -> None:
    Membership.objects.create(user=funder_admin, organisation=provider_org, role=MembershipRole.MEMBER)
    with django_assert_num_queries(1):
        request = run(funder_admin, provider_org.pk)
        # The roles loaded on the way are reused by permission checks: no more queries.
        assert not can_manage_members(funder_admin, provider_org)
        assert can_manage_members(funder_admin, funder_org)
    assert seen["organisation"] == provider_org
    assert seen["membership"].role == MembershipRole.MEMBER
    assert len(seen["memberships"]) == 2
    assert request.session[CURRENT_ORGANISATION_SESSION_KEY] == provider_org.pk


@pytest.mark.parametrize("stale", [None, 999_999, "not a number"])
def test_no_choice_or_a_stale_one_falls_back_to_the_first_by_name(
    stale: Any, funder_admin: Any, funder_org: Organisation, provider_org: Organisation
) -> None:
    Membership.objects.create(user=funder_admin, organisation=provider_org, role=MembershipRole.MEMBER)
    request = run(funder_admin, stale)
    assert seen["organisation"] == funder_org  # "Anyborough…" comes before "Riverside…"
    assert request.session[CURRENT_ORGANISATION_SESSION_KEY] == funder_org.pk


def test_someone_removed_from_their_current_organisation_falls_back(
    funder_admin: Any, funder_org: Organisation, provider_org: Organisation
) -> None:
    Membership.objects.create(user=funder_admin, organisation=provider_org, role=MembershipRole.MEMBER)
    Membership.objects.filter(user=funder_admin, organisation=provider_org).delete()
    run(funder_admin, provider_org.pk)
    assert seen["organisation"] == funder_org


def test_someone_in_no_organisation_has_none(site_admin: Any) -> None:
    request = run(site_admin, 12345)
    assert seen["organisation"] is None
    assert seen["membership"] is None
    assert CURRENT_ORGANISATION_SESSION_KEY not in request.session
