"""How long a typed password keeps counting. Pure: no Django, no clock.

Some changes could lock a person out of their account or let someone else in. Before them we
ask for the password again, unless the person typed it (to sign in, or on the "confirm your
password" page) within the last few minutes. This is that rule. Times are seconds (as from
``time.time()``), passed in so the rule can be tested without waiting.
"""

from __future__ import annotations

from datetime import datetime


def seconds_left(confirmed_at: float | None, *, now: float, window: float) -> float:
    """Seconds until the password must be typed again (0 when it must be typed now).

    A time in the future (the clock went back) does not count: better to ask once too often."""
    if confirmed_at is None or window <= 0 or confirmed_at > now:
        return 0.0
    return max(0.0, confirmed_at + window - now)


def is_recent(confirmed_at: float | None, *, now: float, window: float) -> bool:
    """Whether a password typed at ``confirmed_at`` still counts at ``now``."""
    return seconds_left(confirmed_at, now=now, window=window) > 0


def parse_timestamp(value: object) -> float | None:
    """Read back a time stored as an ISO 8601 string with a time zone. Anything else is None."""
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    return moment.timestamp()
