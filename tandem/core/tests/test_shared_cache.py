"""Which caches every worker shares (pure)."""

from __future__ import annotations

import pytest

from tandem.core.shared_cache import DATABASE, DJANGO_DATABASE, REDIS, cache_problem


@pytest.mark.parametrize(
    "backend",
    [
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.cache.backends.dummy.DummyCache",
        "django.core.cache.backends.filebased.FileBasedCache",
        "",
    ],
)
def test_a_cache_each_worker_keeps_to_itself_is_a_problem(backend: str) -> None:
    problem = cache_problem({"default": {"BACKEND": backend, "LOCATION": "x"}})
    assert "not shared by the server's workers" in problem
    assert "REDIS_URL" in problem and "TANDEM_CACHE=database" in problem


def test_djangos_own_database_cache_is_a_problem_because_its_counts_can_be_lost() -> None:
    assert "can lose sign-in counts" in cache_problem({"default": {"BACKEND": DJANGO_DATABASE, "LOCATION": "t"}})


def test_shared_caches_are_fine_with_a_location() -> None:
    assert cache_problem({"default": {"BACKEND": REDIS, "LOCATION": "redis://127.0.0.1:6379/0"}}) == ""
    assert cache_problem({"default": {"BACKEND": DATABASE, "LOCATION": "tandem_cache"}}) == ""
    assert "no LOCATION" in cache_problem({"default": {"BACKEND": REDIS, "LOCATION": ""}})
    assert "not shared" in cache_problem({})
