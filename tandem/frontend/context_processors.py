from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def service(request: HttpRequest) -> dict[str, Any]:
    return {
        "service_name": settings.SERVICE_NAME,
        "service_phase": settings.SERVICE_PHASE,
        "operator_name": getattr(settings, "TANDEM_OPERATOR_NAME", ""),
        "contact_email": getattr(settings, "TANDEM_CONTACT_EMAIL", ""),
        "session_seconds": settings.SESSION_COOKIE_AGE,
        "session_warning_seconds": settings.SESSION_WARNING_SECONDS,
        "debug": settings.DEBUG,
    }
