"""Accepting an invitation: new accounts, existing accounts, the wrong person, and dead links."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from conftest import PASSWORD, sign_in
from tandem.accounts.models import User
from tandem.audit.models import AuditEntry
from tandem.organisations.models import Invitation, Membership, Organisation
from tandem.organisations.services import invitation_create, invitation_revoke
from tandem.organisations.sessions import CURRENT_ORGANISATION_SESSION_KEY

pytestmark = pytest.mark.django_db


def invite(admin: Any, organisation: Organisation, email: str, role: str = "member") -> tuple[Invitation, str]:
    invitation, token = invitation_create(actor=admin, organisation=organisation, email=email, role=role)
    return invitation, reverse("invitations:accept", args=[token])


def test_new_person_makes_an_account_and_joins(funder_admin: Any, funder_org: Organisation) -> None:
    _invitation, url = invite(funder_admin, funder_org, "nia@example.org")
    client = Client()
    page = client.get(url).content.decode()
    assert "Join Anyborough Borough Council" in page
    assert "Ada Admin has invited you" in page
    assert "nia@example.org" in page
    assert 'name="password1"' in page
    response = client.post(url, {"full_name": "Nia Newton", "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302
    detail = reverse("organisations:detail", args=[funder_org.slug])
    assert response["Location"] == f"{reverse(settings.LOGIN_URL)}?{urlencode({'next': detail})}"
    user = User.objects.get(email="nia@example.org")
    assert user.check_password(PASSWORD)
    assert Membership.objects.filter(user=user, organisation=funder_org).exists()
    assert AuditEntry.objects.filter(action="organisations.invitation.accepted", actor=user).exists()
    # The link has been used now.
    assert "This invitation has been used" in client.get(url).content.decode()


def test_new_account_form_explains_problems_and_keeps_the_name(funder_admin: Any, funder_org: Organisation) -> None:
    _, url = invite(funder_admin, funder_org, "nia@example.org")
    response = Client().post(
        url, {"full_name": "Nia Newton", "password1": PASSWORD, "password2": "different words here"}
    )
    page = response.content.decode()
    assert "The passwords do not match" in page
    assert 'value="Nia Newton"' in page
    assert PASSWORD not in page  # passwords are never sent back
    response = Client().post(url, {"full_name": "", "password1": "short", "password2": "short"})
    page = response.content.decode()
    assert "Enter your full name" in page
    assert "too short" in page
    assert not User.objects.filter(email="nia@example.org").exists()


def test_someone_with_an_account_is_asked_to_sign_in_first(
    funder_admin: Any, funder_org: Organisation, provider_member: Any
) -> None:
    _, url = invite(funder_admin, funder_org, provider_member.email)
    page = Client().get(url).content.decode()
    assert "Sign in to join Anyborough Borough Council" in page
    assert f"{reverse(settings.LOGIN_URL)}?{urlencode({'next': url})}".replace("&", "&amp;") in page
    # Posting the new-account form for an address with an account does not make a second one.
    Client().post(url, {"full_name": "X", "password1": PASSWORD, "password2": PASSWORD})
    assert User.objects.filter(email=provider_member.email).count() == 1


def test_signed_in_person_accepts_and_acts_for_the_new_organisation(
    funder_admin: Any, funder_org: Organisation, provider_member: Any, provider_org: Organisation
) -> None:
    _, url = invite(funder_admin, funder_org, provider_member.email, role="admin")
    client = sign_in(Client(), provider_member, provider_org)
    page = client.get(url).content.decode()
    assert "an administrator." in page
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("organisations:detail", args=[funder_org.slug])
    assert client.session[CURRENT_ORGANISATION_SESSION_KEY] == funder_org.pk
    assert Membership.objects.get(user=provider_member, organisation=funder_org).role == "admin"
    # Now in two organisations, the header offers the switch.
    home = client.get(reverse("organisations:detail", args=[funder_org.slug])).content.decode()
    assert "You have joined Anyborough Borough Council" in home
    assert "Switch organisation" in home


def test_signed_in_as_someone_else_is_told_plainly(
    funder_admin: Any, funder_org: Organisation, provider_member: Any, provider_org: Organisation
) -> None:
    _, url = invite(funder_admin, funder_org, "someone.else@example.org")
    client = sign_in(Client(), provider_member, provider_org)
    page = client.get(url).content.decode()
    assert "This invitation is for a different email address" in page
    assert "someone.else@example.org" in page
    assert provider_member.email in page
    client.post(url)
    assert not Membership.objects.filter(user=provider_member, organisation=funder_org).exists()


def test_accepting_an_invitation_you_sent_is_the_403_page_with_the_reason(
    site_admin: Any, funder_org: Organisation, funder_admin: Any
) -> None:
    # The service refuses (nobody lets themselves in); the view does not catch it as a message.
    _, url = invite_as_site_admin(site_admin, funder_org, "sam.second@example.org")
    site_admin.email = "sam.second@example.org"
    site_admin.save()
    client = sign_in(Client(), site_admin)
    entries = AuditEntry.objects.count()
    response = client.post(url)
    assert response.status_code == 403
    page = " ".join(response.content.decode().split())
    assert "You cannot see this page" in page
    assert "You sent this invitation yourself, so you cannot accept it." in page
    assert not Membership.objects.filter(user=site_admin, organisation=funder_org).exists()
    assert AuditEntry.objects.count() == entries


def invite_as_site_admin(site_admin: Any, organisation: Organisation, email: str) -> tuple[Invitation, str]:
    invitation, token = invitation_create(
        actor=site_admin, organisation=organisation, email=email, role="member", reason="Helping them set up"
    )
    return invitation, reverse("invitations:accept", args=[token])


def test_expired_invitation_says_so_and_who_to_ask(funder_admin: Any, funder_org: Organisation) -> None:
    invitation, url = invite(funder_admin, funder_org, "late@example.org")
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(days=1))
    response = Client().get(url)
    page = response.content.decode()
    assert "This invitation has expired" in page
    assert "Ada Admin, who invited you," in " ".join(page.split())
    # Posting to it does nothing.
    Client().post(url, {"full_name": "Late", "password1": PASSWORD, "password2": PASSWORD})
    assert not User.objects.filter(email="late@example.org").exists()


def test_cancelled_invitation_says_so(funder_admin: Any, funder_org: Organisation) -> None:
    invitation, url = invite(funder_admin, funder_org, "gone@example.org")
    invitation_revoke(actor=funder_admin, invitation=invitation)
    page = Client().get(url).content.decode()
    assert "This invitation was cancelled" in page
    assert "Ada Admin" in page


def test_unknown_link_is_404_with_help() -> None:
    response = Client().get(reverse("invitations:accept", args=["no-such-token"]))
    assert response.status_code == 404
    assert "We cannot find this invitation" in response.content.decode()


def test_used_link_tells_the_person_who_used_it_where_to_go(
    funder_admin: Any, funder_org: Organisation, provider_member: Any
) -> None:
    _, url = invite(funder_admin, funder_org, provider_member.email)
    client = sign_in(Client(), provider_member)
    client.post(url)
    page = client.get(url).content.decode()
    assert "You have already accepted it" in page
    assert reverse("organisations:detail", args=[funder_org.slug]) in page


@pytest.fixture
def invitation_limits(settings: Any) -> Any:
    """Making accounts from invitations: three tries per connection, two per invitation, counted
    from an empty cache."""
    from django.core.cache import cache

    cache.clear()
    settings.INVITATION_POSTS_PER_ADDRESS = 3
    settings.INVITATION_POSTS_PER_INVITATION = 2
    yield
    cache.clear()


WAIT = "We have had a lot of tries to make an account in a short time."


def test_tries_at_one_invitation_wait_after_its_limit_and_keep_the_name(
    invitation_limits: Any, funder_admin: Any, funder_org: Organisation
) -> None:
    _, url = invite(funder_admin, funder_org, "nia@example.org")
    wrong = {"full_name": "Nia Newton", "password1": PASSWORD, "password2": "different words here"}
    # Each try from anywhere counts for the invitation, right or wrong.
    assert Client(REMOTE_ADDR="203.0.113.9").post(url, wrong).status_code == 200
    assert Client(REMOTE_ADDR="198.51.100.4").post(url, wrong).status_code == 200
    response = Client(REMOTE_ADDR="192.0.2.10").post(
        url, {"full_name": "Nia Newton", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 429
    page = response.content.decode()
    assert WAIT in page and "then try again. We slow this down to keep accounts safe." in page
    assert 'value="Nia Newton"' in page
    assert PASSWORD not in page
    # No account was made and the invitation is still waiting.
    assert not User.objects.filter(email="nia@example.org").exists()
    assert not AuditEntry.objects.filter(action="organisations.invitation.accepted").exists()


def test_tries_from_one_address_wait_after_its_limit_and_another_address_is_not_held_up(
    invitation_limits: Any, funder_admin: Any, funder_org: Organisation
) -> None:
    urls = [invite(funder_admin, funder_org, f"person{n}@example.org")[1] for n in range(4)]
    busy = Client(REMOTE_ADDR="203.0.113.9")
    short = {"full_name": "Someone", "password1": "short", "password2": "short"}
    assert [busy.post(url, short).status_code for url in urls[:3]] == [200, 200, 200]
    assert busy.post(urls[3], short).status_code == 429
    # The fourth invitation had no tries of its own: someone elsewhere can still use it.
    response = Client(REMOTE_ADDR="198.51.100.4").post(
        urls[3], {"full_name": "Pat Person", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302
    assert User.objects.filter(email="person3@example.org").exists()
