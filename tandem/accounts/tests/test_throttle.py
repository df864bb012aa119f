"""The throttle rule on its own: no Django, no clock."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tandem.accounts.throttle import Attempts, is_locked, minutes_to_wait, record_failure, seconds_locked

WINDOW = 900.0


def fail(state: Attempts, now: float, max_failures: int = 5) -> tuple[Attempts, bool]:
    return record_failure(state, now=now, max_failures=max_failures, window=WINDOW)


def test_the_fifth_failure_in_the_window_locks_for_the_window() -> None:
    state = Attempts()
    for second in range(4):
        state, locked = fail(state, 1000.0 + second)
        assert not locked
        assert not is_locked(state, now=1000.0 + second)
    state, locked = fail(state, 1010.0)
    assert locked
    assert seconds_locked(state, now=1010.0) == WINDOW
    assert is_locked(state, now=1010.0 + WINDOW - 1)
    assert not is_locked(state, now=1010.0 + WINDOW)


def test_failures_older_than_the_window_are_forgotten() -> None:
    state = Attempts()
    for second in range(4):
        state, _ = fail(state, float(second))
    state, locked = fail(state, WINDOW + 10)
    assert not locked
    assert state.failures == (WINDOW + 10,)


def test_attempts_while_locked_do_not_extend_the_lock() -> None:
    state = Attempts(locked_until=2000.0)
    again, locked = fail(state, 1500.0)
    assert again == state
    assert not locked


def test_minutes_to_wait_rounds_up() -> None:
    assert minutes_to_wait(0) == 0
    assert minutes_to_wait(1) == 1
    assert minutes_to_wait(60) == 1
    assert minutes_to_wait(61) == 2
    assert minutes_to_wait(900) == 15
    assert minutes_to_wait(900.0000000000582) == 15
    assert minutes_to_wait(0.2) == 1


def test_state_survives_the_cache_round_trip_and_rejects_rubbish() -> None:
    state = Attempts(failures=(1.0, 2.5), locked_until=9.0)
    assert Attempts.from_dict(state.as_dict()) == state
    assert Attempts.from_dict(None) == Attempts()
    assert Attempts.from_dict({"failures": "nope", "locked_until": "x"}) == Attempts()
    assert Attempts.from_dict({"failures": [1, "x"]}) == Attempts()


@given(
    times=st.lists(st.floats(min_value=0, max_value=1e6, allow_nan=False), max_size=40).map(sorted),
    max_failures=st.integers(min_value=1, max_value=10),
)
def test_never_locked_with_fewer_failures_than_the_limit_in_any_window(times: list[float], max_failures: int) -> None:
    state = Attempts()
    for index, now in enumerate(times):
        was_locked = is_locked(state, now=now)
        state, just_locked = fail(state, now, max_failures)
        if just_locked:
            # Locking needs max_failures failures inside one window, counted while unlocked.
            assert not was_locked
            recent = [t for t in times[: index + 1] if now - WINDOW < t <= now]
            assert len(recent) >= max_failures
            assert seconds_locked(state, now=now) == pytest.approx(WINDOW)
        if is_locked(state, now=now):
            assert 1 <= minutes_to_wait(seconds_locked(state, now=now)) <= WINDOW / 60
