"""The one invitation lifecycle, through the organisation invitation (a real concrete model) and a
kind made here, the way a new kind of invitation would plug in: its own ``join``, audit names and
wording, with nothing else to write."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from conftest import PASSWORD, make_user
from tandem.accounts.models import User
from tandem.audit.models import AuditEntry
from tandem.core.exceptions import ApplicationError, PermissionDenied
from tandem.core.invitations import InvitationStatus, invitation_token_hash
from tandem.core.invitations import services as lifecycle
from tandem.core.invitations.selectors import invitation_for_token, invitations_pending
from tandem.core.invitations.services import InvitationActions, InvitationKind, Joined
from tandem.organisations.models import Invitation, Membership, Organisation
from tandem.organisations.services import ORGANISATION_INVITATIONS

pytestmark = pytest.mark.django_db


class Recorder:
    """Stands in for what a kind passes the lifecycle: the audit log, joining, sending."""

    def __init__(self) -> None:
        self.audit: list[dict[str, Any]] = []
        self.joins: list[tuple[Any, Invitation]] = []
        self.sent: list[tuple[Invitation, str, Any]] = []
        self.told: list[tuple[Invitation, Any, bool]] = []

    def audit_log(self, **entry: Any) -> None:
        self.audit.append(entry)

    def join(self, user: Any, invitation: Invitation) -> Joined[str]:
        self.joins.append((user, invitation))
        return Joined(record=f"{user.email} is in", created=len(self.joins) == 1, audit={"place": "in"})

    def send(self, invitation: Invitation, token: str, actor: Any) -> None:
        self.sent.append((invitation, token, actor))

    def joined(self, invitation: Invitation, user: Any, joined: Joined[str]) -> None:
        self.told.append((invitation, user, joined.created))


def kind_for(recorder: Recorder, *, refuse_own: bool = False) -> InvitationKind[Invitation, str]:
    """A new kind of invitation, as a future app would declare it."""
    return InvitationKind(
        model=Invitation,
        actions=InvitationActions(
            issued="trial.invitation.sent",
            resent="trial.invitation.resent",
            accepted="trial.invitation.accepted",
            cancelled="trial.invitation.revoked",
        ),
        audit_log=recorder.audit_log,
        join=recorder.join,
        send=recorder.send,
        organisation_of=lambda invitation: invitation.organisation,
        details=lambda invitation: {"role": invitation.role},
        summary_issued=lambda invitation: f"Invited {invitation.email}",
        summary_resent=lambda invitation: f"Sent again to {invitation.email}",
        summary_accepted=lambda invitation, user, joined: f"{user} accepted",
        summary_cancelled=lambda invitation: f"Cancelled for {invitation.email}",
        joined=recorder.joined,
        sent_by_them=(lambda invitation: "You sent it yourself.") if refuse_own else None,
        related=("organisation",),
    )


def issue(kind: Any, actor: Any, organisation: Organisation, email: str = "new@example.org") -> tuple[Invitation, str]:
    return lifecycle.invitation_issue(
        kind, actor=actor, email=email, scope={"organisation": organisation}, fields={"role": "member"}
    )


def test_issuing_stores_only_the_hash_audits_with_the_kinds_names_and_sends(
    funder_admin: Any, funder_org: Organisation, settings: Any
) -> None:
    settings.INVITATION_DAYS = 5
    recorder = Recorder()
    also: list[Invitation] = []
    invitation, token = lifecycle.invitation_issue(
        kind_for(recorder),
        actor=funder_admin,
        email=" New@Example.org ",
        scope={"organisation": funder_org},
        fields={"role": "admin"},
        audit_extra={"reason": "Setting up"},
        also=also.append,
    )
    assert (invitation.email, invitation.role, invitation.organisation) == ("new@example.org", "admin", funder_org)
    assert invitation.status == InvitationStatus.PENDING and invitation.invited_by == funder_admin
    assert invitation.token_hash == invitation_token_hash(token) and token not in invitation.token_hash
    assert timedelta(days=4, hours=23) < invitation.expires_at - timezone.now() <= timedelta(days=5)
    [entry] = recorder.audit
    assert entry["action"] == "trial.invitation.sent" and entry["organisation"] == funder_org
    assert entry["after"] == {
        "email": "new@example.org",
        "role": "admin",
        "expires_at": invitation.expires_at.isoformat(),
        "reason": "Setting up",
    }
    assert entry["summary"] == "Invited new@example.org"
    assert also == [invitation]
    assert recorder.sent == [(invitation, token, funder_admin)]


def test_a_second_invitation_waits_for_the_first_to_run_out(funder_admin: Any, funder_org: Organisation) -> None:
    kind = kind_for(Recorder())
    first, _ = issue(kind, funder_admin, funder_org)
    with pytest.raises(ApplicationError, match="already been invited") as caught:
        issue(kind, funder_admin, funder_org, "NEW@example.org")
    assert caught.value.field == "email"
    # Once the first has run out (read from the clock: nothing is written), a new one can go.
    with mock.patch("django.utils.timezone.now", return_value=first.expires_at + timedelta(seconds=1)):
        second, _ = issue(kind, funder_admin, funder_org)
    assert second.pk != first.pk


def test_expiry_is_read_from_the_clock_never_written(
    funder_admin: Any, funder_org: Organisation, provider_member: Any
) -> None:
    invitation, token = issue(ORGANISATION_INVITATIONS, funder_admin, funder_org, provider_member.email)
    pending = Invitation.objects.filter(organisation=funder_org)
    before = invitation.status_now
    assert before == InvitationStatus.PENDING
    assert list(invitations_pending(pending)) == [invitation]
    after = invitation.expires_at + timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=after):
        expired = invitation.status_now
        assert expired == InvitationStatus.EXPIRED and not invitation.is_pending
        assert list(invitations_pending(pending)) == []
        with pytest.raises(ApplicationError, match="expired"):
            lifecycle.invitation_accept(ORGANISATION_INVITATIONS, invitation=invitation, user=provider_member)
    # The stored status never changed, and the link still finds it (to say it has expired).
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING
    assert invitation_for_token(Invitation.objects.all(), token=token) == invitation


def test_resending_gives_the_same_record_a_new_link_and_a_new_expiry(
    funder_admin: Any, funder_org: Organisation
) -> None:
    recorder = Recorder()
    kind = kind_for(recorder)
    invitation, old_token = issue(kind, funder_admin, funder_org)
    old_expiry = invitation.expires_at
    later = old_expiry + timedelta(days=1)  # it has run out: resending is how it comes back
    with mock.patch("django.utils.timezone.now", return_value=later):
        resent, new_token = lifecycle.invitation_resend(
            kind, actor=funder_admin, invitation=invitation, audit_extra={"reason": "Lost it"}
        )
        assert resent.is_pending
    assert resent.pk == invitation.pk and new_token != old_token
    assert resent.expires_at > old_expiry
    everything = Invitation.objects.all()
    assert invitation_for_token(everything, token=old_token) is None  # the old link stops working
    assert invitation_for_token(everything, token=new_token) == resent
    entry = recorder.audit[-1]
    assert entry["action"] == "trial.invitation.resent"
    assert entry["before"] == {"status": "expired", "expires_at": old_expiry.isoformat()}
    assert entry["after"] == {"status": "pending", "expires_at": resent.expires_at.isoformat(), "reason": "Lost it"}
    assert recorder.sent[-1] == (resent, new_token, funder_admin)


def test_accepted_and_cancelled_invitations_are_not_sent_again(
    funder_admin: Any, funder_org: Organisation, provider_member: Any
) -> None:
    kind = kind_for(Recorder())
    accepted, _ = issue(kind, funder_admin, funder_org, provider_member.email)
    lifecycle.invitation_accept(kind, invitation=accepted, user=provider_member)
    with pytest.raises(ApplicationError, match="already accepted this invitation, so it cannot be sent again"):
        lifecycle.invitation_resend(kind, actor=funder_admin, invitation=accepted)
    cancelled, _ = issue(kind, funder_admin, funder_org)
    lifecycle.invitation_cancel(kind, actor=funder_admin, invitation=cancelled)
    with pytest.raises(ApplicationError, match=r"was cancelled\. Send a new invitation instead"):
        lifecycle.invitation_resend(kind, actor=funder_admin, invitation=cancelled)


def test_cancelling_stops_the_link_once_and_is_audited_once(
    funder_admin: Any, funder_org: Organisation, provider_member: Any
) -> None:
    recorder = Recorder()
    kind = kind_for(recorder)
    invitation, _ = issue(kind, funder_admin, funder_org, provider_member.email)
    told: list[Invitation] = []
    cancelled = lifecycle.invitation_cancel(
        kind, actor=funder_admin, invitation=invitation, audit_extra={"as_site_admin": True}, also=told.append
    )
    assert cancelled.status == InvitationStatus.CANCELLED
    assert cancelled.revoked_by == funder_admin and cancelled.revoked_at is not None
    entry = recorder.audit[-1]
    assert (entry["action"], entry["before"], entry["after"]) == (
        "trial.invitation.revoked",
        {"status": "pending"},
        {"status": "revoked", "as_site_admin": True},
    )
    assert told == [cancelled]
    # Again: nothing changes, nothing more is written or told.
    lifecycle.invitation_cancel(kind, actor=funder_admin, invitation=invitation, also=told.append)
    assert len(recorder.audit) == 2 and len(told) == 1
    with pytest.raises(ApplicationError, match="was cancelled"):
        lifecycle.invitation_accept(kind, invitation=invitation, user=provider_member)
    assert recorder.joins == []


def test_cancelling_refuses_accepted_ones_and_ones_from_elsewhere(
    funder_admin: Any, funder_org: Organisation, provider_org: Organisation, provider_member: Any
) -> None:
    kind = kind_for(Recorder())
    invitation, _ = issue(kind, funder_admin, funder_org, provider_member.email)
    with pytest.raises(ApplicationError, match="There is no such invitation"):
        lifecycle.invitation_cancel(
            kind, actor=funder_admin, invitation=invitation, scope={"organisation": provider_org}
        )
    lifecycle.invitation_accept(kind, invitation=invitation, user=provider_member)
    with pytest.raises(ApplicationError, match="already accepted this invitation, so it cannot be cancelled"):
        lifecycle.invitation_cancel(kind, actor=funder_admin, invitation=invitation)


def test_only_the_invited_person_accepts_and_joining_is_the_kinds_own(
    funder_admin: Any, funder_org: Organisation, provider_member: Any, funder_member: Any
) -> None:
    recorder = Recorder()
    kind = kind_for(recorder)
    invitation, token = issue(kind, funder_admin, funder_org, provider_member.email.upper())
    # Signed in as someone else, or not at all: refused (the 403 page), and nothing joins.
    with pytest.raises(PermissionDenied, match=f"sent to {provider_member.email}, but you are signed in as"):
        lifecycle.invitation_accept(kind, invitation=invitation, user=funder_member)
    with pytest.raises(PermissionDenied, match="Sign in to accept"):
        lifecycle.invitation_accept(kind, invitation=invitation, user=mock.Mock(is_authenticated=False))
    assert recorder.joins == []
    assert (
        lifecycle.invitation_accept(kind, invitation=invitation, user=provider_member)
        == "pat.provider@example.org is in"
    )
    assert [user for user, _ in recorder.joins] == [provider_member]
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED and invitation.accepted_by == provider_member
    entry = recorder.audit[-1]
    assert (entry["action"], entry["actor"], entry["before"], entry["after"], entry["summary"]) == (
        "trial.invitation.accepted",
        provider_member,
        {"status": "pending"},
        {"status": "accepted", "place": "in", "new_account": False},
        "Pat Provider accepted",
    )
    assert recorder.told == [(invitation, provider_member, True)]
    # The link works once.
    with pytest.raises(ApplicationError, match="already been used"):
        lifecycle.invitation_accept(kind, invitation=invitation, user=provider_member)
    assert invitation_for_token(Invitation.objects.all(), token=token) == invitation


def test_a_kind_can_refuse_the_person_who_sent_it(site_admin: Any, funder_org: Organisation) -> None:
    invitation, _ = issue(kind_for(Recorder()), site_admin, funder_org, "other@example.org")
    site_admin.email = "other@example.org"
    site_admin.save()
    with pytest.raises(PermissionDenied, match="You sent it yourself"):
        lifecycle.invitation_accept(kind_for(Recorder(), refuse_own=True), invitation=invitation, user=site_admin)
    # A kind that does not refuse lets them in.
    assert lifecycle.invitation_accept(kind_for(Recorder()), invitation=invitation, user=site_admin)


def test_a_new_account_is_made_with_the_usual_rules_then_joins(funder_admin: Any, funder_org: Organisation) -> None:
    recorder = Recorder()
    kind = kind_for(recorder)
    invitation, _ = issue(kind, funder_admin, funder_org, "nia@example.org")
    with pytest.raises(ApplicationError) as weak:
        lifecycle.invitation_accept_new_account(kind, invitation=invitation, full_name="Nia", password="short")
    assert weak.value.field == "password1"
    with pytest.raises(ApplicationError) as nameless:
        lifecycle.invitation_accept_new_account(kind, invitation=invitation, full_name="  ", password=PASSWORD)
    assert nameless.value.field == "full_name"
    assert not User.objects.filter(email="nia@example.org").exists() and recorder.joins == []
    record = lifecycle.invitation_accept_new_account(
        kind, invitation=invitation, full_name=" Nia  Newton ", password=PASSWORD
    )
    user = User.objects.get(email="nia@example.org")
    assert (user.full_name, user.check_password(PASSWORD)) == ("Nia Newton", True)
    assert record == "nia@example.org is in" and recorder.joins == [(user, recorder.joins[0][1])]
    assert recorder.audit[-1]["after"] == {"status": "accepted", "place": "in", "new_account": True}


def test_a_new_account_is_refused_when_the_address_has_one(funder_admin: Any, funder_org: Organisation) -> None:
    kind = kind_for(Recorder())
    invitation, _ = issue(kind, funder_admin, funder_org, "late@example.org")
    make_user("late@example.org", "Late Comer")
    with pytest.raises(ApplicationError, match=r"already an account for late@example\.org"):
        lifecycle.invitation_accept_new_account(kind, invitation=invitation, full_name="Late", password=PASSWORD)


def test_the_organisation_kind_joins_as_a_member_and_audits_with_its_own_names(
    funder_admin: Any, funder_org: Organisation, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        invitation, token = lifecycle.invitation_issue(
            ORGANISATION_INVITATIONS,
            actor=funder_admin,
            email="jo@example.org",
            scope={"organisation": funder_org},
            fields={"role": "admin"},
        )
    assert [m.to for m in mail.outbox] == [["jo@example.org"]] and token in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        _, new_token = lifecycle.invitation_resend(ORGANISATION_INVITATIONS, actor=funder_admin, invitation=invitation)
    assert new_token in mail.outbox[1].body and token not in mail.outbox[1].body
    membership = lifecycle.invitation_accept_new_account(
        ORGANISATION_INVITATIONS, invitation=invitation, full_name="Jo Joiner", password=PASSWORD
    )
    assert isinstance(membership, Membership) and (membership.organisation, membership.role) == (funder_org, "admin")
    assert list(AuditEntry.objects.order_by("sequence").values_list("action", flat=True)) == [
        "organisations.membership.invited",
        "organisations.invitation.resent",
        "organisations.invitation.accepted",
    ]
