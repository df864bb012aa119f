from django.urls import path

from tandem.core import views

app_name = "drafts"

urlpatterns = [
    path("", views.draft_save_view, name="save"),
]
