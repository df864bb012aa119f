"""The rule for slowing down failed sign-ins. Pure: no Django, no clock.

Times are seconds (as from ``time.time()``), passed in so the rule can be tested without waiting.

Nobody is ever locked out. Attempts are counted in three ways, and each way can only ask for a
wait before the next attempt, never a long stop:

- **the pair** (this email address from this network address): a few free attempts, then each
  further attempt must wait a growing delay after the last one, up to a cap. Someone guessing
  from one place is slowed down a lot; the same account from anywhere else is not affected.
- **the network address** (any email address from here): more free attempts, since one address
  is often a whole office, then a short delay with a low cap. This slows down someone trying one
  password against many accounts. People who have signed in to this account from this address
  before are not held up by it.
- **the account** (this email address from anywhere): when it sees many attempts, a pair that has
  already failed once must wait a few seconds between attempts. It never delays the first attempt
  from a new place, so an attacker somewhere else can never keep the real person out.

A wait is counted from the last attempt the scope saw. Counts are kept in fixed time buckets
(see ``bucket``): a count is the attempts in this bucket and the one before, so attempts are
forgotten one to two windows after they were made.

The forms anyone can post without signing in (feedback, password reset, making an account from
an invitation) are limited with the same buckets: ``posts_wait`` says how long until one more
post may be taken.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """How one scope slows down: ``free`` attempts, then waits from ``base_delay`` doubling
    to at most ``max_delay`` seconds."""

    free: int
    base_delay: float
    max_delay: float

    def delay_after(self, attempts: int) -> float:
        """Seconds the next attempt must wait after the last one, when ``attempts`` were made."""
        beyond = attempts + 1 - max(1, self.free)
        if beyond <= 0:
            return 0.0
        # Cap the exponent so a huge count cannot overflow the float.
        return float(min(self.max_delay, self.base_delay * 2 ** min(beyond - 1, 64)))


@dataclass(frozen=True)
class Rules:
    pair: Rule
    address: Rule
    # The account's rule: after ``account.free`` attempts, ``account.max_delay`` seconds between
    # attempts from a pair that has already tried (its ``base_delay`` is not used).
    account: Rule


@dataclass(frozen=True)
class Counts:
    """What the cache knows before an attempt. A ``*_last`` of None with a count above zero
    means the last attempt is still being made by another worker."""

    pair: int = 0
    pair_last: float | None = None
    address: int = 0
    address_last: float | None = None
    account: int = 0
    # This email address has signed in from this network address before.
    known: bool = False


def _wait(delay: float, last: float | None, now: float) -> float:
    if delay <= 0:
        return 0.0
    if last is None:
        # Another attempt is under way right now: it counts as just made.
        return delay
    return max(0.0, min(delay, last + delay - now))


def seconds_to_wait(counts: Counts, rules: Rules, *, now: float) -> float:
    """How long before the next attempt may be checked (0 when it may be checked now)."""
    waits = [_wait(rules.pair.delay_after(counts.pair), counts.pair_last, now)]
    if not counts.known:
        waits.append(_wait(rules.address.delay_after(counts.address), counts.address_last, now))
    if counts.pair > 0 and counts.account >= max(1, rules.account.free):
        # Gentle: only between attempts from a pair that has already tried.
        waits.append(_wait(rules.account.max_delay, counts.pair_last, now))
    return max(waits)


def bucket(now: float, window: float) -> int:
    """The number of the time bucket ``now`` falls in; buckets are ``window`` seconds long."""
    return math.floor(now / max(1.0, window))


def posts_wait(this_bucket: int, bucket_before: int, *, most: int, window: float, now: float) -> float:
    """Seconds before one more post of a form may be taken (0 when it may be taken now).

    The same fixed buckets as the sign-in counts: at most ``most`` posts are taken in this bucket
    and the one before together. When that many have been taken, the wait runs until enough of
    them are forgotten: the end of this bucket when this bucket alone is under the limit, else
    the end of the next one. Never more than two windows, so nobody waits long."""
    most = max(1, most)
    window = max(1.0, window)
    if max(0, this_bucket) + max(0, bucket_before) < most:
        return 0.0
    number = bucket(now, window)
    ends = number + (1 if max(0, this_bucket) < most else 2)
    return max(0.0, ends * window - now)


def should_notify(failures_this_hour: int, *, notify_at: int) -> bool:
    """Whether this failure is the one to tell the person about (exactly the ``notify_at``-th)."""
    return failures_this_hour == max(1, notify_at)


def minutes_to_wait(seconds: float) -> int:
    """Whole minutes to tell the person, rounded up so they never come back too early."""
    if seconds <= 0:
        return 0
    # Whole seconds first, so floating-point dust (900.00000001) does not add a minute.
    return max(1, math.ceil(round(seconds) / 60))


def wait_words(seconds: float) -> str:
    """The wait in words, rounded up so people never come back too early: "20 seconds",
    "1 minute", "3 minutes"."""
    # Whole seconds first, so floating-point dust (900.00000001) does not add a minute.
    whole = max(1, math.ceil(round(seconds, 6)))
    if whole < 60:
        return f"{whole} second" if whole == 1 else f"{whole} seconds"
    minutes = math.ceil(whole / 60)
    return "1 minute" if minutes == 1 else f"{minutes} minutes"


# What people are told when a form they posted must wait. It may not be them: a whole office can
# share one internet connection, so the words never suggest they did anything wrong.


def feedback_wait_message(seconds: float) -> str:
    return (
        "We have had a lot of feedback from your internet connection in a short time. "
        f"Wait {wait_words(seconds)}, then send it again. What you typed is still here."
    )


def password_reset_wait_message(seconds: float) -> str:
    """The same words whatever email address was typed, so they give nothing away."""
    return (
        "We have had a lot of requests for reset links from your internet connection in a short time. "
        f"Wait {wait_words(seconds)}, then try again."
    )


def invitation_wait_message(seconds: float) -> str:
    return (
        "We have had a lot of tries to make an account in a short time. "
        f"Wait {wait_words(seconds)}, then try again. We slow this down to keep accounts safe."
    )
