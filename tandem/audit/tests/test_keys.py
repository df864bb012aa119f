"""The audit keys: rotation keeps history verifiable, old unkeyed entries still verify, production refuses no key."""

from __future__ import annotations

import importlib
import sys
from io import StringIO

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from tandem.audit.chain import GENESIS, head_problem, legacy_entry_hash
from tandem.audit.models import AuditChainHead, AuditEntry
from tandem.audit.selectors import audit_chain_verify, audit_keyring
from tandem.audit.services import audit_log

pytestmark = pytest.mark.django_db

OLD = "2026a:old-secret-for-tests"
NEW = "2026b:new-secret-for-tests"


def _write(count, label):
    for n in range(count):
        audit_log(actor=None, action="core.thing.changed", after={label: n})


def test_entries_signed_with_an_old_key_verify_after_a_new_key_is_added_first(settings):
    settings.TANDEM_AUDIT_KEYS = [OLD]
    _write(3, "old")
    settings.TANDEM_AUDIT_KEYS = [NEW, OLD]
    _write(2, "new")
    assert list(AuditEntry.objects.order_by("sequence").values_list("key_id", flat=True)) == [
        "2026a",
        "2026a",
        "2026a",
        "2026b",
        "2026b",
    ]
    assert AuditChainHead.objects.get(id=1).key_id == "2026b"
    assert audit_chain_verify() is None


def test_dropping_the_old_key_makes_its_entries_a_named_break(settings):
    settings.TANDEM_AUDIT_KEYS = [OLD]
    _write(2, "old")
    settings.TANDEM_AUDIT_KEYS = [NEW, OLD]
    _write(1, "new")
    settings.TANDEM_AUDIT_KEYS = [NEW]
    with pytest.raises(CommandError) as caught:
        call_command("audit_verify", stdout=StringIO())
    assert str(caught.value).startswith(
        "Audit trail broken at entry 1: entry 1 was signed with the key '2026a', which is not in TANDEM_AUDIT_KEYS: "
        "put that key back"
    )


def test_badly_written_keys_are_explained_not_raised(settings):
    settings.TANDEM_AUDIT_KEYS = ["no colon here"]
    with pytest.raises(CommandError) as caught:
        call_command("audit_verify", stdout=StringIO())
    assert "The audit keys cannot be read: audit key 1 must look like id:secret" in str(caught.value)


def _legacy_trail(count):
    """Entries as they were written before the chain was keyed: unkeyed SHA-256, key id ""."""
    prev = GENESIS
    for sequence in range(1, count + 1):
        entry = AuditEntry(
            sequence=sequence,
            occurred_at=timezone.now(),
            actor_label="system",
            action="core.thing.changed",
            after={"legacy": sequence},
            prev_hash=prev,
        )
        entry.hash = legacy_entry_hash(prev, entry.chain_content())
        entry.save()
        prev = entry.hash
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditchainhead SET sequence = %s, hash = %s, key_id = '', seal = ''", [count, prev]
        )


def _seal_head_migration():
    module = importlib.import_module("tandem.audit.migrations.0003_entries_and_head_name_their_audit_key")
    module.seal_head(apps, None)


def test_entries_from_before_the_keyed_chain_still_verify_once_the_migration_seals_the_head():
    _legacy_trail(3)
    _seal_head_migration()
    head = AuditChainHead.objects.get(id=1)
    assert head_problem(head.sequence, head.hash, head.key_id, head.seal, audit_keyring()) is None
    assert audit_chain_verify() is None
    _write(2, "keyed")
    key_ids = list(AuditEntry.objects.order_by("sequence").values_list("key_id", flat=True))
    assert key_ids == ["", "", "", "test", "test"]
    assert audit_chain_verify() is None


def test_an_unsigned_head_is_a_break():
    _legacy_trail(2)
    broken = audit_chain_verify()
    assert broken is not None and "not signed" in broken.reason


@pytest.mark.parametrize(
    ("keys", "refused"),
    [
        (None, True),
        ("", True),
        ("2026a:short", True),
        ("local:not-secret-local-and-test-audit-key", True),
        ("mine:not-secret-local-and-test-audit-key", True),
        ("2026a:" + "x" * 40 + ",old:short", True),
        ("bad id:" + "x" * 40, True),
        ("2026a:" + "x" * 40, False),
        ("2026b:" + "y" * 40 + ",2026a:" + "x" * 40, False),
    ],
)
def test_production_refuses_to_start_without_a_real_audit_key(monkeypatch, keys, refused):
    monkeypatch.setenv("DJANGO_SECRET_KEY", "s" * 60)
    if keys is None:
        monkeypatch.delenv("TANDEM_AUDIT_KEYS", raising=False)
    else:
        monkeypatch.setenv("TANDEM_AUDIT_KEYS", keys)
    # The cache must be shared in production too (another check there); the address is never dialled.
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    # Read the settings afresh from this environment; monkeypatch puts the loaded modules back afterwards.
    monkeypatch.delitem(sys.modules, "config.settings.base")
    monkeypatch.delitem(sys.modules, "config.settings.production", raising=False)
    try:
        if refused:
            with pytest.raises(ImproperlyConfigured, match="Set TANDEM_AUDIT_KEYS"):
                importlib.import_module("config.settings.production")
        else:
            module = importlib.import_module("config.settings.production")
            assert keys.split(",") == module.TANDEM_AUDIT_KEYS
    finally:
        sys.modules.pop("config.settings.production", None)


def test_the_system_check_explains_unreadable_keys(settings):
    from tandem.audit.checks import audit_keys_check

    assert audit_keys_check() == []
    settings.TANDEM_AUDIT_KEYS = ["2026a:one", "2026a:two"]
    [error] = audit_keys_check()
    assert error.id == "audit.E001"
    assert "the audit key id '2026a' is used twice" in error.msg
