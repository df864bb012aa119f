"""Reading the audit trail: verifying the chain, and the lists site administrators browse."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from tandem.audit.chain import Break, chain_verify
from tandem.audit.models import AuditChainHead, AuditEntry


def audit_chain_verify() -> Break | None:
    """Walk the whole chain in sequence order; return the first broken link, or None."""

    def rows() -> Iterator[tuple[int, str, str, dict[str, Any]]]:
        for entry in AuditEntry.objects.order_by("sequence").iterator(chunk_size=2000):
            yield entry.sequence, entry.prev_hash, entry.hash, entry.chain_content()

    head = AuditChainHead.objects.filter(id=1).values_list("sequence", "hash").first()
    if head is None:
        newest = AuditEntry.objects.order_by("-sequence").values_list("sequence", flat=True).first()
        if newest is not None:
            # Without the head we cannot tell whether the newest entries were removed.
            broken = chain_verify(rows())
            return broken or Break(newest, "the record of the newest entry is missing, so it cannot be checked")
        return None
    return chain_verify(rows(), head=(head[0], head[1]))


@dataclass(frozen=True)
class AuditFilters:
    action: str = ""
    actor_email: str = ""
    object_type: str = ""
    organisation: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


def _start_of(day: datetime.date) -> datetime.datetime | None:
    try:
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    except (OverflowError, ValueError):
        return None


def audit_entry_list(*, filters: AuditFilters | None = None) -> QuerySet[AuditEntry]:
    """Entries newest first, narrowed by the filters. For site administrators only: the view checks."""
    filters = filters or AuditFilters()
    qs = AuditEntry.objects.select_related("organisation").order_by("-sequence")
    if filters.action:
        qs = qs.filter(action__startswith=filters.action)
    if filters.actor_email:
        qs = qs.filter(actor_label__icontains=filters.actor_email)
    if filters.object_type:
        qs = qs.filter(object_type__startswith=filters.object_type.lower())
    if filters.organisation:
        qs = qs.filter(organisation__name__icontains=filters.organisation)
    if filters.date_from:
        start = _start_of(filters.date_from)
        if start is not None:
            qs = qs.filter(occurred_at__gte=start)
    if filters.date_to:
        try:
            end = _start_of(filters.date_to + datetime.timedelta(days=1))
        except OverflowError:
            end = None
        if end is not None:
            qs = qs.filter(occurred_at__lt=end)
    return qs


def audit_entry_get(*, sequence: int) -> AuditEntry | None:
    return AuditEntry.objects.select_related("organisation").filter(sequence=sequence).first()


def audit_value_text(value: Any, present: bool = True) -> str:
    """A before/after value in words for the detail page."""
    if not present:
        return "Not recorded"
    if value is None or value == "":
        return "Empty"
    if value is True:
        return "Yes"
    if value is False:
        return "No"
    if isinstance(value, list):
        return ", ".join(audit_value_text(item) for item in value) if value else "Empty"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def audit_entry_has_newer(entry: AuditEntry) -> bool:
    return AuditEntry.objects.filter(sequence__gt=entry.sequence).exists()


@dataclass(frozen=True)
class Change:
    field: str
    before: str
    after: str


def audit_entry_changes(entry: AuditEntry) -> list[Change]:
    """The fields whose value differs between before and after, in name order."""
    before = entry.before if isinstance(entry.before, dict) else {"value": entry.before}
    after = entry.after if isinstance(entry.after, dict) else {"value": entry.after}
    changes = []
    for name in sorted(set(before) | set(after)):
        if name in before and name in after and before[name] == after[name]:
            continue
        changes.append(
            Change(
                field=name,
                before=audit_value_text(before.get(name), name in before),
                after=audit_value_text(after.get(name), name in after),
            )
        )
    return changes
