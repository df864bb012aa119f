from django.urls import path

from tandem.organisations.views import members, organisations, switch

app_name = "organisations"

urlpatterns = [
    path("", organisations.organisation_list_view, name="list"),
    path("new/", organisations.organisation_create_view, name="create"),
    path("switch/", switch.organisation_switch_view, name="switch"),
    path("<slug:slug>/", organisations.organisation_detail_view, name="detail"),
    path("<slug:slug>/edit/", organisations.organisation_edit_view, name="edit"),
    path("<slug:slug>/members/", members.member_list_view, name="members"),
    path("<slug:slug>/members/invite/", members.member_invite_view, name="invite"),
    path("<slug:slug>/members/your-details/", members.member_contact_view, name="member-contact"),
    path("<slug:slug>/members/<int:pk>/", members.membership_edit_view, name="membership-edit"),
    path("<slug:slug>/invitations/<int:pk>/revoke/", members.invitation_revoke_view, name="invitation-revoke"),
    path("<slug:slug>/invitations/<int:pk>/send-again/", members.invitation_resend_view, name="invitation-resend"),
]
