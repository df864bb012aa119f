"""The shape every kind of invitation shares. Each kind's own model subclasses ``InvitationBase``
and adds what the person is invited to (an organisation, a commission) and, where it has one, the
role they would have."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from tandem.core.invitations.rules import STORED_STATUSES, InvitationStatus, invitation_status_now
from tandem.core.models import BaseModel


class InvitationBase(BaseModel):
    """An invitation by email.

    The link in the email carries a random token; only its SHA-256 hash is stored, so the database
    alone cannot be used to accept an invitation. ``status`` is stored as pending, accepted or
    cancelled; whether it has expired is read from the clock (``status_now``).
    """

    email = models.EmailField()
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    status = models.CharField(
        max_length=16,
        choices=[(status.value, status.label) for status in STORED_STATUSES],
        default=InvitationStatus.PENDING,
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True
        ordering = ["-created_at"]
        constraints = [
            # The status and the times agree: accepted ones say when, cancelled ones say when.
            models.CheckConstraint(
                condition=(
                    Q(status=InvitationStatus.PENDING, accepted_at__isnull=True, revoked_at__isnull=True)
                    | Q(status=InvitationStatus.ACCEPTED, accepted_at__isnull=False)
                    | Q(status=InvitationStatus.CANCELLED, accepted_at__isnull=True, revoked_at__isnull=False)
                ),
                name="%(app_label)s_%(class)s_status_times",
            )
        ]

    @property
    def status_now(self) -> InvitationStatus:
        return invitation_status_now(status=self.status, expires_at=self.expires_at)

    @property
    def is_pending(self) -> bool:
        return self.status_now == InvitationStatus.PENDING
