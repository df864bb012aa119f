"""The rule for throttling failed sign-ins. Pure: no Django, no clock.

Times are seconds (as from ``time.time()``), passed in so the rule can be tested without waiting.

The rule: failures older than the window are forgotten. When the failures still in the window
reach the limit, the person (or address) is locked out for one whole window from that failure.
While locked, attempts are refused before any password is checked, so they do not count.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Attempts:
    """Failed attempts for one email address or one client address."""

    failures: tuple[float, ...] = ()
    locked_until: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"failures": list(self.failures), "locked_until": self.locked_until}

    @classmethod
    def from_dict(cls, value: object) -> Attempts:
        """Read back what ``as_dict`` stored. Anything unexpected counts as no attempts."""
        if not isinstance(value, dict):
            return cls()
        failures = value.get("failures", [])
        locked_until = value.get("locked_until", 0.0)
        if not isinstance(failures, list) or not all(isinstance(f, int | float) for f in failures):
            failures = []
        if not isinstance(locked_until, int | float):
            locked_until = 0.0
        return cls(failures=tuple(float(f) for f in failures), locked_until=float(locked_until))


def seconds_locked(state: Attempts, *, now: float) -> float:
    """How many seconds are left before another attempt is allowed (0 when not locked)."""
    return max(0.0, state.locked_until - now)


def is_locked(state: Attempts, *, now: float) -> bool:
    return seconds_locked(state, now=now) > 0


def record_failure(state: Attempts, *, now: float, max_failures: int, window: float) -> tuple[Attempts, bool]:
    """Add one failure. Returns the new state and whether this failure started a lock."""
    if is_locked(state, now=now):
        return state, False
    recent = (*(f for f in state.failures if now - window < f <= now), now)
    if len(recent) >= max(1, max_failures):
        return Attempts(failures=(), locked_until=now + window), True
    return Attempts(failures=recent, locked_until=0.0), False


def minutes_to_wait(seconds: float) -> int:
    """Whole minutes to tell the person, rounded up so they never come back too early."""
    if seconds <= 0:
        return 0
    # Whole seconds first, so floating-point dust (900.00000001) does not add a minute.
    return max(1, math.ceil(round(seconds) / 60))
