"""``manage.py audit_checkpoint`` writes signed checkpoints outside the database and keeps them all."""

from __future__ import annotations

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from tandem.audit.chain import checkpoint_sign, parse_keyring
from tandem.audit.checkpoints import checkpoint_file_write, checkpoint_files_read
from tandem.audit.models import AuditEntry
from tandem.audit.selectors import audit_keyring, audit_trail_check
from tandem.audit.services import audit_checkpoint_write, audit_log
from tandem.core.exceptions import ApplicationError

pytestmark = pytest.mark.django_db


def _write(count, actor=None):
    for n in range(count):
        audit_log(actor=actor, action="core.thing.changed", after={"n": n})


def _checkpoint():
    out = StringIO()
    call_command("audit_checkpoint", stdout=out)
    return out.getvalue()


def _verify_fails():
    with pytest.raises(CommandError) as caught:
        call_command("audit_verify", stdout=StringIO())
    assert caught.value.returncode != 0
    return str(caught.value)


def _files(folder):
    return sorted(folder.glob("audit-checkpoint-*.json"))


def test_a_checkpoint_is_a_small_signed_json_file(checkpoint_dir, site_admin):
    _write(3, site_admin)
    output = _checkpoint()
    [path] = _files(checkpoint_dir)
    assert f"Checkpoint written: {path}" in output
    data = json.loads(path.read_text())
    head = AuditEntry.objects.get(sequence=3)
    assert {k: data[k] for k in ("version", "entries", "head_sequence", "head_hash", "key_id")} == {
        "version": 1,
        "entries": 3,
        "head_sequence": 3,
        "head_hash": head.hash,
        "key_id": "test",
    }
    assert len(data["signature"]) == 64
    written = datetime.datetime.fromisoformat(data["written_at"])
    assert abs(written - timezone.now()) < datetime.timedelta(minutes=5)
    assert path.stat().st_size < 1024


def test_every_checkpoint_is_kept(checkpoint_dir):
    _write(2)
    _checkpoint()
    _write(1)
    _checkpoint()
    _checkpoint()
    files = _files(checkpoint_dir)
    assert [json.loads(path.read_text())["entries"] for path in files] == [2, 3, 3]
    assert all(file.checkpoint is not None for file in checkpoint_files_read(audit_keyring()))


def test_a_checkpoint_never_overwrites_another(checkpoint_dir):
    data = checkpoint_sign(
        entries=0,
        head_sequence=0,
        head_hash="0" * 64,
        written_at=datetime.datetime(2026, 12, 3, 14, 0, tzinfo=datetime.UTC),
        keyring=audit_keyring(),
    )
    first = checkpoint_file_write(data)
    second = checkpoint_file_write(data)
    assert first != second
    assert first.name == "audit-checkpoint-20261203T140000000000Z-000000000000.json"
    assert second.name == "audit-checkpoint-20261203T140000000000Z-000000000000-1.json"
    assert json.loads(first.read_text()) == json.loads(second.read_text()) == data


def test_an_empty_trail_can_be_checkpointed(checkpoint_dir):
    _checkpoint()
    [path] = _files(checkpoint_dir)
    assert json.loads(path.read_text())["entries"] == 0
    call_command("audit_verify", stdout=StringIO())


def test_no_checkpoint_is_written_for_a_broken_trail(checkpoint_dir):
    _write(3)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET summary = %s WHERE sequence = 2", ["changed"])
    with pytest.raises(CommandError) as caught:
        _checkpoint()
    assert str(caught.value).startswith("No checkpoint was written, because the audit trail does not verify.")
    assert "entry 2 has been edited" in str(caught.value)
    assert _files(checkpoint_dir) == []
    with pytest.raises(ApplicationError):
        audit_checkpoint_write(actor=None)


def test_a_changed_checkpoint_is_reported_as_forged(checkpoint_dir):
    _write(5)
    _checkpoint()
    [path] = _files(checkpoint_dir)
    data = json.loads(path.read_text())
    path.write_text(json.dumps({**data, "entries": 3, "head_sequence": 3}))
    message = _verify_fails()
    assert f"Checkpoint file {path.name} is forged: its signature does not match what it says." in message
    assert not message.startswith("Audit trail broken")


def test_a_checkpoint_signed_with_a_guessed_key_is_forged(checkpoint_dir):
    _write(2)
    data = checkpoint_sign(
        entries=1,
        head_sequence=1,
        head_hash=AuditEntry.objects.get(sequence=1).hash,
        written_at=timezone.now(),
        keyring=parse_keyring(["test:a-guess"]),
    )
    path = checkpoint_file_write(data)
    assert f"Checkpoint file {path.name} is forged" in _verify_fails()


def test_a_file_that_is_not_a_checkpoint_is_named(checkpoint_dir):
    _write(1)
    _checkpoint()
    junk = checkpoint_dir / "audit-checkpoint-junk.json"
    junk.write_bytes(b"\xff\xfe not json")
    message = _verify_fails()
    assert "Checkpoint file audit-checkpoint-junk.json cannot be used: it cannot be read as a checkpoint." in message


def test_the_latest_good_checkpoint_is_the_one_compared(checkpoint_dir):
    _write(4)
    _checkpoint()
    _write(2)
    _checkpoint()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE sequence > 5")
        newest = "(SELECT hash FROM audit_auditentry WHERE sequence = 5)"
        cursor.execute(f"UPDATE audit_auditchainhead SET sequence = 5, hash = {newest}")  # noqa: S608
    check = audit_trail_check()
    assert check.checkpoint is not None and check.checkpoint.entries == 6
    assert check.finding is not None and check.finding.endswith("it now has 5: the newest one was deleted")


def test_checkpoints_from_before_a_key_rotation_still_verify(checkpoint_dir, settings):
    settings.TANDEM_AUDIT_KEYS = ["2026a:old-secret"]
    _write(2)
    _checkpoint()
    settings.TANDEM_AUDIT_KEYS = ["2026b:new-secret", "2026a:old-secret"]
    assert audit_trail_check().intact
    _write(1)
    _checkpoint()
    assert [json.loads(path.read_text())["key_id"] for path in _files(checkpoint_dir)] == ["2026a", "2026b"]
    assert audit_trail_check().intact
