"""Helpers the sign-in screens share: safe ``next`` addresses, the half-finished sign-in that
waits for a code, and finishing a sign-in."""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.contrib.auth import login
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from tandem.accounts import throttling
from tandem.accounts.elevation import password_confirmation_record
from tandem.accounts.models import User
from tandem.accounts.selectors import user_get_active
from tandem.accounts.services import session_signed_in, sign_in_attempt_failure_record
from tandem.accounts.sessions import PENDING_STARTED_SESSION_KEY, PENDING_USER_SESSION_KEY, TWO_FACTOR_SESSION_KEY
from tandem.accounts.throttle import wait_words
from tandem.core.middleware import rescued_post_adopt

# Someone who gave the right password has this long to type their code.
PENDING_MINUTES = 10
_BACKEND = "django.contrib.auth.backends.ModelBackend"


def next_param(request: HttpRequest) -> str:
    """The ``next`` address the page was given, only when it is safe to go to (else "")."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return ""


def safe_next(request: HttpRequest, default: str = "frontend:home") -> str:
    """Where to go after this page: a safe ``next``, or the default page."""
    return next_param(request) or reverse(default)


def with_next(url_name: str, next_url: str, **params: str) -> str:
    """The address of a page, carrying ``next`` (and any other parameters) along."""
    query = {**params, **({"next": next_url} if next_url else {})}
    url = reverse(url_name)
    return f"{url}?{urlencode(query)}" if query else url


def locked_message(seconds: float) -> str:
    """What someone who must wait is told. The same words whether or not the email has an account."""
    return (
        f"You have tried to sign in too many times. Wait {wait_words(seconds)}, then try again. "
        "We slow down sign-in like this to protect your account."
    )


def attempt_failed(attempt: throttling.Attempt, form: Form, *, field: str | None, wrong: str) -> int:
    """A wrong password or code: count it, record and tell what it led to. Returns the status."""
    failure = sign_in_attempt_failure_record(attempt=attempt)
    if failure.wait > 0:
        form.add_error(None, locked_message(failure.wait))
        return 429
    form.add_error(field, wrong)
    return 200


def pending_start(request: HttpRequest, user: User) -> None:
    request.session[PENDING_USER_SESSION_KEY] = user.pk
    request.session[PENDING_STARTED_SESSION_KEY] = timezone.now().isoformat()


def pending_clear(request: HttpRequest) -> None:
    request.session.pop(PENDING_USER_SESSION_KEY, None)
    request.session.pop(PENDING_STARTED_SESSION_KEY, None)


def pending_user(request: HttpRequest) -> User | None:
    """The person who gave the right password and still owes a code, if that was recent."""
    pk = request.session.get(PENDING_USER_SESSION_KEY)
    started = request.session.get(PENDING_STARTED_SESSION_KEY)
    if pk is None or not isinstance(started, str):
        return None
    try:
        started_at = datetime.fromisoformat(started)
    except ValueError:
        started_at = None
    if started_at is None or timezone.now() - started_at > timedelta(minutes=PENDING_MINUTES):
        pending_clear(request)
        return None
    user = user_get_active(pk)
    if user is None or not user.has_two_factor:
        pending_clear(request)
        return None
    return user


def sign_in_complete(request: HttpRequest, user: User, *, method: str, two_factor: bool) -> HttpResponse:
    """Sign the person in, keep anything rescued from a timed-out page, and go on."""
    login(request, user, backend=_BACKEND)
    pending_clear(request)
    # Every sign-in starts with the password, so it counts as typing it just now.
    password_confirmation_record(request)
    if two_factor:
        request.session[TWO_FACTOR_SESSION_KEY] = timezone.now().isoformat()
    throttling.sign_in_success_record(email=user.email, address=throttling.client_address(request))
    session_signed_in(actor=user, method=method)
    rescued_post_adopt(request)
    return HttpResponseRedirect(safe_next(request))


def signed_in_user(request: HttpRequest) -> User:
    """``request.user`` for a view that only signed-in people reach."""
    user = request.user
    assert isinstance(user, User)
    return user
