"""URLs for the specification's lists: outcomes, trauma-informed requirements, budget lines and
lots (gathered by ``tandem/tenders/urls/__init__.py``, under ``commissions/<pk>/specification/``)."""

from __future__ import annotations

from django.urls import path

from tandem.tenders.views import items

urlpatterns: list[object] = [
    path("outcomes/", items.outcomes_view, name="outcomes"),
    path("outcomes/<int:item_pk>/", items.outcome_edit_view, name="outcome-edit"),
    path(
        "outcomes/<int:item_pk>/delete/",
        items.outcome_delete_view,
        name="outcome-delete",
    ),
    path("trauma-informed/", items.ti_requirements_view, name="ti-requirements"),
    path("budget/", items.budget_view, name="budget"),
    path("budget/<int:item_pk>/", items.budget_line_edit_view, name="budget-line-edit"),
    path(
        "budget/<int:item_pk>/delete/",
        items.budget_line_delete_view,
        name="budget-line-delete",
    ),
    path("lots/", items.lots_view, name="lots"),
    path("lots/<int:item_pk>/", items.lot_edit_view, name="lot-edit"),
    path("lots/<int:item_pk>/delete/", items.lot_delete_view, name="lot-delete"),
]
