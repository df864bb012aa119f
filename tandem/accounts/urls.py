from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.generic import TemplateView

app_name = "accounts"

urlpatterns = [
    path("sign-in/", auth_views.LoginView.as_view(template_name="frontend/bare.html"), name="sign-in"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="sign-out"),
    path("signed-out/", TemplateView.as_view(template_name="frontend/bare.html"), name="signed-out"),
]
