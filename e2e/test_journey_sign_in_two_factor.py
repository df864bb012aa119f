"""Signing in with two-factor authentication, in a real browser with JavaScript off (signing in
with it on is part of the commission and specification journeys).

People in funder organisations must use two-factor authentication. Someone who has it signs in
with their email address, password and the code from their app (or a recovery code); someone
who has not set it up yet is asked to do that first.
"""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Page, expect

from e2e.helpers import (
    PASSWORD,
    click_button_link,
    click_link,
    enable_two_factor,
    expect_field_error,
    fill_and_submit,
    set_up_two_factor,
    sign_in,
    sign_out,
    totp_code,
    url,
    visit,
)
from tandem.accounts import totp
from tandem.accounts.forms import SIGN_IN_NOT_RIGHT
from tandem.accounts.models import User
from tandem.accounts.services import CODE_NOT_RIGHT
from tandem.organisations.models import Organisation

pytestmark = pytest.mark.e2e


def wrong_code(secret: str) -> str:
    """Six digits that are not the code for any time step Tandem would accept now."""
    step = totp.step_for(time.time())
    accepted = {totp.code_for_step(secret, s) for s in range(step - 2, step + 3)}
    candidate = 0
    while f"{candidate:06d}" in accepted:
        candidate += 1
    return f"{candidate:06d}"


def expect_home_acting_for(page: Page, organisation: Organisation) -> None:
    expect(page).to_have_url(re.compile(re.escape(url("frontend:home")) + "$"))
    expect(page.locator("h1")).to_contain_text("Home")
    acting_for = page.locator(".govuk-summary-list__row", has_text="Acting for")
    expect(acting_for.locator(".govuk-summary-list__value")).to_have_text(organisation.name)
    expect(page.locator("header, .tandem-context-bar").locator(".tandem-switcher")).to_contain_text(organisation.name)


def test_funder_member_signs_in_with_their_code_or_a_recovery_code(
    page: Page, funder_member: User, funder_org: Organisation
) -> None:
    secret, recovery_codes = enable_two_factor(funder_member)

    # A wrong password: the message at the top, and the email address is still there.
    visit(page, url("accounts:sign-in"))
    fill_and_submit(page, {"email": funder_member.email, "password": "not my password"})
    expect(page.locator(".govuk-error-summary")).to_contain_text(SIGN_IN_NOT_RIGHT)
    expect(page).to_have_title(re.compile(r"^Error:"))
    expect(page.locator('input[name="email"]')).to_have_value(funder_member.email)
    expect(page.locator('input[name="password"]')).to_have_value("")

    # The right password, then a wrong code: the message is beside the code box, what was typed
    # is kept, and the sign-in is still going for the same person (no need to start again).
    fill_and_submit(page, {"password": PASSWORD})
    expect(page).to_have_url(re.compile(re.escape(url("accounts:two-factor"))))
    typed = wrong_code(secret)
    fill_and_submit(page, {"code": typed})
    expect_field_error(page, "code", CODE_NOT_RIGHT)
    expect(page.locator('input[name="code"]')).to_have_value(typed)

    # The right code: home, acting for their organisation.
    fill_and_submit(page, {"code": totp_code(secret, funder_member.email)})
    expect_home_acting_for(page, funder_org)
    sign_out(page)

    # No phone today: a recovery code works instead, once.
    visit(page, url("accounts:sign-in"))
    fill_and_submit(page, {"email": funder_member.email, "password": PASSWORD})
    click_link(page, "Use one of your recovery codes instead")
    expect(page.locator("h1")).to_have_text("Use a recovery code")
    fill_and_submit(page, {"code": recovery_codes[0].upper()})
    expect_home_acting_for(page, funder_org)
    sign_out(page)


def test_funder_member_without_two_factor_sets_it_up_when_they_sign_in(
    page: Page, funder_member: User, funder_org: Organisation
) -> None:
    sign_in(page, funder_member.email)

    # They are asked to set it up before going on, and told why.
    expect(page).to_have_url(re.compile(re.escape(url("accounts:two-factor-setup"))))
    expect(page.locator("main .govuk-inset-text")).to_contain_text("You need to do this before you carry on")
    secret, codes = set_up_two_factor(page)
    expect(page.locator("main")).to_contain_text("We will only show you these codes once")
    assert len(set(codes)) == len(codes)

    # Then home, with two-factor on.
    click_button_link(page, "I have saved my codes, continue")
    expect_home_acting_for(page, funder_org)
    two_factor_row = page.locator(".govuk-summary-list__row", has_text="Two-factor authentication")
    expect(two_factor_row.locator(".govuk-tag")).to_have_text("On")

    # The codes were shown once: the recovery codes page now only counts them.
    visit(page, url("accounts:recovery-codes"))
    expect(page.locator("h1")).to_have_text("Recovery codes")
    expect(page.locator("main")).to_contain_text("You have 10 unused recovery codes")
    for code in codes:
        expect(page.locator("main")).not_to_contain_text(code)

    sign_out(page)
    funder_member.refresh_from_db()
    assert funder_member.totp_secret == secret, "Two-factor was turned on with the key the page showed"
