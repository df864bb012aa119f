"""Telling people things: in-app notifications, and email once the change has been saved."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from tandem.audit.services import audit_log
from tandem.notifications.kinds import KINDS_BY_CODE, NotificationKind, kind_get, optional_kinds
from tandem.notifications.models import EmailPreference, Notification

logger = logging.getLogger(__name__)


def absolute_url(url: str) -> str:
    """A link that works from an email: site-relative paths get ``settings.SITE_URL`` in front."""
    if url.startswith("/"):
        return f"{settings.SITE_URL.rstrip('/')}{url}"
    return url


def _check_url(url: str) -> str:
    url = url.strip()
    if url and not ((url.startswith("/") and not url.startswith("//")) or url.startswith(("https://", "http://"))):
        raise ValueError(f"Notification links must be a path on this site or an http(s) address, not {url!r}")
    return url


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _email_text(*, name: str, kind: NotificationKind, title: str, body: str, url: str) -> str:
    lines = [f"Hello {name},", "", title]
    if body:
        lines += ["", body]
    if url:
        lines += ["", f"See it in Tandem: {absolute_url(url)}"]
    lines += ["", "—", ""]
    preferences = absolute_url(reverse("notifications:preferences"))
    if kind.email_optional:
        lines.append(f"You can choose which emails Tandem sends you: {preferences}")
    else:
        lines.append(f"We always email you about this. {kind.why_always}".strip())
    return "\n".join(lines) + "\n"


def _send(messages: list[tuple[str, str, str]]) -> None:
    """Runs after the transaction commits: one email per recipient, over one connection."""
    emails = [EmailMessage(subject=subject, body=body, to=[to]) for to, subject, body in messages]
    get_connection().send_messages(emails)


def notify(
    *,
    recipients: Iterable[Any],
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    organisation: Any = None,
    actor: Any = None,
) -> list[Notification]:
    """Record an in-app notification for each recipient and email them after the commit.

    ``kind`` must be a code in ``tandem.notifications.kinds``; an unknown code raises ValueError.
    ``url`` is a path on this site (made absolute in emails with ``settings.SITE_URL``) or an
    http(s) address. Email respects each person's preferences for kinds that can be turned off,
    and is only sent if the surrounding transaction commits.
    """
    notification_kind = kind_get(kind)
    title = _one_line(title)[:200]
    if not title:
        raise ValueError("A notification needs a title.")
    url = _check_url(url)
    people: dict[int, Any] = {}
    for person in recipients:
        if person is not None and person.pk is not None:
            people.setdefault(person.pk, person)
    if not people:
        return []
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    now = timezone.now()
    with transaction.atomic():
        created = Notification.objects.bulk_create(
            [
                Notification(
                    recipient=person,
                    organisation=organisation,
                    kind=kind,
                    title=title,
                    body=body,
                    url=url,
                    actor=actor_obj,
                    created_at=now,
                )
                for person in people.values()
            ]
        )
        opted_out: set[int] = set()
        if notification_kind.email_optional:
            opted_out = set(
                EmailPreference.objects.filter(user_id__in=people, kind=kind, email_enabled=False).values_list(
                    "user_id", flat=True
                )
            )
        messages = [
            (
                person.email,
                title,
                _email_text(name=str(person), kind=notification_kind, title=title, body=body, url=url),
            )
            for pk, person in people.items()
            if pk not in opted_out and person.email and getattr(person, "is_active", True)
        ]
        if messages:

            def send_after_commit() -> None:
                _send(messages)

            # robust: a mail server failure is logged and does not undo or break the saved change.
            transaction.on_commit(send_after_commit, robust=True)
    return created


def notification_mark_read(*, actor: Any, notification_id: int | None = None, everything: bool = False) -> int:
    """Mark one of the actor's notifications, or all of them, as read. Returns how many changed.

    Someone else's notification is never touched: the update is limited to the actor's own.
    """
    if not getattr(actor, "is_authenticated", False):
        return 0
    unread = Notification.objects.filter(recipient=actor, read_at__isnull=True)
    if not everything:
        if notification_id is None:
            return 0
        unread = unread.filter(pk=notification_id)
    with transaction.atomic():
        return unread.update(read_at=timezone.now())


def email_preferences_update(*, actor: Any, enabled: Iterable[str]) -> bool:
    """Save which optional kinds of email the actor wants. Returns whether anything changed."""
    wanted = set(enabled)
    unknown = wanted - set(KINDS_BY_CODE)
    if unknown:
        raise ValueError(f"Unknown notification kinds: {sorted(unknown)}")
    codes = [kind.code for kind in optional_kinds()]
    with transaction.atomic():
        rows = {row.kind: row for row in EmailPreference.objects.select_for_update().filter(user=actor, kind__in=codes)}
        before = {code: rows[code].email_enabled if code in rows else True for code in codes}
        after = {code: code in wanted for code in codes}
        if before == after:
            return False
        for code in codes:
            if before[code] == after[code]:
                continue
            if code in rows:
                rows[code].email_enabled = after[code]
                rows[code].save(update_fields=["email_enabled"])
            else:
                EmailPreference.objects.create(user=actor, kind=code, email_enabled=after[code])
        changed_before = {code: value for code, value in before.items() if value != after[code]}
        changed_after = {code: after[code] for code in changed_before}
        audit_log(
            actor=actor,
            action="notifications.preferences.updated",
            obj=actor,
            before=changed_before,
            after=changed_after,
            summary="Changed which emails they get",
        )
    return True
