"""Turn refusals that escaped a view into the page that explains them."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from tandem.core.exceptions import PermissionDenied
from tandem.frontend.errors import forbidden


class ApplicationErrorMiddleware:
    """A service that refuses raises ``tandem.core.exceptions.PermissionDenied`` with a reason.
    Views should catch it, but when one does not, the person still gets the 403 page with that
    reason rather than a server error."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, PermissionDenied):
            return forbidden(request, exception)
        return None
