"""The team: adding by email, invitations, roles, removing, and keeping at least one lead."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from conftest import PASSWORD, make_user
from tandem.accounts.models import User
from tandem.audit.models import AuditEntry
from tandem.commissions.models import Commission, CommissionInvitation, TeamMember, TeamRole
from tandem.commissions.services.team import (
    commission_invitation_accept,
    commission_invitation_accept_new_account,
    commission_invitation_create,
    commission_invitation_resend,
    commission_invitation_revoke,
    team_add_by_email,
    team_contact_choose,
    team_leave,
    team_member_remove,
    team_member_role_change,
)
from tandem.core.exceptions import ApplicationError, PermissionDenied
from tandem.core.invitations import invitation_token_hash
from tandem.notifications.models import Notification

pytestmark = pytest.mark.django_db


def lead_of(commission: Commission, user: Any) -> TeamMember:
    return TeamMember.objects.select_related("user").get(commission=commission, user=user)


def test_someone_with_an_account_is_added_and_told(
    commission: Commission, funder_member: Any, provider_member: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        outcome = team_add_by_email(
            actor=funder_member, commission=commission, email=" Pat.Provider@Example.org ", role="lived_experience"
        )
    assert outcome.invitation is None
    assert outcome.member is not None
    assert (outcome.member.user, outcome.member.role) == (provider_member, TeamRole.LIVED_EXPERIENCE)
    entry = AuditEntry.objects.get(action="commissions.team.added")
    assert entry.after == {"user": provider_member.email, "role": "lived_experience"}
    assert entry.organisation == commission.lead_funder
    note = Notification.objects.get(recipient=provider_member, kind="commissions.team")
    assert note.title == "Fran Funder added you to the team for Domestic abuse support"
    assert "a lived-experience member" in note.body
    assert "Chooses how to take part" in note.body
    assert note.url == f"/commissions/{commission.pk}/"
    assert [m.to for m in mail.outbox] == [[provider_member.email]]


def test_adding_someone_already_on_the_team_is_explained(commission: Commission, funder_member: Any) -> None:
    with pytest.raises(ApplicationError) as caught:
        team_add_by_email(actor=funder_member, commission=commission, email=funder_member.email, role="finance")
    assert caught.value.field == "email"
    assert "already on the team" in caught.value.message


def test_bad_email_or_role(commission: Commission, funder_member: Any) -> None:
    with pytest.raises(ApplicationError, match="correct format") as caught:
        team_add_by_email(actor=funder_member, commission=commission, email="not an email", role="finance")
    assert caught.value.field == "email"
    with pytest.raises(ApplicationError, match="Choose a role"):
        team_add_by_email(actor=funder_member, commission=commission, email="x@example.org", role="boss")


def test_closed_accounts_cannot_be_added(commission: Commission, funder_member: Any) -> None:
    make_user("gone@example.org", "Gone", is_active=False)
    with pytest.raises(ApplicationError, match="closed"):
        team_add_by_email(actor=funder_member, commission=commission, email="gone@example.org", role="observer")


def test_only_leads_and_lead_funder_admins_manage_the_team(
    commission: Commission, funder_admin: Any, provider_member: Any, site_admin: Any, make_member: Any
) -> None:
    team_add_by_email(actor=funder_admin, commission=commission, email="new@example.org", role="observer")
    finance = make_member(commission, "fin@example.org", TeamRole.FINANCE)
    for person in (provider_member, site_admin, finance):
        with pytest.raises(PermissionDenied):
            team_add_by_email(actor=person, commission=commission, email="other@example.org", role="observer")


def test_someone_without_an_account_is_emailed_an_invitation(
    commission: Commission, funder_member: Any, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    settings.INVITATION_DAYS = 10
    with django_capture_on_commit_callbacks(execute=True):
        outcome = team_add_by_email(
            actor=funder_member, commission=commission, email="Lee@Example.org", role="observer"
        )
    invitation = outcome.invitation
    assert invitation is not None and outcome.member is None
    assert invitation.email == "lee@example.org"
    assert invitation.token_hash == invitation_token_hash(outcome.token)
    assert outcome.token not in invitation.token_hash
    assert timedelta(days=9, hours=23) < invitation.expires_at - timezone.now() <= timedelta(days=10)
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["lee@example.org"]
    assert f"/commissions/invitations/{outcome.token}/" in email.body
    assert "Domestic abuse support" in email.subject
    assert AuditEntry.objects.filter(action="commissions.invitation.sent").exists()
    # A second invitation to the same address while the first is waiting is refused.
    with pytest.raises(ApplicationError, match="already been invited"):
        team_add_by_email(actor=funder_member, commission=commission, email="lee@example.org", role="observer")


def test_no_email_when_the_change_is_rolled_back(
    commission: Commission, funder_member: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        commission_invitation_create(actor=funder_member, commission=commission, email="a@example.org", role="finance")
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_role_change_is_audited_and_told(commission: Commission, funder_member: Any, make_member: Any) -> None:
    person = make_member(commission, "fin@example.org", TeamRole.FINANCE)
    member = lead_of(commission, person)
    changed = team_member_role_change(actor=funder_member, commission=commission, member=member, role="procurement")
    assert changed.role == TeamRole.PROCUREMENT
    entry = AuditEntry.objects.get(action="commissions.team.role_changed")
    assert (entry.before, entry.after) == ({"role": "finance"}, {"role": "procurement"})
    note = Notification.objects.get(recipient=person, kind="commissions.team")
    assert "a procurement" in note.body
    # The same role again changes nothing.
    team_member_role_change(actor=funder_member, commission=commission, member=member, role="procurement")
    assert AuditEntry.objects.filter(action="commissions.team.role_changed").count() == 1


def test_a_commission_always_keeps_a_lead(commission: Commission, funder_member: Any, funder_admin: Any) -> None:
    member = lead_of(commission, funder_member)
    with pytest.raises(ApplicationError, match="only lead") as caught:
        team_member_role_change(actor=funder_admin, commission=commission, member=member, role="observer")
    assert caught.value.field == "role"
    with pytest.raises(ApplicationError, match="only lead"):
        team_member_remove(actor=funder_admin, commission=commission, member=member)
    assert lead_of(commission, funder_member).role == TeamRole.LEAD
    # With a second lead, the first can step down or leave.
    second = make_user("second@example.org", "Second Lead")
    TeamMember.objects.create(commission=commission, user=second, role=TeamRole.LEAD)
    team_member_role_change(actor=funder_member, commission=commission, member=member, role="finance")
    team_member_remove(actor=second, commission=commission, member=lead_of(commission, funder_member))
    assert not TeamMember.objects.filter(commission=commission, user=funder_member).exists()


def test_removing_is_audited_and_told(commission: Commission, funder_member: Any, make_member: Any) -> None:
    person = make_member(commission, "fin@example.org", TeamRole.FINANCE)
    team_member_remove(actor=funder_member, commission=commission, member=lead_of(commission, person))
    assert not TeamMember.objects.filter(commission=commission, user=person).exists()
    entry = AuditEntry.objects.get(action="commissions.team.removed")
    assert entry.before == {"user": "fin@example.org", "role": "finance"}
    assert (
        Notification.objects.get(recipient=person).title == "You are no longer on the team for Domestic abuse support"
    )
    with pytest.raises(ApplicationError, match="no longer on the team"):
        team_member_remove(actor=funder_member, commission=commission, member=TeamMember(pk=999999))


def test_leaving_yourself_sends_no_notification(commission: Commission, funder_member: Any, make_member: Any) -> None:
    other_lead = make_member(commission, "lee@example.org", TeamRole.LEAD)
    team_member_remove(actor=other_lead, commission=commission, member=lead_of(commission, other_lead))
    assert not Notification.objects.exists()


def test_new_account_accepts_and_joins(commission: Commission, funder_member: Any) -> None:
    invitation, _token = commission_invitation_create(
        actor=funder_member, commission=commission, email="nia@example.org", role="lived_experience"
    )
    member = commission_invitation_accept_new_account(
        invitation=invitation, full_name=" Nia  Newton ", password=PASSWORD
    )
    user = User.objects.get(email="nia@example.org")
    assert user.full_name == "Nia Newton"
    assert user.check_password(PASSWORD)
    assert (member.user, member.role) == (user, TeamRole.LIVED_EXPERIENCE)
    invitation.refresh_from_db()
    assert invitation.accepted_by == user and invitation.accepted_at is not None
    entry = AuditEntry.objects.get(action="commissions.invitation.accepted")
    assert entry.actor == user
    assert entry.after == {"status": "accepted", "role": "lived_experience", "new_account": True}
    assert (
        Notification.objects.get(recipient=funder_member).title
        == "Nia Newton has joined the team for Domestic abuse support"
    )
    # The link works once.
    with pytest.raises(ApplicationError, match="already been used"):
        commission_invitation_accept(invitation=invitation, user=user)


def test_new_account_checks(commission: Commission, funder_member: Any, provider_member: Any) -> None:
    invitation, _ = commission_invitation_create(
        actor=funder_member, commission=commission, email="nia@example.org", role="observer"
    )
    with pytest.raises(ApplicationError, match="Enter your full name"):
        commission_invitation_accept_new_account(invitation=invitation, full_name="  ", password=PASSWORD)
    with pytest.raises(ApplicationError) as caught:
        commission_invitation_accept_new_account(invitation=invitation, full_name="Nia", password="short")
    assert caught.value.field == "password1"
    make_user("nia@example.org", "Nia Already")
    with pytest.raises(ApplicationError, match="already an account"):
        commission_invitation_accept_new_account(invitation=invitation, full_name="Nia", password=PASSWORD)


def test_signed_in_person_accepts_only_their_own_invitation(
    commission: Commission, funder_member: Any, provider_member: Any, funder_admin: Any
) -> None:
    invitation, _ = commission_invitation_create(
        actor=funder_member, commission=commission, email=provider_member.email, role="observer"
    )
    with pytest.raises(PermissionDenied, match="sent to"):
        commission_invitation_accept(invitation=invitation, user=funder_admin)
    member = commission_invitation_accept(invitation=invitation, user=provider_member)
    assert member.user == provider_member
    assert AuditEntry.objects.filter(action="commissions.invitation.accepted", actor=provider_member).exists()


def test_expired_and_cancelled_invitations_cannot_be_used(commission: Commission, funder_member: Any) -> None:
    old, _ = commission_invitation_create(
        actor=funder_member, commission=commission, email="old@example.org", role="observer"
    )
    CommissionInvitation.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    old.refresh_from_db()
    with pytest.raises(ApplicationError, match="expired"):
        commission_invitation_accept_new_account(invitation=old, full_name="Old", password=PASSWORD)
    cancelled, _ = commission_invitation_create(
        actor=funder_member, commission=commission, email="gone@example.org", role="observer"
    )
    commission_invitation_revoke(actor=funder_member, commission=commission, invitation=cancelled)
    entry = AuditEntry.objects.get(action="commissions.invitation.revoked")
    assert entry.after == {"status": "revoked"}
    with pytest.raises(ApplicationError, match="cancelled"):
        commission_invitation_accept_new_account(invitation=cancelled, full_name="Gone", password=PASSWORD)
    # Cancelling twice is harmless; an expired one can be invited again.
    commission_invitation_revoke(actor=funder_member, commission=commission, invitation=cancelled)
    assert AuditEntry.objects.filter(action="commissions.invitation.revoked").count() == 1
    commission_invitation_create(actor=funder_member, commission=commission, email="old@example.org", role="observer")
    assert not User.objects.filter(email__in=["old@example.org", "gone@example.org"]).exists()


def test_accepted_invitations_cannot_be_cancelled(
    commission: Commission, funder_member: Any, provider_member: Any
) -> None:
    invitation, _ = commission_invitation_create(
        actor=funder_member, commission=commission, email=provider_member.email, role="observer"
    )
    commission_invitation_accept(invitation=invitation, user=provider_member)
    with pytest.raises(ApplicationError, match="already accepted"):
        commission_invitation_revoke(actor=funder_member, commission=commission, invitation=invitation)


def test_resending_emails_a_new_link_for_the_full_time_again(
    commission: Commission, funder_member: Any, provider_member: Any, django_capture_on_commit_callbacks: Any
) -> None:
    invitation, old = commission_invitation_create(
        actor=funder_member, commission=commission, email="lee@example.org", role="observer"
    )
    with pytest.raises(PermissionDenied):
        commission_invitation_resend(actor=provider_member, commission=commission, invitation=invitation)
    with django_capture_on_commit_callbacks(execute=True):
        resent, token = commission_invitation_resend(actor=funder_member, commission=commission, invitation=invitation)
    assert resent.pk == invitation.pk and resent.token_hash == invitation_token_hash(token) != invitation_token_hash(
        old
    )
    assert [m.to for m in mail.outbox] == [["lee@example.org"]]
    assert f"/commissions/invitations/{token}/" in mail.outbox[0].body
    entry = AuditEntry.objects.get(action="commissions.invitation.resent")
    assert entry.organisation == commission.lead_funder
    assert entry.summary == "Sent the invitation for lee@example.org to join the team for Domestic abuse support again"


# ----------------------------------------------------------------------------------------------
# Issue 10: sending again once someone has joined, leaving, and choosing what the team sees


def test_an_invitation_is_not_sent_again_to_someone_already_on_the_team(
    commission: Commission, funder_member: Any, make_member: Any
) -> None:
    invitation, _ = commission_invitation_create(
        actor=funder_member, commission=commission, email="lee@example.org", role="observer"
    )
    make_member(commission, "lee@example.org", TeamRole.OBSERVER)
    with pytest.raises(ApplicationError) as caught:
        commission_invitation_resend(actor=funder_member, commission=commission, invitation=invitation)
    assert caught.value.message == "lee@example.org is already on the team, so there is no need to send it again."
    assert not AuditEntry.objects.filter(action="commissions.invitation.resent").exists()


def test_leaving_is_audited_and_the_leads_are_told(
    commission: Commission, funder_member: Any, make_member: Any, django_capture_on_commit_callbacks: Any
) -> None:
    person = make_member(commission, "kit@example.org", TeamRole.LIVED_EXPERIENCE)
    with django_capture_on_commit_callbacks(execute=True):
        team_leave(actor=person, commission=commission)
    assert not TeamMember.objects.filter(commission=commission, user=person).exists()
    entry = AuditEntry.objects.get(action="commissions.team.left")
    assert entry.before == {"user": "kit@example.org", "role": "lived_experience"}
    assert entry.organisation == commission.lead_funder
    assert entry.summary == "Kit left the team for Domestic abuse support"
    note = Notification.objects.get(recipient=funder_member, kind="commissions.team")
    assert note.title == "Kit has left the team for Domestic abuse support"
    assert "chose to step back" in note.body and "What they wrote stays" in note.body
    assert note.url == f"/commissions/{commission.pk}/team/"
    # Nobody tells the person who left about their own choice.
    assert not Notification.objects.filter(recipient=person).exists()


def test_the_only_lead_cannot_leave_and_nobody_off_the_team_can(
    commission: Commission, funder_member: Any, funder_admin: Any, provider_member: Any
) -> None:
    with pytest.raises(ApplicationError) as caught:
        team_leave(actor=funder_member, commission=commission)
    assert "You are the only lead of Domestic abuse support" in caught.value.message
    # The lead funder's administrators see the commission but are not on its team.
    with pytest.raises(PermissionDenied) as refused:
        team_leave(actor=funder_admin, commission=commission)
    assert "you are not on its team" in str(refused.value)
    with pytest.raises(PermissionDenied):
        team_leave(actor=provider_member, commission=commission)
    assert TeamMember.objects.filter(commission=commission, user=funder_member).exists()
    assert not AuditEntry.objects.filter(action="commissions.team.left").exists()


def test_a_lead_can_leave_once_there_is_another_lead(
    commission: Commission, funder_member: Any, make_member: Any
) -> None:
    other = make_member(commission, "sam@example.org", TeamRole.LEAD)
    team_leave(actor=funder_member, commission=commission)
    assert list(TeamMember.objects.filter(commission=commission).values_list("user", flat=True)) == [other.pk]
    assert Notification.objects.filter(recipient=other, title__startswith="Fran Funder has left").exists()


def test_choosing_what_the_team_sees_is_audited_and_only_yours(
    commission: Commission, funder_member: Any, funder_admin: Any, make_member: Any
) -> None:
    person = make_member(commission, "kit@example.org", TeamRole.LIVED_EXPERIENCE)
    place = TeamMember.objects.get(commission=commission, user=person)
    assert place.shares_email is False  # only name and role until they say otherwise

    assert team_contact_choose(actor=person, commission=commission, shares_email=True).shares_email is True
    entry = AuditEntry.objects.get(action="commissions.team.contact_changed")
    assert (entry.before, entry.after) == ({"shares_email": False}, {"shares_email": True})
    assert entry.summary == "Kit chose to show their email address to the team for Domestic abuse support"

    # Choosing what is already chosen changes nothing and writes nothing.
    team_contact_choose(actor=person, commission=commission, shares_email=True)
    assert AuditEntry.objects.filter(action="commissions.team.contact_changed").count() == 1

    team_contact_choose(actor=person, commission=commission, shares_email=False)
    place.refresh_from_db()
    assert place.shares_email is False
    assert AuditEntry.objects.filter(action="commissions.team.contact_changed").count() == 2

    # The lead chooses only their own: the service has no way to choose for someone else, and
    # someone not on the team is refused.
    team_contact_choose(actor=funder_member, commission=commission, shares_email=True)
    place.refresh_from_db()
    assert place.shares_email is False
    with pytest.raises(PermissionDenied):
        team_contact_choose(actor=funder_admin, commission=commission, shares_email=True)
