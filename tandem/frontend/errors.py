"""The pages people see when something stops them: 403, 404, 500 and a form that could not be
checked as theirs (``CSRF_FAILURE_VIEW``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control

from tandem.core.drafts import draft_clean, draft_path_problem
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


# Fields a form carries for itself, not typed by the person: never shown back.
_MACHINE_FIELDS = frozenset({"version", "next", "discard", "csrfmiddlewaretoken"})
_MACHINE_SUFFIXES = ("-TOTAL_FORMS", "-INITIAL_FORMS", "-MIN_NUM_FORMS", "-MAX_NUM_FORMS", "-id", "-DELETE")
_FORMSET_PREFIX = re.compile(r"^(?:[a-z_]+-)?\d+-")


@dataclass(frozen=True)
class TypedBack:
    """One thing the person typed, shown back so they can copy it."""

    label: str
    text: str


def _label(name: str) -> str:
    words = _FORMSET_PREFIX.sub("", name).replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:] if words else "Something you typed"


def typed_back(request: HttpRequest) -> list[TypedBack]:
    """What the person typed into the form they posted, without passwords, codes, tokens or the
    form's own hidden fields (``draft_clean`` decides what is never kept, for drafts too)."""
    try:
        data = request.POST
    except (RequestDataTooBig, TooManyFieldsSent, SuspiciousOperation):
        return []
    shown = []
    for name, values in draft_clean(data).items():
        if name in _MACHINE_FIELDS or name.endswith(_MACHINE_SUFFIXES):
            continue
        text = "\n".join(value for value in values if value.strip())
        if text.strip():
            shown.append(TypedBack(label=_label(name), text=text))
    return shown


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form that arrived without the cookie that shows it came from this browser (cookies
    cleared, blocked, or a new device). Django's ``reason`` is for developers and never shown;
    what the person typed is shown back so nothing is lost, and the page is never stored."""
    # Only a plain path on this site is offered as a link back.
    path = "" if draft_path_problem(request.path) else request.path
    context = {"typed": typed_back(request), "path": path}
    response = HttpResponse(render_to_string("csrf_failure.html", context, request), status=403)
    patch_cache_control(response, private=True, no_store=True)
    return response
