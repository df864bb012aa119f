"""The specification's pages, mounted at ``commissions/<pk>/specification/``.

One module per area in this package (``urls/<area>.py``), gathered here in page order.
"""

from __future__ import annotations

from tandem.tenders.urls import criteria, export, items, questions, specification, tender_lens, timeline, versions

app_name = "tenders"

urlpatterns: list[object] = [
    *specification.urlpatterns,
    *versions.urlpatterns,
    *items.urlpatterns,
    *criteria.urlpatterns,
    *questions.urlpatterns,
    *timeline.urlpatterns,
    *tender_lens.urlpatterns,
    *export.urlpatterns,
]
