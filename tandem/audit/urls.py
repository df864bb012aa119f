from django.urls import path

from tandem.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.audit_list, name="list"),
    path("<int:sequence>/", views.audit_detail, name="detail"),
]
