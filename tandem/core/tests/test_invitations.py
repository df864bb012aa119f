"""The rules both kinds of invitation share."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from conftest import PASSWORD, make_user
from tandem.core.exceptions import ApplicationError, PermissionDenied
from tandem.core.invitations import (
    InvitationStatus,
    invitation_accepter_check,
    invitation_email_clean,
    invitation_open_check,
    invitation_status_now,
    invitation_token_hash,
    invitation_token_new,
    new_account_details_check,
)
from tandem.core.invitations.rules import STORED_STATUSES


def test_a_new_token_comes_with_its_hash_and_tokens_differ():
    token, token_hash = invitation_token_new()
    assert token_hash == invitation_token_hash(token) and len(token_hash) == 64
    assert invitation_token_new()[0] != token


def test_email_is_tidied_or_refused_beside_the_field():
    assert invitation_email_clean("  Sam@Example.ORG ") == "sam@example.org"
    with pytest.raises(ApplicationError) as empty:
        invitation_email_clean("   ")
    assert empty.value.field == "email" and empty.value.message == "Enter an email address"
    with pytest.raises(ApplicationError, match="correct format"):
        invitation_email_clean("not an email")


def test_open_check_says_which_way_an_invitation_is_closed():
    now = timezone.now()
    later = now + timedelta(days=1)
    invitation_open_check(status="pending", expires_at=later)
    with pytest.raises(ApplicationError, match="already been used"):
        invitation_open_check(status="accepted", expires_at=later)
    with pytest.raises(ApplicationError, match="cancelled"):
        invitation_open_check(status="cancelled", expires_at=later)
    with pytest.raises(ApplicationError, match="expired"):
        invitation_open_check(status="pending", expires_at=now - timedelta(seconds=1))


def test_expired_is_read_from_the_clock_and_only_for_pending_ones():
    now = timezone.now()
    moment = now + timedelta(hours=1)
    assert invitation_status_now(status="pending", expires_at=moment, now=now) == InvitationStatus.PENDING
    # The same stored row reads as expired once the clock passes its expiry, with nothing written.
    assert invitation_status_now(status="pending", expires_at=moment, now=moment) == InvitationStatus.EXPIRED
    # Accepted and cancelled ones stay what they are whatever the time.
    later = moment + timedelta(days=1)
    assert invitation_status_now(status="accepted", expires_at=moment, now=later) == InvitationStatus.ACCEPTED
    assert invitation_status_now(status="cancelled", expires_at=moment, now=later) == InvitationStatus.CANCELLED
    # Expired is never stored.
    assert InvitationStatus.EXPIRED not in STORED_STATUSES


def _person(email: str = "", signed_in: bool = True) -> SimpleNamespace:
    return SimpleNamespace(is_authenticated=signed_in, email=email)


def test_only_the_invited_person_signed_in_may_accept():
    invitation_accepter_check(invited_email="A@example.org", user=_person("a@example.org"))
    with pytest.raises(PermissionDenied, match="Sign in"):
        invitation_accepter_check(invited_email="a@example.org", user=_person(signed_in=False))
    with pytest.raises(PermissionDenied, match=r"sent to a@example\.org, but you are signed in as b@example\.org"):
        invitation_accepter_check(invited_email="a@example.org", user=_person("b@example.org"))


@pytest.mark.django_db
def test_new_account_details_are_checked_and_the_name_tidied():
    assert (
        new_account_details_check(email="n@example.org", full_name="  Nia   Newbie ", password=PASSWORD) == "Nia Newbie"
    )
    with pytest.raises(ApplicationError) as no_name:
        new_account_details_check(email="n@example.org", full_name=" ", password=PASSWORD)
    assert no_name.value.field == "full_name"
    with pytest.raises(ApplicationError) as weak:
        new_account_details_check(email="n@example.org", full_name="Nia", password="short")
    assert weak.value.field == "password1"
    make_user("n@example.org", "Nia Newbie")
    with pytest.raises(ApplicationError, match="already an account"):
        new_account_details_check(email="N@example.org", full_name="Nia", password=PASSWORD)
