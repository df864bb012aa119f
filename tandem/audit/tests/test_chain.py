from tandem.audit.chain import GENESIS, chain_verify, entry_hash


def _chain(n):
    rows, prev = [], GENESIS
    for seq in range(1, n + 1):
        content = {"sequence": seq, "action": f"a.b.c{seq}"}
        h = entry_hash(prev, content)
        rows.append((seq, prev, h, content))
        prev = h
    return rows


def test_intact_chain_verifies():
    assert chain_verify(_chain(5)) is None


def test_edit_is_caught_at_that_entry():
    rows = _chain(5)
    seq, prev, h, content = rows[2]
    rows[2] = (seq, prev, h, {**content, "action": "x.y.z"})
    broken = chain_verify(rows)
    assert broken is not None and broken.sequence == 3 and "edited" in broken.reason
