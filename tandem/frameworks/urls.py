from django.urls import path

from tandem.frameworks import views

app_name = "frameworks"

urlpatterns = [
    path("", views.framework_list_view, name="list"),
    path("<slug:slug>/", views.framework_detail_view, name="detail"),
    path("<slug:slug>/versions/<int:number>/", views.framework_version_view, name="version"),
    path("<slug:slug>/versions/<int:number>/changes/", views.framework_changes_view, name="changes"),
]
