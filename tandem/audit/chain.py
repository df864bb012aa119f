"""The hash chain behind the audit trail. Pure Python: no Django imports.

Each entry's hash covers its own content and the hash of the entry before it, so editing,
deleting or reordering any entry breaks the chain at that point.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64


def entry_hash(prev_hash: str, content: Mapping[str, Any]) -> str:
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), default=str, ensure_ascii=False)
    return hashlib.sha256(f"{prev_hash}|{canonical}".encode()).hexdigest()


@dataclass(frozen=True)
class Break:
    sequence: int
    reason: str


def chain_verify(entries: Iterable[tuple[int, str, str, Mapping[str, Any]]]) -> Break | None:
    """Walk (sequence, prev_hash, hash, content) in sequence order; return the first break.

    Sequences must run 1, 2, 3… with no gaps; each prev_hash must equal the hash before it;
    each hash must match its content.
    """
    expected_prev = GENESIS
    expected_seq = 1
    for sequence, prev_hash, stored_hash, content in entries:
        if sequence != expected_seq:
            return Break(expected_seq, f"entry {expected_seq} is missing (found {sequence} next): an entry was deleted")
        if prev_hash != expected_prev:
            return Break(sequence, f"entry {sequence} does not follow entry {sequence - 1}: the order was changed or an entry removed")
        if entry_hash(prev_hash, content) != stored_hash:
            return Break(sequence, f"entry {sequence} has been edited since it was written")
        expected_prev = stored_hash
        expected_seq += 1
    return None
