from django.urls import include, path

urlpatterns = [
    path("", include("tandem.frontend.urls")),
    path("accounts/", include("tandem.accounts.urls")),
    path("organisations/", include("tandem.organisations.urls")),
    path("audit/", include("tandem.audit.urls")),
    path("notifications/", include("tandem.notifications.urls")),
    path("glossary/", include("tandem.glossary.urls")),
    path("invitations/", include("tandem.organisations.invitation_urls")),
    path("drafts/", include("tandem.core.urls")),
    path("frameworks/", include("tandem.frameworks.urls")),
    path("commissions/", include("tandem.commissions.urls")),
    path("commissions/<int:pk>/specification/", include("tandem.tenders.urls")),
]

handler403 = "tandem.frontend.errors.forbidden"
handler404 = "tandem.frontend.errors.not_found"
handler500 = "tandem.frontend.errors.server_error"
