"""Uploads keep at most a little more than the largest file any form accepts (frontend/uploads.py)."""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpRequest, JsonResponse
from django.test import Client
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from config.urls import urlpatterns as project_urlpatterns


@login_not_required
@csrf_exempt
def _received(request: HttpRequest) -> JsonResponse:
    sizes = {}
    for name, uploads in request.FILES.lists():
        [upload] = uploads
        sizes[name] = [upload.size, len(upload.read())]
    return JsonResponse(sizes)


urlpatterns = [path("upload-size/", _received), *project_urlpatterns]
KEEP = int(settings.TANDEM_UPLOAD_KEEP_BYTES)


def _post(client: Client, **files: bytes) -> dict[str, list[int]]:
    uploads = {name: SimpleUploadedFile(f"{name}.txt", data) for name, data in files.items()}
    response = client.post("/upload-size/", uploads)
    assert response.status_code == 200
    return dict(json.loads(response.content))


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_huge_upload_is_cut_just_past_the_largest_limit() -> None:
    got = _post(Client(), big=b"x" * (KEEP * 4), small=b"hello")
    assert got["big"] == [KEEP, KEEP], "only what is kept reaches the form, which still finds it too large"
    assert got["small"] == [5, 5]


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_file_as_large_as_what_is_kept_arrives_whole() -> None:
    assert _post(Client(), exact=b"y" * KEEP)["exact"] == [KEEP, KEEP]


def test_the_handler_comes_before_djangos_own() -> None:
    assert settings.FILE_UPLOAD_HANDLERS[0] == "tandem.frontend.uploads.KeepLittleUploadHandler"
