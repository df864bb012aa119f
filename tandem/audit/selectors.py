from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet

from tandem.audit.chain import Break, chain_verify
from tandem.audit.models import AuditChainHead, AuditEntry


def audit_chain_verify() -> Break | None:
    def rows() -> Iterator[tuple[int, str, str, dict[str, Any]]]:
        for entry in AuditEntry.objects.order_by("sequence").iterator(chunk_size=2000):
            yield entry.sequence, entry.prev_hash, entry.hash, entry.chain_content()

    broken = chain_verify(rows())
    if broken is not None:
        return broken
    # The head remembers the last entry written, so removing the newest entries shows too.
    head = AuditChainHead.objects.filter(id=1).first()
    last = AuditEntry.objects.order_by("-sequence").first()
    last_sequence = last.sequence if last else 0
    if head is not None and (head.sequence != last_sequence or (last is not None and head.hash != last.hash)):
        return Break(last_sequence + 1, f"entry {last_sequence + 1} is missing: the newest entries were deleted")
    return None


def audit_entry_list(*, action: str = "", actor_email: str = "", object_type: str = "") -> QuerySet[AuditEntry]:
    qs = AuditEntry.objects.select_related("actor", "organisation").order_by("-sequence")
    if action:
        qs = qs.filter(action__startswith=action)
    if actor_email:
        qs = qs.filter(actor_label__icontains=actor_email)
    if object_type:
        qs = qs.filter(object_type=object_type)
    return qs
