"""URLs for the specification's lens pages (included by ``tandem/tenders/urls.py``)."""

from __future__ import annotations

urlpatterns: list[object] = []
