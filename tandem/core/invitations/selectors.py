"""Reads every kind of invitation shares. Each takes the kind's own queryset, already scoped and
with what its pages need loaded, so a kind's selector stays one line over these."""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypeVar

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from tandem.core.invitations.models import InvitationBase
from tandem.core.invitations.rules import InvitationStatus, invitation_token_hash

InvitationT = TypeVar("InvitationT", bound=InvitationBase)

# A token is 43 characters; anything much longer is not one of ours and is not looked up.
TOKEN_MAX = 200


def invitations_pending(queryset: QuerySet[InvitationT], *, now: datetime | None = None) -> QuerySet[InvitationT]:
    """Those still waiting for a reply: pending, and not yet run out."""
    return queryset.filter(status=InvitationStatus.PENDING, expires_at__gt=now or timezone.now())


def invitations_open(queryset: QuerySet[InvitationT], *, scope_field: str) -> QuerySet[InvitationT]:
    """Those that can still be sent again: waiting for a reply or run out (not accepted or
    cancelled), and the newest to their address in what they invite to (``scope_field``, such as
    "organisation"), so an old link that ran out does not show beside the one that replaced it."""
    newer = queryset.model._default_manager.filter(
        **{scope_field: OuterRef(scope_field)}, email=OuterRef("email"), created_at__gt=OuterRef("created_at")
    )
    return queryset.filter(status=InvitationStatus.PENDING).exclude(Exists(newer))


def invitation_for_token(queryset: QuerySet[InvitationT], *, token: str) -> InvitationT | None:
    """The invitation a link points to. Anyone holding the link may see it: the token is the key."""
    if not token or len(token) > TOKEN_MAX:
        return None
    return queryset.filter(token_hash=invitation_token_hash(token)).first()


def account_exists(email: str) -> bool:
    """Whether someone already has an account with this email address (in any letter case)."""
    return get_user_model().objects.filter(email__iexact=email).exists()


def is_invited_person(user: Any, invitation: InvitationBase) -> bool:
    """Whether ``user`` is signed in as the person the invitation was sent to."""
    return bool(getattr(user, "is_authenticated", False)) and str(user.email).lower() == invitation.email.lower()
