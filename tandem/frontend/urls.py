from django.urls import path

from tandem.frontend import views

app_name = "frontend"

urlpatterns = [
    path("", views.home, name="home"),
    path("bare/", views.bare, name="bare"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("cookies/", views.cookies, name="cookies"),
]
