"""A test-only URLconf: the project's URLs plus views that fail in each way."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns
from tandem.core.exceptions import ApplicationError, PermissionDenied
from tandem.core.permissions import Decision

REASON = "Only administrators of an organisation can invite people to join it."
SERVICE_REASON = "You can only change members of organisations you run."


def refuse_in_view(request: HttpRequest) -> HttpResponse:
    raise DjangoPermissionDenied(REASON)


def refuse_in_service(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied(SERVICE_REASON)


def _service_that_refuses() -> None:
    Decision.deny(SERVICE_REASON).require()


def refuse_in_service_called_like_a_form_view(request: HttpRequest) -> HttpResponse:
    """The shape every form view has: a business rule's message goes beside the field. A refusal
    must not end up there."""
    try:
        _service_that_refuses()
    except ApplicationError as error:
        return HttpResponse(f"Shown beside the field: {error.message}")
    return HttpResponse("Saved")


def refuse_without_reason(request: HttpRequest) -> HttpResponse:
    raise DjangoPermissionDenied


def missing(request: HttpRequest) -> HttpResponse:
    raise Http404("Organisation 42 is private to its members")


def broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("The database caught fire")


urlpatterns = [
    path("test-errors/refuse/", refuse_in_view),
    path("test-errors/refuse-service/", refuse_in_service),
    path("test-errors/refuse-service-form/", refuse_in_service_called_like_a_form_view),
    path("test-errors/refuse-blank/", refuse_without_reason),
    path("test-errors/missing/", missing),
    path("test-errors/broken/", broken),
    *project_urlpatterns,
]

handler403 = "tandem.frontend.errors.forbidden"
handler404 = "tandem.frontend.errors.not_found"
handler500 = "tandem.frontend.errors.server_error"
