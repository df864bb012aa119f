from django.urls import path

from tandem.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("mark-read/", views.notification_mark_read_view, name="mark-read"),
    path("preferences/", views.email_preferences, name="preferences"),
]
