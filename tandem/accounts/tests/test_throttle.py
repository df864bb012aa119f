"""The slow-down rule on its own: no Django, no clock."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tandem.accounts.throttle import (
    Counts,
    Rule,
    Rules,
    bucket,
    feedback_wait_message,
    invitation_wait_message,
    minutes_to_wait,
    password_reset_wait_message,
    posts_wait,
    seconds_to_wait,
    should_notify,
    wait_words,
)

PAIR = Rule(free=5, base_delay=30, max_delay=900)
ADDRESS = Rule(free=20, base_delay=5, max_delay=120)
ACCOUNT = Rule(free=10, base_delay=10, max_delay=10)
RULES = Rules(pair=PAIR, address=ADDRESS, account=ACCOUNT)
NOW = 1_000_000.0


def test_the_pair_has_free_attempts_then_waits_that_double_up_to_the_cap() -> None:
    assert [PAIR.delay_after(n) for n in range(5)] == [0, 0, 0, 0, 0]
    assert [PAIR.delay_after(n) for n in range(5, 12)] == [30, 60, 120, 240, 480, 900, 900]
    assert PAIR.delay_after(10_000) == 900, "a huge count neither overflows nor goes past the cap"


def test_a_wait_counts_from_the_last_attempt() -> None:
    counts = Counts(pair=5, pair_last=NOW)
    assert seconds_to_wait(counts, RULES, now=NOW) == 30
    assert seconds_to_wait(counts, RULES, now=NOW + 20) == 10
    assert seconds_to_wait(counts, RULES, now=NOW + 30) == 0


def test_an_attempt_still_being_made_counts_as_just_made() -> None:
    assert seconds_to_wait(Counts(pair=5, pair_last=None), RULES, now=NOW) == 30


def test_a_last_time_in_the_future_never_asks_for_more_than_the_delay() -> None:
    """Workers' clocks can differ by a little: the wait is never longer than the rule says."""
    assert seconds_to_wait(Counts(pair=5, pair_last=NOW + 500), RULES, now=NOW) == 30


def test_the_address_slows_down_only_people_who_have_not_signed_in_from_it() -> None:
    busy = Counts(address=40, address_last=NOW)
    assert seconds_to_wait(busy, RULES, now=NOW) == 120
    assert seconds_to_wait(Counts(address=40, address_last=NOW, known=True), RULES, now=NOW) == 0


def test_the_account_rule_never_delays_a_first_try_from_a_new_place() -> None:
    assert seconds_to_wait(Counts(account=10_000), RULES, now=NOW) == 0
    # A place that has already tried waits a few seconds between tries.
    assert seconds_to_wait(Counts(pair=1, pair_last=NOW, account=10_000), RULES, now=NOW) == 10
    assert seconds_to_wait(Counts(pair=1, pair_last=NOW, account=9), RULES, now=NOW) == 0


def test_words_for_the_wait_round_up() -> None:
    assert wait_words(0.2) == "1 second"
    assert wait_words(1) == "1 second"
    assert wait_words(29.5) == "30 seconds"
    assert wait_words(59) == "59 seconds"
    assert wait_words(60) == "1 minute"
    assert wait_words(61) == "2 minutes"
    assert wait_words(900.0000000000582) == "15 minutes"


def test_minutes_to_wait_rounds_up() -> None:
    assert minutes_to_wait(0) == 0
    assert minutes_to_wait(1) == 1
    assert minutes_to_wait(61) == 2
    assert minutes_to_wait(900.0000000000582) == 15


def test_buckets_and_the_notice() -> None:
    assert bucket(1799.9, 900) == 1 and bucket(1800, 900) == 2
    assert [should_notify(n, notify_at=10) for n in (9, 10, 11)] == [False, True, False]


counts_strategy = st.builds(
    Counts,
    pair=st.integers(min_value=0, max_value=10_000),
    pair_last=st.none() | st.floats(min_value=NOW - 10_000, max_value=NOW + 10, allow_nan=False),
    address=st.integers(min_value=0, max_value=10_000),
    address_last=st.none() | st.floats(min_value=NOW - 10_000, max_value=NOW + 10, allow_nan=False),
    account=st.integers(min_value=0, max_value=10_000),
    known=st.booleans(),
)


@given(counts=counts_strategy)
def test_no_wait_is_ever_longer_than_the_longest_cap(counts: Counts) -> None:
    assert 0 <= seconds_to_wait(counts, RULES, now=NOW) <= max(PAIR.max_delay, ADDRESS.max_delay)


@given(
    account=st.integers(min_value=0, max_value=100_000),
    own=st.integers(min_value=0, max_value=PAIR.free - 1),
    own_last=st.floats(min_value=NOW - 10_000, max_value=NOW, allow_nan=False),
    known=st.booleans(),
)
def test_failures_from_other_addresses_never_make_the_real_person_wait_long(
    account: int, own: int, own_last: float, known: bool
) -> None:
    """However many failures other addresses caused on the account, the person at their own
    address (with fewer than the pair's free failures of their own) waits at most the account's
    few seconds, and not at all for their first try."""
    counts = Counts(
        pair=own, pair_last=own_last if own else None, address=own, address_last=own_last, account=account, known=known
    )
    wait = seconds_to_wait(counts, RULES, now=NOW)
    assert wait <= ACCOUNT.max_delay
    if own == 0:
        assert wait == 0


@given(
    attempts=st.lists(st.floats(min_value=0, max_value=10, allow_nan=False), min_size=1, max_size=60),
)
def test_from_one_pair_a_burst_gets_only_the_free_checks(attempts: list[float]) -> None:
    """Attempts within ten seconds of each other, each checked only when the rule says no wait:
    no more than the free attempts are checked."""
    checked: list[float] = []
    for offset in sorted(attempts):
        now = NOW + offset
        counts = Counts(pair=len(checked), pair_last=checked[-1] if checked else None)
        if seconds_to_wait(counts, RULES, now=now) == 0:
            checked.append(now)
    assert len(checked) <= PAIR.free


# Forms anyone can post --------------------------------------------------------------------------


def _visible(this_bucket: int, bucket_before: int, *, started: int, at: int, window: int) -> int:
    """The count the cache would show at ``at`` for posts counted by ``started``'s bucket."""
    moved = at // window - started // window
    if moved <= 0:
        return this_bucket + bucket_before
    return this_bucket if moved == 1 else 0


def test_posts_are_taken_up_to_the_limit_then_wait_for_the_end_of_a_bucket() -> None:
    # Bucket 1000 runs from 3,600,000 to 3,603,600 seconds.
    now = 3_600_000 + 600
    assert posts_wait(2, 0, most=3, window=3600, now=now) == 0
    # Full because of the bucket before: free again when this bucket ends.
    assert posts_wait(1, 2, most=3, window=3600, now=now) == 3000
    # Full within this bucket alone: free again when the next one ends.
    assert posts_wait(3, 0, most=3, window=3600, now=now) == 3000 + 3600
    # Rubbish counts (below zero) count as nothing, and a limit below one means one.
    assert posts_wait(-5, -5, most=0, window=3600, now=now) == 0
    assert posts_wait(1, 0, most=0, window=3600, now=now) > 0


@given(
    this_bucket=st.integers(min_value=0, max_value=500),
    bucket_before=st.integers(min_value=0, max_value=500),
    most=st.integers(min_value=1, max_value=200),
    window=st.integers(min_value=1, max_value=7 * 24 * 3600),
    now=st.integers(min_value=0, max_value=4_000_000_000),
)
def test_a_post_waits_exactly_until_enough_posts_are_forgotten(
    this_bucket: int, bucket_before: int, most: int, window: int, now: int
) -> None:
    wait = posts_wait(this_bucket, bucket_before, most=most, window=window, now=now)
    # A wait only when the limit is reached, and never more than two windows.
    assert (wait > 0) == (this_bucket + bucket_before >= most)
    assert 0 <= wait <= 2 * window
    if wait > 0:
        whole = round(wait)
        assert whole == wait, "with whole-second times the wait is whole seconds"
        # Once the wait is over, the count is under the limit; a second earlier it was not.
        assert _visible(this_bucket, bucket_before, started=now, at=now + whole, window=window) < most
        assert _visible(this_bucket, bucket_before, started=now, at=now + whole - 1, window=window) >= most


def test_the_wait_messages_are_kind_and_say_how_long() -> None:
    for message in (feedback_wait_message(61), password_reset_wait_message(61), invitation_wait_message(61)):
        assert "Wait 2 minutes, then" in message
        assert "too many" not in message.lower()
    assert "What you typed is still here" in feedback_wait_message(5)
