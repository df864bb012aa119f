"""Keep what someone typed when their session timed out before they pressed the button."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from tandem.core.drafts import draft_clean

RESCUE_SESSION_KEY = "tandem_rescued_post"
# Pages anyone may post to; a post from someone signed out is normal there.
_PUBLIC_POST_PREFIXES = ("/accounts/", "/invitations/")


class RescueExpiredPostMiddleware:
    """When a signed-out person posts a form (their session expired), keep the form in the
    anonymous session and send them to sign in. After sign-in the draft is moved to their
    account and the page shows it again with a note that nothing was lost."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.method == "POST"
            and not request.user.is_authenticated
            and not request.path.startswith(_PUBLIC_POST_PREFIXES)
            and request.path != "/drafts/"
            and request.path.startswith("/")
            and not request.path.startswith(settings.STATIC_URL)
        ):
            request.session[RESCUE_SESSION_KEY] = {"path": request.path, "data": draft_clean(request.POST)}
            login = reverse(settings.LOGIN_URL)
            return redirect(f"{login}?{urlencode({'next': request.path, 'timed_out': '1'})}")
        return self.get_response(request)


def rescued_post_adopt(request: HttpRequest) -> None:
    """Called right after sign-in: turn a rescued post into the person's draft."""
    rescued = request.session.pop(RESCUE_SESSION_KEY, None)
    if rescued and request.user.is_authenticated:
        from tandem.core.drafts import draft_save

        draft_save(user=request.user, path=rescued["path"], data=rescued["data"])
