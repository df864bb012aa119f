"""URLs for the specification's versions (gathered by ``tandem/tenders/urls/__init__.py``; every one
gets ``pk``, the commission's pk): the list, one version, publishing it, and comparing two."""

from __future__ import annotations

from django.urls import path

from tandem.tenders.views import versions

urlpatterns: list[object] = [
    path("versions/", versions.versions_view, name="versions"),
    path("versions/compare/", versions.versions_compare_view, name="versions-compare"),
    path("versions/<int:number>/", versions.version_view, name="version"),
    path("versions/<int:number>/publish/", versions.version_publish_view, name="version-publish"),
]
