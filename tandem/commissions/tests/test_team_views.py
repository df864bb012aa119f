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
    # They chose to show the team their email address (decision 0022), so the lead sees it.
    TeamMember.objects.filter(pk=member.pk).update(shares_email=True)
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


# ----------------------------------------------------------------------------------------------
# Issue 10, item 6: what the team sees of each person is their choice


def squash(page: str) -> str:
    """The page with every run of spaces and line breaks as one space, as a reader sees it."""
    return " ".join(page.split())


def team_page(client: Client, commission: Commission) -> str:
    response = client.get(reverse("commissions:team", args=[commission.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_an_observer_does_not_see_a_lived_experience_members_email(
    commission: Commission, make_member: Any, role_client: Any
) -> None:
    member = make_member(commission, "kit.private@example.org", TeamRole.LIVED_EXPERIENCE)
    observer = make_member(commission, "olive@example.org", TeamRole.OBSERVER)
    page = team_page(sign_in(Client(), observer), commission)
    assert "Kit.Private" in page and "Lived-experience member" in page
    assert "kit.private@example.org" not in page
    assert "Not shared: reach them through Tandem" in page
    # The lead does not see it either: they reach people through Tandem's notifications.
    assert "kit.private@example.org" not in team_page(role_client("funder_member"), commission)
    # Each person sees their own.
    assert "kit.private@example.org" in team_page(sign_in(Client(), member), commission)

    TeamMember.objects.filter(user=member).update(shares_email=True)
    assert "kit.private@example.org" in team_page(sign_in(Client(), observer), commission)


def test_the_team_page_offers_your_own_choice_and_stepping_back(
    commission: Commission, make_member: Any, role_client: Any
) -> None:
    member = make_member(commission, "kit@example.org", TeamRole.LIVED_EXPERIENCE)
    page = team_page(sign_in(Client(), member), commission)
    assert reverse("commissions:team-contact", args=[commission.pk]) in page
    assert "(now: your name and role)" in page
    assert reverse("commissions:team-leave", args=[commission.pk]) in page
    assert "mention them in a comment" in page
    # The lead funder's administrators see the team but are not on it: nothing of theirs to choose.
    page = team_page(role_client("funder_admin"), commission)
    assert reverse("commissions:team-contact", args=[commission.pk]) not in page
    assert reverse("commissions:team-leave", args=[commission.pk]) not in page


def test_the_team_member_page_keeps_an_unshared_email_from_the_lead(
    commission: Commission, make_member: Any, role_client: Any
) -> None:
    person = make_member(commission, "kit@example.org", TeamRole.LIVED_EXPERIENCE)
    member = TeamMember.objects.get(user=person)
    page = role_client("funder_member").get(reverse("commissions:team-member", args=[commission.pk, member.pk]))
    body = page.content.decode()
    assert "kit@example.org" not in body
    assert "They have not shared their email address with the team" in body


def test_choosing_what_the_team_sees(commission: Commission, make_member: Any) -> None:
    person = make_member(commission, "kit@example.org", TeamRole.LIVED_EXPERIENCE)
    client = sign_in(Client(), person)
    url = reverse("commissions:team-contact", args=[commission.pk])
    page = squash(client.get(url).content.decode())
    assert "<title>" in page and "What the team sees about you" in page
    assert "Can the team see your email address?" in page
    assert "Why we ask" in page and "Your email address is yours" in page
    assert "Fran Funder: Lead" in page and "Kit (you): Lived-experience member" in page
    assert "Fran Funder, the commission&#x27;s lead, can still reach you through Tandem" in page
    assert 'value="no" checked' in page

    # A choice that is not one of the two: the message is beside the question, nothing is saved.
    response = client.post(url, {"shares_email": "maybe"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Error: What the team sees about you" in body
    assert body.count("Choose whether the team can see your email address") == 2
    assert not AuditEntry.objects.filter(action="commissions.team.contact_changed").exists()

    response = client.post(url, {"shares_email": "yes"})
    assert response.status_code == 302
    assert response["Location"] == reverse("commissions:team", args=[commission.pk])
    assert TeamMember.objects.get(user=person).shares_email is True
    assert "Saved. The team can now see your email address." in client.get(response["Location"]).content.decode()
    assert 'value="yes" checked' in squash(client.get(url).content.decode())


def test_leaving_the_team(commission: Commission, make_member: Any, role_client: Any) -> None:
    person = make_member(commission, "kit@example.org", TeamRole.LIVED_EXPERIENCE)
    client = sign_in(Client(), person)
    url = reverse("commissions:team-leave", args=[commission.pk])
    page = squash(client.get(url).content.decode())
    assert "you do not have to say why" in page
    assert "We will tell Fran Funder, the commission's lead." in page
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("frontend:home")
    assert not TeamMember.objects.filter(user=person).exists()
    assert "You have left the team for Domestic abuse support" in client.get(response["Location"]).content.decode()
    assert client.get(reverse("commissions:detail", args=[commission.pk])).status_code == 403

    # The only lead is told why not, on the same page.
    lead = role_client("funder_member")
    response = lead.post(url)
    assert response.status_code == 200
    assert "You are the only lead of Domestic abuse support" in response.content.decode()


# ----------------------------------------------------------------------------------------------
# Issue 10: sending an invitation again


def test_waiting_and_expired_invitations_can_be_sent_again(
    role_client: Any, commission: Commission, funder_member: Any
) -> None:
    waiting, _ = invite(commission, funder_member, "lee@example.org")
    expired, _ = invite(commission, funder_member, "jo@example.org")
    CommissionInvitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(days=1))
    page = team_page(role_client("funder_member"), commission)
    for invitation in (waiting, expired):
        assert reverse("commissions:invitation-resend", args=[commission.pk, invitation.pk]) in page
    assert reverse("commissions:invitation-revoke", args=[commission.pk, waiting.pk]) in page
    assert reverse("commissions:invitation-revoke", args=[commission.pk, expired.pk]) not in page
    assert "Ran out on" in page


def test_sending_an_invitation_again(
    role_client: Any, commission: Commission, funder_member: Any, django_capture_on_commit_callbacks: Any
) -> None:
    invitation, old_link = invite(commission, funder_member, "lee@example.org")
    CommissionInvitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(days=1))
    client = role_client("funder_member")
    url = reverse("commissions:invitation-resend", args=[commission.pk, invitation.pk])
    page = client.get(url).content.decode()
    assert "Send the invitation for lee@example.org again" in page
    assert "The link we sent before ran out on" in page
    assert "The new link works until" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("commissions:team", args=[commission.pk])
    assert [m.to for m in mail.outbox] == [["lee@example.org"]]
    assert "We have sent the invitation for lee@example.org again" in client.get(response["Location"]).content.decode()
    assert AuditEntry.objects.filter(action="commissions.invitation.resent").count() == 1
    # The old link no longer works; the new one does.
    assert Client().get(old_link).status_code == 404
    invitation.refresh_from_db()
    assert invitation.is_pending


def test_an_invitation_that_cannot_be_sent_again_says_why(
    role_client: Any, commission: Commission, funder_member: Any
) -> None:
    invitation, _ = invite(commission, funder_member, "lee@example.org")
    commission_invitation_revoke(actor=funder_member, commission=commission, invitation=invitation)
    client = role_client("funder_member")
    url = reverse("commissions:invitation-resend", args=[commission.pk, invitation.pk])
    assert "This invitation was cancelled, so it cannot be sent again" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 200
    assert "This invitation was cancelled. Send a new invitation instead." in response.content.decode()
    assert not AuditEntry.objects.filter(action="commissions.invitation.resent").exists()
    # A newer invitation to the same address replaces the cancelled one in the list.
    newer, _ = invite(commission, funder_member, "lee@example.org")
    page = team_page(client, commission)
    assert reverse("commissions:invitation-resend", args=[commission.pk, newer.pk]) in page
    assert reverse("commissions:invitation-resend", args=[commission.pk, invitation.pk]) not in page
