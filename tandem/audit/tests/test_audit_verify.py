"""``manage.py audit_verify`` catches tampering done straight in the database (raw SQL).

The attacks named in issue 8 (truncating the trail and moving the head back, deleting every row,
editing a row and recomputing every later hash without the key or with a guessed one) all passed
as intact when the chain was an unkeyed SHA-256 with its head in the same database.
"""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from tandem.audit.chain import entry_hash, legacy_entry_hash
from tandem.audit.models import AuditEntry
from tandem.audit.services import audit_log

pytestmark = pytest.mark.django_db


def _write_five(actor):
    return [
        audit_log(actor=actor, action="core.thing.changed", before={"n": n - 1}, after={"n": n}, summary=f"step {n}")
        for n in range(1, 6)
    ]


def _sql(statement, params=()):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def _verify():
    out = StringIO()
    call_command("audit_verify", stdout=out)
    return out.getvalue()


def _broken():
    with pytest.raises(CommandError) as caught:
        _verify()
    assert caught.value.returncode != 0
    return str(caught.value)


def test_intact_trail_passes(site_admin):
    _write_five(site_admin)
    assert "intact: 5 entries" in _verify()


def test_empty_trail_passes(db):
    assert "intact: 0 entries" in _verify()


def test_editing_a_summary_is_caught(site_admin):
    _write_five(site_admin)
    _sql("UPDATE audit_auditentry SET summary = %s WHERE sequence = %s", ["nothing to see", 3])
    message = _broken()
    assert "entry 3" in message and "edited" in message


def test_editing_a_before_value_is_caught(site_admin):
    _write_five(site_admin)
    if connection.vendor == "postgresql":
        _sql("UPDATE audit_auditentry SET after = %s::jsonb WHERE sequence = %s", [json.dumps({"n": 40}), 4])
    else:
        _sql("UPDATE audit_auditentry SET after = %s WHERE sequence = %s", [json.dumps({"n": 40}), 4])
    message = _broken()
    assert "entry 4" in message and "edited" in message


def test_editing_the_actor_is_caught(site_admin, funder_member):
    _write_five(site_admin)
    _sql(
        "UPDATE audit_auditentry SET actor_id = %s, actor_label = %s WHERE sequence = %s", [funder_member.pk, "Fran", 2]
    )
    assert "entry 2" in _broken()


def test_rewriting_an_entry_and_its_hash_is_caught_at_the_next_entry(site_admin):
    entries = _write_five(site_admin)
    _sql("UPDATE audit_auditentry SET hash = %s WHERE sequence = %s", ["f" * 64, 2])
    message = _broken()
    # Entry 2's own hash no longer matches its content.
    assert "entry 2" in message
    assert entries


def test_deleting_a_middle_entry_is_caught(site_admin):
    _write_five(site_admin)
    _sql("DELETE FROM audit_auditentry WHERE sequence = %s", [3])
    message = _broken()
    assert "entry 3 is missing" in message and "deleted" in message


def test_deleting_the_first_entry_is_caught(site_admin):
    _write_five(site_admin)
    _sql("DELETE FROM audit_auditentry WHERE sequence = %s", [1])
    assert "entry 1 is missing" in _broken()


def test_deleting_the_newest_entry_is_caught(site_admin):
    _write_five(site_admin)
    _sql("DELETE FROM audit_auditentry WHERE sequence = %s", [5])
    message = _broken()
    assert "entry 5 is missing" in message and "newest" in message


def test_deleting_every_entry_is_caught(site_admin):
    _write_five(site_admin)
    _sql("DELETE FROM audit_auditentry")
    assert "entry 1 is missing" in _broken()


def test_deleting_the_chain_head_is_caught(site_admin):
    _write_five(site_admin)
    _sql("DELETE FROM audit_auditchainhead")
    assert "newest entry is missing" in _broken()


def test_swapping_sequence_numbers_is_caught(site_admin):
    _write_five(site_admin)
    _sql("UPDATE audit_auditentry SET sequence = %s WHERE sequence = %s", [1000, 2])
    _sql("UPDATE audit_auditentry SET sequence = %s WHERE sequence = %s", [2, 3])
    _sql("UPDATE audit_auditentry SET sequence = %s WHERE sequence = %s", [3, 1000])
    message = _broken()
    assert "entry 2" in message and "order" in message


def test_reordering_times_and_sequences_together_is_caught(site_admin):
    _write_five(site_admin)
    # Swap whole rows' positions including prev_hash: the hashes still cover the sequence.
    _sql("UPDATE audit_auditentry SET sequence = %s WHERE sequence = %s", [1000, 4])
    _sql("UPDATE audit_auditentry SET sequence = %s WHERE sequence = %s", [4, 5])
    _sql("UPDATE audit_auditentry SET sequence = %s WHERE sequence = %s", [5, 1000])
    assert "entry 4" in _broken()


def test_the_command_names_the_first_break_only(site_admin):
    _write_five(site_admin)
    _sql("UPDATE audit_auditentry SET summary = %s WHERE sequence IN (2, 4)", ["changed"])
    message = _broken()
    assert message.startswith("Audit trail broken at entry 2:")
    assert "entry 4" not in message


def _checkpoint():
    out = StringIO()
    call_command("audit_checkpoint", stdout=out)
    return out.getvalue()


def _head_to(sequence):
    """Move the chain head's record back to ``sequence``, as someone with only the database would."""
    head_hash = AuditEntry.objects.get(sequence=sequence).hash if sequence else "0" * 64
    _sql("UPDATE audit_auditchainhead SET sequence = %s, hash = %s WHERE id = 1", [sequence, head_hash])


def _rewrite_from(sequence, hasher, *, key_id=None):
    """Edit entry ``sequence``'s summary and recompute its hash and every later one with ``hasher``."""
    rows = list(AuditEntry.objects.order_by("sequence"))
    prev = rows[sequence - 2].hash if sequence > 1 else "0" * 64
    for entry in rows[sequence - 1 :]:
        if entry.sequence == sequence:
            entry.summary = "nothing to see here"
        content = entry.chain_content()
        new_hash = hasher(prev, content)
        _sql(
            "UPDATE audit_auditentry SET summary = %s, prev_hash = %s, hash = %s, key_id = %s WHERE sequence = %s",
            [entry.summary, prev, new_hash, entry.key_id if key_id is None else key_id, entry.sequence],
        )
        prev = new_hash
    _sql("UPDATE audit_auditchainhead SET hash = %s WHERE id = 1", [prev])


def test_deleting_the_newest_entries_and_moving_the_head_back_is_caught(site_admin):
    _write_five(site_admin)
    _checkpoint()
    _sql("DELETE FROM audit_auditentry WHERE sequence > %s", [3])
    _head_to(3)
    message = _broken()
    # The head's record is signed with the audit key, so moving it back shows by itself...
    assert "Audit trail broken at entry 3: the record of the newest entry was changed outside Tandem" in message
    # ...and the checkpoint says what went.
    assert "The trail had 5 entries at the checkpoint of " in message
    assert "it now has 3: the newest 2 were deleted" in message


def test_truncating_and_putting_back_an_old_signed_head_is_caught_by_the_checkpoint(site_admin):
    """Someone who kept a copy of the head row from when there were 3 entries puts it back later."""
    for n in range(3):
        audit_log(actor=site_admin, action="core.thing.changed", after={"n": n})
    old_head = _head_row()
    for n in range(2):
        audit_log(actor=site_admin, action="core.thing.changed", after={"later": n})
    _checkpoint()
    _sql("DELETE FROM audit_auditentry WHERE sequence > %s", [3])
    _sql("UPDATE audit_auditchainhead SET sequence = %s, hash = %s, key_id = %s, seal = %s WHERE id = 1", old_head)
    message = _broken()
    # The chain and the old head's signature hold: only the checkpoint, kept elsewhere, can tell.
    assert message.startswith("The trail had 5 entries at the checkpoint of "), message
    assert "it now has 3: the newest 2 were deleted" in message


def _head_row():
    with connection.cursor() as cursor:
        cursor.execute("SELECT sequence, hash, key_id, seal FROM audit_auditchainhead WHERE id = 1")
        return list(cursor.fetchone())


def test_deleting_every_entry_and_the_head_is_caught_by_the_checkpoint(site_admin):
    _write_five(site_admin)
    _checkpoint()
    _sql("DELETE FROM audit_auditentry")
    _sql("DELETE FROM audit_auditchainhead")
    message = _broken()
    assert message.startswith("The trail had 5 entries at the checkpoint of ")
    assert "it now has 0: all 5 were deleted" in message


def test_deleting_every_entry_and_resetting_the_head_is_caught(site_admin):
    _write_five(site_admin)
    _checkpoint()
    _sql("DELETE FROM audit_auditentry")
    _head_to(0)
    message = _broken()
    assert "the record of the newest entry was changed outside Tandem" in message
    assert "all 5 were deleted" in message


def test_editing_an_entry_and_recomputing_later_hashes_without_the_key_is_caught(site_admin):
    _write_five(site_admin)
    _rewrite_from(3, legacy_entry_hash)
    message = _broken()
    assert message.startswith("Audit trail broken at entry 3: entry 3 has been edited since it was written")


def test_rewriting_later_entries_as_unkeyed_ones_is_caught(site_admin):
    _write_five(site_admin)
    _rewrite_from(3, legacy_entry_hash, key_id="")
    message = _broken()
    assert message.startswith("Audit trail broken at entry 3: entry 3 has an unkeyed hash after keyed entries began")


def test_rewriting_the_whole_trail_as_unkeyed_entries_is_caught(site_admin):
    _write_five(site_admin)
    _checkpoint()
    _rewrite_from(1, legacy_entry_hash, key_id="")
    message = _broken()
    # Every entry now checks as an old unkeyed one, but the head's signature and the checkpoint do not.
    assert "the record of the newest entry was changed outside Tandem" in message
    assert "Entry 5 is not the entry that was there at the checkpoint of " in message
    assert "has been rewritten" in message


def test_recomputing_later_hashes_with_a_guessed_key_is_caught(site_admin):
    _write_five(site_admin)
    for guess in (b"secret", b"not-secret-local-and-test-audit-key", b"test-only-not-secret"):
        _rewrite_from(2, lambda prev, content, guess=guess: entry_hash(prev, content, key_id="test", secret=guess))
        assert _broken().startswith("Audit trail broken at entry 2: entry 2 has been edited since it was written")


def test_an_entry_signed_with_a_key_nobody_has_is_named(site_admin):
    _write_five(site_admin)
    _sql("UPDATE audit_auditentry SET key_id = %s WHERE sequence = %s", ["2099z", 4])
    message = _broken()
    assert "entry 4 was signed with the key '2099z', which is not in TANDEM_AUDIT_KEYS" in message


def test_no_checkpoint_is_said_and_the_chain_still_checked(site_admin):
    _write_five(site_admin)
    output = _verify()
    assert "intact: 5 entries" in output
    assert "There is no checkpoint yet" in output and "audit_checkpoint" in output


def test_a_matching_checkpoint_is_named(site_admin):
    _write_five(site_admin)
    _checkpoint()
    audit_log(actor=site_admin, action="core.thing.changed", summary="after the checkpoint")
    output = _verify()
    assert "intact: 6 entries" in output
    assert "It matches the checkpoint of " in output and "(5 entries, file audit-checkpoint-" in output


def _json_sql(column, value, sequence):
    cast = "::jsonb" if connection.vendor == "postgresql" else ""
    _sql(f"UPDATE audit_auditentry SET {column} = %s{cast} WHERE sequence = %s", [value, sequence])  # noqa: S608


@pytest.mark.parametrize(
    ("column", "value", "words"),
    [
        ("hash", "not a fingerprint", "entry 3 cannot be checked: its hash is not a 64-character hexadecimal"),
        ("prev_hash", "", "entry 3 cannot be checked: the hash it records for the entry before is not"),
        ("summary", "", "entry 3 has been edited"),
    ],
)
def test_a_malformed_column_names_the_entry(site_admin, column, value, words):
    _write_five(site_admin)
    _sql(f"UPDATE audit_auditentry SET {column} = %s WHERE sequence = 3", [value])  # noqa: S608
    message = _broken()
    assert words in message
    assert "Traceback" not in message


@pytest.mark.parametrize(
    "value",
    [json.dumps(["a", "list"]), json.dumps("just text"), json.dumps(7)],
)
def test_before_that_is_not_a_dict_names_the_entry(site_admin, value):
    _write_five(site_admin)
    _json_sql("before", value, 2)
    message = _broken()
    assert message.startswith("Audit trail broken at entry 2: entry 2 cannot be checked: its 'before' value")


def test_bad_json_names_the_entry(site_admin):
    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL's jsonb refuses text that is not JSON, so it cannot be stored")
    _write_five(site_admin)
    # SQLite checks JSON is valid on the way in; someone editing the file directly is not stopped.
    _sql("PRAGMA ignore_check_constraints = 1")
    _sql("UPDATE audit_auditentry SET after = %s WHERE sequence = 4", ["{not json"])
    _sql("PRAGMA ignore_check_constraints = 0")
    message = _broken()
    assert message.startswith("Audit trail broken at entry 4: entry 4 cannot be checked: its 'after' value")


def test_a_time_that_cannot_be_read_names_the_entry(site_admin):
    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL refuses a time that is not a time, so it cannot be stored")
    _write_five(site_admin)
    _sql("UPDATE audit_auditentry SET occurred_at = %s WHERE sequence = 2", ["yesterday-ish"])
    _sql("UPDATE audit_auditentry SET occurred_at = %s WHERE sequence = 4", ["2026-02-31 10:00:00"])
    message = _broken()
    assert message.startswith("Audit trail broken at entry 2: entry 2 cannot be checked:")
