"""Site administrators changing an organisation's membership (decision 0009): never their own
access, always with a reason, and the organisation's administrators are told at once."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from conftest import make_user
from tandem.audit.models import AuditEntry
from tandem.core.exceptions import ApplicationError, PermissionDenied
from tandem.notifications.models import Notification
from tandem.organisations.models import Invitation, Membership, MembershipRole, Organisation
from tandem.organisations.services import (
    invitation_accept,
    invitation_create,
    invitation_resend,
    invitation_revoke,
    membership_remove,
    membership_role_change,
)

pytestmark = pytest.mark.django_db

REASON = "The council's IT team asked us to add their new starter while their admin is away"


def _told(admin: Any) -> list[Notification]:
    return list(Notification.objects.filter(recipient=admin, kind="organisations.site_admin_change"))


def test_a_site_administrator_cannot_invite_themselves(site_admin: Any, funder_org: Organisation) -> None:
    with pytest.raises(ApplicationError, match="You cannot invite yourself") as refused:
        invitation_create(
            actor=site_admin, organisation=funder_org, email=site_admin.email.upper(), role="admin", reason=REASON
        )
    assert refused.value.field == "email"
    assert not Invitation.objects.exists()
    assert not AuditEntry.objects.filter(action="organisations.membership.invited").exists()


def test_an_administrator_cannot_invite_themselves_either(funder_admin: Any, provider_org: Organisation) -> None:
    Membership.objects.filter(user=funder_admin).delete()
    Membership.objects.create(user=funder_admin, organisation=provider_org, role=MembershipRole.ADMIN)
    with pytest.raises(ApplicationError, match="You cannot invite yourself"):
        invitation_create(actor=funder_admin, organisation=provider_org, email=funder_admin.email, role="member")


def test_a_member_who_runs_the_site_cannot_make_themselves_an_administrator(
    site_admin: Any, funder_org: Organisation, funder_admin: Any
) -> None:
    own = Membership.objects.create(user=site_admin, organisation=funder_org, role=MembershipRole.MEMBER)
    with pytest.raises(ApplicationError, match="You cannot give yourself more access") as refused:
        membership_role_change(actor=site_admin, membership=own, role=MembershipRole.ADMIN, reason=REASON)
    assert refused.value.field == "role"
    own.refresh_from_db()
    assert own.role == MembershipRole.MEMBER


def test_an_administrator_can_still_step_down(funder_org: Organisation, funder_admin: Any) -> None:
    second = make_user("bo.admin@example.org", "Bo Admin")
    Membership.objects.create(user=second, organisation=funder_org, role=MembershipRole.ADMIN)
    own = Membership.objects.get(user=funder_admin)
    assert membership_role_change(actor=funder_admin, membership=own, role=MembershipRole.MEMBER).role == "member"


def test_nobody_accepts_an_invitation_they_sent_themselves(
    site_admin: Any, funder_org: Organisation, funder_admin: Any
) -> None:
    """An invitation made before the rule (or any other way) to the sender's own address."""
    from datetime import timedelta

    from django.utils import timezone

    invitation = Invitation.objects.create(
        organisation=funder_org,
        email=site_admin.email,
        role=MembershipRole.ADMIN,
        invited_by=site_admin,
        token_hash="x" * 64,
        expires_at=timezone.now() + timedelta(days=3),
    )
    with pytest.raises(PermissionDenied, match="You sent this invitation yourself"):
        invitation_accept(invitation=invitation, user=site_admin)
    assert not Membership.objects.filter(user=site_admin).exists()


def test_a_site_administrator_must_say_why(site_admin: Any, funder_org: Organisation, funder_admin: Any) -> None:
    for reason in ("", "   ", "\n"):
        with pytest.raises(ApplicationError, match="Say why you are making this change") as refused:
            invitation_create(
                actor=site_admin, organisation=funder_org, email="new@example.org", role="member", reason=reason
            )
        assert refused.value.field == "reason"
    with pytest.raises(ApplicationError, match="1000 characters or fewer"):
        invitation_create(
            actor=site_admin, organisation=funder_org, email="new@example.org", role="member", reason="x" * 1001
        )
    assert not Invitation.objects.exists()


def test_the_organisations_administrators_are_told_with_the_reason(
    site_admin: Any,
    funder_org: Organisation,
    funder_admin: Any,
    funder_member: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        invitation, _ = invitation_create(
            actor=site_admin, organisation=funder_org, email="new@example.org", role="admin", reason=REASON
        )
    [note] = _told(funder_admin)
    assert note.title == "A site administrator changed who is in Anyborough Borough Council"
    assert "invited new@example.org to join Anyborough Borough Council as administrator" in note.body
    assert REASON in note.body
    assert note.url == reverse("organisations:members", args=[funder_org.slug])
    assert not _told(funder_member), "plain members are not told: they cannot act on it"
    # It cannot be turned off, so it goes by email too.
    assert any(funder_admin.email in message.to and REASON in message.body for message in mail.outbox)
    entry = AuditEntry.objects.get(action="organisations.membership.invited")
    assert entry.after["as_site_admin"] is True
    assert entry.after["reason"] == REASON

    invitation_revoke(actor=site_admin, invitation=invitation, reason="Sent to the wrong address")
    member = Membership.objects.get(user=funder_member)
    membership_role_change(actor=site_admin, membership=member, role=MembershipRole.ADMIN, reason="Asked by Ada")
    membership_remove(actor=site_admin, membership=member, reason="They have left the council")
    bodies = [n.body for n in _told(funder_admin)]
    assert len(bodies) == 4
    assert any("cancelled the invitation for new@example.org" in b and "Sent to the wrong address" in b for b in bodies)
    assert any("made Fran Funder administrator" in b and "Asked by Ada" in b for b in bodies)
    assert any("removed Fran Funder from Anyborough Borough Council" in b for b in bodies)


def test_an_organisations_own_administrator_needs_no_reason(
    funder_admin: Any, funder_org: Organisation, site_admin: Any
) -> None:
    """Also a site administrator who is an administrator of the organisation: it is their own."""
    invitation_create(actor=funder_admin, organisation=funder_org, email="one@example.org", role="member")
    Membership.objects.create(user=site_admin, organisation=funder_org, role=MembershipRole.ADMIN)
    invitation_create(actor=site_admin, organisation=funder_org, email="two@example.org", role="member")
    assert not Notification.objects.filter(kind="organisations.site_admin_change").exists()
    assert all("as_site_admin" not in e.after for e in AuditEntry.objects.filter(action__startswith="organisations."))


def test_resending_as_a_site_administrator_needs_a_reason_and_tells_the_administrators(
    site_admin: Any, funder_org: Organisation, funder_admin: Any
) -> None:
    invitation, _ = invitation_create(
        actor=funder_admin, organisation=funder_org, email="new@example.org", role="member"
    )
    with pytest.raises(ApplicationError) as caught:
        invitation_resend(actor=site_admin, invitation=invitation)
    assert caught.value.field == "reason"
    assert not AuditEntry.objects.filter(action="organisations.invitation.resent").exists()
    invitation_resend(actor=site_admin, invitation=invitation, reason=REASON)
    [note] = _told(funder_admin)
    assert "sent the invitation for new@example.org to join Anyborough Borough Council again" in note.body
    assert REASON in note.body
    entry = AuditEntry.objects.get(action="organisations.invitation.resent")
    assert (entry.after["as_site_admin"], entry.after["reason"]) == (True, REASON)


def test_nobody_resends_an_invitation_to_themselves(site_admin: Any, funder_org: Organisation) -> None:
    """An invitation to a site administrator's own address, made before the rule."""
    from datetime import timedelta

    from django.utils import timezone

    invitation = Invitation.objects.create(
        organisation=funder_org,
        email=site_admin.email,
        role=MembershipRole.ADMIN,
        token_hash="e" * 64,
        expires_at=timezone.now() + timedelta(days=3),
    )
    with pytest.raises(ApplicationError, match="You cannot invite yourself"):
        invitation_resend(actor=site_admin, invitation=invitation, reason=REASON)
