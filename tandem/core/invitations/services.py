"""The one lifecycle of an invitation: issue, resend, cancel, accept (signed in, or with a new
account). Expiry is not a step: an invitation reads as expired once its time is up.

Each kind of invitation describes itself once in an ``InvitationKind``: its model, what joining
means (``join``), the audit action names it has always used, its wording and how the link reaches
the person. Its own services check permission and its own rules (roles, who may not invite whom,
a site administrator's reason), then call these. Core sits below every other app, so the kind
passes in ``audit_log`` and does its own notifying.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from tandem.core.dates import local_date_display
from tandem.core.exceptions import ApplicationError, PermissionDenied
from tandem.core.invitations.models import InvitationBase
from tandem.core.invitations.rules import (
    AUDIT_STATUS_WORDS,
    InvitationStatus,
    already_has_account_message,
    invitation_accepter_check,
    invitation_email_clean,
    invitation_open_check,
    invitation_token_new,
    new_account_details_check,
)
from tandem.core.invitations.selectors import invitations_pending

InvitationT = TypeVar("InvitationT", bound=InvitationBase)
RecordT = TypeVar("RecordT")


@dataclass(frozen=True)
class Joined(Generic[RecordT]):
    """What accepting made: the membership, team place or other record, whether it is new (False
    when the person was already in), and what the audit entry should say about it."""

    record: RecordT
    created: bool
    audit: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class InvitationActions:
    """The audit action codes one kind writes (``app.noun.verb``)."""

    issued: str
    resent: str
    accepted: str
    cancelled: str


def _nobody_told(*_args: Any) -> None:
    return None


@dataclass(frozen=True)
class InvitationKind(Generic[InvitationT, RecordT]):
    """Everything the lifecycle needs to know about one kind of invitation.

    - ``join(user, invitation)``: what accepting does (add the membership, the team role...). It
      runs inside the accepting transaction, with the invitation locked.
    - ``send(invitation, token, actor)``: get the link to the person, on issuing and on resending.
      It runs inside the transaction: send email with ``transaction.on_commit``.
    - ``joined(invitation, user, joined)``: tell people someone joined (the inviter, say).
    - ``sent_by_them(invitation)``: the refusal when the person accepting is the one who sent it,
      or None for kinds where that cannot give anyone more access.
    - ``organisation_of(invitation)``: whose audit trail the entries belong to.
    - ``details(invitation)``: what the issued entry records besides the email and expiry.
    - ``summary_*``: the one-line summary of each audit entry.
    - ``related``: what to load with the invitation when it is locked for a change.
    - ``scope_field``: the field naming what it invites to ("organisation", "commission"), so a
      newer invitation to the same address there can be told apart from this one.
    """

    model: type[InvitationT]
    actions: InvitationActions
    audit_log: Callable[..., Any]
    join: Callable[[Any, InvitationT], Joined[RecordT]]
    send: Callable[[InvitationT, str, Any], None]
    organisation_of: Callable[[InvitationT], Any]
    details: Callable[[InvitationT], dict[str, Any]]
    summary_issued: Callable[[InvitationT], str]
    summary_resent: Callable[[InvitationT], str]
    summary_accepted: Callable[[InvitationT, Any, Joined[RecordT]], str]
    summary_cancelled: Callable[[InvitationT], str]
    joined: Callable[[InvitationT, Any, Joined[RecordT]], None] = _nobody_told
    sent_by_them: Callable[[InvitationT], str] | None = None
    related: tuple[str, ...] = ()
    scope_field: str = ""


Also = Callable[[Any], None] | None


def invitation_expiry_new() -> datetime:
    """When a link made now stops working."""
    return timezone.now() + timedelta(days=settings.INVITATION_DAYS)


def _invited_by(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _locked(
    kind: InvitationKind[InvitationT, RecordT], pk: Any, scope: Mapping[str, Any] | None = None
) -> InvitationT | None:
    """The invitation, locked for the rest of the transaction (only its own row)."""
    queryset = kind.model._default_manager.select_for_update(of=("self",)).filter(pk=pk, **(scope or {}))
    if kind.related:
        queryset = queryset.select_related(*kind.related)
    return queryset.first()


def _locked_or_refuse(
    kind: InvitationKind[InvitationT, RecordT], pk: Any, scope: Mapping[str, Any] | None = None
) -> InvitationT:
    current = _locked(kind, pk, scope)
    if current is None:
        raise ApplicationError("There is no such invitation.")
    return current


def _open_check(invitation: InvitationBase) -> None:
    invitation_open_check(status=invitation.status, expires_at=invitation.expires_at)


def invitation_issue(
    kind: InvitationKind[InvitationT, RecordT],
    *,
    actor: Any,
    email: str,
    scope: Mapping[str, Any],
    fields: Mapping[str, Any] | None = None,
    audit_extra: Mapping[str, Any] | None = None,
    also: Also = None,
) -> tuple[InvitationT, str]:
    """Invite ``email`` to what ``scope`` names (``{"organisation": ...}``), with ``fields`` on the
    record (the role). Returns the invitation and the link's token; only the token's hash is
    stored. Refused while another invitation to the same address is waiting. ``audit_extra`` is
    added to the entry, and ``also(invitation)`` runs after it, in the same transaction."""
    email = invitation_email_clean(email)
    token, token_hash = invitation_token_new()
    with transaction.atomic():
        waiting = invitations_pending(kind.model._default_manager.filter(email=email, **scope)).first()
        if waiting is not None:
            raise ApplicationError(
                f"{email} has already been invited. The invitation lasts until "
                f"{local_date_display(waiting.expires_at)}. "
                "Cancel it first if you want to send a new one",
                field="email",
            )
        invitation = kind.model._default_manager.create(
            email=email,
            invited_by=_invited_by(actor),
            token_hash=token_hash,
            expires_at=invitation_expiry_new(),
            **scope,
            **(fields or {}),
        )
        kind.audit_log(
            actor=actor,
            action=kind.actions.issued,
            obj=invitation,
            organisation=kind.organisation_of(invitation),
            after={
                "email": email,
                **kind.details(invitation),
                "expires_at": invitation.expires_at.isoformat(),
                **(audit_extra or {}),
            },
            summary=kind.summary_issued(invitation),
        )
        if also is not None:
            also(invitation)
        kind.send(invitation, token, actor)
    return invitation, token


def _newer_exists(kind: InvitationKind[InvitationT, RecordT], invitation: InvitationT) -> bool:
    """Whether the same address was invited to the same place after this invitation was made."""
    if not kind.scope_field:
        return False
    scope_id = getattr(invitation, f"{kind.scope_field}_id")
    return (
        kind.model._default_manager.filter(
            **{f"{kind.scope_field}_id": scope_id}, email=invitation.email, created_at__gt=invitation.created_at
        )
        .exclude(pk=invitation.pk)
        .exists()
    )


def invitation_resend(
    kind: InvitationKind[InvitationT, RecordT],
    *,
    actor: Any,
    invitation: InvitationT,
    scope: Mapping[str, Any] | None = None,
    audit_extra: Mapping[str, Any] | None = None,
    also: Also = None,
) -> tuple[InvitationT, str]:
    """Send the same invitation again with a new link and a new expiry: the old link stops
    working. Works for one still waiting and one that has run out; not for one accepted or
    cancelled. Returns the invitation and the new token."""
    token, token_hash = invitation_token_new()
    with transaction.atomic():
        current = _locked_or_refuse(kind, invitation.pk, scope)
        status = current.status_now
        if status == InvitationStatus.ACCEPTED:
            raise ApplicationError(f"{current.email} has already accepted this invitation, so it cannot be sent again.")
        if status == InvitationStatus.CANCELLED:
            raise ApplicationError("This invitation was cancelled. Send a new invitation instead.")
        if _newer_exists(kind, current):
            raise ApplicationError(
                f"{current.email} has been sent a newer invitation since this one, so this one cannot be sent "
                "again. Send the newer one again instead."
            )
        before = {"status": AUDIT_STATUS_WORDS[status], "expires_at": current.expires_at.isoformat()}
        current.token_hash = token_hash
        current.expires_at = invitation_expiry_new()
        current.save(update_fields=["token_hash", "expires_at", "updated_at"])
        kind.audit_log(
            actor=actor,
            action=kind.actions.resent,
            obj=current,
            organisation=kind.organisation_of(current),
            before=before,
            after={"status": "pending", "expires_at": current.expires_at.isoformat(), **(audit_extra or {})},
            summary=kind.summary_resent(current),
        )
        if also is not None:
            also(current)
        kind.send(current, token, actor)
    return current, token


def invitation_cancel(
    kind: InvitationKind[InvitationT, RecordT],
    *,
    actor: Any,
    invitation: InvitationT,
    scope: Mapping[str, Any] | None = None,
    audit_extra: Mapping[str, Any] | None = None,
    also: Also = None,
) -> InvitationT:
    """Cancel an invitation that has not been accepted, so its link stops working. Cancelling one
    already cancelled changes nothing and writes nothing."""
    with transaction.atomic():
        current = _locked_or_refuse(kind, invitation.pk, scope)
        status = current.status_now
        if status == InvitationStatus.ACCEPTED:
            raise ApplicationError(f"{current.email} has already accepted this invitation, so it cannot be cancelled.")
        if status == InvitationStatus.CANCELLED:
            return current
        current.status = InvitationStatus.CANCELLED
        current.revoked_at = timezone.now()
        current.revoked_by = _invited_by(actor)
        current.save(update_fields=["status", "revoked_at", "revoked_by", "updated_at"])
        kind.audit_log(
            actor=actor,
            action=kind.actions.cancelled,
            obj=current,
            organisation=kind.organisation_of(current),
            before={"status": AUDIT_STATUS_WORDS[status]},
            after={"status": AUDIT_STATUS_WORDS[InvitationStatus.CANCELLED], **(audit_extra or {})},
            summary=kind.summary_cancelled(current),
        )
        if also is not None:
            also(current)
    return current


def invitation_accept(kind: InvitationKind[InvitationT, RecordT], *, invitation: InvitationT, user: Any) -> RecordT:
    """The person the invitation was sent to, signed in, accepts it. Refused (the 403 page) for
    anyone else, and for the person who sent it where the kind says so."""
    invitation_accepter_check(invited_email=invitation.email, user=user)
    if kind.sent_by_them is not None and invitation.invited_by_id == getattr(user, "pk", None):
        raise PermissionDenied(kind.sent_by_them(invitation))
    with transaction.atomic():
        current = _locked_or_refuse(kind, invitation.pk)
        _open_check(current)
        return _complete(kind, current, user, new_account=False)


def invitation_accept_new_account(
    kind: InvitationKind[InvitationT, RecordT], *, invitation: InvitationT, full_name: str, password: str
) -> RecordT:
    """Someone with no account yet accepts: make their account (the same password rules as
    everywhere), then do what joining means."""
    full_name = new_account_details_check(email=invitation.email, full_name=full_name, password=password)
    User = get_user_model()
    try:
        with transaction.atomic():
            current = _locked_or_refuse(kind, invitation.pk)
            _open_check(current)
            user = User._default_manager.create_user(email=current.email, password=password, full_name=full_name)
            return _complete(kind, current, user, new_account=True)
    except IntegrityError as exc:  # someone made the account at the same moment
        raise ApplicationError(already_has_account_message(invitation.email)) from exc


def _complete(
    kind: InvitationKind[InvitationT, RecordT], invitation: InvitationT, user: Any, *, new_account: bool
) -> RecordT:
    joined = kind.join(user, invitation)
    invitation.status = InvitationStatus.ACCEPTED
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["status", "accepted_at", "accepted_by", "updated_at"])
    kind.audit_log(
        actor=user,
        action=kind.actions.accepted,
        obj=invitation,
        organisation=kind.organisation_of(invitation),
        before={"status": AUDIT_STATUS_WORDS[InvitationStatus.PENDING]},
        after={"status": AUDIT_STATUS_WORDS[InvitationStatus.ACCEPTED], **joined.audit, "new_account": new_account},
        summary=kind.summary_accepted(invitation, user, joined),
    )
    kind.joined(invitation, user, joined)
    return joined.record
