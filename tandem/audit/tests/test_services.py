"""audit_log writes a chained, append-only entry that survives the database's JSON round trip."""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal

import pytest
from django.utils import timezone

from tandem.audit.chain import GENESIS, entry_hash, head_problem
from tandem.audit.models import AppendOnlyError, AuditChainHead, AuditEntry
from tandem.audit.selectors import audit_chain_verify, audit_keyring
from tandem.audit.services import audit_log, model_snapshot
from tandem.organisations.models import Organisation, OrganisationKind

pytestmark = pytest.mark.django_db

# The fixed, not-secret key config/settings/test.py sets.
SECRET = b"test-only-not-secret-audit-key"


def test_first_entry_starts_the_chain(funder_admin, funder_org):
    entry = audit_log(
        actor=funder_admin,
        action="organisations.organisation.updated",
        obj=funder_org,
        organisation=funder_org,
        before={"name": "Old"},
        after={"name": funder_org.name},
        summary="Renamed",
    )
    assert entry.sequence == 1
    assert entry.prev_hash == GENESIS
    assert entry.key_id == "test"
    assert entry.hash == entry_hash(GENESIS, entry.chain_content(), key_id="test", secret=SECRET)
    assert entry.actor_label == "Ada Admin <ada.admin@example.org>"
    assert entry.object_type == "organisations.organisation"
    assert entry.object_id == str(funder_org.pk)
    assert entry.object_label == funder_org.name
    head = AuditChainHead.objects.get(id=1)
    assert (head.sequence, head.hash, head.key_id) == (1, entry.hash, "test")
    assert head_problem(head.sequence, head.hash, head.key_id, head.seal, audit_keyring()) is None


def test_two_appends_in_a_row_chain_to_each_other(site_admin):
    first = audit_log(actor=site_admin, action="core.thing.made")
    second = audit_log(actor=None, action="core.thing.changed")
    assert second.sequence == first.sequence + 1
    assert second.prev_hash == first.hash
    assert second.actor_label == "system"
    assert audit_chain_verify() is None


def test_many_appends_verify(site_admin):
    for number in range(25):
        audit_log(actor=site_admin, action="core.thing.changed", after={"n": number})
    assert AuditEntry.objects.count() == 25
    assert audit_chain_verify() is None


def test_values_survive_the_json_round_trip(site_admin):
    before = {
        "when": datetime.date(2026, 3, 27),
        "at": timezone.make_aware(datetime.datetime(2026, 3, 27, 14, 5, 6, 789)),
        "time": datetime.time(9, 30),
        "amount": Decimal("1234.50"),
        "ratio": 0.1,
        "big": 1e16,
        "whole": 2.0,
        "name": "Zo\u00eb\u2019s caf\u00e9 \u2013 \u5317\u4eac \U0001f33f",
        "nested": {"b": [1, 2.5, None, True], "a": {"z": "y"}},
        "id": uuid.UUID("12345678-1234-5678-1234-567812345678"),
        "tags": {"b", "a"},
        "nul": "before\x00after",
    }
    entry = audit_log(actor=site_admin, action="core.thing.changed", before=before, after={})
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert stored.before["when"] == "2026-03-27"
    assert stored.before["amount"] == "1234.50"
    assert stored.before["name"] == "Zo\u00eb\u2019s caf\u00e9 \u2013 \u5317\u4eac \U0001f33f"
    assert stored.before["tags"] == ["a", "b"]
    assert stored.before["big"] == 10000000000000000
    assert entry_hash(stored.prev_hash, stored.chain_content(), key_id="test", secret=SECRET) == stored.hash
    assert audit_chain_verify() is None


def test_action_codes_must_be_dotted(site_admin):
    for bad in ("created", "org.created", "org..created", ".a.b"):
        with pytest.raises(ValueError):
            audit_log(actor=site_admin, action=bad)
    assert not AuditEntry.objects.exists()


def test_entries_refuse_to_be_saved_again_or_deleted(site_admin):
    entry = audit_log(actor=site_admin, action="core.thing.made", summary="first")
    entry.summary = "changed"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    assert AuditEntry.objects.get(pk=entry.pk).summary == "first"


def test_bulk_changes_and_deletes_refuse(site_admin):
    entry = audit_log(actor=site_admin, action="core.thing.made", summary="first")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(summary="changed")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.update(summary="changed")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.bulk_update([entry], ["summary"])
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.bulk_create([AuditEntry(sequence=99, prev_hash="x", hash="y")])
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.update_or_create(sequence=entry.sequence)
    assert AuditEntry.objects.get(pk=entry.pk).summary == "first"
    assert audit_chain_verify() is None


def test_removing_a_person_or_organisation_keeps_their_entries_and_the_chain(funder_admin):
    organisation = Organisation.objects.create(name="Short-lived", slug="short-lived", kind=OrganisationKind.CHARITY)
    entry = audit_log(actor=funder_admin, action="organisations.organisation.created", organisation=organisation)
    actor_id, organisation_id = funder_admin.pk, organisation.pk
    funder_admin.delete()
    organisation.delete()
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert (stored.actor_id, stored.organisation_id) == (actor_id, organisation_id)
    assert stored.actor_label == "Ada Admin <ada.admin@example.org>"
    assert audit_chain_verify() is None


def test_model_snapshot_takes_the_named_fields(funder_org):
    assert model_snapshot(funder_org, ["name", "kind"]) == {"name": funder_org.name, "kind": funder_org.kind}


def test_the_chain_head_is_created_if_missing(site_admin):
    AuditChainHead.objects.all().delete()
    entry = audit_log(actor=site_admin, action="core.thing.made")
    assert entry.sequence == 1
    assert AuditChainHead.objects.get(id=1).hash == entry.hash
