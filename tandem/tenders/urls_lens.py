"""URLs for the specification's lens pages (included by ``tandem/tenders/urls.py``)."""

from __future__ import annotations

from django.urls import path

from tandem.tenders.views.lens import lens_view

urlpatterns: list[object] = [
    path("lens/", lens_view, name="lens"),
]
