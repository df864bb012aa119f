"""Sign-in attempts counted in the cache: per pair, per network address and per account."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.test import RequestFactory, override_settings

from tandem.accounts import throttling

NOW = 1_700_000_000.0
ATTACKER = "203.0.113.66"
HOME = "192.0.2.10"
REDIS_URL = "redis://127.0.0.1:6379/9"


def fail(email: str, address: str, now: float) -> throttling.Attempt:
    """One attempt that is let through and turns out wrong (as the sign-in page does it)."""
    attempt = throttling.sign_in_attempt_start(email=email, address=address, now=now)
    if attempt.allowed:
        throttling.sign_in_attempt_failed(attempt=attempt)
    return attempt


def test_the_pair_slows_down_after_its_free_attempts_and_no_one_else_does() -> None:
    allowed = [fail("a@example.org", ATTACKER, NOW + i).allowed for i in range(8)]
    assert allowed == [True] * 5 + [False] * 3
    assert throttling.sign_in_wait(email="a@example.org", address=ATTACKER, now=NOW + 5) == pytest.approx(30 - 1)
    # The same account from the person's own address: no wait at all.
    assert throttling.sign_in_wait(email="a@example.org", address=HOME, now=NOW + 5) == 0
    # The attacker may try again once the wait is over, and then waits twice as long.
    assert fail("a@example.org", ATTACKER, NOW + 4 + 30).allowed
    assert throttling.sign_in_wait(email="a@example.org", address=ATTACKER, now=NOW + 34) == 60


def test_refused_attempts_are_not_counted() -> None:
    for i in range(5):
        fail("a@example.org", ATTACKER, NOW + i)
    for _ in range(50):
        assert not fail("a@example.org", ATTACKER, NOW + 5).allowed
    # Still the first wait, not one made longer by the refused attempts.
    assert throttling.sign_in_wait(email="a@example.org", address=ATTACKER, now=NOW + 5) == pytest.approx(29)


def test_many_accounts_from_one_address_slow_that_address_a_little_but_not_people_known_there() -> None:
    throttling.sign_in_success_record(email="regular@example.org", address=ATTACKER, now=NOW)
    for n in range(20):
        assert fail(f"guess{n}@example.org", ATTACKER, NOW + 1).allowed
    wait = throttling.sign_in_wait(email="new.starter@example.org", address=ATTACKER, now=NOW + 1)
    assert 0 < wait <= 120, "a short wait, not a lock"
    assert throttling.sign_in_wait(email="regular@example.org", address=ATTACKER, now=NOW + 1) == 0
    assert throttling.sign_in_wait(email="new.starter@example.org", address=HOME, now=NOW + 1) == 0


def test_a_busy_office_signing_in_rightly_is_never_slowed_down() -> None:
    for n in range(40):
        attempt = throttling.sign_in_attempt_start(email=f"colleague{n}@example.org", address=ATTACKER, now=NOW)
        assert attempt.allowed
        throttling.sign_in_attempt_passed(attempt=attempt)
        throttling.sign_in_success_record(email=f"colleague{n}@example.org", address=ATTACKER, now=NOW)
    assert throttling.sign_in_wait(email="new.starter@example.org", address=ATTACKER, now=NOW) == 0


def test_failures_from_many_addresses_only_slow_the_account_gently() -> None:
    for n in range(200):
        fail("a@example.org", f"198.51.100.{n}", NOW + 1)
    # A first try from the person's own address is checked straight away...
    assert throttling.sign_in_wait(email="a@example.org", address=HOME, now=NOW + 1) == 0
    # ...and after a wrong password of their own they wait only a few seconds.
    assert fail("a@example.org", HOME, NOW + 1).allowed
    assert throttling.sign_in_wait(email="a@example.org", address=HOME, now=NOW + 1) == 10


def test_counts_are_forgotten_after_two_windows() -> None:
    for i in range(5):
        fail("a@example.org", ATTACKER, NOW + i)
    assert throttling.sign_in_wait(email="a@example.org", address=ATTACKER, now=NOW + 5) > 0
    later = NOW + 2 * 900 + 1
    assert throttling.sign_in_attempt_start(email="a@example.org", address=ATTACKER, now=later).allowed


def test_success_forgets_the_pair_and_capitals_do_not_matter() -> None:
    for i in range(5):
        fail("A@Example.org", ATTACKER, NOW + i)
    assert throttling.sign_in_wait(email="a@example.org", address=ATTACKER, now=NOW + 5) > 0
    throttling.sign_in_success_record(email="a@example.org", address=ATTACKER, now=NOW + 5)
    assert throttling.sign_in_wait(email="a@example.org", address=ATTACKER, now=NOW + 5) == 0


def test_the_tenth_failure_in_an_hour_tells_the_person_once_a_day() -> None:
    told = []
    for n in range(30):
        attempt = throttling.sign_in_attempt_start(email="a@example.org", address=f"198.51.100.{n}", now=NOW)
        told.append(throttling.sign_in_attempt_failed(attempt=attempt).notify)
    assert told.index(True) == 9 and told.count(True) == 1


def test_the_cache_never_holds_the_email_address_in_plain_text() -> None:
    fail("secret.person@example.org", "1.1.1.1", NOW)
    keys = list(cache._cache.keys())  # type: ignore[attr-defined]
    assert keys and not any("secret.person" in key for key in keys)


def test_rubbish_in_the_cache_counts_as_nothing() -> None:
    for key in list(cache._cache.keys()):  # type: ignore[attr-defined]
        cache.delete(key)
    fail("a@example.org", "x", NOW)
    for key in list(cache._cache.keys()):  # type: ignore[attr-defined]
        cache.set(key.split(":", 2)[-1], "not a number")
    assert throttling.sign_in_wait(email="a@example.org", address="x", now=NOW) == 0


def test_password_reset_emails_are_limited_per_address() -> None:
    sent = [throttling.password_reset_email_allowed(email="a@example.org", now=NOW + i) for i in range(5)]
    assert sent == [True, True, True, False, False]
    assert throttling.password_reset_email_allowed(email="a@example.org", now=NOW + 2 * 3600 + 1)


def test_client_address_comes_from_remote_addr() -> None:
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.7", HTTP_X_FORWARDED_FOR="203.0.113.1")
    assert throttling.client_address(request) == "192.0.2.7"


# Concurrency: many workers start an attempt before any of them has checked its password.


def _race(workers: int, start: Callable[[], throttling.Attempt]) -> list[throttling.Attempt]:
    barrier = threading.Barrier(workers)
    results: list[throttling.Attempt] = []
    lock = threading.Lock()

    def worker() -> None:
        barrier.wait()
        attempt = start()
        with lock:
            results.append(attempt)

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_guesses_sent_at_once_get_no_more_checks_than_guesses_sent_one_by_one() -> None:
    """Issue 8: two workers both read "4" and both let a guess through. Here every attempt is
    taken before any password is checked, so a plain read-then-write count would let all through."""
    started = [throttling.sign_in_attempt_start(email="a@example.org", address=ATTACKER, now=NOW) for _ in range(12)]
    assert sum(a.allowed for a in started) == 5
    for attempt in started:
        if attempt.allowed:
            throttling.sign_in_attempt_failed(attempt=attempt)
    assert not throttling.sign_in_attempt_start(email="a@example.org", address=ATTACKER, now=NOW).allowed


def test_threads_racing_in_the_local_cache_get_only_the_free_checks() -> None:
    results = _race(16, lambda: throttling.sign_in_attempt_start(email="a@example.org", address=ATTACKER, now=NOW))
    assert len(results) == 16
    # Never more than the free attempts. Fewer is possible when the account's own count gets ahead
    # of the pair's in the race (the losers' counts are taken back), and is safe.
    raced = sum(a.allowed for a in results)
    assert 1 <= raced <= 5
    # Then, one by one, exactly the rest of the free attempts, and a wait.
    assert raced + _one_by_one_until_refused() == 5


def _one_by_one_until_refused() -> int:
    for allowed in range(100):
        if not throttling.sign_in_attempt_start(email="a@example.org", address=ATTACKER, now=NOW).allowed:
            return allowed
    raise AssertionError("never refused")


@pytest.fixture
def redis_cache() -> Iterator[None]:
    """The real shared cache production uses, on a database of its own, when Redis is running."""
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"no Redis at {REDIS_URL}")
    prefix = f"tandem-test-{uuid.uuid4().hex}"
    caches = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    with override_settings(CACHES={"default": {**caches["default"], "KEY_PREFIX": prefix}}):
        yield
        client = redis.Redis.from_url(REDIS_URL)
        for key in client.scan_iter(f"{prefix}*"):
            client.delete(key)


def test_threads_racing_in_redis_get_only_the_free_checks(redis_cache: Any) -> None:
    results = _race(16, lambda: throttling.sign_in_attempt_start(email="a@example.org", address=ATTACKER, now=NOW))
    assert len(results) == 16
    # Never more than the free attempts. Fewer is possible when the account's own count gets ahead
    # of the pair's in the race (the losers' counts are taken back), and is safe.
    raced = sum(a.allowed for a in results)
    assert 1 <= raced <= 5
    # Then, one by one, exactly the rest of the free attempts, and a wait.
    assert raced + _one_by_one_until_refused() == 5
    # And the pair then waits, in every worker, while the person elsewhere does not.
    assert throttling.sign_in_wait(email="a@example.org", address=ATTACKER, now=NOW) > 0
    assert throttling.sign_in_wait(email="a@example.org", address=HOME, now=NOW) == 0


# Forms anyone can post: the same counters, per network address, per person, per invitation.

FORM = throttling.PostLimit(scope="test-form:address", who=ATTACKER, most=3, window=3600)


def _posts(limit: throttling.PostLimit, *, now: float, tries: int) -> list[bool]:
    return [throttling.post_start(limit, now=now) == 0 for _ in range(tries)]


def test_a_form_is_taken_up_to_its_limit_and_refused_posts_are_not_counted() -> None:
    assert _posts(FORM, now=NOW, tries=6) == [True, True, True, False, False, False]
    # Refused posts were not counted: once the first three are forgotten, three more go.
    later = NOW + 2 * 3600 + 1
    assert _posts(FORM, now=later, tries=4) == [True, True, True, False]


def test_another_address_and_another_form_are_not_held_up() -> None:
    _posts(FORM, now=NOW, tries=3)
    assert throttling.post_start(FORM, now=NOW) > 0
    elsewhere = throttling.PostLimit(scope=FORM.scope, who=HOME, most=3, window=3600)
    other_form = throttling.PostLimit(scope="other-form:address", who=ATTACKER, most=3, window=3600)
    assert throttling.post_start(elsewhere, now=NOW) == 0
    assert throttling.post_start(other_form, now=NOW) == 0


def test_the_wait_is_until_enough_posts_are_forgotten() -> None:
    start = 1_700_002_800.0  # the start of a bucket of an hour
    _posts(FORM, now=start, tries=3)
    assert throttling.post_start(FORM, now=start + 600) == 2 * 3600 - 600


def test_a_post_counted_by_two_limits_is_refused_by_either_and_counted_by_neither() -> None:
    address = throttling.PostLimit(scope="pair-form:address", who=ATTACKER, most=5, window=3600)
    invitation = throttling.PostLimit(scope="pair-form:invitation", who="organisations:1", most=2, window=3600)
    assert [throttling.post_start(address, invitation, now=NOW) == 0 for _ in range(3)] == [True, True, False]
    # The refused post used none of the address's turns: three more (on other invitations) go.
    other = throttling.PostLimit(scope="pair-form:invitation", who="organisations:2", most=5, window=3600)
    assert [throttling.post_start(address, other, now=NOW) == 0 for _ in range(4)] == [True, True, True, False]


def test_a_form_limit_never_holds_the_address_in_plain_text() -> None:
    throttling.post_start(FORM, now=NOW)
    assert not [key for key in cache._cache if ATTACKER in key]  # type: ignore[attr-defined]


def _race_posts() -> list[float]:
    barrier = threading.Barrier(16)
    results: list[float] = []
    lock = threading.Lock()

    def worker() -> None:
        barrier.wait()
        wait = throttling.post_start(FORM, now=NOW)
        with lock:
            results.append(wait)

    threads = [threading.Thread(target=worker) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_threads_posting_a_form_at_once_get_only_its_limit() -> None:
    results = _race_posts()
    assert len(results) == 16
    raced = sum(wait == 0 for wait in results)
    assert 1 <= raced <= 3
    assert raced + sum(_posts(FORM, now=NOW, tries=5)) == 3


def test_threads_posting_a_form_at_once_in_redis_get_only_its_limit(redis_cache: Any) -> None:
    results = _race_posts()
    assert len(results) == 16
    raced = sum(wait == 0 for wait in results)
    assert 1 <= raced <= 3
    assert raced + sum(_posts(FORM, now=NOW, tries=5)) == 3


def test_the_limits_of_each_public_form_come_from_settings(settings: Any) -> None:
    settings.FEEDBACK_POSTS_PER_ADDRESS = 4
    settings.PASSWORD_RESET_POSTS_PER_ADDRESS = 5
    settings.INVITATION_POSTS_PER_ADDRESS = 6
    settings.INVITATION_POSTS_PER_INVITATION = 7
    settings.PUBLIC_FORM_WINDOW_SECONDS = 120
    (signed_out,) = throttling.feedback_limits(address=ATTACKER)
    (signed_in,) = throttling.feedback_limits(address=ATTACKER, person="12")
    assert (signed_out.scope, signed_out.who, signed_out.most, signed_out.window) == (
        "feedback:address",
        ATTACKER,
        4,
        120,
    )
    assert (signed_in.scope, signed_in.who) == ("feedback:person", "12")
    assert [limit.most for limit in throttling.password_reset_limits(address=ATTACKER)] == [5]
    assert [limit.most for limit in throttling.invitation_limits(address=ATTACKER, invitation="x:1")] == [6, 7]
