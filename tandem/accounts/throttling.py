"""Failed sign-in counts kept in Django's cache, per email address and per client address.

The rule itself is in ``tandem.accounts.throttle``. Email addresses are hashed before they are
used as cache keys, so the cache never holds them in plain text. Every email address is
throttled in the same way whether or not it has an account, so the lock gives nothing away.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from tandem.accounts.throttle import Attempts, is_locked, record_failure, seconds_locked

EMAIL = "email"
ADDRESS = "address"
# Password reset emails: at most this many to one address per hour, silently.
PASSWORD_RESET_MAX_EMAILS = 3
PASSWORD_RESET_WINDOW_SECONDS = 60 * 60


@dataclass(frozen=True)
class Limits:
    max_failures: int
    window: int


def _limits(scope: str) -> Limits:
    window = int(settings.SIGN_IN_WINDOW_SECONDS)
    if scope == ADDRESS:
        # One address is often a whole office behind one network, so it gets more room.
        return Limits(int(settings.SIGN_IN_MAX_FAILURES_PER_ADDRESS), window)
    if scope == "reset":
        return Limits(PASSWORD_RESET_MAX_EMAILS, PASSWORD_RESET_WINDOW_SECONDS)
    return Limits(int(settings.SIGN_IN_MAX_FAILURES), window)


def _key(scope: str, ident: str) -> str:
    digest = hashlib.sha256(ident.strip().lower().encode("utf-8", "replace")).hexdigest()
    return f"tandem:throttle:{scope}:{digest}"


def _read(scope: str, ident: str) -> Attempts:
    return Attempts.from_dict(cache.get(_key(scope, ident)))


def _write(scope: str, ident: str, state: Attempts) -> None:
    # Keep the entry a little longer than anything in it can matter.
    cache.set(_key(scope, ident), state.as_dict(), timeout=_limits(scope).window * 2 + 60)


def client_address(request: HttpRequest) -> str:
    """The address the request came from. Behind a proxy, the proxy must set REMOTE_ADDR."""
    return str(request.META.get("REMOTE_ADDR") or "unknown")


def sign_in_seconds_locked(*, email: str, address: str, now: float | None = None) -> float:
    """Seconds until this email address or client address may try again (0 when free)."""
    now = time.time() if now is None else now
    return max(
        seconds_locked(_read(EMAIL, email), now=now) if email else 0.0,
        seconds_locked(_read(ADDRESS, address), now=now),
    )


def sign_in_failure_record(*, email: str, address: str, now: float | None = None) -> list[str]:
    """Count one failed attempt. Returns the scopes (``email``, ``address``) this just locked."""
    now = time.time() if now is None else now
    locked = []
    for scope, ident in ((EMAIL, email), (ADDRESS, address)):
        if not ident:
            continue
        limits = _limits(scope)
        state, just_locked = record_failure(
            _read(scope, ident), now=now, max_failures=limits.max_failures, window=limits.window
        )
        _write(scope, ident, state)
        if just_locked:
            locked.append(scope)
    return locked


def sign_in_success_record(*, email: str) -> None:
    """The right password and code: forget this email address's failures."""
    cache.delete(_key(EMAIL, email))


def password_reset_email_allowed(*, email: str, now: float | None = None) -> bool:
    """Whether to send another reset email to this address now; counts it when it is allowed."""
    now = time.time() if now is None else now
    state = _read("reset", email)
    if is_locked(state, now=now):
        return False
    limits = _limits("reset")
    state, _ = record_failure(state, now=now, max_failures=limits.max_failures, window=limits.window)
    _write("reset", email, state)
    return True
