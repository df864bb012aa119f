"""One fixture per role, built through the models (services once they exist), each by a plain
``*_build`` function that hypothesis tests call inside ``example_rows()`` (one example's own rows);
the hypothesis profiles; and ``libreoffice()`` for the checks that open exports in it.

Roles used across the suite and the authorisation matrix:
anonymous, provider_member, funder_member, funder_admin, site_admin.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, settings

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


def funder_org_build() -> Organisation:
    return Organisation.objects.create(
        name="Anyborough Borough Council", slug="anyborough-council", kind=OrganisationKind.LOCAL_AUTHORITY
    )


def provider_org_build() -> Organisation:
    return Organisation.objects.create(
        name="Riverside Women's Aid",
        slug="riverside-womens-aid",
        kind=OrganisationKind.CHARITY,
        charity_number="1098765",
    )


def member_build(organisation: Organisation, email: str, name: str, role: str) -> User:
    user = make_user(email, name)
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def provider_member_build(provider_org: Organisation) -> User:
    return member_build(provider_org, "pat.provider@example.org", "Pat Provider", MembershipRole.MEMBER)


def funder_member_build(funder_org: Organisation) -> User:
    return member_build(funder_org, "fran.funder@example.org", "Fran Funder", MembershipRole.MEMBER)


def funder_admin_build(funder_org: Organisation) -> User:
    return member_build(funder_org, "ada.admin@example.org", "Ada Admin", MembershipRole.ADMIN)


def site_admin_build() -> User:
    return User.objects.create_superuser(email="sam.site@example.org", password=PASSWORD, full_name="Sam Site")


def client_for(user: User) -> Client:
    """A client signed in as ``user``, in their first organisation (if they have one)."""
    membership = Membership.objects.filter(user=user).select_related("organisation").first()
    return sign_in(Client(), user, membership.organisation if membership else None)


@pytest.fixture
def funder_org(db: Any) -> Organisation:
    return funder_org_build()


@pytest.fixture
def provider_org(db: Any) -> Organisation:
    return provider_org_build()


@pytest.fixture
def provider_member(provider_org: Organisation) -> User:
    return provider_member_build(provider_org)


@pytest.fixture
def funder_member(funder_org: Organisation) -> User:
    return funder_member_build(funder_org)


@pytest.fixture
def funder_admin(funder_org: Organisation) -> User:
    return funder_admin_build(funder_org)


@pytest.fixture
def site_admin(db: Any) -> User:
    return site_admin_build()


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
        if role == "anonymous":
            return Client()
        return client_for(request.getfixturevalue(role))

    return _client


class Roles:
    """The role fixtures' organisations and people, built when first asked for, for one
    hypothesis example (see ``example_rows``). ``roles.user("funder_admin")``,
    ``roles.client("funder_admin")``, ``roles.funder_org``; the same names as the fixtures."""

    def __init__(self) -> None:
        self._made: dict[str, Any] = {}

    def _once(self, name: str, build: Any) -> Any:
        if name not in self._made:
            self._made[name] = build()
        return self._made[name]

    @property
    def funder_org(self) -> Organisation:
        organisation: Organisation = self._once("funder_org", funder_org_build)
        return organisation

    @property
    def provider_org(self) -> Organisation:
        organisation: Organisation = self._once("provider_org", provider_org_build)
        return organisation

    def user(self, role: str) -> User:
        builders = {
            "provider_member": lambda: provider_member_build(self.provider_org),
            "funder_member": lambda: funder_member_build(self.funder_org),
            "funder_admin": lambda: funder_admin_build(self.funder_org),
            "site_admin": site_admin_build,
        }
        user: User = self._once(role, builders[role])
        return user

    def client(self, role: str) -> Client:
        """A signed-in client for that role (a new one each time: no cookies shared)."""
        return Client() if role == "anonymous" else client_for(self.user(role))


@pytest.fixture(autouse=True)
def _clean_cache() -> Iterator[None]:
    """Every test starts and ends with an empty cache, as a fresh machine would: sign-in failures,
    form limits and cached lens findings never reach another test."""
    cache.clear()
    yield
    cache.clear()


@contextmanager
def example_rows() -> Iterator[Roles]:
    """One hypothesis example's own rows: what the example builds (through ``Roles`` and the
    builders) and changes lives in a savepoint that is rolled back when it ends, and the cache
    (sign-in and form throttling) starts and ends empty. So no example sees another's rows.

    Build the state inside the test body, not in function-scoped fixtures: hypothesis runs
    every example against one fixture value, which is why its health check refuses them."""
    cache.clear()
    try:
        with transaction.atomic():
            yield Roles()
            transaction.set_rollback(True)
    finally:
        cache.clear()


def libreoffice() -> str:
    """The LibreOffice program the export tests open files with. Where it is missing the test is
    skipped and says why, except in CI (``CI`` set, as .ci/run does), where it fails: CI must not
    go green without checking that the exports open."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    missing = (
        "LibreOffice is not installed (apt-get install libreoffice-writer-nogui libreoffice-calc-nogui), "
        "so we cannot check that it opens the exports"
    )
    if os.environ.get("CI"):
        pytest.fail(f"{missing}. CI must run this check: install it (make libreoffice does, as root).", pytrace=False)
    pytest.skip(missing)


# Hypothesis profiles (decision 0013). Both start from hypothesis's own defaults and have no
# deadline: a test must not pass or fail on how busy the machine is.
# ``dev`` (the default): random examples, so each run tries new cases, remembered in .hypothesis/.
# ``ci`` (loaded when CI is set, as .ci/run does; it replaces hypothesis's own ``ci`` profile):
# derandomized, so every run tries the same examples and a red build can be rerun to the same
# failure; no example database, since each CI run starts clean; the failing example printed as a
# blob to reproduce it with ``@reproduce_failure``; and no health check on how fast data is made.
_DEFAULT = settings.get_profile("default")
settings.register_profile("dev", parent=_DEFAULT, deadline=None)
settings.register_profile(
    "ci",
    parent=_DEFAULT,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))
