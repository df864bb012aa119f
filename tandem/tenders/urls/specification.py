"""URLs for the specification's overview and its core sections (included by
``tandem/tenders/urls/__init__.py``; every one gets ``pk``, the commission's pk). Its versions are
in ``urls/versions.py``."""

from __future__ import annotations

from django.urls import path

from tandem.tenders.views import specification

urlpatterns: list[object] = [
    path("", specification.overview_view, name="overview"),
    path("sections/<slug:section>/", specification.section_view, name="section"),
]
