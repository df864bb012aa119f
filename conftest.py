"""One fixture per role, built through the models (services once they exist).

Roles used across the suite and the authorisation matrix:
anonymous, provider_member, funder_member, funder_admin, site_admin.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tandem.accounts.models import User
from tandem.accounts.sessions import PASSWORD_CONFIRMED_SESSION_KEY, TWO_FACTOR_SESSION_KEY
from tandem.organisations.models import Membership, MembershipRole, Organisation, OrganisationKind
from tandem.organisations.sessions import CURRENT_ORGANISATION_SESSION_KEY

PASSWORD = "correct horse battery staple"


def make_user(email: str, name: str, **extra: Any) -> User:
    return User.objects.create_user(email=email, password=PASSWORD, full_name=name, **extra)


def sign_in(client: Client, user: User, organisation: Organisation | None = None) -> Client:
    """Sign a test client in as if they had just typed their password and passed two-factor
    authentication (as a real sign-in does)."""
    client.force_login(user)
    session = client.session
    session[TWO_FACTOR_SESSION_KEY] = timezone.now().isoformat()
    session[PASSWORD_CONFIRMED_SESSION_KEY] = timezone.now().isoformat()
    if organisation is not None:
        session[CURRENT_ORGANISATION_SESSION_KEY] = organisation.pk
    session.save()
    return client


@pytest.fixture
def funder_org(db: Any) -> Organisation:
    return Organisation.objects.create(
        name="Anyborough Borough Council", slug="anyborough-council", kind=OrganisationKind.LOCAL_AUTHORITY
    )


@pytest.fixture
def provider_org(db: Any) -> Organisation:
    return Organisation.objects.create(
        name="Riverside Women's Aid",
        slug="riverside-womens-aid",
        kind=OrganisationKind.CHARITY,
        charity_number="1098765",
    )


@pytest.fixture
def provider_member(provider_org: Organisation) -> User:
    user = make_user("pat.provider@example.org", "Pat Provider")
    Membership.objects.create(user=user, organisation=provider_org, role=MembershipRole.MEMBER)
    return user


@pytest.fixture
def funder_member(funder_org: Organisation) -> User:
    user = make_user("fran.funder@example.org", "Fran Funder")
    Membership.objects.create(user=user, organisation=funder_org, role=MembershipRole.MEMBER)
    return user


@pytest.fixture
def funder_admin(funder_org: Organisation) -> User:
    user = make_user("ada.admin@example.org", "Ada Admin")
    Membership.objects.create(user=user, organisation=funder_org, role=MembershipRole.ADMIN)
    return user


@pytest.fixture
def site_admin(db: Any) -> User:
    return User.objects.create_superuser(email="sam.site@example.org", password=PASSWORD, full_name="Sam Site")


@pytest.fixture
def journey_version(db: Any) -> Any:
    """The current version of the default journey (trauma-informed-journey), loaded from
    content/frameworks. Loading publishes only what changed, so using it twice is cheap."""
    from tandem.frameworks.services import frameworks_load_default

    return frameworks_load_default()


@pytest.fixture
def role_client(
    request: pytest.FixtureRequest,
) -> Any:
    """``role_client("funder_admin")`` returns a signed-in client for that role."""

    def _client(role: str) -> Client:
        client = Client()
        if role == "anonymous":
            return client
        user = request.getfixturevalue(role)
        org = None
        membership = Membership.objects.filter(user=user).select_related("organisation").first()
        if membership:
            org = membership.organisation
        return sign_in(client, user, org)

    return _client
