"""The pure hash chain: no database."""

from __future__ import annotations

import json
import math

from hypothesis import given
from hypothesis import strategies as st

from tandem.audit.chain import GENESIS, Break, canonical_json, canonical_value, chain_verify, entry_hash


def _chain(n):
    rows, prev = [], GENESIS
    for seq in range(1, n + 1):
        content = {"sequence": seq, "action": f"a.b.c{seq}"}
        h = entry_hash(prev, content)
        rows.append((seq, prev, h, content))
        prev = h
    return rows


def _head(rows):
    return (rows[-1][0], rows[-1][2]) if rows else (0, GENESIS)


def test_intact_chain_verifies():
    rows = _chain(5)
    assert chain_verify(rows) is None
    assert chain_verify(rows, head=_head(rows)) is None


def test_empty_chain_verifies():
    assert chain_verify([], head=(0, GENESIS)) is None


def test_edit_is_caught_at_that_entry():
    rows = _chain(5)
    seq, prev, h, content = rows[2]
    rows[2] = (seq, prev, h, {**content, "action": "x.y.z"})
    broken = chain_verify(rows)
    assert broken is not None and broken.sequence == 3 and "edited" in broken.reason


def test_deleting_a_middle_entry_is_caught():
    rows = _chain(5)
    del rows[1]
    assert chain_verify(rows) == Break(2, "entry 2 is missing (found 3 next): an entry was deleted")


def test_deleting_the_newest_entry_is_caught_by_the_head():
    rows = _chain(5)
    head = _head(rows)
    rows.pop()
    broken = chain_verify(rows, head=head)
    assert broken is not None and broken.sequence == 5 and "newest" in broken.reason


def test_replacing_the_newest_entry_is_caught_by_the_head():
    rows = _chain(5)
    head = _head(rows)
    rows.pop()
    rows.append((5, rows[-1][2], entry_hash(rows[-1][2], {"other": 1}), {"other": 1}))
    broken = chain_verify(rows, head=head)
    assert broken is not None and broken.sequence == 5 and "last written" in broken.reason


def test_an_entry_added_behind_the_services_back_is_caught():
    rows = _chain(5)
    head = _head(rows)
    content = {"sequence": 6}
    rows.append((6, rows[-1][2], entry_hash(rows[-1][2], content), content))
    broken = chain_verify(rows, head=head)
    assert broken is not None and broken.sequence == 6


def test_swapping_sequence_numbers_is_caught_at_the_first_swapped():
    rows = _chain(5)
    # Entries 2 and 3 trade sequence numbers; read back in sequence order.
    a, b = rows[1], rows[2]
    rows[1] = (2, b[1], b[2], b[3])
    rows[2] = (3, a[1], a[2], a[3])
    broken = chain_verify(rows)
    assert broken is not None and broken.sequence == 2 and "order" in broken.reason


def test_the_hash_depends_on_the_previous_hash():
    content = {"a": 1}
    assert entry_hash(GENESIS, content) != entry_hash("1" * 64, content)


def test_whole_floats_hash_as_the_integers_jsonb_gives_back():
    assert canonical_json({"n": 1e16}) == canonical_json({"n": 10000000000000000})
    assert canonical_json({"n": 1.0}) == canonical_json({"n": 1})
    assert canonical_value(math.inf) == "inf"


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


@given(st.integers(min_value=1, max_value=30), st.data())
def test_any_single_edit_is_caught_where_it_happened(n, data):
    rows = _chain(n)
    index = data.draw(st.integers(min_value=0, max_value=n - 1))
    seq, prev, h, content = rows[index]
    rows[index] = (seq, prev, h, {**content, "extra": data.draw(st.text(min_size=1))})
    broken = chain_verify(rows, head=_head(_chain(n)))
    assert broken is not None and broken.sequence == index + 1
