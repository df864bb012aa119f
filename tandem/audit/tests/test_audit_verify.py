"""``manage.py audit_verify`` catches tampering done straight in the database (raw SQL)."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

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
