from django.urls import path

from tandem.organisations.views import invitations

app_name = "invitations"

urlpatterns = [
    path("<str:token>/", invitations.invitation_accept_view, name="accept"),
]
