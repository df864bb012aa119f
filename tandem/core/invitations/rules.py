"""The rules every kind of invitation shares: the token, the email address, what status it is in,
who may accept it and the details for a new account. Each rule says in plain words what is wrong."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.utils import timezone

from tandem.core.exceptions import ApplicationError, PermissionDenied

FULL_NAME_MAX = 150


class InvitationStatus(models.TextChoices):
    """Where an invitation is. Only the first three are stored (``STORED_STATUSES``): an invitation
    is expired when it is still pending and its time is up, read from the clock each time, so no
    job has to run for a link to stop working."""

    PENDING = "pending", "Waiting for a reply"
    ACCEPTED = "accepted", "Accepted"
    CANCELLED = "cancelled", "Cancelled"
    EXPIRED = "expired", "Expired"


STORED_STATUSES = (InvitationStatus.PENDING, InvitationStatus.ACCEPTED, InvitationStatus.CANCELLED)

# The words the audit trail uses for each status. It has called a cancelled invitation "revoked"
# since its first entry (the action names still say so), so old and new entries read the same.
AUDIT_STATUS_WORDS = {
    InvitationStatus.PENDING: "pending",
    InvitationStatus.ACCEPTED: "accepted",
    InvitationStatus.CANCELLED: "revoked",
    InvitationStatus.EXPIRED: "expired",
}


def invitation_status_now(*, status: str, expires_at: datetime, now: datetime | None = None) -> InvitationStatus:
    """The status as it is now: the stored one, or expired when a pending invitation's time is up."""
    if status == InvitationStatus.PENDING and expires_at <= (now or timezone.now()):
        return InvitationStatus.EXPIRED
    return InvitationStatus(status)


def invitation_token_hash(token: str) -> str:
    """Only this is stored; the token itself travels in the emailed link."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def invitation_token_new() -> tuple[str, str]:
    """A new token for a link, and the hash to store."""
    token = secrets.token_urlsafe(32)
    return token, invitation_token_hash(token)


def invitation_email_clean(email: str) -> str:
    email = email.strip().lower()
    if not email:
        raise ApplicationError("Enter an email address", field="email")
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ApplicationError(
            "Enter an email address in the correct format, like name@example.com", field="email"
        ) from exc
    return email


def invitation_open_check(*, status: str, expires_at: datetime) -> None:
    """Refuse an invitation that was used, cancelled or has run out, saying which."""
    now = invitation_status_now(status=status, expires_at=expires_at)
    if now == InvitationStatus.ACCEPTED:
        raise ApplicationError("This invitation has already been used.")
    if now == InvitationStatus.CANCELLED:
        raise ApplicationError("This invitation was cancelled.")
    if now == InvitationStatus.EXPIRED:
        raise ApplicationError("This invitation has expired.")


def invitation_accepter_check(*, invited_email: str, user: Any) -> None:
    """Only the person the invitation was sent to, signed in, may accept it."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied("Sign in to accept this invitation.")
    if user.email.lower() != invited_email.lower():
        raise PermissionDenied(f"This invitation was sent to {invited_email}, but you are signed in as {user.email}.")


def already_has_account_message(email: str) -> str:
    return f"There is already an account for {email}. Sign in to accept the invitation."


def new_account_details_check(*, email: str, full_name: str, password: str) -> str:
    """Check the name and password someone gave to make an account from an invitation.
    Returns the name tidied (single spaces)."""
    full_name = " ".join(full_name.split())
    if not full_name:
        raise ApplicationError("Enter your full name", field="full_name")
    if len(full_name) > FULL_NAME_MAX:
        raise ApplicationError(f"Your full name must be {FULL_NAME_MAX} characters or fewer", field="full_name")
    User = get_user_model()
    try:
        validate_password(password, user=User(email=email.lower(), full_name=full_name))
    except ValidationError as exc:
        raise ApplicationError(" ".join(exc.messages), field="password1") from exc
    if User.objects.filter(email__iexact=email).exists():
        raise ApplicationError(already_has_account_message(email))
    return full_name
