"""Tandem's database cache: counts that two workers cannot both take, and expiry that is kept."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, connections
from django.test import override_settings

from tandem.accounts import throttling

DATABASE_CACHE = {"default": {"BACKEND": "tandem.core.cache_backends.DatabaseCache", "LOCATION": "tandem_test_cache"}}


@pytest.fixture
def database_cache(db: Any) -> Iterator[None]:
    with override_settings(CACHES=DATABASE_CACHE):
        call_command("createcachetable", verbosity=0)
        cache.clear()
        yield
        cache.clear()


def _expires(key: str) -> Any:
    with connection.cursor() as cursor:
        cursor.execute("SELECT expires FROM tandem_test_cache WHERE cache_key = %s", [cache.make_key(key)])
        return cursor.fetchone()[0]


def test_incr_counts_and_keeps_the_expiry(database_cache: None) -> None:
    assert cache.add("count", 0, timeout=3600)
    before = _expires("count")
    assert [cache.incr("count") for _ in range(3)] == [1, 2, 3]
    assert cache.decr("count") == 2
    assert cache.get("count") == 2
    assert _expires("count") == before, "Django's own incr would reset it to the default timeout"
    with pytest.raises(ValueError):
        cache.incr("missing")


def test_sign_in_throttling_works_on_it(database_cache: None) -> None:
    started = [
        throttling.sign_in_attempt_start(email="a@example.org", address="203.0.113.66", now=1_700_000_000.0)
        for _ in range(8)
    ]
    assert sum(a.allowed for a in started) == 5


@pytest.mark.django_db(transaction=True)
def test_workers_counting_at_once_lose_no_count() -> None:
    """Threads each with their own database connection, as separate workers would have."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's in-memory test database is not shared safely between threads")
    with override_settings(CACHES=DATABASE_CACHE):
        call_command("createcachetable", verbosity=0)
        cache.clear()
        cache.add("count", 0, timeout=3600)
        barrier = threading.Barrier(6)

        def worker() -> None:
            try:
                barrier.wait()
                for _ in range(10):
                    cache.incr("count")
            finally:
                connections.close_all()

        threads = [threading.Thread(target=worker) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert cache.get("count") == 60
        cache.clear()
