"""Reads the frontend pages need, scoped to the person looking."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from tandem.frontend.models import Feedback
from tandem.frontend.permissions import can_view_feedback
from tandem.notifications.models import Notification
from tandem.notifications.selectors import notification_list_for_user

LATEST_NOTIFICATIONS = 5


@dataclass(frozen=True)
class Dashboard:
    """What the signed-in home page shows. Built with a fixed number of queries."""

    user: Any
    membership: Any
    organisation_count: int
    latest_notifications: list[Notification] = field(default_factory=list)

    @property
    def organisation(self) -> Any:
        return self.membership.organisation if self.membership is not None else None

    @property
    def is_organisation_admin(self) -> bool:
        return bool(self.membership is not None and self.membership.is_admin)

    @property
    def is_site_admin(self) -> bool:
        return bool(self.user.is_superuser)


def dashboard_for_user(*, user: Any, membership: Any, memberships: list[Any]) -> Dashboard:
    """The signed-in home page for ``user``, acting for ``membership``'s organisation (or none).

    ``memberships`` are the person's memberships, already loaded by the organisation middleware.
    One query: the five newest notifications. The unread count comes from the layout's
    context processor, so it is not counted twice.
    """
    latest = list(notification_list_for_user(user)[:LATEST_NOTIFICATIONS])
    return Dashboard(
        user=user,
        membership=membership,
        organisation_count=len(memberships),
        latest_notifications=latest,
    )


def feedback_list(*, viewer: Any) -> QuerySet[Feedback]:
    """All feedback, newest first. Site administrators only."""
    can_view_feedback(viewer).require()
    return Feedback.objects.select_related("user").order_by("-created_at", "-id")
