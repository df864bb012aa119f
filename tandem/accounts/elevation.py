"""Ask for the password again before a sensitive change, unless it was typed a few minutes ago.

Changes that could lock someone out of an account, or let someone else in, check that the
person typed their password recently (see ``tandem.accounts.password_window`` for the rule and
``PASSWORD_CONFIRM_SECONDS`` for how recently). Signing in counts, and so does the "Confirm your
password" page (``accounts:confirm-password``). Outside the window the person is sent to that
page and then back again; a form they had posted is kept as a draft (``tandem.core.drafts``), so
the page shows it again when they come back. A page that uses this should restore drafts on GET
(``draft_form_data``) and clear the draft once the change is made (``draft_clear``).

Use it on a view, inside ``login_required``::

    @login_required
    @password_confirmed_recently
    def membership_edit(request, ...): ...

or, to refuse people who may not do the thing at all before asking for a password, call
``password_confirmation_redirect(request)`` after the permission check and return what it
gives when it is not None.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone

from tandem.accounts import password_window
from tandem.accounts.sessions import PASSWORD_CONFIRMED_SESSION_KEY
from tandem.core.drafts import draft_clean, draft_save

View = TypeVar("View", bound=Callable[..., HttpResponse])


def password_confirmation_record(request: HttpRequest) -> None:
    """The person has just typed their password: start the window again for this session."""
    request.session[PASSWORD_CONFIRMED_SESSION_KEY] = timezone.now().isoformat()


def password_confirmed_at(request: HttpRequest) -> float | None:
    """When the person last typed their password in this session (seconds), if we know."""
    return password_window.parse_timestamp(request.session.get(PASSWORD_CONFIRMED_SESSION_KEY))


def password_recently_confirmed(request: HttpRequest, *, now: float | None = None) -> bool:
    """Whether the signed-in person typed their password recently enough for a sensitive change."""
    if not request.user.is_authenticated:
        return False
    now = time.time() if now is None else now
    return password_window.is_recent(
        password_confirmed_at(request), now=now, window=float(settings.PASSWORD_CONFIRM_SECONDS)
    )


def confirm_password_url(next_url: str) -> str:
    """The "Confirm your password" page, coming back to ``next_url`` afterwards."""
    url = reverse("accounts:confirm-password")
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def password_confirmation_redirect(request: HttpRequest) -> HttpResponse | None:
    """None when the person may go ahead; otherwise the redirect to confirm their password.

    A post is not carried out: what it held (never passwords, codes or tokens) is kept as the
    person's draft for this page, so the page can show it again once they are back."""
    if not request.user.is_authenticated or password_recently_confirmed(request):
        return None
    if request.method == "POST":
        kept = draft_clean(request.POST)
        if kept:
            draft_save(user=request.user, path=request.path, data=kept)
    return HttpResponseRedirect(confirm_password_url(request.get_full_path()))


def password_confirmed_recently(view: View) -> View:
    """Decorator: send the person to confirm their password first when they have not typed it
    recently. Put it inside ``login_required``; people who are not signed in pass straight
    through to the view (and so to ``login_required``)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return password_confirmation_redirect(request) or view(request, *args, **kwargs)

    return cast(View, wrapped)
