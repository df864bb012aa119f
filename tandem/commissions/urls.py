from django.urls import path

from tandem.commissions.views import commission, coverage, export, lens, prompt, stage, team

app_name = "commissions"

urlpatterns: list[object] = [
    path("", commission.commission_list_view, name="list"),
    path("new/", commission.commission_create_view, name="create"),
    path("invitations/<str:token>/", team.invitation_accept_view, name="invitation-accept"),
    path("<int:pk>/", commission.commission_detail_view, name="detail"),
    path("<int:pk>/edit/", commission.commission_edit_view, name="edit"),
    path("<int:pk>/current-stage/", commission.commission_current_stage_view, name="current-stage"),
    path("<int:pk>/team/", team.team_view, name="team"),
    path("<int:pk>/team/add/", team.team_add_view, name="team-add"),
    path("<int:pk>/team/your-details/", team.team_contact_view, name="team-contact"),
    path("<int:pk>/team/leave/", team.team_leave_view, name="team-leave"),
    path("<int:pk>/team/<int:member_pk>/", team.team_member_view, name="team-member"),
    path(
        "<int:pk>/team/invitations/<int:invitation_pk>/cancel/",
        team.invitation_revoke_view,
        name="invitation-revoke",
    ),
    path(
        "<int:pk>/team/invitations/<int:invitation_pk>/send-again/",
        team.invitation_resend_view,
        name="invitation-resend",
    ),
    path("<int:pk>/stages/<slug:stage>/", stage.stage_view, name="stage"),
    path("<int:pk>/stages/<slug:stage>/status/", stage.stage_status_view, name="stage-status"),
    path("<int:pk>/prompts/<int:prompt_pk>/", prompt.prompt_view, name="prompt"),
    path("<int:pk>/prompts/<int:prompt_pk>/comments/", prompt.comment_view, name="comment"),
    path("<int:pk>/lens/<slug:framework>/", lens.lens_view, name="lens"),
    path("<int:pk>/coverage/", coverage.commission_coverage_view, name="coverage"),
    path("<int:pk>/export/<str:fmt>/", export.commission_export_view, name="export"),
]
