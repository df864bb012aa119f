"""URLs for the specification's criteria pages (gathered by ``tandem/tenders/urls/__init__.py``)."""

from __future__ import annotations

from django.urls import path

from tandem.tenders.views import criteria as views

urlpatterns: list[object] = [
    path("criteria/", views.criteria_view, name="criteria"),
    path("criteria/add/", views.criterion_add_view, name="criterion-add"),
    path("criteria/social-value/", views.social_value_reason_view, name="social-value-reason"),
    path("criteria/<int:item_pk>/", views.criterion_edit_view, name="criterion-edit"),
    path("criteria/<int:item_pk>/delete/", views.criterion_delete_view, name="criterion-delete"),
]
