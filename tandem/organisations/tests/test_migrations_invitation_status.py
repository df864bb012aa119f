"""Migration 0003: each invitation's stored status is set from the times that used to say it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tandem.organisations.models import Invitation, Organisation

BEFORE = ("organisations", "0002_invitations_and_version")
AFTER = ("organisations", "0003_invitation_status")


def migrate(target: tuple[str, str]) -> Any:
    """Migrate organisations to ``target``; the apps registry as it was there."""
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    executor.loader.build_graph()
    return executor.loader.project_state([target]).apps


@pytest.mark.django_db(transaction=True)
def test_the_status_comes_from_the_accepted_and_cancelled_times(funder_org: Organisation) -> None:
    now = timezone.now()
    try:
        old = migrate(BEFORE).get_model("organisations", "Invitation")
        common = {"organisation_id": funder_org.pk, "role": "member", "expires_at": now + timedelta(days=1)}
        for email, accepted_at, revoked_at in (
            ("waiting@example.org", None, None),
            ("used@example.org", now, None),
            ("gone@example.org", None, now),
            ("both@example.org", now, now),  # never made by the services; accepted came first
            ("late@example.org", None, None),
        ):
            old.objects.create(
                email=email, token_hash=email.ljust(64, "0"), accepted_at=accepted_at, revoked_at=revoked_at, **common
            )
        old.objects.filter(email="late@example.org").update(expires_at=now - timedelta(days=1))
        migrate(AFTER)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    assert dict(Invitation.objects.values_list("email", "status")) == {
        "waiting@example.org": "pending",
        "used@example.org": "accepted",
        "gone@example.org": "cancelled",
        "both@example.org": "accepted",
        # Expiry is still read from the clock, never stored.
        "late@example.org": "pending",
    }
    assert Invitation.objects.get(email="late@example.org").status_now == "expired"
