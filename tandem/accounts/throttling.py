"""Sign-in attempts counted in Django's cache, per pair, per network address and per account.

The rule itself is in ``tandem.accounts.throttle``. Every count is changed with the cache's own
atomic ``add`` and ``incr``, never read, changed and written back, so two workers cannot both
take the same free attempt. Production settings refuse a cache that each worker keeps to itself
(``tandem.core.checks``).

An attempt is counted *before* the password is checked (``sign_in_attempt_start``): a worker
takes its number first, and only then looks at the password, so a burst of guesses sent at once
gets no more checks than guesses sent one by one.

The forms anyone can post without signing in are limited the same way (``post_start`` with the
``PostLimit`` of each form): each post is counted per network address (and per invitation), and
once a form has been posted its limit of times, the next post waits until some are forgotten.

Email addresses are hashed before they are used in cache keys, so the cache never holds them in
plain text. Every email address is counted the same way whether or not it has an account, so
the waits give nothing away.
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from tandem.accounts.throttle import (
    Counts,
    Rule,
    Rules,
    bucket,
    feedback_wait_message,
    posts_wait,
    seconds_to_wait,
    should_notify,
)

PAIR = "pair"
ADDRESS = "address"
ACCOUNT = "account"
# The scope that names an email address, whether or not it has an account (the old name).
EMAIL = ACCOUNT
# Password reset emails: at most this many to one address per hour, silently.
PASSWORD_RESET_MAX_EMAILS = 3
PASSWORD_RESET_WINDOW_SECONDS = 60 * 60
# The address rule's first wait; it doubles up to SIGN_IN_ADDRESS_MAX_DELAY_SECONDS.
ADDRESS_BASE_DELAY_SECONDS = 5
# How long a successful sign-in from an address is remembered for the address rule.
KNOWN_SECONDS = 90 * 24 * 60 * 60
NOTICE_WINDOW_SECONDS = 60 * 60
NOTICE_AT_MOST_EVERY_SECONDS = 24 * 60 * 60
# The clock, in one place so tests can move it on.
clock = time.time


def rules() -> Rules:
    return Rules(
        pair=Rule(
            free=int(settings.SIGN_IN_MAX_FAILURES),
            base_delay=float(settings.SIGN_IN_DELAY_SECONDS),
            max_delay=float(settings.SIGN_IN_MAX_DELAY_SECONDS),
        ),
        address=Rule(
            free=int(settings.SIGN_IN_MAX_FAILURES_PER_ADDRESS),
            base_delay=float(min(ADDRESS_BASE_DELAY_SECONDS, settings.SIGN_IN_ADDRESS_MAX_DELAY_SECONDS)),
            max_delay=float(settings.SIGN_IN_ADDRESS_MAX_DELAY_SECONDS),
        ),
        account=Rule(
            free=int(settings.SIGN_IN_ACCOUNT_SLOW_AFTER),
            base_delay=float(settings.SIGN_IN_ACCOUNT_DELAY_SECONDS),
            max_delay=float(settings.SIGN_IN_ACCOUNT_DELAY_SECONDS),
        ),
    )


def _window() -> int:
    return max(1, int(settings.SIGN_IN_WINDOW_SECONDS))


def _digest(*parts: str) -> str:
    joined = "\x00".join(part.strip().lower() for part in parts)
    return hashlib.sha256(joined.encode("utf-8", "replace")).hexdigest()


def _scope_key(scope: str, email: str, address: str) -> str:
    if scope == PAIR:
        return f"tandem:throttle:{PAIR}:{_digest(email, address)}"
    if scope == ADDRESS:
        return f"tandem:throttle:{ADDRESS}:{_digest(address)}"
    return f"tandem:throttle:{scope}:{_digest(email)}"


def _bucket_keys(base: str, *, now: float, window: int) -> tuple[str, str]:
    """This bucket's key and the one before's."""
    number = bucket(now, window)
    return f"{base}:{number}", f"{base}:{number - 1}"


def _as_int(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def _as_time(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _incr(key: str, *, timeout: int) -> int:
    """Add one to a counter, atomically, creating it when it is missing. Returns the new count."""
    for _ in range(3):
        cache.add(key, 0, timeout=timeout)
        try:
            value = cache.incr(key)
        except ValueError:
            continue  # it expired between add and incr: make it again
        return _as_int(value)
    raise RuntimeError(f"Could not count in the cache key {key}")


def _count(base: str, *, now: float, window: int) -> int:
    current, previous = _bucket_keys(base, now=now, window=window)
    values = cache.get_many([current, previous])
    return _as_int(values.get(current)) + _as_int(values.get(previous))


def _count_up(base: str, *, now: float, window: int) -> int:
    """Count one more in this bucket. Returns the count in this bucket and the one before."""
    current, previous = _bucket_keys(base, now=now, window=window)
    # Long enough for the bucket to be read back as "the one before".
    mine = _incr(current, timeout=window * 2 + 60)
    return mine + _as_int(cache.get(previous))


def _known_key(email: str, address: str) -> str:
    return f"tandem:throttle:known:{_digest(email, address)}"


def _read(*, email: str, address: str, now: float) -> Counts:
    window = _window()
    pair, addr, account = (_scope_key(scope, email, address) for scope in (PAIR, ADDRESS, ACCOUNT))
    lasts = cache.get_many([f"{pair}:last", f"{addr}:last", _known_key(email, address)])
    return Counts(
        pair=_count(pair, now=now, window=window),
        pair_last=_as_time(lasts.get(f"{pair}:last")),
        address=_count(addr, now=now, window=window),
        address_last=_as_time(lasts.get(f"{addr}:last")),
        account=_count(account, now=now, window=window),
        known=bool(lasts.get(_known_key(email, address))),
    )


def client_address(request: HttpRequest) -> str:
    """The address the request came from. Behind a proxy, the proxy must set REMOTE_ADDR."""
    return str(request.META.get("REMOTE_ADDR") or "unknown")


def sign_in_wait(*, email: str, address: str, now: float | None = None) -> float:
    """Seconds before this email address may be tried again from this address (0 when now)."""
    now = clock() if now is None else now
    return seconds_to_wait(_read(email=email, address=address, now=now), rules(), now=now)


@dataclass(frozen=True)
class Attempt:
    """One sign-in attempt. ``wait`` above zero means it was refused without checking anything."""

    email: str
    address: str
    now: float
    wait: float = 0.0
    # The counts including this attempt (pair, address, account), when it was counted.
    counted: dict[str, int] = field(default_factory=dict)
    # The time bucket it was counted in.
    bucket: int = 0

    @property
    def allowed(self) -> bool:
        return self.wait <= 0


def sign_in_attempt_start(*, email: str, address: str, now: float | None = None) -> Attempt:
    """Take a turn to check a password or code for this email address from this address.

    Refused (``wait`` > 0) when the rule says to wait: then nothing is counted. Otherwise the
    attempt is counted first, and checked against the rule again with the counts it got, so
    attempts racing each other in other workers cannot all slip through."""
    now = clock() if now is None else now
    the_rules = rules()
    before = _read(email=email, address=address, now=now)
    wait = seconds_to_wait(before, the_rules, now=now)
    if wait > 0:
        return Attempt(email=email, address=address, now=now, wait=wait)
    window = _window()
    counted = {
        scope: _count_up(_scope_key(scope, email, address), now=now, window=window)
        for scope in (PAIR, ADDRESS, ACCOUNT)
    }
    pair, addr = _scope_key(PAIR, email, address), _scope_key(ADDRESS, email, address)
    lasts = cache.get_many([f"{pair}:last", f"{addr}:last"])
    mine = Counts(
        pair=counted[PAIR] - 1,
        pair_last=_as_time(lasts.get(f"{pair}:last")),
        address=counted[ADDRESS] - 1,
        address_last=_as_time(lasts.get(f"{addr}:last")),
        account=counted[ACCOUNT] - 1,
        known=before.known,
    )
    # Another attempt counted moments ago whose time is not written yet looks like "just now".
    if mine.pair > 0 and mine.pair_last is None:
        mine = replace(mine, pair_last=now)
    if mine.address > 0 and mine.address_last is None:
        mine = replace(mine, address_last=now)
    wait = seconds_to_wait(mine, the_rules, now=now)
    if wait > 0:
        # Lost the race: take the counts back, so refused attempts are never counted. Every
        # count stays at least the number of attempts let through, so the limit still holds.
        _uncount(
            Attempt(email=email, address=address, now=now, counted=counted, bucket=bucket(now, window)),
            PAIR,
            ADDRESS,
            ACCOUNT,
        )
        return Attempt(email=email, address=address, now=now, wait=wait)
    timeout = window * 2 + 60
    cache.set_many({f"{pair}:last": now, f"{addr}:last": now}, timeout=timeout)
    return Attempt(email=email, address=address, now=now, counted=counted, bucket=bucket(now, window))


@dataclass(frozen=True)
class Failure:
    """What a failed attempt led to."""

    # The scopes whose free attempts this failure used up (each is recorded in the audit trail).
    slowed: list[str]
    # Seconds before the next attempt from this pair may be checked.
    wait: float
    # Whether to tell the person their account has seen many failures.
    notify: bool


def sign_in_attempt_failed(*, attempt: Attempt) -> Failure:
    """The password or code of an allowed attempt was wrong."""
    the_rules = rules()
    free = {PAIR: the_rules.pair.free, ADDRESS: the_rules.address.free, ACCOUNT: the_rules.account.free}
    slowed = [scope for scope, count in attempt.counted.items() if count == max(1, free[scope])]
    hour = _incr(
        f"{_scope_key('hour', attempt.email, '')}:{bucket(attempt.now, NOTICE_WINDOW_SECONDS)}",
        timeout=NOTICE_WINDOW_SECONDS + 60,
    )
    notify = should_notify(hour, notify_at=int(settings.SIGN_IN_NOTICE_AFTER)) and cache.add(
        _scope_key("told", attempt.email, ""), 1, timeout=NOTICE_AT_MOST_EVERY_SECONDS
    )
    wait = sign_in_wait(email=attempt.email, address=attempt.address, now=attempt.now)
    return Failure(slowed=slowed, wait=wait, notify=bool(notify))


def sign_in_attempt_passed(*, attempt: Attempt) -> None:
    """The password (or code) of a counted attempt was right: take it back from the address's and
    the account's counts, so a busy office or a person signing in often is never slowed down.
    The pair keeps it until the whole sign-in is done (``sign_in_success_record``), so the right
    password again and again does not buy more guesses at the code."""
    _uncount(attempt, ADDRESS, ACCOUNT)


def _uncount(attempt: Attempt, *scopes: str) -> None:
    if not attempt.counted:
        return
    for scope in scopes:
        with contextlib.suppress(ValueError):
            cache.decr(f"{_scope_key(scope, attempt.email, attempt.address)}:{attempt.bucket}")


def sign_in_success_record(*, email: str, address: str = "", now: float | None = None) -> None:
    """The right password (and code): forget this pair's attempts, and remember the address.

    Without an address (a new password was set), forget the account's attempts instead."""
    now = clock() if now is None else now
    window = _window()
    if address:
        pair = _scope_key(PAIR, email, address)
        cache.delete_many([*_bucket_keys(pair, now=now, window=window), f"{pair}:last"])
        cache.set(_known_key(email, address), 1, timeout=KNOWN_SECONDS)
    else:
        cache.delete_many(list(_bucket_keys(_scope_key(ACCOUNT, email, address), now=now, window=window)))


def password_reset_email_allowed(*, email: str, now: float | None = None) -> bool:
    """Whether to send another reset email to this address now; counts it when it is allowed."""
    limit = PostLimit(scope="reset", who=email, most=PASSWORD_RESET_MAX_EMAILS, window=PASSWORD_RESET_WINDOW_SECONDS)
    return post_start(limit, now=now) <= 0


# Forms anyone can post without signing in ------------------------------------------------------


@dataclass(frozen=True)
class PostLimit:
    """At most ``most`` posts of one form by one ``who`` (a network address, a person, an
    invitation) in a window of ``window`` seconds. ``scope`` names the form and what is counted,
    like ``"feedback:address"``; ``who`` is hashed before it goes in a cache key."""

    scope: str
    who: str
    most: int
    window: int


def _post_keys(limit: PostLimit, *, now: float) -> tuple[str, str]:
    return _bucket_keys(_scope_key(limit.scope, limit.who, ""), now=now, window=max(1, limit.window))


def _post_wait(limit: PostLimit, this_bucket: int, bucket_before: int, *, now: float) -> float:
    return posts_wait(this_bucket, bucket_before, most=limit.most, window=max(1, limit.window), now=now)


def post_start(*limits: PostLimit, now: float | None = None) -> float:
    """Take one post of a form, counted against every limit given. Returns 0 when it may go
    ahead; otherwise the seconds to wait, and nothing is counted.

    Like sign-in attempts, a post is counted first (atomically) and then checked again with the
    count it got, so posts racing each other in other workers cannot all slip through."""
    now = clock() if now is None else now
    keys = [_post_keys(limit, now=now) for limit in limits]
    values = cache.get_many([key for pair in keys for key in pair])
    before = [(_as_int(values.get(current)), _as_int(values.get(previous))) for current, previous in keys]
    wait = max([_post_wait(limit, *counts, now=now) for limit, counts in zip(limits, before, strict=True)] or [0.0])
    if wait > 0:
        return wait
    counted: list[str] = []
    waits: list[float] = []
    for limit, (current, _previous), (_this, earlier) in zip(limits, keys, before, strict=True):
        # Long enough for the bucket to be read back as "the one before".
        mine = _incr(current, timeout=max(1, limit.window) * 2 + 60)
        counted.append(current)
        waits.append(_post_wait(limit, mine - 1, earlier, now=now))
    wait = max(waits or [0.0])
    if wait > 0:
        # Lost the race: take this post back from every count, so refused posts are never counted.
        for key in counted:
            with contextlib.suppress(ValueError):
                cache.decr(key)
    return wait


def _public_window() -> int:
    return max(1, int(settings.PUBLIC_FORM_WINDOW_SECONDS))


def feedback_limits(*, address: str, person: str = "") -> tuple[PostLimit, ...]:
    """Feedback from someone signed in is counted for them; from anyone else, for their network
    address (so an office of signed-in people on one connection is not held up)."""
    most, window = int(settings.FEEDBACK_POSTS_PER_ADDRESS), _public_window()
    if person:
        return (PostLimit(scope="feedback:person", who=person, most=most, window=window),)
    return (PostLimit(scope="feedback:address", who=address, most=most, window=window),)


def feedback_post_wait(request: HttpRequest) -> str:
    """Count one feedback post; what to tell the person when they must wait, or "" when not.
    Lent to the feedback page through ``tandem.frontend.hooks`` (registered in ``AccountsConfig``)."""
    person = str(request.user.pk) if request.user.is_authenticated else ""
    wait = post_start(*feedback_limits(address=client_address(request), person=person))
    return feedback_wait_message(wait) if wait > 0 else ""


def password_reset_limits(*, address: str) -> tuple[PostLimit, ...]:
    """Asking for reset links, per network address, whatever the email address typed."""
    most = int(settings.PASSWORD_RESET_POSTS_PER_ADDRESS)
    return (PostLimit(scope="reset:address", who=address, most=most, window=_public_window()),)


def invitation_limits(*, address: str, invitation: str) -> tuple[PostLimit, ...]:
    """Making an account from an invitation, per network address and per invitation (``invitation``
    names it, like ``"organisations:12"``)."""
    window = _public_window()
    return (
        PostLimit(
            scope="invitation:address", who=address, most=int(settings.INVITATION_POSTS_PER_ADDRESS), window=window
        ),
        PostLimit(
            scope="invitation:invitation",
            who=invitation,
            most=int(settings.INVITATION_POSTS_PER_INVITATION),
            window=window,
        ),
    )
