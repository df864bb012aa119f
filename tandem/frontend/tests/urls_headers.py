"""A test-only URLconf: the project's URLs plus a download that sets no caching headers itself."""

from __future__ import annotations

import io

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns

DOWNLOAD_PATH = "/test-headers/download/"


@login_required
def download(request: HttpRequest) -> FileResponse:
    """A download like the exports, but leaving ``Cache-Control`` to the middleware."""
    return FileResponse(io.BytesIO(b"Private notes"), as_attachment=True, filename="notes.txt")


urlpatterns = [
    path(DOWNLOAD_PATH.strip("/") + "/", download),
    *project_urlpatterns,
]
