"""The pure keyed hash chain and its checkpoints: no database."""

from __future__ import annotations

import datetime
import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tandem.audit.chain import (
    GENESIS,
    Break,
    Checkpoint,
    KeyringError,
    Unreadable,
    canonical_json,
    canonical_value,
    chain_verify,
    chain_walk,
    checkpoint_findings,
    checkpoint_read,
    checkpoint_sign,
    entry_hash,
    head_problem,
    head_seal,
    legacy_entry_hash,
    parse_keyring,
)

KEYS = parse_keyring(["k1:first-secret"])
SECRET = b"first-secret"


def _chain(n, *, key_id="k1", secret=SECRET, legacy=0):
    """n entries; the first ``legacy`` of them with the old unkeyed hash, the rest keyed."""
    rows, prev = [], GENESIS
    for seq in range(1, n + 1):
        content = {"sequence": seq, "action": f"a.b.c{seq}"}
        if seq <= legacy:
            kid, h = "", legacy_entry_hash(prev, content)
        else:
            kid, h = key_id, entry_hash(prev, content, key_id=key_id, secret=secret)
        rows.append((seq, prev, h, kid, content))
        prev = h
    return rows


def _head(rows):
    return (rows[-1][0], rows[-1][2]) if rows else (0, GENESIS)


def _verify(rows, keys=KEYS, **kwargs):
    return chain_verify(rows, keyring=keys, **kwargs)


def test_intact_chain_verifies():
    rows = _chain(5)
    assert _verify(rows) is None
    assert _verify(rows, head=_head(rows)) is None


def test_empty_chain_verifies():
    assert _verify([], head=(0, GENESIS)) is None


def test_the_walk_says_how_far_it_got():
    rows = _chain(4)
    walk = chain_walk(rows, keyring=KEYS, head=_head(rows))
    assert (walk.broken, walk.entries, walk.last_sequence, walk.last_hash) == (None, 4, 4, rows[-1][2])


def test_edit_is_caught_at_that_entry():
    rows = _chain(5)
    seq, prev, h, kid, content = rows[2]
    rows[2] = (seq, prev, h, kid, {**content, "action": "x.y.z"})
    broken = _verify(rows)
    assert broken is not None and broken.sequence == 3 and "edited" in broken.reason


def test_deleting_a_middle_entry_is_caught():
    rows = _chain(5)
    del rows[1]
    assert _verify(rows) == Break(2, "entry 2 is missing (found 3 next): an entry was deleted")


def test_deleting_the_newest_entry_is_caught_by_the_head():
    rows = _chain(5)
    head = _head(rows)
    rows.pop()
    broken = _verify(rows, head=head)
    assert broken is not None and broken.sequence == 5 and "newest" in broken.reason


def test_replacing_the_newest_entry_is_caught_by_the_head():
    rows = _chain(5)
    head = _head(rows)
    rows.pop()
    other = {"other": 1}
    rows.append((5, rows[-1][2], entry_hash(rows[-1][2], other, key_id="k1", secret=SECRET), "k1", other))
    broken = _verify(rows, head=head)
    assert broken is not None and broken.sequence == 5 and "last written" in broken.reason


def test_an_entry_added_behind_the_services_back_is_caught():
    rows = _chain(5)
    head = _head(rows)
    content = {"sequence": 6}
    rows.append((6, rows[-1][2], entry_hash(rows[-1][2], content, key_id="k1", secret=SECRET), "k1", content))
    broken = _verify(rows, head=head)
    assert broken is not None and broken.sequence == 6


def test_swapping_sequence_numbers_is_caught_at_the_first_swapped():
    rows = _chain(5)
    a, b = rows[1], rows[2]
    rows[1] = (2, *b[1:])
    rows[2] = (3, *a[1:])
    broken = _verify(rows)
    assert broken is not None and broken.sequence == 2 and "order" in broken.reason


def test_the_hash_depends_on_the_previous_hash_the_key_and_the_key_id():
    content = {"a": 1}
    base = entry_hash(GENESIS, content, key_id="k1", secret=SECRET)
    assert base != entry_hash("1" * 64, content, key_id="k1", secret=SECRET)
    assert base != entry_hash(GENESIS, content, key_id="k1", secret=b"another")
    assert base != entry_hash(GENESIS, content, key_id="k2", secret=SECRET)
    assert base != legacy_entry_hash(GENESIS, content)


def test_recomputing_later_hashes_without_the_key_is_caught():
    """The attack the unkeyed chain could not see: edit entry 3, recompute 3..5 with plain SHA-256."""
    rows = _chain(5)
    prev = rows[1][2]
    for index in range(2, 5):
        seq, _, _, kid, content = rows[index]
        if index == 2:
            content = {**content, "action": "x.y.z"}
        h = legacy_entry_hash(prev, content)
        rows[index] = (seq, prev, h, kid, content)
        prev = h
    broken = _verify(rows, head=(5, prev))
    assert broken == Break(3, "entry 3 has been edited since it was written")
    # Calling them unkeyed entries does not help once keyed entries have begun.
    rows = [(seq, p, h, "", c) if seq >= 3 else (seq, p, h, kid, c) for seq, p, h, kid, c in rows]
    broken = _verify(rows, head=(5, prev))
    assert broken is not None and broken.sequence == 3 and "unkeyed hash after keyed entries began" in broken.reason


def test_recomputing_later_hashes_with_a_guessed_key_is_caught():
    rows = _chain(5)
    prev = rows[1][2]
    for index in range(2, 5):
        seq, _, _, kid, content = rows[index]
        h = entry_hash(prev, {**content, "action": "x.y.z"}, key_id=kid, secret=b"guessed-secret")
        rows[index] = (seq, prev, h, kid, {**content, "action": "x.y.z"})
        prev = h
    assert _verify(rows, head=(5, prev)) == Break(3, "entry 3 has been edited since it was written")


def test_legacy_entries_verify_before_the_first_keyed_one():
    rows = _chain(6, legacy=3)
    assert [row[3] for row in rows] == ["", "", "", "k1", "k1", "k1"]
    assert _verify(rows, head=_head(rows)) is None
    assert _verify(_chain(3, legacy=3)) is None


def test_a_legacy_entry_after_a_keyed_one_is_a_break():
    rows = _chain(4, legacy=1)
    seq, prev, _, _, content = rows[3]
    rows[3] = (seq, prev, legacy_entry_hash(prev, content), "", content)
    broken = _verify(rows)
    assert broken is not None and broken.sequence == 4 and "unkeyed" in broken.reason


def test_rotation_old_entries_verify_with_their_key_and_dropping_it_is_named():
    old = _chain(3, key_id="2026a", secret=b"old-secret")
    prev = old[-1][2]
    content = {"sequence": 4}
    new_hash = entry_hash(prev, content, key_id="2026b", secret=b"new-secret")
    rows = [*old, (4, prev, new_hash, "2026b", content)]
    both = parse_keyring(["2026b:new-secret", "2026a:old-secret"])
    assert both.current == ("2026b", b"new-secret")
    assert _verify(rows, keys=both) is None
    broken = _verify(rows, keys=parse_keyring(["2026b:new-secret"]))
    assert broken is not None and broken.sequence == 1
    assert "signed with the key '2026a', which is not in TANDEM_AUDIT_KEYS" in broken.reason


@pytest.mark.parametrize(
    ("row", "words"),
    [
        ((1, GENESIS, "f" * 64, "k1", ["not", "a", "dict"]), "content is not a set of named values"),
        ((1, GENESIS, "not hex", "k1", {}), "its hash is not a 64-character hexadecimal fingerprint"),
        ((1, GENESIS, "F" * 64, "k1", {}), "its hash is not a 64-character hexadecimal fingerprint"),
        ((1, None, "f" * 64, "k1", {}), "the hash it records for the entry before is not"),
        ((1, GENESIS, "f" * 64, None, {}), "its key id is missing"),
        ((1, GENESIS, "f" * 64), "does not have the parts every entry has"),
        ((1, GENESIS, "f" * 64, "k1", Unreadable("the database could not read it back")), "could not read it back"),
    ],
)
def test_a_malformed_entry_is_named_not_raised(row, words):
    broken = _verify([row])
    assert broken is not None and broken.sequence == 1
    assert broken.reason.startswith("entry 1 cannot be checked: ")
    assert words in broken.reason


def test_an_entry_without_a_proper_number_is_named():
    rows = _chain(2)
    rows[1] = ("two", *rows[1][1:])
    assert _verify(rows) == Break(2, "the entry after entry 1 has no proper number")


def test_whole_floats_hash_as_the_integers_jsonb_gives_back():
    assert canonical_json({"n": 1e16}) == canonical_json({"n": 10000000000000000})
    assert canonical_json({"n": 1.0}) == canonical_json({"n": 1})
    assert canonical_value(math.inf) == "inf"


# --- keys -------------------------------------------------------------------------------------


def test_keys_are_read_newest_first():
    keys = parse_keyring([" 2026b:new:with:colons ", "2026a:old"])
    assert keys.current == ("2026b", b"new:with:colons")
    assert keys.secret("2026a") == b"old"
    assert keys.secret("") is None and keys.secret("2025") is None


@pytest.mark.parametrize(
    ("items", "words"),
    [
        ([], "there is no audit key"),
        (["no-colon"], "must look like id:secret"),
        (["k1:"], "must look like id:secret"),
        ([":secret"], "has the id ''"),
        (["bad id:secret"], "has the id 'bad id'"),
        (["k1:a", "k1:b"], "used twice"),
    ],
)
def test_badly_written_keys_are_explained(items, words):
    with pytest.raises(KeyringError, match=words):
        parse_keyring(items)


# --- the head record ---------------------------------------------------------------------------


def test_the_head_record_is_signed():
    seal = head_seal(5, "a" * 64, key_id="k1", secret=SECRET)
    assert head_problem(5, "a" * 64, "k1", seal, KEYS) is None
    assert "changed outside Tandem" in (head_problem(3, "a" * 64, "k1", seal, KEYS) or "")
    assert "changed outside Tandem" in (head_problem(5, "b" * 64, "k1", seal, KEYS) or "")
    assert "not signed" in (head_problem(5, "a" * 64, "k1", "", KEYS) or "")
    assert "not in TANDEM_AUDIT_KEYS" in (head_problem(5, "a" * 64, "gone", seal, KEYS) or "")


# --- checkpoints -------------------------------------------------------------------------------

WHEN = datetime.datetime(2026, 12, 3, 14, 0, tzinfo=datetime.UTC)


def _signed(**overrides):
    fields = {"entries": 1204, "head_sequence": 1204, "head_hash": "c" * 64, "written_at": WHEN, "keyring": KEYS}
    return checkpoint_sign(**{**fields, **overrides})


def test_a_signed_checkpoint_reads_back():
    data = _signed()
    assert set(data) == {"version", "entries", "head_sequence", "head_hash", "written_at", "key_id", "signature"}
    assert checkpoint_read(json.loads(json.dumps(data)), KEYS) == Checkpoint(1204, 1204, "c" * 64, WHEN, "k1")


@pytest.mark.parametrize(
    ("change", "value"),
    [("entries", 1190), ("head_sequence", 1190), ("head_hash", "d" * 64), ("written_at", "2027-01-01T00:00:00+00:00")],
)
def test_a_changed_checkpoint_is_forged(change, value):
    data = {**_signed(), change: value}
    assert checkpoint_read(data, KEYS) == "forged: its signature does not match what it says"


def test_a_checkpoint_signed_with_a_guessed_key_is_forged():
    data = _signed(keyring=parse_keyring(["k1:guessed"]))
    assert str(checkpoint_read(data, KEYS)).startswith("forged")


@pytest.mark.parametrize(
    "data",
    [None, [], "text", {"entries": 1}, {**_signed(), "extra": 1}, {**_signed(), "version": 2}],
)
def test_something_that_is_not_a_checkpoint_is_named(data):
    result = checkpoint_read(data, KEYS)
    assert isinstance(result, str) and not result.startswith("forged")


def test_a_checkpoint_with_an_unknown_key_is_named():
    data = _signed(keyring=parse_keyring(["other:secret"]))
    assert checkpoint_read(data, KEYS) == "it was signed with the key 'other', which is not in TANDEM_AUDIT_KEYS"


def test_a_checkpoint_needs_a_time_zone():
    with pytest.raises(ValueError, match="time zone"):
        _signed(written_at=datetime.datetime(2026, 12, 3, 14, 0))


CHECKPOINT = Checkpoint(1204, 1204, "c" * 64, WHEN, "k1")


def _findings(**now):
    values = {"entries_now": 1204, "newest_now": 1204, "covered_now": 1204, "hash_now": "c" * 64}
    return checkpoint_findings(CHECKPOINT, when="3 December 2026, 14:00", **{**values, **now})


def test_findings_say_what_is_missing_or_rewritten():
    assert _findings() is None
    assert _findings(entries_now=1300, newest_now=1300) is None
    assert _findings(entries_now=1190, newest_now=1190, covered_now=1190, hash_now=None) == (
        "the trail had 1,204 entries at the checkpoint of 3 December 2026, 14:00; it now has 1,190: "
        "the newest 14 were deleted"
    )
    assert _findings(entries_now=1203, newest_now=1203, covered_now=1203, hash_now=None).endswith(
        "the newest one was deleted"
    )
    assert _findings(entries_now=0, newest_now=0, covered_now=0, hash_now=None).endswith(
        "it now has 0: all 1,204 were deleted"
    )
    assert _findings(covered_now=1200, entries_now=1200).endswith(
        "4 of the 1,204 entries the checkpoint covers were deleted"
    )
    assert _findings(hash_now="d" * 64) == (
        "entry 1,204 is not the entry that was there at the checkpoint of 3 December 2026, 14:00: "
        "the trail up to entry 1,204 has been rewritten"
    )


# --- properties --------------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)


@given(json_values)
def test_canonical_json_survives_a_json_round_trip(value):
    content = {"before": value}
    reread = json.loads(json.dumps(canonical_value(content)))
    assert canonical_json(reread) == canonical_json(content)


@given(st.integers(min_value=1, max_value=30), st.integers(min_value=0, max_value=30), st.data())
def test_any_single_edit_is_caught_where_it_happened(n, legacy, data):
    rows = _chain(n, legacy=min(legacy, n))
    head = _head(rows)
    index = data.draw(st.integers(min_value=0, max_value=n - 1))
    seq, prev, h, kid, content = rows[index]
    rows[index] = (seq, prev, h, kid, {**content, "extra": data.draw(st.text(min_size=1))})
    broken = _verify(rows, head=head)
    assert broken is not None and broken.sequence == index + 1


@given(st.integers(min_value=1, max_value=20), st.data())
def test_any_truncation_or_rewrite_is_caught_by_a_checkpoint(n, data):
    rows = _chain(n)
    checkpoint = Checkpoint(n, n, rows[-1][2], WHEN, "k1")
    keep = data.draw(st.integers(min_value=0, max_value=n))
    kept = rows[:keep]
    # The attacker rebuilds the tail as they like, with a guessed key, back to the same length.
    prev = kept[-1][2] if kept else GENESIS
    for seq in range(keep + 1, n + 1):
        content = {"sequence": seq, "action": "forged.entry.added"}
        h = entry_hash(prev, content, key_id="k1", secret=b"guess")
        kept.append((seq, prev, h, "k1", content))
        prev = h
    finding = checkpoint_findings(
        checkpoint, when="then", entries_now=n, newest_now=n, covered_now=n, hash_now=kept[-1][2]
    )
    assert (finding is None) == (keep == n)
    if keep < n:
        assert _verify(kept) == Break(keep + 1, f"entry {keep + 1} has been edited since it was written")
