"""Writing to the audit trail. Every service that changes state calls ``audit_log``."""

from __future__ import annotations

import datetime
import json
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from tandem.audit.chain import Keyring, canonical_value, checkpoint_sign, entry_hash, head_seal
from tandem.audit.checkpoints import checkpoint_file_write
from tandem.audit.models import AuditChainHead, AuditEntry
from tandem.audit.selectors import audit_keyring, audit_trail_check
from tandem.core.exceptions import ApplicationError


def _clean_text(value: str, limit: int) -> str:
    # PostgreSQL cannot store NUL characters in text; keep everything else as typed.
    return value.replace("\x00", "\ufffd")[:limit]


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, set | frozenset):
        return sorted(str(item) for item in value)
    if isinstance(value, models.Model):
        return str(value)
    return str(value)


def _strip_nul(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd")
    if isinstance(value, dict):
        return {_strip_nul(key): _strip_nul(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_strip_nul(item) for item in value]
    return value


def audit_jsonable(value: dict[str, Any] | None) -> dict[str, Any]:
    """The before/after summary exactly as the database will give it back.

    Dates and times become ISO 8601 text, decimals and ids become text, whole-number floats
    become integers; so what is hashed now is what a later verification reads.
    """
    text = json.dumps(value or {}, default=_json_default, sort_keys=True)
    result: dict[str, Any] = canonical_value(_strip_nul(json.loads(text)))
    return result


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
    ``organisations.membership.invited``. ``actor`` is the person who did it (``None`` or an
    anonymous user for the system). ``before`` and ``after`` summarise the fields that changed.
    """
    if action.count(".") < 2 or any(not part for part in action.split(".")):
        raise ValueError(f"Audit action codes look like app.noun.verb, not {action!r}")
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic():
        head = AuditChainHead.objects.select_for_update().filter(id=1).first()
        if head is None:
            AuditChainHead.objects.get_or_create(id=1)
            head = AuditChainHead.objects.select_for_update().get(id=1)
        entry = AuditEntry(
            sequence=head.sequence + 1,
            occurred_at=timezone.now(),
            actor=actor_obj,
            actor_label=_clean_text(f"{actor_obj} <{actor_obj.email}>" if actor_obj else "system", 300),
            action=_clean_text(action, 120),
            object_type=(obj._meta.label_lower if obj is not None else "")[:100],
            object_id=_clean_text(str(obj.pk), 64) if obj is not None and obj.pk is not None else "",
            object_label=_clean_text(str(obj), 300) if obj is not None else "",
            organisation=organisation,
            before=audit_jsonable(before),
            after=audit_jsonable(after),
            summary=_clean_text(summary, 500),
            prev_hash=head.hash,
        )
        keyring = audit_keyring()
        audit_sign(entry, keyring=keyring)
        entry.save()
        audit_head_move(head, sequence=entry.sequence, hash=entry.hash, keyring=keyring)
    return entry


def audit_sign(entry: AuditEntry, *, keyring: Keyring | None = None) -> None:
    """Give an unsaved entry its keyed hash, made with the newest audit key, and that key's id.

    Only for code that builds entries itself (``audit_log``, the bench's data generator); set
    ``prev_hash`` first.
    """
    key_id, secret = (keyring or audit_keyring()).current
    entry.key_id = key_id
    entry.hash = entry_hash(entry.prev_hash, entry.chain_content(), key_id=key_id, secret=secret)


def audit_head_move(head: AuditChainHead, *, sequence: int, hash: str, keyring: Keyring | None = None) -> None:
    """Record the newest entry on the (locked) chain head and sign that record with the newest key."""
    key_id, secret = (keyring or audit_keyring()).current
    head.sequence, head.hash, head.key_id = sequence, hash, key_id
    head.seal = head_seal(sequence, hash, key_id=key_id, secret=secret)
    head.save(update_fields=["sequence", "hash", "key_id", "seal"])


def audit_checkpoint_write(*, actor: Any = None) -> Path:
    """Verify the trail, then write a signed checkpoint of it outside the database; return the file.

    ``actor`` is whoever asked (``None`` for the scheduler). Refuses, saying why, when the trail
    does not verify: a checkpoint of a broken trail would make the break look normal. Nothing
    changes in the database, so there is no audit entry (an entry per checkpoint would only ever
    say "a checkpoint was written" and would itself be newer than the checkpoint).
    """
    check = audit_trail_check()
    if not check.intact:
        problems = " ".join(check.problems())
        raise ApplicationError(f"No checkpoint was written, because the audit trail does not verify. {problems}")
    walk = check.walk
    data = checkpoint_sign(
        entries=walk.entries,
        head_sequence=walk.last_sequence,
        head_hash=walk.last_hash,
        written_at=timezone.now(),
        keyring=audit_keyring(),
    )
    return checkpoint_file_write(data)


def model_snapshot(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    """A before/after summary of the named fields of a row."""
    return {name: getattr(obj, name) for name in fields}
