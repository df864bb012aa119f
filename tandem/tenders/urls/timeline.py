"""URLs for the specification's timeline pages (gathered by ``tandem/tenders/urls/__init__.py``): the
timeline with Tandem's checks, and co-production sizing."""

from __future__ import annotations

from django.urls import path

from tandem.tenders.views import timeline

urlpatterns: list[object] = [
    path("timeline/", timeline.timeline_view, name="timeline"),
    path("co-production/", timeline.coproduction_view, name="coproduction"),
]
