"""URLs for the specification's exports (gathered by ``tandem/tenders/urls/__init__.py``).

``name`` is ``pack.docx``, ``pack.pdf`` or ``evaluation-plan.xlsx``; anything else is 404.
``?version=N`` exports saved version N instead of the working copy. A saved version's page links to
``version-export``, whose ``format`` is ``docx`` or ``pdf`` (the specification pack) or ``xlsx``
(the evaluation plan).
"""

from __future__ import annotations

from django.urls import path

from tandem.tenders.views.export import specification_export_view, version_export_view

urlpatterns: list[object] = [
    path("export/<str:name>/", specification_export_view, name="export"),
    path("versions/<int:number>/export/<str:format>/", version_export_view, name="version-export"),
]
