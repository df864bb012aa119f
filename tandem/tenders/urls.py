"""The specification's pages, mounted at ``commissions/<pk>/specification/``.

One fragment per area, so each area's pages sit beside its views.
"""

from __future__ import annotations

from tandem.tenders import (
    urls_criteria,
    urls_export,
    urls_items,
    urls_lens,
    urls_questions,
    urls_specification,
    urls_timeline,
)

app_name = "tenders"

urlpatterns: list[object] = [
    *urls_specification.urlpatterns,
    *urls_items.urlpatterns,
    *urls_criteria.urlpatterns,
    *urls_questions.urlpatterns,
    *urls_timeline.urlpatterns,
    *urls_lens.urlpatterns,
    *urls_export.urlpatterns,
]
