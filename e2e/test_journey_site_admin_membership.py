"""A site administrator changes who is in an organisation they do not run, in real browsers with
JavaScript off, since no script of ours changes these pages (issue 8; decisions 0009, 0011, 0013).

They must type their password again (it was typed a while ago), cannot invite themselves, must say
why, and the organisation's own administrator, in their own browser, finds the change and the
reason in their notifications.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from playwright.sync_api import BrowserContext, Page, expect

from e2e.helpers import (
    PASSWORD,
    click_button_link,
    enable_two_factor,
    expect_field_error,
    fill_and_submit,
    open_page,
    sign_in,
    url,
    visit,
)
from tandem.accounts.models import User
from tandem.accounts.sessions import PASSWORD_CONFIRMED_SESSION_KEY
from tandem.organisations.models import Organisation

pytestmark = pytest.mark.e2e

NEWCOMER = "robin.newstarter@example.org"
REASON = "The council's IT desk asked us to add their new starter while Ada is on leave"


def password_typed_an_hour_ago(page: Page) -> None:
    """As if the person signed in an hour ago and has been working since."""
    [cookie] = [c for c in page.context.cookies() if c["name"] == "sessionid"]
    session = SessionStore(session_key=cookie["value"])
    session[PASSWORD_CONFIRMED_SESSION_KEY] = (timezone.now() - timedelta(hours=1)).isoformat()
    session.save()


def test_a_site_administrator_confirms_gives_a_reason_and_the_organisation_is_told(
    page: Page,
    site_admin: User,
    funder_admin: User,
    funder_org: Organisation,
    new_context: Callable[..., BrowserContext],
    javascript: bool,
    axe_auditor: Page,
) -> None:
    admin_secret, _ = enable_two_factor(site_admin)
    sign_in(page, site_admin.email, totp_secret=admin_secret)
    password_typed_an_hour_ago(page)

    # Members of someone else's organisation: inviting asks for the password again first.
    visit(page, url("organisations:members", slug=funder_org.slug))
    click_button_link(page, "Invite someone")
    expect(page).to_have_url(re.compile(re.escape(url("accounts:confirm-password"))))
    expect(page.locator("h1")).to_have_text("Confirm your password")

    # A wrong password is refused beside the field; the right one goes back to the invite page.
    fill_and_submit(page, {"password": "not my password"}, button="Confirm")
    expect(page).to_have_title(re.compile(r"^Error:"))
    expect(page.locator('input[name="password"]')).to_have_value("")
    fill_and_submit(page, {"password": PASSWORD}, button="Confirm")
    expect(page).to_have_url(re.compile(re.escape(url("organisations:invite", slug=funder_org.slug)) + "$"))
    expect(page.locator("main .govuk-inset-text")).to_contain_text(f"You are not an administrator of {funder_org.name}")

    # Their own address is refused beside the field: nobody lets themselves in.
    fill_and_submit(page, {"email": site_admin.email, "role": "admin", "reason": REASON}, button="Send invitation")
    expect_field_error(page, "email", f"You cannot invite yourself to {funder_org.name}")

    # Someone else, but no reason: asked why, and what was typed is kept.
    fill_and_submit(page, {"email": NEWCOMER, "role": "member", "reason": ""}, button="Send invitation")
    expect_field_error(page, "reason", "Say why you are making this change")
    expect(page.locator('input[name="email"]')).to_have_value(NEWCOMER)

    fill_and_submit(page, {"reason": REASON}, button="Send invitation")
    expect(page).to_have_url(re.compile(re.escape(url("organisations:members", slug=funder_org.slug)) + "$"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(f"We have sent an invitation to {NEWCOMER}")

    # The council's administrator, in their own browser, is told what happened and why.
    council_secret, _ = enable_two_factor(funder_admin)
    council = open_page(new_context, javascript=javascript, auditor=axe_auditor)
    sign_in(council, funder_admin.email, totp_secret=council_secret)
    visit(council, url("notifications:list"))
    told = council.locator("main")
    expect(told).to_contain_text(f"A site administrator changed who is in {funder_org.name}")
    expect(told).to_contain_text(REASON)
    council.context.close()
