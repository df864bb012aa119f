"""Keeping a session going when the timeout warning asks "Stay signed in?"."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from tandem.accounts.views.common import next_param, safe_next, with_next


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@require_POST
@never_cache
def session_extend(request: HttpRequest) -> HttpResponse:
    """With JavaScript: answers JSON. Without: goes back to the page (``next``)."""
    if not request.user.is_authenticated:
        if _wants_json(request):
            return JsonResponse({"message": "You have been signed out. Sign in again to carry on."}, status=401)
        return HttpResponseRedirect(with_next("accounts:sign-in", next_param(request), timed_out="1"))
    # Saving the session starts its clock again.
    request.session.modified = True
    if _wants_json(request):
        return JsonResponse({"expires_in": settings.SESSION_COOKIE_AGE})
    return HttpResponseRedirect(safe_next(request))
