"""Which page an invitation link shows, the reads behind it, and the shared templates given one
kind's words."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone

from conftest import make_user
from tandem.core.invitations import pages
from tandem.core.invitations.selectors import (
    account_exists,
    invitation_for_token,
    invitations_pending,
    is_invited_person,
)
from tandem.organisations.models import Invitation, Organisation
from tandem.organisations.services import invitation_create, invitation_revoke

pytestmark = pytest.mark.django_db


def invite(admin: Any, organisation: Organisation, email: str) -> tuple[Invitation, str]:
    return invitation_create(actor=admin, organisation=organisation, email=email, role="member")


def test_the_page_follows_the_status_then_who_is_looking(
    funder_admin: Any, funder_org: Organisation, provider_member: Any, funder_member: Any
) -> None:
    invitation, _ = invite(funder_admin, funder_org, provider_member.email)
    signed_out = AnonymousUser()
    assert pages.invitation_page_for(invitation=invitation, user=signed_out) == pages.SIGN_IN
    assert pages.invitation_page_for(invitation=invitation, user=provider_member) == pages.ACCEPT
    assert pages.invitation_page_for(invitation=invitation, user=funder_member) == pages.WRONG_PERSON
    nobody, _ = invite(funder_admin, funder_org, "new@example.org")
    assert pages.invitation_page_for(invitation=nobody, user=signed_out) == pages.NEW_ACCOUNT
    with mock.patch("django.utils.timezone.now", return_value=nobody.expires_at):
        assert pages.invitation_page_for(invitation=nobody, user=signed_out) == pages.CLOSED
    invitation_revoke(actor=funder_admin, invitation=nobody)
    nobody.refresh_from_db()
    assert pages.invitation_page_for(invitation=nobody, user=provider_member) == pages.CLOSED


def test_sign_in_comes_back_to_the_page() -> None:
    assert pages.sign_in_then("/invitations/abc/") == "/accounts/sign-in/?next=%2Finvitations%2Fabc%2F"


def test_reads(funder_admin: Any, funder_org: Organisation, provider_org: Organisation) -> None:
    live, token = invite(funder_admin, funder_org, "live@example.org")
    gone, _ = invite(funder_admin, funder_org, "gone@example.org")
    invitation_revoke(actor=funder_admin, invitation=gone)
    everything = Invitation.objects.all()
    assert list(invitations_pending(everything)) == [live]
    assert list(invitations_pending(everything, now=live.expires_at)) == []
    assert list(invitations_pending(everything, now=timezone.now() - timedelta(days=1))) == [live]
    assert invitation_for_token(everything, token=token) == live
    assert invitation_for_token(everything.filter(organisation=provider_org), token=token) is None
    for wrong in ("", "nope", "x" * 201):
        assert invitation_for_token(everything, token=wrong) is None
    assert account_exists("ADA.admin@example.org") and not account_exists("live@example.org")
    make_user("Live@Example.org", "Liv")
    assert account_exists("live@example.org")


def test_the_invited_person_is_matched_by_address_in_any_case(funder_admin: Any, funder_org: Organisation) -> None:
    invitation, _ = invite(funder_admin, funder_org, "liv@example.org")
    assert is_invited_person(make_user("LIV@example.org", "Liv"), invitation)
    assert not is_invited_person(funder_admin, invitation)
    assert not is_invited_person(AnonymousUser(), invitation)


def test_the_templates_say_what_the_kind_passes(funder_admin: Any, funder_org: Organisation) -> None:
    invitation, _ = invite(funder_admin, funder_org, "liv@example.org")
    page = pages.InvitationPage(
        invited_to="the panel for Riverside",
        intro="Ada Admin has invited you to sit on the panel.",
        role_description="Panel members score the bids.",
        join_button="Join the panel",
        ask_for_this_account="invite you at this address",
        cancelled_by="Someone running the panel",
        already_in="You are on the panel.",
        go_to_url="/panel/",
        go_to_name="the panel",
        one_of_them="one of its chairs",
        nobody_to_ask="the panel's organiser",
        people_heading="The panel's chairs are:",
    )
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    context = {"invitation": invitation, "page": page, "expires": "5 March 2026", "request": request}
    accept = " ".join(render_to_string(pages.ACCEPT, context, request=request).split())
    assert "Join the panel for Riverside" in accept and "Ada Admin has invited you to sit on the panel." in accept
    assert "Panel members score the bids." in accept and "Join the panel</button>" in accept
    assert "This invitation works until 5 March 2026." in accept
    closed = " ".join(
        render_to_string(
            pages.CLOSED, {**context, "status": "cancelled", "people": [], "is_recipient": False}, request=request
        ).split()
    )
    assert "Someone running the panel cancelled it, so the link no longer works." in closed
    assert "If you still want to join the panel for Riverside, ask Ada Admin, who invited you," in closed
    used = " ".join(
        render_to_string(
            pages.CLOSED, {**context, "status": "accepted", "people": [], "is_recipient": True}, request=request
        ).split()
    )
    assert "You have already accepted it. You are on the panel." in used and 'href="/panel/"' in used
