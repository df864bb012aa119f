"""The keyed hash chain behind the audit trail, and its signed checkpoints. Pure Python: no Django imports.

Each entry's hash is an HMAC-SHA256, made with a secret key held outside the database, over its
own content and the hash of the entry before it. So editing, deleting or reordering any entry
breaks the chain at that point, and someone who can change the database but does not have the key
cannot work out new hashes to cover their tracks. Each entry names the key that signed it (its key
id), so keys can be rotated: old entries keep verifying with their old key. See
docs/decisions/0008-keyed-audit-chain-and-checkpoints.md.

Entries written before the chain was keyed have the key id ``""`` and an unkeyed SHA-256 hash.
They are accepted only at the start of the chain, before the first keyed entry.

The content is hashed in a canonical JSON form that gives the same text whichever database
stored it: keys sorted, no spaces, unicode kept, and numbers written the way both SQLite's JSON
text and PostgreSQL's ``jsonb`` give them back (a whole-number float such as ``1e16`` comes back
from ``jsonb`` as the integer ``10000000000000000``, so it is hashed as that integer).
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64
LEGACY_KEY_ID = ""
KEY_ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,32}")
HEX_64 = re.compile(r"[0-9a-f]{64}")
CHECKPOINT_VERSION = 1

_ENTRY = "tandem-audit-entry"
_HEAD = "tandem-audit-head"
_CHECKPOINT = "tandem-audit-checkpoint"


# --- Keys -----------------------------------------------------------------------------------


class KeyringError(ValueError):
    """The audit keys are not written the way Tandem reads them. The message says how to fix it."""


@dataclass(frozen=True)
class Keyring:
    """The audit keys, newest first, as (key id, secret). The newest signs; all of them verify."""

    keys: tuple[tuple[str, bytes], ...]

    @property
    def current(self) -> tuple[str, bytes]:
        return self.keys[0]

    def secret(self, key_id: str) -> bytes | None:
        for known_id, secret in self.keys:
            if known_id == key_id:
                return secret
        return None


def parse_keyring(items: Iterable[str]) -> Keyring:
    """Read ``["2026b:secret", "2026a:older-secret"]`` (newest first) into a Keyring."""
    keys: list[tuple[str, bytes]] = []
    for position, item in enumerate(items, start=1):
        key_id, colon, secret = item.strip().partition(":")
        if not colon or not secret:
            raise KeyringError(f"audit key {position} must look like id:secret, for example 2026a:<random text>")
        if not KEY_ID_PATTERN.fullmatch(key_id):
            raise KeyringError(
                f"audit key {position} has the id {key_id!r}: use 1 to 32 letters, digits, - or _, for example 2026a"
            )
        if any(known_id == key_id for known_id, _ in keys):
            raise KeyringError(f"the audit key id {key_id!r} is used twice: each key needs its own id")
        keys.append((key_id, secret.encode()))
    if not keys:
        raise KeyringError("there is no audit key: give at least one, as id:secret")
    return Keyring(tuple(keys))


# --- Hashing --------------------------------------------------------------------------------


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


def _mac(secret: bytes, message: str) -> str:
    return hmac.digest(secret, message.encode(), "sha256").hex()


def legacy_entry_hash(prev_hash: str, content: Mapping[str, Any]) -> str:
    """The unkeyed hash entries had before the chain was keyed. Only ever checked, never written."""
    return hashlib.sha256(f"{prev_hash}|{canonical_json(content)}".encode()).hexdigest()


def entry_hash(prev_hash: str, content: Mapping[str, Any], *, key_id: str, secret: bytes) -> str:
    """The keyed hash of one entry: it covers the key id, the hash before it and the content."""
    return _mac(secret, f"{_ENTRY}|{key_id}|{prev_hash}|{canonical_json(content)}")


def head_seal(sequence: int, head_hash: str, *, key_id: str, secret: bytes) -> str:
    """A signature over the record of the newest entry, so it cannot be moved back without the key."""
    return _mac(secret, f"{_HEAD}|{key_id}|{sequence}|{head_hash}")


def head_problem(sequence: int, head_hash: str, key_id: str, seal: str, keyring: Keyring) -> str | None:
    """Why the record of the newest entry cannot be trusted, or None when its signature holds."""
    if not seal:
        return "the record of the newest entry is not signed: it was changed outside Tandem"
    secret = keyring.secret(key_id)
    if secret is None:
        return f"the record of the newest entry was signed with the key {key_id!r}, which is not in TANDEM_AUDIT_KEYS"
    if not hmac.compare_digest(head_seal(sequence, head_hash, key_id=key_id, secret=secret), seal):
        return "the record of the newest entry was changed outside Tandem (its signature does not match)"
    return None


# --- Walking the chain ----------------------------------------------------------------------


@dataclass(frozen=True)
class Unreadable:
    """Stands in for an entry's content when the stored row could not be turned back into it."""

    reason: str


@dataclass(frozen=True)
class Break:
    """The first place the chain does not hold, and what seems to have happened there."""

    sequence: int
    reason: str


@dataclass(frozen=True)
class Walk:
    """What walking the chain found: the first break (or None) and how far it got intact."""

    broken: Break | None
    entries: int
    last_sequence: int
    last_hash: str


def _row_problem(row: Any) -> str | None:
    """Why a stored row cannot be checked at all, or None when it has the shape of an entry."""
    if not isinstance(row, tuple | list) or len(row) != 5:
        return "it does not have the parts every entry has"
    _sequence, prev_hash, stored_hash, key_id, content = row
    if isinstance(content, Unreadable):
        return content.reason
    if not isinstance(content, Mapping):
        return "its content is not a set of named values"
    if not isinstance(key_id, str):
        return "its key id is missing"
    for label, value in (("its hash", stored_hash), ("the hash it records for the entry before", prev_hash)):
        if not isinstance(value, str) or not HEX_64.fullmatch(value):
            return f"{label} is not a 64-character hexadecimal fingerprint"
    return None


def _sequence_of(row: Any) -> Any:
    return row[0] if isinstance(row, tuple | list) and row else None


def chain_walk(
    entries: Iterable[Any],
    *,
    keyring: Keyring,
    head: tuple[int, str] | None = None,
) -> Walk:
    """Walk (sequence, prev_hash, hash, key_id, content) in sequence order and say how it went.

    Sequences must run 1, 2, 3… with no gaps; each prev_hash must equal the hash before it; each
    hash must be the keyed hash of its content with the key its key id names (or, only before the
    first keyed entry, the legacy unkeyed hash). ``head`` is the (sequence, hash) of the newest
    entry as recorded when it was written; when given, the walk must end exactly there.
    """
    expected_prev = GENESIS
    expected_seq = 1
    keyed_seen = False

    def walk(broken: Break | None) -> Walk:
        return Walk(broken, expected_seq - 1, expected_seq - 1, expected_prev)

    for row in entries:
        sequence = _sequence_of(row)
        if isinstance(sequence, bool) or not isinstance(sequence, int):
            return walk(Break(expected_seq, f"the entry after entry {expected_seq - 1} has no proper number"))
        if sequence != expected_seq:
            if sequence < expected_seq:
                return walk(Break(sequence, f"entry {sequence} appears twice: the order was changed"))
            return walk(
                Break(expected_seq, f"entry {expected_seq} is missing (found {sequence} next): an entry was deleted")
            )
        problem = _row_problem(row)
        if problem is not None:
            return walk(Break(sequence, f"entry {sequence} cannot be checked: {problem}"))
        _, prev_hash, stored_hash, key_id, content = row
        if prev_hash != expected_prev:
            return walk(
                Break(
                    sequence,
                    f"entry {sequence} does not follow entry {sequence - 1}: "
                    "the order was changed or an entry replaced",
                )
            )
        if key_id == LEGACY_KEY_ID:
            if keyed_seen:
                return walk(
                    Break(
                        sequence,
                        f"entry {sequence} has an unkeyed hash after keyed entries began: "
                        "it was rewritten by someone without the audit key",
                    )
                )
            expected = legacy_entry_hash(prev_hash, content)
        else:
            secret = keyring.secret(key_id)
            if secret is None:
                return walk(
                    Break(
                        sequence,
                        f"entry {sequence} was signed with the key {key_id!r}, which is not in TANDEM_AUDIT_KEYS: "
                        "put that key back (add new keys in front; never remove old ones)",
                    )
                )
            keyed_seen = True
            expected = entry_hash(prev_hash, content, key_id=key_id, secret=secret)
        if not hmac.compare_digest(expected, stored_hash):
            return walk(Break(sequence, f"entry {sequence} has been edited since it was written"))
        expected_prev = stored_hash
        expected_seq += 1
    last_sequence = expected_seq - 1
    if head is not None:
        head_sequence, head_hash = head
        if head_sequence > last_sequence:
            return walk(
                Break(
                    last_sequence + 1,
                    f"entry {last_sequence + 1} is missing: the newest entries were deleted "
                    f"(the trail had reached entry {head_sequence})",
                )
            )
        if head_sequence < last_sequence:
            return walk(Break(head_sequence + 1, f"entry {head_sequence + 1} was added outside the audit service"))
        if last_sequence and head_hash != expected_prev:
            return walk(Break(last_sequence, f"entry {last_sequence} is not the entry that was last written"))
    return walk(None)


def chain_verify(
    entries: Iterable[Any],
    *,
    keyring: Keyring,
    head: tuple[int, str] | None = None,
) -> Break | None:
    """The first break in the chain, or None when it holds. See ``chain_walk``."""
    return chain_walk(entries, keyring=keyring, head=head).broken


# --- Checkpoints ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Checkpoint:
    """A signed note, kept outside the database, of how long the trail was and how it ended."""

    entries: int
    head_sequence: int
    head_hash: str
    written_at: datetime.datetime
    key_id: str


def _checkpoint_message(fields: Mapping[str, Any]) -> str:
    return f"{_CHECKPOINT}|{canonical_json(fields)}"


def checkpoint_sign(
    *, entries: int, head_sequence: int, head_hash: str, written_at: datetime.datetime, keyring: Keyring
) -> dict[str, Any]:
    """The checkpoint as the JSON object written to its file, signed with the newest key."""
    if written_at.tzinfo is None:
        raise ValueError("a checkpoint's time must say its time zone")
    key_id, secret = keyring.current
    fields: dict[str, Any] = {
        "version": CHECKPOINT_VERSION,
        "entries": entries,
        "head_sequence": head_sequence,
        "head_hash": head_hash,
        "written_at": written_at.astimezone(datetime.UTC).isoformat(),
        "key_id": key_id,
    }
    return {**fields, "signature": _mac(secret, _checkpoint_message(fields))}


def checkpoint_read(data: Any, keyring: Keyring) -> Checkpoint | str:
    """The checkpoint a file held, or the reason it cannot be trusted (starting "forged" if signed wrongly)."""
    names = {"version", "entries", "head_sequence", "head_hash", "written_at", "key_id", "signature"}
    if not isinstance(data, dict) or set(data) != names:
        return "it is not a checkpoint Tandem wrote (its parts are not the ones Tandem writes)"
    if data["version"] != CHECKPOINT_VERSION:
        return f"it is a version {data['version']!r} checkpoint, which this Tandem does not read"
    key_id, signature = data["key_id"], data["signature"]
    if not isinstance(key_id, str) or not isinstance(signature, str):
        return "it is not a checkpoint Tandem wrote (its key id or signature is not text)"
    secret = keyring.secret(key_id)
    if secret is None:
        return f"it was signed with the key {key_id!r}, which is not in TANDEM_AUDIT_KEYS"
    fields = {name: value for name, value in data.items() if name != "signature"}
    if not hmac.compare_digest(_mac(secret, _checkpoint_message(fields)), signature):
        return "forged: its signature does not match what it says"
    entries, head_sequence, head_hash = data["entries"], data["head_sequence"], data["head_hash"]
    try:
        written_at = datetime.datetime.fromisoformat(data["written_at"])
    except (TypeError, ValueError):
        return "its time cannot be read"
    if (
        not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in (entries, head_sequence))
        or not isinstance(head_hash, str)
        or written_at.tzinfo is None
    ):
        return "its figures cannot be read"
    return Checkpoint(entries, head_sequence, head_hash, written_at, key_id)


def checkpoint_findings(
    checkpoint: Checkpoint, *, when: str, entries_now: int, newest_now: int, covered_now: int, hash_now: str | None
) -> str | None:
    """What is missing or rewritten since the checkpoint, in words; None when the trail still matches it.

    ``when`` is the checkpoint's time as people read it. ``entries_now`` is how many entries the
    trail has now, ``newest_now`` the highest entry number (0 for none), ``covered_now`` how many
    entries numbered up to the checkpoint's last entry are still there, and ``hash_now`` the stored
    hash of that entry (None if it is gone).
    """
    had = checkpoint.entries
    start = f"the trail had {had:,} entries at the checkpoint of {when}; it now has {entries_now:,}"
    if had and entries_now == 0:
        return f"{start}: all {had:,} were deleted"
    if newest_now < checkpoint.head_sequence:
        gone = checkpoint.head_sequence - newest_now
        return f"{start}: the newest {gone:,} were deleted" if gone > 1 else f"{start}: the newest one was deleted"
    if covered_now < had:
        return f"{start}: {had - covered_now:,} of the {had:,} entries the checkpoint covers were deleted"
    if checkpoint.head_sequence and hash_now != checkpoint.head_hash:
        return (
            f"entry {checkpoint.head_sequence:,} is not the entry that was there at the checkpoint of {when}: "
            f"the trail up to entry {checkpoint.head_sequence:,} has been rewritten"
        )
    return None
