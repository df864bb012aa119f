"""Accepting an invitation from the link in the email."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods

from tandem.accounts import throttling
from tandem.accounts.throttle import invitation_wait_message
from tandem.core.exceptions import ApplicationError
from tandem.frontend.dates import local_date_display
from tandem.frontend.form_errors import error_to_form
from tandem.organisations.forms import AcceptNewAccountForm
from tandem.organisations.models import Invitation, InvitationStatus
from tandem.organisations.selectors import invitation_get_by_token, organisation_admins
from tandem.organisations.services import invitation_accept, invitation_accept_new_account
from tandem.organisations.sessions import CURRENT_ORGANISATION_SESSION_KEY


def _closed(request: HttpRequest, invitation: Invitation, status: InvitationStatus) -> HttpResponse:
    """An invitation that can no longer be used: say why and who to ask."""
    return render(
        request,
        "organisations/invitation_closed.html",
        {
            "invitation": invitation,
            "status": status.value,
            "admins": organisation_admins(organisation=invitation.organisation),
            "expired_on": local_date_display(invitation.expires_at),
            "is_recipient": request.user.is_authenticated and request.user.email.lower() == invitation.email.lower(),
        },
    )


@require_http_methods(["GET", "POST"])
def invitation_accept_view(request: HttpRequest, token: str) -> HttpResponse:
    invitation = invitation_get_by_token(token=token)
    if invitation is None:
        return render(request, "organisations/invitation_unknown.html", status=404)
    status = invitation.status
    if status != InvitationStatus.PENDING:
        return _closed(request, invitation, status)
    organisation = invitation.organisation
    here = reverse("invitations:accept", args=[token])
    context = {
        "invitation": invitation,
        "organisation": organisation,
        "expires": local_date_display(invitation.expires_at),
    }

    if request.user.is_authenticated:
        if request.user.email.lower() != invitation.email.lower():
            return render(request, "organisations/invitation_wrong_person.html", context)
        error = ""
        if request.method == "POST":
            try:
                membership = invitation_accept(invitation=invitation, user=request.user)
            except ApplicationError as exc:
                error = exc.message
            else:
                request.session[CURRENT_ORGANISATION_SESSION_KEY] = membership.organisation_id
                messages.success(
                    request, f"You have joined {organisation.name}. You are now acting for {organisation.name}."
                )
                return redirect("organisations:detail", slug=organisation.slug)
        return render(request, "organisations/invitation_accept.html", {**context, "error": error})

    # Not signed in. Someone who already has an account signs in first and comes back here.
    sign_in_url = f"{reverse(settings.LOGIN_URL)}?{urlencode({'next': here})}"
    if get_user_model().objects.filter(email__iexact=invitation.email).exists():
        return render(request, "organisations/invitation_sign_in.html", {**context, "sign_in_url": sign_in_url})

    form = AcceptNewAccountForm(email=invitation.email)
    http_status = 200
    if request.method == "POST":
        form = AcceptNewAccountForm(request.POST, email=invitation.email)
        # Every try is counted, before the password is looked at, like signing in.
        wait = throttling.post_start(
            *throttling.invitation_limits(
                address=throttling.client_address(request), invitation=f"organisations:{invitation.pk}"
            )
        )
        if wait > 0:
            form.add_error(None, invitation_wait_message(wait))
            http_status = 429
        elif form.is_valid():
            try:
                invitation_accept_new_account(
                    invitation=invitation,
                    full_name=form.cleaned_data["full_name"],
                    password=form.cleaned_data["password1"],
                )
            except ApplicationError as exc:
                error_to_form(form, exc)
            else:
                messages.success(
                    request,
                    f"Your account is ready and you are a member of {organisation.name}. "
                    "Sign in with your email address and new password.",
                )
                detail = reverse("organisations:detail", args=[organisation.slug])
                return redirect(f"{reverse(settings.LOGIN_URL)}?{urlencode({'next': detail})}")
    return render(
        request,
        "organisations/invitation_new_account.html",
        {**context, "form": form, "sign_in_url": sign_in_url},
        status=http_status,
    )
