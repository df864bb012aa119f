"""URLs for the specification's questions pages (gathered by ``tandem/tenders/urls/__init__.py``)."""

from __future__ import annotations

from django.urls import path

from tandem.tenders.views import questions as views

urlpatterns: list[object] = [
    path("questions/", views.questions_view, name="questions"),
    path("questions/add/", views.question_add_view, name="question-add"),
    path("questions/open/", views.open_question_view, name="open-question"),
    path("questions/<int:item_pk>/", views.question_edit_view, name="question-edit"),
    path("questions/<int:item_pk>/delete/", views.question_delete_view, name="question-delete"),
]
