"""The demo command: builds Anyborough through the services, twice without duplicates, and
never where demo data is not allowed."""

from __future__ import annotations

import io
import time
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from tandem.accounts import totp
from tandem.accounts.models import User
from tandem.audit.models import AuditEntry
from tandem.audit.selectors import audit_chain_verify
from tandem.demo.accounts import DEMO_PASSWORD, demo_secret
from tandem.demo.management.commands.demo import FUNDERS, PROVIDERS, SITE_ADMIN_EMAIL, demo_people
from tandem.organisations.models import FUNDER_KINDS, Invitation, Membership, Organisation, SizeBand

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "organisations": Organisation.objects.count(),
        "users": User.objects.count(),
        "memberships": Membership.objects.count(),
        "invitations": Invitation.objects.count(),
        "audit": AuditEntry.objects.count(),
    }


def test_builds_anyborough() -> None:
    output = run("demo")
    assert len(FUNDERS) == 4
    assert len(PROVIDERS) == 12
    assert Organisation.objects.filter(kind__in=FUNDER_KINDS).count() == 4
    assert Organisation.objects.exclude(kind__in=FUNDER_KINDS).count() == 12
    # Sizes from micro to major, and every identifier valid.
    bands = set(Organisation.objects.values_list("size_band", flat=True))
    assert {SizeBand.MICRO, SizeBand.SMALL, SizeBand.MEDIUM, SizeBand.LARGE, SizeBand.MAJOR} <= bands
    for organisation in Organisation.objects.all():
        numbers = [n for n in (organisation.charity_number, organisation.company_number) if n]
        assert len(organisation.identifiers) == len(numbers), organisation
        assert organisation.about
        assert organisation.areas_served and organisation.specialisms
    # People in every role.
    site_admin = User.objects.get(email=SITE_ADMIN_EMAIL)
    assert site_admin.is_superuser and site_admin.has_two_factor
    assert Membership.objects.filter(role="admin", organisation__kind__in=FUNDER_KINDS).exists()
    assert Membership.objects.filter(role="member", organisation__kind__in=FUNDER_KINDS).exists()
    assert Membership.objects.filter(role="admin").exclude(organisation__kind__in=FUNDER_KINDS).exists()
    assert Membership.objects.filter(role="member").exclude(organisation__kind__in=FUNDER_KINDS).exists()
    jordan = User.objects.get(email="jordan.blake@refugeewelcome.anyborough.example")
    assert jordan.memberships.count() == 2
    assert Membership.objects.filter(user__full_name="Kofi Mensah", organisation__kind="community_group").exists()
    # Everyone signs in with the documented password; funder staff have the documented secret.
    for email, needs_code in demo_people().items():
        user = User.objects.get(email=email)
        assert user.check_password(DEMO_PASSWORD), email
        assert user.has_two_factor is needs_code, email
        if needs_code:
            assert user.totp_secret == demo_secret(email)
    # Some invitations are left waiting for a reply.
    assert sum(1 for i in Invitation.objects.all() if i.is_pending) >= 3
    # Everything was made through the services, so the trail tells the story, unbroken.
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "organisations.organisation.created",
        "organisations.membership.invited",
        "organisations.invitation.accepted",
        "accounts.two_factor.enabled",
    } <= actions
    assert audit_chain_verify() is None
    # The table of sign-ins.
    assert DEMO_PASSWORD in output
    assert "priya.shah@council.anyborough.example" in output
    assert "Code needed" in output
    assert demo_secret("priya.shah@council.anyborough.example") in output


def test_running_twice_adds_nothing() -> None:
    run("demo")
    before = counts()
    output = run("demo")
    assert counts() == before
    assert "waiting for a reply" not in output


def test_a_missing_piece_is_put_back() -> None:
    run("demo")
    Membership.objects.filter(user__email="claire.dobson@riversidewa.anyborough.example").delete()
    run("demo", "--quiet-table")
    assert Membership.objects.filter(user__email="claire.dobson@riversidewa.anyborough.example").count() == 1
    assert User.objects.filter(email="claire.dobson@riversidewa.anyborough.example").count() == 1


@override_settings(TANDEM_ALLOW_DEMO=False)
def test_refused_when_demo_data_is_not_allowed() -> None:
    with pytest.raises(CommandError, match="Demo data is turned off here"):
        run("demo")
    assert counts() == {"organisations": 0, "users": 0, "memberships": 0, "invitations": 0, "audit": 0}
    with pytest.raises(CommandError, match="turned off"):
        run("demo_code", SITE_ADMIN_EMAIL)


def test_demo_code_prints_a_code_the_account_accepts() -> None:
    run("demo", "--quiet-table")
    email = "priya.shah@council.anyborough.example"
    code = run("demo_code", email).strip()
    assert len(code) == 6 and code.isdigit()
    user = User.objects.get(email=email)
    assert (
        totp.code_step(secret=user.totp_secret, code=code, now=time.time(), after_step=user.totp_last_step) is not None
    )


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("nobody@example.org", "is not a demo account"),
        ("bev.carter@kitchentable.anyborough.example", "no code is needed"),
    ],
)
def test_demo_code_refuses_other_accounts(email: str, message: str) -> None:
    run("demo", "--quiet-table")
    with pytest.raises(CommandError, match=message):
        run("demo_code", email)


def test_demo_code_before_the_demo_is_built(capsys: Any) -> None:
    with pytest.raises(CommandError, match=r"Run `python manage\.py demo` first"):
        run("demo_code", SITE_ADMIN_EMAIL)
