"""Writing to the audit trail. Every service that changes state calls ``audit_log``."""

from __future__ import annotations

import json
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from tandem.audit.chain import entry_hash
from tandem.audit.models import AuditChainHead, AuditEntry


def _jsonable(value: dict[str, Any] | None) -> dict[str, Any]:
    # Round-trip through JSON so what is hashed is exactly what the database returns later.
    return json.loads(json.dumps(value or {}, default=str, sort_keys=True))


def audit_log(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    organisation: Any = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    summary: str = "",
) -> AuditEntry:
    """Append one entry for a state change, chained to the entry before it.

    ``action`` is a dotted code: ``<app>.<noun>.<past-tense verb>``, e.g.
    ``organisations.membership.invited``.
    """
    if action.count(".") < 2:
        raise ValueError(f"Audit action codes look like app.noun.verb, not {action!r}")
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic():
        head, _ = AuditChainHead.objects.get_or_create(id=1)
        head = AuditChainHead.objects.select_for_update().get(id=1)
        entry = AuditEntry(
            sequence=head.sequence + 1,
            occurred_at=timezone.now(),
            actor=actor_obj,
            actor_label=(f"{actor_obj} <{actor_obj.email}>" if actor_obj else "system")[:300],
            action=action,
            object_type=(obj._meta.label_lower if obj is not None else "")[:100],
            object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
            object_label=str(obj)[:300] if obj is not None else "",
            organisation=organisation,
            before=_jsonable(before),
            after=_jsonable(after),
            summary=summary[:500],
            prev_hash=head.hash,
        )
        entry.hash = entry_hash(entry.prev_hash, entry.chain_content())
        entry.save()
        head.sequence = entry.sequence
        head.hash = entry.hash
        head.save(update_fields=["sequence", "hash"])
    return entry


def model_snapshot(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    """A before/after summary of the named fields of a row."""
    return {name: getattr(obj, name) for name in fields}
