"""The pages people see when something stops them: 403, 404 and 500."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from tandem.core.exceptions import PermissionDenied
from tandem.frontend.hooks import refusal_contacts

GENERIC_REFUSAL = "Your account does not have permission to see this page or do this."


def refusal_reason(exception: BaseException | None) -> str:
    """The plain reason carried by a refusal, or "" when it has none."""
    if exception is None:
        return ""
    if isinstance(exception, PermissionDenied):
        return exception.message
    if exception.args and isinstance(exception.args[0], str):
        return exception.args[0]
    return ""


def forbidden(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    context = {
        "reason": refusal_reason(exception) or GENERIC_REFUSAL,
        "organisation": getattr(request, "organisation", None),
        "admins": refusal_contacts(request),
    }
    return HttpResponse(render_to_string("403.html", context, request), status=403)


def not_found(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    return HttpResponse(render_to_string("404.html", {}, request), status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No request and no context processors: the failure may be in one of them or the database.
    return HttpResponse(render_to_string("500.html", {}), status=500)
