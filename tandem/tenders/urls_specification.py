"""URLs for the specification's specification pages (included by ``tandem/tenders/urls.py``)."""

from __future__ import annotations

urlpatterns: list[object] = []
