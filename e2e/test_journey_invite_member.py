"""An administrator invites someone to their organisation, and the invitee joins from the link in
the email, in real browsers with JavaScript off (no script of ours changes these pages).

The administrator and the invitee each have their own browser (separate contexts, so separate
cookies), as they would in life.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import pyotp
import pytest
from playwright.sync_api import BrowserContext, Page, expect

from e2e.helpers import (
    click_button_link,
    click_link,
    expect_field_error,
    fill_and_submit,
    link_from_last_email,
    open_page,
    set_up_two_factor,
    sign_in,
    url,
    visit,
)
from tandem.accounts import totp
from tandem.accounts.models import User
from tandem.accounts.services import two_factor_enable
from tandem.organisations.models import Organisation

pytestmark = pytest.mark.e2e

INVITEE_EMAIL = "kit.newcomer@example.org"
INVITEE_NAME = "Kit Newcomer"
INVITEE_PASSWORD = "blue kettles sing at dawn"
BAD_EMAIL = "kit.newcomer at example"


def test_administrator_invites_a_member_who_joins(
    page: Page,
    funder_admin: User,
    funder_org: Organisation,
    new_context: Callable[..., BrowserContext],
    javascript: bool,
    axe_auditor: Page,
) -> None:
    secret = pyotp.random_base32()
    now = time.time()
    two_factor_enable(
        actor=funder_admin, secret=secret, code=totp.code_for_step(secret, totp.step_for(now) - 1), now=now
    )

    # The administrator signs in and opens the members page from home.
    sign_in(page, funder_admin.email, totp_secret=secret)
    click_link(page, f"See who is in {funder_org.name}")
    expect(page.locator("h1")).to_have_text("Members")
    click_button_link(page, "Invite someone")

    # A mistyped email address: the message is beside the field and what was typed is kept.
    fill_and_submit(page, {"email": BAD_EMAIL, "role": "member"}, button="Send invitation")
    expect_field_error(page, "email", "Enter an email address in the correct format, like name@example.com")
    expect(page.locator('input[name="email"]')).to_have_value(BAD_EMAIL)

    fill_and_submit(page, {"email": INVITEE_EMAIL, "role": "member"}, button="Send invitation")
    expect(page).to_have_url(re.compile(re.escape(url("organisations:members", slug=funder_org.slug)) + "$"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(f"We have sent an invitation to {INVITEE_EMAIL}")
    pending = page.locator("table", has_text="Invited by").locator("tbody tr", has_text=INVITEE_EMAIL)
    expect(pending).to_contain_text("Member")
    expect(pending).to_contain_text(funder_admin.full_name)

    # The invitee, in their own browser, opens the link from the email.
    invitee = open_page(new_context, javascript=javascript, auditor=axe_auditor)
    visit(invitee, link_from_last_email(INVITEE_EMAIL, contains="/invitations/"))
    expect(invitee.locator("h1")).to_have_text(f"Join {funder_org.name}")
    expect(invitee.locator("main .govuk-summary-list")).to_contain_text(INVITEE_EMAIL)

    # Passwords that do not match: the message is beside the second one, the name is kept.
    fill_and_submit(
        invitee,
        {"full_name": INVITEE_NAME, "password1": INVITEE_PASSWORD, "password2": "blue kettles sing at dusk"},
    )
    expect_field_error(invitee, "password2", "The passwords do not match")
    expect(invitee.locator('input[name="full_name"]')).to_have_value(INVITEE_NAME)

    fill_and_submit(invitee, {"password1": INVITEE_PASSWORD, "password2": INVITEE_PASSWORD})
    expect(invitee).to_have_url(re.compile(re.escape(url("accounts:sign-in"))))
    expect(invitee.locator(".govuk-notification-banner")).to_contain_text("Your account is ready")

    # Their first sign-in: the organisation is a funder, so they set up two-factor first.
    fill_and_submit(invitee, {"email": INVITEE_EMAIL, "password": INVITEE_PASSWORD})
    expect(invitee.locator("main .govuk-inset-text")).to_contain_text("You need to do this before you carry on")
    set_up_two_factor(invitee)
    click_button_link(invitee, "I have saved my codes, continue")
    # They carry on to where the invitation led: their new organisation's page.
    expect(invitee).to_have_url(re.compile(re.escape(url("organisations:detail", slug=funder_org.slug)) + "$"))

    # Home, as a member of the organisation.
    visit(invitee, url("frontend:home"))
    expect(invitee.locator("h1")).to_contain_text(INVITEE_NAME)
    acting_for = invitee.locator(".govuk-summary-list__row", has_text="Acting for")
    expect(acting_for.locator(".govuk-summary-list__value")).to_have_text(funder_org.name)
    role = invitee.locator(".govuk-summary-list__row", has_text="Your role")
    expect(role.locator(".govuk-summary-list__value")).to_have_text("Member")
    expect(invitee.locator(".tandem-switcher")).to_contain_text(funder_org.name)
    invitee.context.close()

    # The administrator sees them among the members, and no invitation is waiting any more.
    visit(page, url("organisations:members", slug=funder_org.slug))
    member = page.locator("table", has_text="Email address").first.locator("tbody tr", has_text=INVITEE_EMAIL)
    expect(member).to_contain_text(INVITEE_NAME)
    expect(member).to_contain_text("Member")
    expect(page.locator("main")).to_contain_text("There are no invitations waiting for a reply.")
