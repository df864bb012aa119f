from django.urls import path
from django.views.generic import TemplateView

app_name = "glossary"

urlpatterns = [path("", TemplateView.as_view(template_name="frontend/bare.html"), name="index")]
