"""Sending an invitation again (issue 10): which invitations can be, the refusal once a newer one
was sent to the same address, and the words the shared "Send again" page needs."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from tandem.core.dates import local_date_display
from tandem.core.exceptions import ApplicationError
from tandem.core.invitations import pages
from tandem.core.invitations import services as lifecycle
from tandem.core.invitations.selectors import invitations_open
from tandem.organisations.models import Invitation, Organisation
from tandem.organisations.services import ORGANISATION_INVITATIONS

pytestmark = pytest.mark.django_db


def issue(organisation: Organisation, actor: Any, email: str) -> Invitation:
    return lifecycle.invitation_issue(
        ORGANISATION_INVITATIONS,
        actor=actor,
        email=email,
        scope={"organisation": organisation},
        fields={"role": "member"},
    )[0]


def run_out(invitation: Invitation) -> None:
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(days=1))


def test_open_invitations_are_waiting_or_run_out_and_the_newest_to_each_address_in_each_place(
    funder_org: Organisation, provider_org: Organisation, funder_admin: Any
) -> None:
    waiting = issue(funder_org, funder_admin, "a@example.org")
    expired = issue(funder_org, funder_admin, "b@example.org")
    run_out(expired)
    old = issue(funder_org, funder_admin, "c@example.org")
    run_out(old)
    newer = issue(funder_org, funder_admin, "c@example.org")
    cancelled = issue(funder_org, funder_admin, "d@example.org")
    lifecycle.invitation_cancel(ORGANISATION_INVITATIONS, actor=funder_admin, invitation=cancelled)
    # The same address invited somewhere else does not hide this one.
    elsewhere = issue(provider_org, funder_admin, "b@example.org")

    here = invitations_open(Invitation.objects.filter(organisation=funder_org), scope_field="organisation")
    assert set(here) == {waiting, expired, newer}
    there = invitations_open(Invitation.objects.filter(organisation=provider_org), scope_field="organisation")
    assert list(there) == [elsewhere]


def test_an_invitation_replaced_by_a_newer_one_is_not_sent_again(funder_org: Organisation, funder_admin: Any) -> None:
    old = issue(funder_org, funder_admin, "c@example.org")
    run_out(old)
    newer = issue(funder_org, funder_admin, "c@example.org")
    with pytest.raises(ApplicationError) as caught:
        lifecycle.invitation_resend(ORGANISATION_INVITATIONS, actor=funder_admin, invitation=old)
    assert "has been sent a newer invitation since this one" in caught.value.message
    # Sending the newer one again is fine, and keeps exactly one invitation waiting.
    lifecycle.invitation_resend(ORGANISATION_INVITATIONS, actor=funder_admin, invitation=newer)
    waiting = invitations_open(Invitation.objects.filter(organisation=funder_org), scope_field="organisation")
    assert list(waiting) == [newer]


def test_the_send_again_page_says_when_the_old_link_ran_out_and_the_new_one_will(
    funder_org: Organisation, funder_admin: Any, settings: Any
) -> None:
    invitation = issue(funder_org, funder_admin, "a@example.org")
    run_out(invitation)
    invitation.refresh_from_db()
    context = pages.change_page_context(
        invitation=invitation,
        caption=funder_org.name,
        invited_to=funder_org.name,
        back_url="/back/",
        back_text="Back to members",
    )
    assert context["status"] == "expired"
    assert context["expires"] == local_date_display(invitation.expires_at)
    assert context["new_expires"] == local_date_display(timezone.now() + timedelta(days=settings.INVITATION_DAYS))
    assert (context["form"], context["error"], context["notice_template"]) == (None, "", "")
