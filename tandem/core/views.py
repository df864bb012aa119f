"""Saving drafts as people type (called by autosave.js)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST

from tandem.core.drafts import draft_path_problem, draft_save


@require_POST
@csrf_protect
@never_cache
def draft_save_view(request: HttpRequest) -> HttpResponse:
    """POST the form's fields plus ``draft_path`` (the page the form is on).

    204 when saved; 400 with ``{"message": ...}`` when the input is wrong; 401 when signed out.
    """
    if not request.user.is_authenticated:
        return JsonResponse({"message": "You have been signed out. Sign in again to keep your draft."}, status=401)
    path = request.POST.get("draft_path", "")
    problem = draft_path_problem(path)
    if problem:
        return JsonResponse({"message": problem}, status=400)
    draft_save(user=request.user, path=path, data=request.POST)
    return HttpResponse(status=204)
