"""URLs for the specification's overview, its core sections and its versions (included by
``tandem/tenders/urls/__init__.py``; every one gets ``pk``, the commission's pk)."""

from __future__ import annotations

from django.urls import path

from tandem.tenders.views import specification, versions

urlpatterns: list[object] = [
    path("", specification.overview_view, name="overview"),
    path("sections/<slug:section>/", specification.section_view, name="section"),
    path("versions/", versions.versions_view, name="versions"),
    path("versions/<int:number>/", versions.version_view, name="version"),
    path("versions/<int:number>/publish/", versions.version_publish_view, name="version-publish"),
]
