"""A lived-experience member joins a commission's team from an invitation, with no organisation of
their own, in real browsers with JavaScript off (no script of ours changes these pages). When the
first invitation runs out, the lead sends it again.

They make an account from the link in the email and are welcomed on their home page: their role in
plain words, what they can do, who to ask, how they are paid and how to step back (issue 10,
item 7). The team sees only their name and role until they choose otherwise; they show their
email address to the team, an observer sees it, they hide it again, and the observer no longer
does (issue 10, item 6; docs/decisions/0022-contact-details-are-the-persons-choice.md). Later they
step back from the team.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import BrowserContext, Locator, Page, expect

from e2e.helpers import (
    click_link,
    enable_two_factor,
    fill_and_submit,
    link_from_last_email,
    open_page,
    sign_in,
    submit,
    url,
    visit,
)
from tandem.accounts.models import User
from tandem.commissions.models import CommissionInvitation, TeamMember, TeamRole
from tandem.commissions.services.team import commission_invitation_create
from tandem.commissions.tests.builders import commission_build
from tandem.frameworks.models import FrameworkVersion
from tandem.organisations.models import Organisation

pytestmark = pytest.mark.e2e

TITLE = "Support after domestic abuse"
MEMBER_EMAIL = "sam.private@example.org"
MEMBER_NAME = "Sam Private"
MEMBER_PASSWORD = "quiet rivers run past the mill"


def team_row(page: Page, name: str) -> Locator:
    return page.locator("table", has_text="Email address").first.locator("tbody tr", has_text=name)


def test_a_lived_experience_member_is_welcomed_and_chooses_what_the_team_sees(
    page: Page,
    journey_version: FrameworkVersion,
    funder_member: User,
    funder_org: Organisation,
    provider_member: User,
    new_context: Callable[..., BrowserContext],
    javascript: bool,
    axe_auditor: Page,
) -> None:
    # The lead has started a commission, with an observer on the team, and invited Sam, who has no
    # account and belongs to no organisation. (Sending the invitation through the pages is the
    # commission journey's part.)
    commission = commission_build(lead=funder_member, lead_funder=funder_org, version=journey_version, title=TITLE)
    TeamMember.objects.create(commission=commission, user=provider_member, role=TeamRole.OBSERVER)
    commission_invitation_create(
        actor=funder_member, commission=commission, email=MEMBER_EMAIL, role=TeamRole.LIVED_EXPERIENCE
    )

    # Sam makes an account from the link in the email and signs in.
    visit(page, link_from_last_email(MEMBER_EMAIL, contains="/commissions/invitations/"))
    expect(page.locator("h1")).to_have_text(f"Join the team for {TITLE}")
    fill_and_submit(
        page,
        {"full_name": MEMBER_NAME, "password1": MEMBER_PASSWORD, "password2": MEMBER_PASSWORD},
        button="Make my account and join",
    )
    fill_and_submit(page, {"email": MEMBER_EMAIL, "password": MEMBER_PASSWORD})

    # Home welcomes them, before anything about how they sign in.
    visit(page, url("frontend:home"))
    main = page.locator("main")
    expect(page.locator("h1")).to_contain_text("Welcome to Tandem")
    expect(main).to_contain_text(f"You are a lived-experience member on the team planning {TITLE}")
    expect(main).to_contain_text("Brings what it is like to use services like this")
    expect(main).to_contain_text("Choose which questions you answer")
    expect(main).to_contain_text(f"Your contact is {funder_member.full_name}, the commission's lead.")
    expect(main).to_contain_text("Tandem does not pay anyone yet.")
    expect(main).to_contain_text("You can leave the team at any time, and you do not have to say why.")
    expect(main).not_to_contain_text("You are not part of an organisation yet")
    expect(main.locator(".govuk-tag")).to_have_count(0)

    # Until they choose, the team sees only their name and role. They show their email address.
    click_link(page, f"Change what the team sees for {TITLE}")
    expect(page.locator("h1")).to_have_text("What the team sees about you")
    expect(page.locator('input[name="shares_email"][value="no"]')).to_be_checked()
    expect(main).to_contain_text(f"{provider_member.full_name}: Observer")
    fill_and_submit(page, {"shares_email": "yes"}, button="Save my choice")
    expect(page).to_have_url(re.compile(re.escape(url("commissions:team", pk=commission.pk)) + "$"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "The team can now see your email address."
    )

    # The observer, in their own browser, sees it beside Sam's name.
    observer = open_page(new_context, javascript=javascript, auditor=axe_auditor)
    sign_in(observer, provider_member.email)
    visit(observer, url("commissions:team", pk=commission.pk))
    expect(team_row(observer, MEMBER_NAME)).to_contain_text(MEMBER_EMAIL)

    # Sam changes their mind: only their name and role again.
    visit(page, url("commissions:team-contact", pk=commission.pk))
    fill_and_submit(page, {"shares_email": "no"}, button="Save my choice")
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "The team now sees only your name and role."
    )

    # The observer no longer sees it, and is told how to reach Sam instead.
    visit(observer, url("commissions:team", pk=commission.pk))
    row = team_row(observer, MEMBER_NAME)
    expect(row).to_contain_text("Lived-experience member")
    expect(row).to_contain_text("Not shared: reach them through Tandem")
    expect(observer.locator("main")).not_to_contain_text(MEMBER_EMAIL)
    observer.context.close()

    # Later, Sam steps back from the team. Nobody asks why; the lead is told.
    visit(page, url("commissions:team", pk=commission.pk))
    click_link(page, "Leave the team")
    expect(page.locator("h1")).to_have_text("Leave the team")
    expect(page.locator("main")).to_contain_text("you do not have to say why")
    submit(page, "Leave the team")
    expect(page).to_have_url(re.compile(re.escape(url("frontend:home")) + "$"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(f"You have left the team for {TITLE}")
    assert not TeamMember.objects.filter(commission=commission, user__email=MEMBER_EMAIL).exists()


def test_the_lead_sends_an_invitation_again_once_it_has_run_out(
    page: Page, journey_version: FrameworkVersion, funder_member: User, funder_org: Organisation
) -> None:
    commission = commission_build(lead=funder_member, lead_funder=funder_org, version=journey_version, title=TITLE)
    invitation, _ = commission_invitation_create(
        actor=funder_member, commission=commission, email=MEMBER_EMAIL, role=TeamRole.LIVED_EXPERIENCE
    )
    CommissionInvitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(days=1))
    first_link = link_from_last_email(MEMBER_EMAIL, contains="/commissions/invitations/")
    secret, _codes = enable_two_factor(funder_member)
    sign_in(page, funder_member.email, totp_secret=secret)

    visit(page, url("commissions:team", pk=commission.pk))
    waiting = page.locator("table", has_text="Invited by").locator("tbody tr", has_text=MEMBER_EMAIL)
    expect(waiting).to_contain_text("Ran out on")
    click_link(page, f"Send again the invitation for {MEMBER_EMAIL}")
    expect(page.locator("h1")).to_have_text(f"Send the invitation for {MEMBER_EMAIL} again")
    expect(page.locator("main")).to_contain_text("The link we sent before ran out on")
    submit(page, "Send again")
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        f"We have sent the invitation for {MEMBER_EMAIL} again"
    )
    expect(waiting).not_to_contain_text("Ran out on")
    new_link = link_from_last_email(MEMBER_EMAIL, contains="/commissions/invitations/")
    assert new_link != first_link
