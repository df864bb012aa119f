"""The team pages and accepting an invitation from the link in the email."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from conftest import PASSWORD, sign_in
from tandem.accounts.models import User
from tandem.audit.models import AuditEntry
from tandem.commissions.models import Commission, CommissionInvitation, TeamMember, TeamRole
from tandem.commissions.services.team import commission_invitation_create, commission_invitation_revoke
from tandem.core.drafts import draft_save
from tandem.notifications.models import Notification

pytestmark = pytest.mark.django_db


def invite(commission: Commission, actor: Any, email: str, role: str = "lived_experience") -> tuple[Any, str]:
    invitation, token = commission_invitation_create(actor=actor, commission=commission, email=email, role=role)
    return invitation, reverse("commissions:invitation-accept", args=[token])


def test_team_page_lists_roles_and_pending_invitations(
    role_client: Any, commission: Commission, funder_member: Any
) -> None:
    invite(commission, funder_member, "lee@example.org")
    page = role_client("funder_member").get(reverse("commissions:team", args=[commission.pk])).content.decode()
    assert "Fran Funder" in page and "(you)" in page
    assert "1 person on the team" in page
    assert "lee@example.org" in page
    assert "Invitations waiting for a reply" in page
    assert reverse("commissions:team-add", args=[commission.pk]) in page
    assert "brings what it is like to use services like this" in page.lower()
    assert "chooses how to take part" in page.lower()


def test_team_page_for_someone_who_cannot_manage(commission: Commission, funder_member: Any, make_member: Any) -> None:
    invite(commission, funder_member, "lee@example.org")
    finance = make_member(commission, "fin@example.org", TeamRole.FINANCE)
    page = sign_in(Client(), finance).get(reverse("commissions:team", args=[commission.pk])).content.decode()
    assert "2 people on the team" in page
    assert "lee@example.org" not in page
    assert reverse("commissions:team-add", args=[commission.pk]) not in page


def test_adding_someone_with_an_account(
    role_client: Any, commission: Commission, provider_member: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = role_client("funder_member")
    url = reverse("commissions:team-add", args=[commission.pk])
    page = client.get(url).content.decode()
    assert "Lived-experience member" in page
    assert "Brings what it is like to use services like this. Chooses how to take part." in page
    assert "data-autosave" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"email": provider_member.email, "role": "lived_experience"})
    assert response.status_code == 302
    assert response["Location"] == reverse("commissions:team", args=[commission.pk])
    assert TeamMember.objects.get(commission=commission, user=provider_member).role == TeamRole.LIVED_EXPERIENCE
    assert Notification.objects.filter(recipient=provider_member, kind="commissions.team").exists()
    page = client.get(response["Location"]).content.decode()
    assert "Pat Provider is now a lived-experience member on the team" in page
    # Now on the team, Pat can see the journey.
    assert (
        sign_in(Client(), provider_member).get(reverse("commissions:detail", args=[commission.pk])).status_code == 200
    )


def test_adding_someone_without_an_account_emails_an_invitation(
    role_client: Any, commission: Commission, django_capture_on_commit_callbacks: Any
) -> None:
    client = role_client("funder_admin")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("commissions:team-add", args=[commission.pk]), {"email": "Lee@Example.org", "role": "observer"}
        )
    assert response.status_code == 302
    assert CommissionInvitation.objects.get().email == "lee@example.org"
    assert len(mail.outbox) == 1
    assert "/commissions/invitations/" in mail.outbox[0].body
    page = client.get(response["Location"]).content.decode()
    assert "does not use Tandem yet, so we have emailed them an invitation" in page


def test_add_form_explains_mistakes_and_keeps_what_was_typed(role_client: Any, commission: Commission) -> None:
    client = role_client("funder_member")
    url = reverse("commissions:team-add", args=[commission.pk])
    page = client.post(url, {"email": "not-an-email", "role": ""}).content.decode()
    assert "Enter an email address in the correct format" in page
    assert "Choose a role" in page
    assert 'value="not-an-email"' in page
    page = client.post(url, {"email": "fran.funder@example.org", "role": "finance"}).content.decode()
    assert "fran.funder@example.org is already on the team" in page


def test_add_form_restores_a_draft(role_client: Any, commission: Commission, funder_member: Any) -> None:
    url = reverse("commissions:team-add", args=[commission.pk])
    draft_save(user=funder_member, path=url, data={"email": "half@exa"})
    page = role_client("funder_member").get(url).content.decode()
    assert 'value="half@exa"' in page


def test_changing_a_role_and_keeping_a_lead(role_client: Any, commission: Commission, make_member: Any) -> None:
    person = make_member(commission, "fin@example.org", TeamRole.FINANCE)
    member = TeamMember.objects.get(commission=commission, user=person)
    client = role_client("funder_member")
    url = reverse("commissions:team-member", args=[commission.pk, member.pk])
    page = client.get(url).content.decode()
    assert "fin@example.org" in page
    response = client.post(url, {"action": "role", "role": "procurement"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.role == TeamRole.PROCUREMENT
    lead = TeamMember.objects.get(commission=commission, role=TeamRole.LEAD)
    lead_url = reverse("commissions:team-member", args=[commission.pk, lead.pk])
    page = client.post(lead_url, {"action": "role", "role": "observer"}).content.decode()
    assert "is the only lead of this commission" in page
    page = client.post(lead_url, {"action": "remove"}).content.decode()
    assert "is the only lead of this commission" in page
    assert 'href="#remove"' in page
    page = client.post(url, {"action": "role", "role": "nonsense"}).content.decode()
    assert "Choose a role" in page


def test_removing_someone(role_client: Any, commission: Commission, make_member: Any) -> None:
    person = make_member(commission, "fin@example.org", TeamRole.FINANCE)
    member = TeamMember.objects.get(commission=commission, user=person)
    client = role_client("funder_admin")
    response = client.post(reverse("commissions:team-member", args=[commission.pk, member.pk]), {"action": "remove"})
    assert response.status_code == 302
    assert not TeamMember.objects.filter(pk=member.pk).exists()
    assert AuditEntry.objects.filter(action="commissions.team.removed").exists()
    assert sign_in(Client(), person).get(reverse("commissions:detail", args=[commission.pk])).status_code == 403
    assert client.get(reverse("commissions:team-member", args=[commission.pk, member.pk])).status_code == 404


def test_leaving_yourself_goes_to_the_list(commission: Commission, make_member: Any) -> None:
    second = make_member(commission, "second@example.org", TeamRole.LEAD)
    member = TeamMember.objects.get(commission=commission, user=second)
    client = sign_in(Client(), second)
    page = client.get(reverse("commissions:team-member", args=[commission.pk, member.pk])).content.decode()
    assert "Your role on the team" in page and "Leave the team" in page
    response = client.post(reverse("commissions:team-member", args=[commission.pk, member.pk]), {"action": "remove"})
    assert response["Location"] == reverse("commissions:list")


def test_a_member_of_another_commission_is_not_found(
    role_client: Any, commission: Commission, funder_member: Any, funder_org: Any, tiny_journey: Any
) -> None:
    from tandem.commissions.tests.builders import commission_build

    other = commission_build(lead=funder_member, lead_funder=funder_org, version=tiny_journey, title="Other")
    other_member = TeamMember.objects.get(commission=other)
    url = reverse("commissions:team-member", args=[commission.pk, other_member.pk])
    assert role_client("funder_member").get(url).status_code == 404


def test_cancelling_an_invitation(role_client: Any, commission: Commission, funder_member: Any) -> None:
    invitation, accept_url = invite(commission, funder_member, "lee@example.org")
    client = role_client("funder_member")
    url = reverse("commissions:invitation-revoke", args=[commission.pk, invitation.pk])
    assert "The link in the email will stop working" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert "it was cancelled" in client.get(url).content.decode()
    assert "This invitation was cancelled" in Client().get(accept_url).content.decode()


# ----------------------------------------------------------------------------------------------
# Accepting an invitation


def test_new_person_makes_an_account_and_joins(commission: Commission, funder_member: Any) -> None:
    _, url = invite(commission, funder_member, "nia@example.org")
    client = Client()
    page = client.get(url).content.decode()
    assert "Join the team for Domestic abuse support" in page
    assert "Fran Funder has invited you" in page
    assert "a lived-experience member" in page
    assert "nia@example.org" in page
    assert "So the rest of the team knows who you are" in page
    response = client.post(url, {"full_name": "Nia Newton", "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302
    detail = reverse("commissions:detail", args=[commission.pk])
    assert response["Location"] == f"{reverse(settings.LOGIN_URL)}?{urlencode({'next': detail})}"
    user = User.objects.get(email="nia@example.org")
    assert TeamMember.objects.get(commission=commission, user=user).role == TeamRole.LIVED_EXPERIENCE
    assert AuditEntry.objects.filter(action="commissions.invitation.accepted", actor=user).exists()
    assert "This invitation has been used" in client.get(url).content.decode()


def test_new_account_form_explains_problems_and_keeps_the_name(commission: Commission, funder_member: Any) -> None:
    _, url = invite(commission, funder_member, "nia@example.org")
    page = (
        Client()
        .post(url, {"full_name": "Nia Newton", "password1": PASSWORD, "password2": "different"})
        .content.decode()
    )
    assert "The passwords do not match" in page
    assert 'value="Nia Newton"' in page
    assert PASSWORD not in page
    page = Client().post(url, {"full_name": "", "password1": "short", "password2": "short"}).content.decode()
    assert "Enter your full name" in page
    assert not User.objects.filter(email="nia@example.org").exists()


def test_someone_with_an_account_signs_in_first(
    commission: Commission, funder_member: Any, provider_member: Any
) -> None:
    _, url = invite(commission, funder_member, provider_member.email)
    page = Client().get(url).content.decode()
    assert "Sign in to join the team for Domestic abuse support" in page
    assert f"{reverse(settings.LOGIN_URL)}?{urlencode({'next': url})}".replace("&", "&amp;") in page
    Client().post(url, {"full_name": "X", "password1": PASSWORD, "password2": PASSWORD})
    assert User.objects.filter(email=provider_member.email).count() == 1
    client = sign_in(Client(), provider_member)
    assert "Join the team" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("commissions:detail", args=[commission.pk])
    assert TeamMember.objects.filter(commission=commission, user=provider_member).exists()
    page = client.get(url).content.decode()
    assert "You have already accepted it" in page


def test_signed_in_as_someone_else_is_told_plainly(
    commission: Commission, funder_member: Any, provider_member: Any
) -> None:
    _, url = invite(commission, funder_member, "someone.else@example.org")
    client = sign_in(Client(), provider_member)
    page = client.get(url).content.decode()
    assert "This invitation is for a different email address" in page
    client.post(url)
    assert not TeamMember.objects.filter(commission=commission, user=provider_member).exists()


def test_expired_cancelled_and_unknown_links(commission: Commission, funder_member: Any) -> None:
    invitation, url = invite(commission, funder_member, "late@example.org")
    CommissionInvitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(days=1))
    page = Client().get(url).content.decode()
    assert "This invitation has expired" in page
    assert "Fran Funder, who invited you," in " ".join(page.split())
    Client().post(url, {"full_name": "Late", "password1": PASSWORD, "password2": PASSWORD})
    assert not User.objects.filter(email="late@example.org").exists()
    other, other_url = invite(commission, funder_member, "gone@example.org")
    commission_invitation_revoke(actor=funder_member, commission=commission, invitation=other)
    assert "This invitation was cancelled" in Client().get(other_url).content.decode()
    response = Client().get(reverse("commissions:invitation-accept", args=["no-such-token"]))
    assert response.status_code == 404
    assert "We cannot find this invitation" in response.content.decode()


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
    invitation_limits: Any, commission: Commission, funder_member: Any
) -> None:
    _, url = invite(commission, funder_member, "nia@example.org")
    wrong = {"full_name": "Nia Newton", "password1": PASSWORD, "password2": "different"}
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
    assert not User.objects.filter(email="nia@example.org").exists()
    assert not TeamMember.objects.filter(commission=commission, user__email="nia@example.org").exists()


def test_tries_from_one_address_wait_after_its_limit_and_another_address_is_not_held_up(
    invitation_limits: Any, commission: Commission, funder_member: Any
) -> None:
    urls = [invite(commission, funder_member, f"person{n}@example.org")[1] for n in range(4)]
    busy = Client(REMOTE_ADDR="203.0.113.9")
    short = {"full_name": "Someone", "password1": "short", "password2": "short"}
    assert [busy.post(url, short).status_code for url in urls[:3]] == [200, 200, 200]
    assert busy.post(urls[3], short).status_code == 429
    response = Client(REMOTE_ADDR="198.51.100.4").post(
        urls[3], {"full_name": "Pat Person", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302
    assert User.objects.filter(email="person3@example.org").exists()
