"""Writers appending at the same time never fork the chain.

On PostgreSQL the chain head row is locked (SELECT ... FOR UPDATE) while an entry is appended, so
real concurrent writers queue up. SQLite allows one writer at a time anyway, and an in-memory test
database cannot be shared safely between threads, so there the test runs the writers one after
another through separate transactions.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections, transaction

from tandem.audit.models import AuditEntry
from tandem.audit.selectors import audit_chain_verify
from tandem.audit.services import audit_log

WRITERS = 4
EACH = 10


def _write(errors: list[BaseException], barrier: threading.Barrier, label: int) -> None:
    try:
        barrier.wait()
        for number in range(EACH):
            audit_log(actor=None, action="core.thing.changed", after={"writer": label, "n": number})
    except BaseException as exc:
        errors.append(exc)
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_one_chain():
    if connection.vendor != "postgresql":
        for label in range(WRITERS):
            for number in range(EACH):
                with transaction.atomic():
                    audit_log(actor=None, action="core.thing.changed", after={"writer": label, "n": number})
    else:
        errors: list[BaseException] = []
        barrier = threading.Barrier(WRITERS)
        threads = [threading.Thread(target=_write, args=(errors, barrier, label)) for label in range(WRITERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert not errors, errors
    assert AuditEntry.objects.count() == WRITERS * EACH
    assert list(AuditEntry.objects.order_by("sequence").values_list("sequence", flat=True)) == list(
        range(1, WRITERS * EACH + 1)
    )
    assert audit_chain_verify() is None


@pytest.mark.django_db(transaction=True)
def test_an_entry_in_a_rolled_back_transaction_leaves_no_gap():
    audit_log(actor=None, action="core.thing.made")
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_log(actor=None, action="core.thing.changed")
        raise RuntimeError("the change failed")
    audit_log(actor=None, action="core.thing.changed")
    assert list(AuditEntry.objects.order_by("sequence").values_list("sequence", flat=True)) == [1, 2]
    assert audit_chain_verify() is None
