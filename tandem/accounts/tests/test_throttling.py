"""Failed sign-ins counted in the cache, per email address and per client address."""

from __future__ import annotations

from django.core.cache import cache
from django.test import RequestFactory, override_settings

from tandem.accounts import throttling

NOW = 1_700_000_000.0


@override_settings(SIGN_IN_MAX_FAILURES=3, SIGN_IN_WINDOW_SECONDS=600, SIGN_IN_MAX_FAILURES_PER_ADDRESS=5)
def test_email_locks_after_its_limit_and_address_after_its_own() -> None:
    for i in range(2):
        assert throttling.sign_in_failure_record(email="a@example.org", address="10.0.0.1", now=NOW + i) == []
    assert throttling.sign_in_failure_record(email="a@example.org", address="10.0.0.1", now=NOW + 2) == ["email"]
    assert throttling.sign_in_seconds_locked(email="a@example.org", address="10.0.0.9", now=NOW + 2) == 600
    # Another email from the same address is free until the address reaches its own limit.
    assert throttling.sign_in_seconds_locked(email="b@example.org", address="10.0.0.1", now=NOW + 3) == 0
    throttling.sign_in_failure_record(email="b@example.org", address="10.0.0.1", now=NOW + 3)
    assert throttling.sign_in_failure_record(email="c@example.org", address="10.0.0.1", now=NOW + 4) == ["address"]
    assert throttling.sign_in_seconds_locked(email="new@example.org", address="10.0.0.1", now=NOW + 5) == 599
    assert throttling.sign_in_seconds_locked(email="new@example.org", address="10.0.0.1", now=NOW + 605) == 0


@override_settings(SIGN_IN_MAX_FAILURES=3)
def test_success_clears_the_email_count_and_capitals_do_not_matter() -> None:
    throttling.sign_in_failure_record(email="A@Example.org", address="1.1.1.1", now=NOW)
    throttling.sign_in_failure_record(email="a@example.org", address="1.1.1.1", now=NOW)
    throttling.sign_in_success_record(email="a@example.org")
    assert throttling.sign_in_failure_record(email="a@example.org", address="1.1.1.1", now=NOW) == []


def test_the_cache_never_holds_the_email_address_in_plain_text() -> None:
    throttling.sign_in_failure_record(email="secret.person@example.org", address="1.1.1.1", now=NOW)
    keys = list(cache._cache.keys())  # type: ignore[attr-defined]
    assert keys and not any("secret.person" in key for key in keys)


def test_rubbish_in_the_cache_counts_as_no_failures() -> None:
    cache.set(throttling._key("email", "a@example.org"), "not a dict")
    assert throttling.sign_in_seconds_locked(email="a@example.org", address="x", now=NOW) == 0


def test_password_reset_emails_are_limited_per_address() -> None:
    sent = [throttling.password_reset_email_allowed(email="a@example.org", now=NOW + i) for i in range(5)]
    assert sent == [True, True, True, False, False]
    assert throttling.password_reset_email_allowed(email="a@example.org", now=NOW + 2 + 3600)


def test_client_address_comes_from_remote_addr() -> None:
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.7", HTTP_X_FORWARDED_FOR="203.0.113.1")
    assert throttling.client_address(request) == "192.0.2.7"
