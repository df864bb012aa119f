"""The rule for how long a typed password keeps counting: no Django, no clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from tandem.accounts.password_window import is_recent, parse_timestamp, seconds_left

WINDOW = 600.0


def test_a_password_counts_for_the_window_and_not_a_second_longer() -> None:
    assert is_recent(1000.0, now=1000.0, window=WINDOW)
    assert seconds_left(1000.0, now=1000.0, window=WINDOW) == WINDOW
    assert is_recent(1000.0, now=1000.0 + WINDOW - 1, window=WINDOW)
    assert not is_recent(1000.0, now=1000.0 + WINDOW, window=WINDOW)
    assert seconds_left(1000.0, now=1000.0 + WINDOW + 5, window=WINDOW) == 0


def test_never_typed_a_time_ahead_of_the_clock_or_no_window_all_ask_again() -> None:
    assert not is_recent(None, now=1000.0, window=WINDOW)
    assert not is_recent(1001.0, now=1000.0, window=WINDOW)
    assert not is_recent(1000.0, now=1000.0, window=0)
    assert not is_recent(1000.0, now=1000.0, window=-5)


@given(
    confirmed_at=st.floats(min_value=0, max_value=4e9),
    elapsed=st.floats(min_value=-1e6, max_value=1e6),
    window=st.floats(min_value=-10, max_value=1e5),
)
def test_recent_exactly_when_typed_within_the_window_and_not_in_the_future(
    confirmed_at: float, elapsed: float, window: float
) -> None:
    now = confirmed_at + elapsed
    left = seconds_left(confirmed_at, now=now, window=window)
    assert 0 <= left <= max(0.0, window) + 1e-3  # (floating-point rounding at large times)
    assert is_recent(confirmed_at, now=now, window=window) == (
        window > 0 and confirmed_at <= now and now < confirmed_at + window
    )


def test_timestamps_read_back_only_when_well_formed_with_a_time_zone() -> None:
    moment = datetime(2026, 12, 4, 2, 0, tzinfo=UTC)
    assert parse_timestamp(moment.isoformat()) == moment.timestamp()
    other_zone = moment.astimezone(timezone(timedelta(hours=5)))
    assert parse_timestamp(other_zone.isoformat()) == moment.timestamp()
    for rubbish in (None, "", "yesterday", "2026-12-04T02:00:00", 1733277600, ["2026-12-04"]):
        assert parse_timestamp(rubbish) is None
