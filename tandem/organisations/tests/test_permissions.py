"""Each permission check, for each role, with a reason whenever it says no."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from tandem.core.permissions import Decision
from tandem.organisations.models import Membership, MembershipRole, Organisation
from tandem.organisations.permissions import (
    can_create_organisation,
    can_edit_organisation,
    can_list_organisations,
    can_manage_members,
    can_view_members,
    can_view_organisation,
    organisation_roles_forget,
    organisation_roles_remember,
    role_in_organisation,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "provider_member", "funder_member", "funder_admin", "site_admin"]


def person(role: str, request: pytest.FixtureRequest) -> Any:
    return AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)


# Expected answers about the funder organisation (the funder admin's and funder member's own).
ON_FUNDER_ORG: dict[str, dict[str, bool]] = {
    "view": {
        "anonymous": False,
        "provider_member": True,
        "funder_member": True,
        "funder_admin": True,
        "site_admin": True,
    },
    "edit": {
        "anonymous": False,
        "provider_member": False,
        "funder_member": False,
        "funder_admin": True,
        "site_admin": True,
    },
    "view_members": {
        "anonymous": False,
        "provider_member": False,
        "funder_member": True,
        "funder_admin": True,
        "site_admin": True,
    },
    "manage_members": {
        "anonymous": False,
        "provider_member": False,
        "funder_member": False,
        "funder_admin": True,
        "site_admin": True,
    },
}
CHECKS: dict[str, Callable[[Any, Organisation], Decision]] = {
    "view": can_view_organisation,
    "edit": can_edit_organisation,
    "view_members": can_view_members,
    "manage_members": can_manage_members,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("check", sorted(CHECKS))
def test_checks_on_an_organisation(
    role: str, check: str, request: pytest.FixtureRequest, funder_org: Organisation
) -> None:
    decision = CHECKS[check](person(role, request), funder_org)
    assert decision.allowed is ON_FUNDER_ORG[check][role]
    if not decision.allowed:
        assert decision.reason, f"{check} refused {role} without a reason"


@pytest.mark.parametrize("role", ROLES)
def test_only_site_admins_create_and_list(role: str, request: pytest.FixtureRequest) -> None:
    who = person(role, request)
    for check in (can_create_organisation, can_list_organisations):
        decision = check(who)
        assert decision.allowed is (role == "site_admin")
        if not decision.allowed:
            assert decision.reason


def test_reasons_are_plain_and_name_the_organisation(
    funder_member: Any, provider_member: Any, funder_org: Organisation
) -> None:
    assert (
        "Only administrators of Anyborough Borough Council" in can_edit_organisation(funder_member, funder_org).reason
    )
    assert "Ask one of them" in can_edit_organisation(funder_member, funder_org).reason
    assert "Only people in Anyborough Borough Council" in can_view_members(provider_member, funder_org).reason
    assert "sign in" in can_view_organisation(AnonymousUser(), funder_org).reason


def test_inactive_people_are_refused(funder_admin: Any, funder_org: Organisation) -> None:
    funder_admin.is_active = False
    assert not can_edit_organisation(funder_admin, funder_org)


def test_remembered_roles_are_used_without_queries(
    funder_admin: Any, funder_org: Organisation, django_assert_num_queries: Any
) -> None:
    organisation_roles_remember(funder_admin, {funder_org.pk: MembershipRole.ADMIN})
    with django_assert_num_queries(0):
        assert can_manage_members(funder_admin, funder_org)
        assert role_in_organisation(funder_admin, funder_org) == "admin"
    Membership.objects.filter(user=funder_admin).update(role=MembershipRole.MEMBER)
    organisation_roles_forget(funder_admin)
    with django_assert_num_queries(1):
        assert not can_manage_members(funder_admin, funder_org)
