"""Middleware for every page: every response says which browser features Tandem never uses,
and nothing shown to a signed-in person is kept in a cache."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


def permissions_policy_header(policy: dict[str, list[str]]) -> str:
    """``{"camera": [], "fullscreen": ["self"]}`` as ``camera=(), fullscreen=(self)``."""
    return ", ".join(f"{feature}=({' '.join(allowed)})" for feature, allowed in policy.items())


class PermissionsPolicyMiddleware:
    """Adds the ``Permissions-Policy`` header (``settings.PERMISSIONS_POLICY``) to every response,
    so a script that got into a page still cannot use the camera, the microphone, where the
    person is, payments and the like: Tandem uses none of them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.header = permissions_policy_header(settings.PERMISSIONS_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


class SignedInNoStoreMiddleware:
    """Every response to a signed-in person (pages, redirects, downloads) says
    ``Cache-Control: private, no-store``: no shared cache may keep it and the browser may not
    write it to disk, so the next person at a shared computer cannot go back to it.

    It sits after ``AuthenticationMiddleware``. Static files never reach it (WhiteNoise answers
    them first), and pages for people who are not signed in keep whatever caching they had."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        signed_in_before = _signed_in(request)
        response = self.get_response(request)
        # Checked again after the view: the response that signs someone in is theirs too.
        if signed_in_before or _signed_in(request):
            patch_cache_control(response, private=True, no_store=True)
        return response


def _signed_in(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)
