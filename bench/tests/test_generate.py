"""Keeps the benchmark's data generator and page list working as the models change.
Nothing here is timed."""

from __future__ import annotations

import random
from collections import Counter
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import Resolver404, resolve

from bench.generate import BENCH_EMAIL, SCALES, _organisations, generate
from bench.pages import PAGES
from bench.run import percentile
from tandem.accounts.models import User
from tandem.audit.models import AuditEntry
from tandem.audit.selectors import audit_chain_verify
from tandem.notifications.models import Notification
from tandem.organisations.models import Membership, MembershipRole, Organisation

BENCH_PASSWORD = "a bench password for the test"


@pytest.fixture
def generated(db: Any) -> Any:
    return generate(SCALES["tiny"], bench_password=BENCH_PASSWORD)


def test_generates_the_tiny_scale(generated: Any) -> None:
    tiny = SCALES["tiny"]
    assert Organisation.objects.count() == tiny.organisations == generated.organisations
    assert User.objects.count() == tiny.people + 1 == generated.people
    assert Membership.objects.count() == generated.memberships
    assert AuditEntry.objects.count() == tiny.audit_entries
    assert Notification.objects.count() == tiny.notifications + tiny.bench_notifications


def test_every_organisation_has_an_administrator(generated: Any) -> None:
    admins = Counter(Membership.objects.filter(role=MembershipRole.ADMIN).values_list("organisation_id", flat=True))
    assert set(admins) == set(Organisation.objects.values_list("pk", flat=True))


def test_generated_audit_trail_is_an_unbroken_chain(generated: Any) -> None:
    assert audit_chain_verify() is None
    call_command("audit_verify")


def test_audit_trail_still_chains_after_the_generator(generated: Any) -> None:
    """Entries written by the application afterwards follow on from the generated ones."""
    from tandem.audit.services import audit_log

    entry = audit_log(actor=None, action="bench.test.appended", summary="after generation")
    assert entry.sequence == SCALES["tiny"].audit_entries + 1
    assert audit_chain_verify() is None


def test_same_seed_gives_the_same_organisations() -> None:
    def names(seed: int) -> list[tuple[str, str, int | None]]:
        return [(o.slug, o.kind, o.annual_income) for o in _organisations(random.Random(seed), 30)]

    assert names(7) == names(7)
    assert names(7) != names(8)


def test_the_bench_person_signs_in_with_a_password_only_and_sees_every_page(generated: Any) -> None:
    person = User.objects.get(email=BENCH_EMAIL)
    assert not person.has_two_factor
    assert Membership.objects.filter(user=person).count() == 2

    client = Client()
    answer = client.post("/accounts/sign-in/", {"email": BENCH_EMAIL, "password": BENCH_PASSWORD})
    assert answer.status_code == 302
    for page in PAGES:
        response = client.get(page.path)
        assert response.status_code == 200, f"{page.path} answered {response.status_code}"
        assert "Sign out" in response.content.decode()


def test_page_list_paths_resolve_and_keys_are_unique() -> None:
    assert PAGES[0].path == "/bare/", "the first page is the yardstick the others are compared with"
    assert len({page.key for page in PAGES}) == len(PAGES)
    for page in PAGES:
        try:
            resolve(page.path)
        except Resolver404:
            pytest.fail(f"{page.path} in bench/pages.py is not a page")


def test_percentile() -> None:
    assert percentile([5.0, 1.0, 3.0, 2.0, 4.0], 0.5) == 3.0
    assert percentile([1.0, 2.0], 0.95) == pytest.approx(1.95)
    assert percentile([7.0], 0.95) == 7.0
