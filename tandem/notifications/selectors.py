from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from tandem.notifications.kinds import optional_kinds
from tandem.notifications.models import EmailPreference, Notification


def notification_list_for_user(user: Any) -> QuerySet[Notification]:
    """The person's own notifications, newest first."""
    return (
        Notification.objects.filter(recipient=user)
        .select_related("organisation", "actor")
        .order_by("-created_at", "-id")
    )


def notification_unread_count(user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def email_preferences_for_user(user: Any) -> dict[str, bool]:
    """Whether each optional kind of email is on for this person (on unless they turned it off)."""
    saved = dict(EmailPreference.objects.filter(user=user).values_list("kind", "email_enabled"))
    return {kind.code: saved.get(kind.code, True) for kind in optional_kinds()}
