"""Someone in two organisations switches which one they are acting for, in a real browser with
JavaScript off (no script of ours changes these pages)."""

from __future__ import annotations

import re
import time

import pyotp
import pytest
from playwright.sync_api import Page, expect

from e2e.helpers import click_link, fill_and_submit, sign_in, url
from tandem.accounts import totp
from tandem.accounts.models import User
from tandem.accounts.services import two_factor_enable
from tandem.organisations.models import MembershipRole, Organisation
from tandem.organisations.services import invitation_accept, invitation_create

pytestmark = pytest.mark.e2e


def expect_acting_for(page: Page, organisation: Organisation) -> None:
    """The home page and the bar under the header both name the organisation."""
    expect(page).to_have_url(re.compile(re.escape(url("frontend:home")) + "$"))
    acting_for = page.locator(".govuk-summary-list__row", has_text="Acting for")
    expect(acting_for.locator(".govuk-summary-list__value")).to_have_text(organisation.name)
    expect(page.locator(".tandem-switcher")).to_contain_text(f"Acting for: {organisation.name}")


def test_person_in_two_organisations_switches_between_them(
    page: Page, provider_member: User, provider_org: Organisation, funder_org: Organisation, funder_admin: User
) -> None:
    # Pat belongs to a charity, and the council invites them too (they accept). Being in a
    # funder organisation means Pat now needs two-factor authentication.
    invitation, _token = invitation_create(
        actor=funder_admin, organisation=funder_org, email=provider_member.email, role=MembershipRole.MEMBER
    )
    invitation_accept(invitation=invitation, user=provider_member)
    secret = pyotp.random_base32()
    now = time.time()
    two_factor_enable(
        actor=provider_member, secret=secret, code=totp.code_for_step(secret, totp.step_for(now) - 1), now=now
    )
    first, second = sorted([funder_org, provider_org], key=lambda org: org.name)

    # Signed in, they act for the first of their organisations by name.
    sign_in(page, provider_member.email, totp_secret=secret)
    expect_acting_for(page, first)

    # The header offers the switch.
    click_link(page, "Switch organisation")
    expect(page.locator("h1")).to_have_text("Switch organisation")
    expect(page.get_by_role("radio", name=first.name)).to_be_checked()
    fill_and_submit(page, {"organisation": str(second.pk)}, button="Switch")

    # Home, acting for the other one; the page says so, and so does the header.
    expect_acting_for(page, second)
    expect(page.locator(".govuk-notification-banner")).to_contain_text(f"You are now acting for {second.name}")
    role = page.locator(".govuk-summary-list__row", has_text="Your role")
    expect(role.locator(".govuk-summary-list__value")).to_have_text("Member")
    expect(page.get_by_role("link", name=f"See {second.name}'s profile")).to_be_visible()
