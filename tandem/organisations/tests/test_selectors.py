"""Reads: scoped to the viewer, and a fixed number of queries whatever the size."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import make_user
from tandem.core.exceptions import PermissionDenied
from tandem.core.invitations import invitation_token_hash
from tandem.organisations.models import Invitation, Membership, MembershipRole, Organisation, OrganisationKind
from tandem.organisations.selectors import (
    invitation_get_by_token,
    invitation_list_pending,
    membership_list_for_organisation,
    membership_list_for_user,
    organisation_admins,
    organisation_list,
)

pytestmark = pytest.mark.django_db


def add_members(organisation: Organisation, count: int) -> None:
    for n in range(count):
        user = make_user(f"person{n}@{organisation.slug}.example", f"Person {n}")
        Membership.objects.create(user=user, organisation=organisation, role=MembershipRole.MEMBER)


def add_organisations(count: int) -> None:
    Organisation.objects.bulk_create(
        [
            Organisation(name=f"Group {n:03d}", slug=f"group-{n:03d}", kind=OrganisationKind.COMMUNITY_GROUP)
            for n in range(count)
        ]
    )


def test_organisation_list_is_for_site_admins_and_searches(
    site_admin: Any, funder_member: Any, provider_org: Organisation
) -> None:
    add_organisations(3)
    with pytest.raises(PermissionDenied):
        organisation_list(viewer=funder_member)
    names = [o.name for o in organisation_list(viewer=site_admin)]
    assert names == sorted(names)
    found = list(organisation_list(viewer=site_admin, search="riverside"))
    assert [o.name for o in found] == ["Riverside Women's Aid"]
    assert getattr(found[0], "member_count") == 0  # noqa: B009 - an annotation mypy cannot see


def test_member_list_is_scoped(funder_member: Any, provider_member: Any, funder_org: Organisation) -> None:
    assert [m.user for m in membership_list_for_organisation(viewer=funder_member, organisation=funder_org)] == [
        funder_member
    ]
    with pytest.raises(PermissionDenied):
        membership_list_for_organisation(viewer=provider_member, organisation=funder_org)


def test_pending_invitations_leave_out_used_cancelled_and_expired(
    funder_admin: Any, funder_member: Any, funder_org: Organisation
) -> None:
    now = timezone.now()
    common = {"organisation": funder_org, "role": "member", "invited_by": funder_admin}
    Invitation.objects.create(
        email="live@example.org", token_hash="a" * 64, expires_at=now + timedelta(days=1), **common
    )
    Invitation.objects.create(
        email="old@example.org", token_hash="b" * 64, expires_at=now - timedelta(days=1), **common
    )
    Invitation.objects.create(
        email="used@example.org",
        token_hash="c" * 64,
        expires_at=now + timedelta(days=1),
        accepted_at=now,
        status="accepted",
        **common,
    )
    Invitation.objects.create(
        email="gone@example.org",
        token_hash="d" * 64,
        expires_at=now + timedelta(days=1),
        revoked_at=now,
        status="cancelled",
        **common,
    )
    assert [i.email for i in invitation_list_pending(viewer=funder_admin, organisation=funder_org)] == [
        "live@example.org"
    ]
    with pytest.raises(PermissionDenied):
        invitation_list_pending(viewer=funder_member, organisation=funder_org)


def test_invitation_found_by_token_only(funder_org: Organisation) -> None:
    Invitation.objects.create(
        organisation=funder_org,
        email="t@example.org",
        token_hash=invitation_token_hash("secret-token"),
        expires_at=timezone.now() + timedelta(days=1),
    )
    assert invitation_get_by_token(token="secret-token") is not None
    assert invitation_get_by_token(token="other") is None
    assert invitation_get_by_token(token="") is None
    assert invitation_get_by_token(token="x" * 500) is None


def test_memberships_for_user_and_admins(
    funder_admin: Any, funder_org: Organisation, provider_org: Organisation
) -> None:
    Membership.objects.create(user=funder_admin, organisation=provider_org, role=MembershipRole.MEMBER)
    assert [m.organisation.name for m in membership_list_for_user(user=funder_admin)] == [
        "Anyborough Borough Council",
        "Riverside Women's Aid",
    ]
    assert organisation_admins(organisation=funder_org) == [funder_admin]


def queries_for(client: Client, url: str, params: dict[str, Any] | None = None) -> int:
    client.get(url, params or {})  # warm the session
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_members_page_queries_do_not_grow(role_client: Any, funder_org: Organisation, funder_admin: Any) -> None:
    client = role_client("funder_admin")
    url = reverse("organisations:members", args=[funder_org.slug])
    few = queries_for(client, url)
    add_members(funder_org, 49)
    Invitation.objects.bulk_create(
        [
            Invitation(
                organisation=funder_org,
                email=f"i{n}@example.org",
                token_hash=f"{n:064d}",
                invited_by=funder_admin,
                expires_at=timezone.now() + timedelta(days=1),
            )
            for n in range(50)
        ]
    )
    many = queries_for(client, url)
    assert many == few
    assert many <= 12
    page = client.get(url).content.decode()
    assert page.count("govuk-tag--grey") + page.count("govuk-tag--blue") == 50


def test_organisation_list_queries_do_not_grow(role_client: Any) -> None:
    client = role_client("site_admin")
    url = reverse("organisations:list")
    add_organisations(1)
    few = queries_for(client, url)
    add_organisations_more = [
        Organisation(name=f"Club {n:03d}", slug=f"club-{n:03d}", kind="charity") for n in range(80)
    ]
    Organisation.objects.bulk_create(add_organisations_more)
    assert queries_for(client, url, {"page": 2}) == few
    assert few <= 10
