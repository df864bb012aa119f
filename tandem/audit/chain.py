"""The hash chain behind the audit trail. Pure Python: no Django imports.

Each entry's hash covers its own content and the hash of the entry before it, so editing,
deleting or reordering any entry breaks the chain at that point.

The content is hashed in a canonical JSON form that gives the same text whichever database
stored it: keys sorted, no spaces, unicode kept, and numbers written the way both SQLite's JSON
text and PostgreSQL's ``jsonb`` give them back (a whole-number float such as ``1e16`` comes back
from ``jsonb`` as the integer ``10000000000000000``, so it is hashed as that integer).
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64


def canonical_value(value: Any) -> Any:
    """The value as it will hash: whole floats become ints, non-finite floats become text."""
    if isinstance(value, bool) or value is None or isinstance(value, int | str):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        if value.is_integer():
            return int(value)
        return value
    if isinstance(value, Mapping):
        return {str(key): canonical_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [canonical_value(item) for item in value]
    return str(value)


def canonical_json(content: Mapping[str, Any]) -> str:
    return json.dumps(
        canonical_value(content), sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


def entry_hash(prev_hash: str, content: Mapping[str, Any]) -> str:
    return hashlib.sha256(f"{prev_hash}|{canonical_json(content)}".encode()).hexdigest()


@dataclass(frozen=True)
class Break:
    """The first place the chain does not hold, and what seems to have happened there."""

    sequence: int
    reason: str


def chain_verify(
    entries: Iterable[tuple[int, str, str, Mapping[str, Any]]],
    *,
    head: tuple[int, str] | None = None,
) -> Break | None:
    """Walk (sequence, prev_hash, hash, content) in sequence order; return the first break.

    Sequences must run 1, 2, 3… with no gaps; each prev_hash must equal the hash before it;
    each hash must match its content. ``head`` is the (sequence, hash) of the newest entry as
    recorded when it was written; when given, the walk must end exactly there, so deleting the
    newest entries shows too.
    """
    expected_prev = GENESIS
    expected_seq = 1
    for sequence, prev_hash, stored_hash, content in entries:
        if sequence != expected_seq:
            if sequence < expected_seq:
                return Break(sequence, f"entry {sequence} appears twice: the order was changed")
            return Break(expected_seq, f"entry {expected_seq} is missing (found {sequence} next): an entry was deleted")
        if prev_hash != expected_prev:
            return Break(
                sequence,
                f"entry {sequence} does not follow entry {sequence - 1}: the order was changed or an entry replaced",
            )
        if entry_hash(prev_hash, content) != stored_hash:
            return Break(sequence, f"entry {sequence} has been edited since it was written")
        expected_prev = stored_hash
        expected_seq += 1
    last_sequence = expected_seq - 1
    if head is not None:
        head_sequence, head_hash = head
        if head_sequence > last_sequence:
            return Break(
                last_sequence + 1,
                f"entry {last_sequence + 1} is missing: the newest entries were deleted "
                f"(the trail had reached entry {head_sequence})",
            )
        if head_sequence < last_sequence:
            return Break(head_sequence + 1, f"entry {head_sequence + 1} was added outside the audit service")
        if last_sequence and head_hash != expected_prev:
            return Break(last_sequence, f"entry {last_sequence} is not the entry that was last written")
    return None
