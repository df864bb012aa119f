"""Members of an organisation: the list, inviting, changing a role or removing, cancelling invitations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from tandem.core.drafts import draft_as_initial, draft_clear, draft_form_data
from tandem.core.exceptions import ApplicationError
from tandem.organisations.forms import InvitationForm, MembershipRoleForm
from tandem.organisations.models import InvitationStatus
from tandem.organisations.permissions import can_manage_members, can_view_members
from tandem.organisations.selectors import (
    invitation_get,
    invitation_list_pending,
    membership_get,
    membership_list_for_organisation,
)
from tandem.organisations.services import (
    date_display,
    invitation_create,
    invitation_revoke,
    membership_remove,
    membership_role_change,
)
from tandem.organisations.views.common import error_to_form, organisation_or_404, refusals_as_403, require


@login_required
@require_http_methods(["GET"])
def member_list_view(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_or_404(slug)
    require(can_view_members(request.user, organisation))
    manage = can_manage_members(request.user, organisation).allowed
    with refusals_as_403():
        members = list(membership_list_for_organisation(viewer=request.user, organisation=organisation))
        invitations = list(invitation_list_pending(viewer=request.user, organisation=organisation)) if manage else []
    return render(
        request,
        "organisations/members.html",
        {
            "organisation": organisation,
            "members": members,
            "invitations": invitations,
            "can_manage": manage,
            "admin_count": sum(1 for m in members if m.is_admin),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_invite_view(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_or_404(slug)
    require(can_manage_members(request.user, organisation))
    if request.method == "POST":
        form = InvitationForm(request.POST)
        if form.is_valid():
            try:
                with refusals_as_403():
                    invitation, _token = invitation_create(
                        actor=request.user,
                        organisation=organisation,
                        email=form.cleaned_data["email"],
                        role=form.cleaned_data["role"],
                    )
            except ApplicationError as exc:
                error_to_form(form, exc)
            else:
                draft_clear(user=request.user, path=request.path)
                messages.success(
                    request,
                    f"We have sent an invitation to {invitation.email}. "
                    f"The link in it works until {date_display(invitation.expires_at)}.",
                )
                return redirect("organisations:members", slug=organisation.slug)
    else:
        data, restored = draft_form_data(request)
        form = InvitationForm(initial=draft_as_initial(data)) if restored else InvitationForm()
    return render(request, "organisations/invite.html", {"organisation": organisation, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def membership_edit_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organisation = organisation_or_404(slug)
    require(can_manage_members(request.user, organisation))
    with refusals_as_403():
        membership = membership_get(viewer=request.user, organisation=organisation, pk=pk)
    if membership is None:
        raise Http404("No such member")
    form = MembershipRoleForm(initial={"role": membership.role})
    remove_error = ""
    if request.method == "POST":
        action = request.POST.get("action", "role")
        if action == "remove":
            try:
                with refusals_as_403():
                    membership_remove(actor=request.user, membership=membership)
            except ApplicationError as exc:
                remove_error = exc.message
            else:
                if membership.user_id == request.user.pk:
                    messages.success(request, f"You have left {organisation.name}.")
                    return redirect("frontend:home")
                messages.success(request, f"{membership.user} has been removed from {organisation.name}.")
                return redirect("organisations:members", slug=organisation.slug)
        else:
            form = MembershipRoleForm(request.POST)
            if form.is_valid():
                try:
                    with refusals_as_403():
                        changed = membership_role_change(
                            actor=request.user, membership=membership, role=form.cleaned_data["role"]
                        )
                except ApplicationError as exc:
                    error_to_form(form, exc)
                else:
                    messages.success(
                        request, f"{changed.user} is now {changed.get_role_display().lower()} of {organisation.name}."
                    )
                    return redirect("organisations:members", slug=organisation.slug)
    return render(
        request,
        "organisations/membership_edit.html",
        {
            "organisation": organisation,
            "membership": membership,
            "form": form,
            "remove_error": remove_error,
            "is_self": membership.user_id == request.user.pk,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def invitation_revoke_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organisation = organisation_or_404(slug)
    require(can_manage_members(request.user, organisation))
    with refusals_as_403():
        invitation = invitation_get(viewer=request.user, organisation=organisation, pk=pk)
    if invitation is None:
        raise Http404("No such invitation")
    error = ""
    if request.method == "POST":
        try:
            with refusals_as_403():
                invitation_revoke(actor=request.user, invitation=invitation)
        except ApplicationError as exc:
            error = exc.message
        else:
            messages.success(
                request, f"The invitation for {invitation.email} has been cancelled. The link in it no longer works."
            )
            return redirect("organisations:members", slug=organisation.slug)
    return render(
        request,
        "organisations/invitation_revoke.html",
        {
            "organisation": organisation,
            "invitation": invitation,
            "error": error,
            "is_pending": invitation.status == InvitationStatus.PENDING,
            "expires": date_display(invitation.expires_at),
        },
    )
