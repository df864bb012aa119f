"""URLs for the specification's lens pages (gathered by ``tandem/tenders/urls/__init__.py``)."""

from __future__ import annotations

from django.urls import path

from tandem.tenders.views.tender_lens import tender_lens_view

urlpatterns: list[object] = [
    path("lens/", tender_lens_view, name="tender-lens"),
]
