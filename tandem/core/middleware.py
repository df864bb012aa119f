"""Keep what someone typed when their session timed out before they pressed the button."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from tandem.core.drafts import draft_clean, draft_save

RESCUE_SESSION_KEY = "tandem_rescued_post"
# Pages anyone may post to; a post from someone signed out is normal there. A view can also
# say so itself with Django's ``@login_not_required`` decorator.
PUBLIC_POST_NAMESPACES = frozenset({"accounts", "invitations"})
PUBLIC_POST_VIEWS = frozenset({"frontend:feedback", "drafts:save"})


class RescueExpiredPostMiddleware:
    """When a signed-out person posts a form (their session expired), keep the form in the
    anonymous session and send them to sign in. After sign-in the draft is moved to their
    account and the page shows it again with a note that nothing was lost.

    It runs once the address is known to be a real page (and after the CSRF check), and never
    for pages anyone may post to. Passwords, codes and tokens are never kept (see
    ``tandem.core.drafts.draft_clean``)."""

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
        if request.method != "POST" or request.user.is_authenticated:
            return None
        match = request.resolver_match
        if (
            match is None
            or match.namespace in PUBLIC_POST_NAMESPACES
            or match.view_name in PUBLIC_POST_VIEWS
            or getattr(view_func, "login_required", True) is False
        ):
            return None
        request.session[RESCUE_SESSION_KEY] = {"path": request.path, "data": draft_clean(request.POST)}
        login = reverse(settings.LOGIN_URL)
        return redirect(f"{login}?{urlencode({'next': request.path, 'timed_out': '1'})}")


def rescued_post_adopt(request: HttpRequest) -> None:
    """Called right after sign-in: turn a rescued post into the person's draft."""
    rescued = request.session.pop(RESCUE_SESSION_KEY, None)
    if not isinstance(rescued, dict) or not request.user.is_authenticated:
        return
    path, data = rescued.get("path"), rescued.get("data")
    if isinstance(path, str) and path.startswith("/") and isinstance(data, dict) and data:
        draft_save(user=request.user, path=path, data=data)
