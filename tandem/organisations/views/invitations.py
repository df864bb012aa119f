"""Accepting an invitation to an organisation from the link in the email. The pages are every
invitation's (``core/invitations/``); this says what joining an organisation is called."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from tandem.accounts import throttling
from tandem.accounts.throttle import invitation_wait_message
from tandem.core.dates import local_date_display
from tandem.core.exceptions import ApplicationError
from tandem.core.invitations import pages
from tandem.core.invitations.selectors import is_invited_person
from tandem.frontend.form_errors import error_to_form
from tandem.organisations.forms import AcceptNewAccountForm
from tandem.organisations.models import Invitation, MembershipRole
from tandem.organisations.selectors import invitation_get_by_token, organisation_admins
from tandem.organisations.services import invitation_accept, invitation_accept_new_account
from tandem.organisations.sessions import CURRENT_ORGANISATION_SESSION_KEY


def invitation_page(invitation: Invitation, viewer: Any) -> pages.InvitationPage:
    """The words the invitation pages use for joining an organisation."""
    name = invitation.organisation.name
    role = "an administrator" if invitation.role == MembershipRole.ADMIN else "a member"
    return pages.InvitationPage(
        invited_to=name,
        intro=f"{invitation.invited_by or 'An administrator'} has invited you to join {name} on Tandem as {role}.",
        join_button=f"Join {name}",
        ask_for_this_account=f"send an invitation to {getattr(viewer, 'email', '')}",
        cancelled_by=f"An administrator of {name}",
        already_in=f"You are a member of {name}.",
        go_to_url=reverse("organisations:detail", args=[invitation.organisation.slug]),
        go_to_name=name,
        one_of_them="one of its administrators",
        nobody_to_ask=f"someone at {name}",
        people_heading=f"The administrators of {name} are:",
    )


@require_http_methods(["GET", "POST"])
def invitation_accept_view(request: HttpRequest, token: str) -> HttpResponse:
    invitation = invitation_get_by_token(token=token)
    if invitation is None:
        return render(request, pages.UNKNOWN, status=404)
    organisation = invitation.organisation
    which = pages.invitation_page_for(invitation=invitation, user=request.user)
    context: dict[str, Any] = {
        "invitation": invitation,
        "page": invitation_page(invitation, request.user),
        "expires": local_date_display(invitation.expires_at),
    }
    if which == pages.CLOSED:
        return render(
            request,
            which,
            {
                **context,
                "status": invitation.status_now.value,
                "people": organisation_admins(organisation=organisation),
                "is_recipient": is_invited_person(request.user, invitation),
            },
        )
    if which == pages.WRONG_PERSON:
        return render(request, which, context)
    if which == pages.ACCEPT:
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
        return render(request, which, {**context, "error": error})

    # Not signed in. Someone who already has an account signs in first and comes back here.
    sign_in_url = pages.sign_in_then(reverse("invitations:accept", args=[token]))
    if which == pages.SIGN_IN:
        return render(request, which, {**context, "sign_in_url": sign_in_url})
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
                return redirect(pages.sign_in_then(reverse("organisations:detail", args=[organisation.slug])))
    return render(request, pages.NEW_ACCOUNT, {**context, "form": form, "sign_in_url": sign_in_url}, status=http_status)
