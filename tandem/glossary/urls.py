from django.urls import path

from tandem.glossary import views

app_name = "glossary"

urlpatterns = [path("", views.glossary_index, name="index")]
