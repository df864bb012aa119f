"""Two-factor authentication, enforced on every page.

- Anonymous people: nothing to do, and no database queries.
- A session that has passed two-factor authentication (``TWO_FACTOR_SESSION_KEY`` is set):
  nothing to do, and no queries.
- Someone with two-factor authentication turned on whose session never passed it (for example
  it was turned on from another browser): signed out and sent to sign in.
- Someone who must use it (site administrators, people in funder organisations) but has not
  set it up yet: sent to set it up, with the reason on that page. At most one query.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from tandem.accounts.models import User
from tandem.accounts.selectors import user_requires_two_factor
from tandem.accounts.services import session_signed_out
from tandem.accounts.sessions import TWO_FACTOR_SESSION_KEY

# Pages someone who still has to set up two-factor authentication may see.
SETUP_ALLOWED = frozenset(
    {
        "accounts:two-factor-setup",
        "accounts:sign-out",
        "accounts:signed-out",
        "accounts:session-extend",
        "glossary:index",
        "frontend:accessibility",
        "frontend:privacy",
        "frontend:cookies",
        "frontend:feedback",
        "frontend:feedback-sent",
    }
)
# Pages that work for someone signed out, so after a forced sign-out they can carry on.
SIGNED_OUT_OK = frozenset(
    {
        "accounts:sign-in",
        "accounts:two-factor",
        "accounts:recovery-code",
        "accounts:sign-out",
        "accounts:signed-out",
        "accounts:password-reset",
        "accounts:password-reset-sent",
        "accounts:password-reset-confirm",
        "accounts:password-reset-complete",
    }
)


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated or request.session.get(TWO_FACTOR_SESSION_KEY):
            return None
        view_name = request.resolver_match.view_name if request.resolver_match else ""
        if isinstance(user, User) and user.has_two_factor:
            session_signed_out(actor=user, reason="two_factor_missing")
            logout(request)
            if view_name in SIGNED_OUT_OK:
                return None
            return redirect_to_login(request.get_full_path())
        if view_name in SETUP_ALLOWED or not user_requires_two_factor(user):
            return None
        setup = reverse("accounts:two-factor-setup")
        if request.method == "GET":
            setup = f"{setup}?{urlencode({'next': request.get_full_path()})}"
        return HttpResponseRedirect(setup)
