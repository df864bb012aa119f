from django.urls import path

from tandem.frontend import views

app_name = "frontend"

urlpatterns = [
    path("", views.home, name="home"),
    path("bare/", views.bare, name="bare"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("cookies/", views.cookies, name="cookies"),
    path("feedback/", views.feedback, name="feedback"),
    path("feedback/sent/", views.feedback_sent, name="feedback-sent"),
    path("feedback/all/", views.feedback_list_view, name="feedback-list"),
    path("administration/", views.site_admin_view, name="site-admin"),
    path("patterns/", views.patterns, name="patterns"),
]
