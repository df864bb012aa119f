"""Members of an organisation: the list, inviting, changing a role or removing, choosing what the
other members see about you, and sending an invitation again or cancelling it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from tandem.accounts.elevation import password_confirmation_redirect
from tandem.accounts.forms import ContactChoiceForm
from tandem.core.dates import local_date_display
from tandem.core.drafts import draft_as_initial, draft_clear, draft_form_data
from tandem.core.exceptions import ApplicationError
from tandem.core.invitations import pages
from tandem.frontend.form_errors import error_to_form
from tandem.organisations.forms import InvitationForm, MembershipRoleForm, SiteAdminReasonForm
from tandem.organisations.models import Invitation, Organisation
from tandem.organisations.permissions import (
    acts_as_site_admin,
    can_choose_own_details,
    can_manage_members,
    can_view_members,
)
from tandem.organisations.selectors import (
    invitation_get,
    invitation_list_open,
    member_rows,
    membership_get,
    membership_list_for_organisation,
    membership_own,
)
from tandem.organisations.services import (
    invitation_create,
    invitation_resend,
    invitation_revoke,
    membership_contact_choose,
    membership_remove,
    membership_role_change,
)
from tandem.organisations.views.common import organisation_or_404


def _reason_for(request: HttpRequest, organisation: Organisation) -> str:
    """The organisation's name when the person must give a reason (a site administrator acting on an
    organisation they are not an administrator of), else blank: passed to the forms as ``reason_for``."""
    return organisation.name if acts_as_site_admin(request.user, organisation) else ""


def _carried_out(form: forms.Form, change: Callable[[], object]) -> tuple[bool, str]:
    """Make the change. A refusal shows the 403 page; a business rule's message goes beside its
    field when the form has it, else it is returned for the page to show. Returns (done, message)."""
    try:
        change()
    except ApplicationError as exc:
        if exc.field in form.fields:
            error_to_form(form, exc)
            return False, ""
        return False, exc.message
    return True, ""


def _site_admin_confirms_first(request: HttpRequest, organisation: Organisation) -> HttpResponse | None:
    """A site administrator changing someone else's organisation types their password again first,
    unless they did a few minutes ago (what they had typed is kept as a draft meanwhile)."""
    if acts_as_site_admin(request.user, organisation):
        return password_confirmation_redirect(request)
    return None


@login_required
@require_http_methods(["GET"])
def member_list_view(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_or_404(slug)
    can_view_members(request.user, organisation).require()
    manage = can_manage_members(request.user, organisation).allowed
    members = list(membership_list_for_organisation(viewer=request.user, organisation=organisation))
    invitations = invitation_list_open(viewer=request.user, organisation=organisation) if manage else []
    return render(
        request,
        "organisations/members.html",
        {
            "organisation": organisation,
            "members": member_rows(viewer=request.user, organisation=organisation, members=members),
            "invitations": invitations,
            "can_manage": manage,
            "admin_count": sum(1 for m in members if m.is_admin),
            "own_membership": next((m for m in members if m.user_id == request.user.pk), None),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_contact_view(request: HttpRequest, slug: str) -> HttpResponse:
    """What the other members see about you: your name and role always, your email address if you say so."""
    organisation = organisation_or_404(slug)
    can_choose_own_details(request.user, organisation).require()
    membership = membership_own(viewer=request.user, organisation=organisation)
    if membership is None:  # the permission says they are a member; this only satisfies the type
        raise Http404("Not a member")
    audience = f"other members of {organisation.name}"
    options = {
        "audience": audience,
        "still_reach": (
            f"The administrators of {organisation.name} still see it, because they look after who is in the "
            "organisation. Other members see your name and role."
        ),
    }
    form = ContactChoiceForm(initial=ContactChoiceForm.initial_for(membership.shares_email), **options)
    if request.method == "POST":
        form = ContactChoiceForm(request.POST, **options)
        if form.is_valid():
            try:
                chosen = membership_contact_choose(
                    actor=request.user, organisation=organisation, shares_email=form.shares()
                )
            except ApplicationError as exc:
                error_to_form(form, exc)
            else:
                messages.success(
                    request,
                    f"Saved. The {audience} can now see your email address."
                    if chosen.shares_email
                    else f"Saved. The {audience} now see only your name and role.",
                )
                return redirect("organisations:members", slug=organisation.slug)
    return render(
        request,
        "accounts/contact_choice.html",
        {
            "form": form,
            "caption": organisation.name,
            "heading": f"What other members of {organisation.name} see about you",
            "role": membership.get_role_display(),
            "email": membership.user.email,
            "reach_you": (
                "If you keep it to yourself, people can still reach you through Tandem, for example by mentioning "
                "you in a comment on a commission you work on together."
            ),
            "people": [],
            "always_see": (
                f"You, the administrators of {organisation.name}, and the people who run this copy of Tandem. They "
                "need it to look after who is in the organisation, and to help if you cannot sign in."
            ),
            "back_url": reverse("organisations:members", args=[organisation.slug]),
            "back_text": "Back to members",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_invite_view(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_or_404(slug)
    can_manage_members(request.user, organisation).require()
    if (confirm_first := _site_admin_confirms_first(request, organisation)) is not None:
        return confirm_first
    reason_for = _reason_for(request, organisation)
    if request.method == "POST":
        form = InvitationForm(request.POST, reason_for=reason_for)
        if form.is_valid():
            try:
                invitation, _token = invitation_create(
                    actor=request.user,
                    organisation=organisation,
                    email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                    reason=form.reason_given(),
                )
            except ApplicationError as exc:
                error_to_form(form, exc)
            else:
                draft_clear(user=request.user, path=request.path)
                messages.success(
                    request,
                    f"We have sent an invitation to {invitation.email}. "
                    f"The link in it works until {local_date_display(invitation.expires_at)}.",
                )
                return redirect("organisations:members", slug=organisation.slug)
    else:
        data, restored = draft_form_data(request)
        initial = draft_as_initial(data) if restored else None
        form = InvitationForm(initial=initial, reason_for=reason_for)
    return render(request, "organisations/invite.html", {"organisation": organisation, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def membership_edit_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organisation = organisation_or_404(slug)
    can_manage_members(request.user, organisation).require()
    membership = membership_get(viewer=request.user, organisation=organisation, pk=pk)
    if membership is None:
        raise Http404("No such member")
    if (confirm_first := _site_admin_confirms_first(request, organisation)) is not None:
        return confirm_first
    reason_for = _reason_for(request, organisation)
    data, restored = draft_form_data(request) if request.method == "GET" else (None, False)
    kept = draft_as_initial(data) if restored else {}
    removing = kept.get("action") == "remove"
    form = MembershipRoleForm(initial={"role": membership.role, **({} if removing else kept)}, reason_for=reason_for)
    remove_form = SiteAdminReasonForm(
        initial={"reason": kept.get("remove-reason", "")} if removing else None, reason_for=reason_for, prefix="remove"
    )
    remove_error = ""
    if request.method == "POST":
        action = request.POST.get("action", "role")
        if action == "remove":
            remove_form = SiteAdminReasonForm(request.POST, reason_for=reason_for, prefix="remove")
            if remove_form.is_valid():
                done, remove_error = _carried_out(
                    remove_form,
                    lambda: membership_remove(
                        actor=request.user, membership=membership, reason=remove_form.reason_given()
                    ),
                )
                if done:
                    draft_clear(user=request.user, path=request.path)
                    if membership.user_id == request.user.pk:
                        messages.success(request, f"You have left {organisation.name}.")
                        return redirect("frontend:home")
                    messages.success(request, f"{membership.user} has been removed from {organisation.name}.")
                    return redirect("organisations:members", slug=organisation.slug)
        else:
            form = MembershipRoleForm(request.POST, reason_for=reason_for)
            if form.is_valid():
                try:
                    changed = membership_role_change(
                        actor=request.user,
                        membership=membership,
                        role=form.cleaned_data["role"],
                        reason=form.reason_given(),
                    )
                except ApplicationError as exc:
                    error_to_form(form, exc)
                else:
                    draft_clear(user=request.user, path=request.path)
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
            "remove_form": remove_form,
            "remove_error": remove_error,
            "is_self": membership.user_id == request.user.pk,
        },
    )


def _invitation_change(
    request: HttpRequest,
    slug: str,
    pk: int,
    *,
    carry_out: Callable[[Invitation, str], object],
    done: Callable[[Invitation], str],
    page: Callable[[Organisation, Invitation, SiteAdminReasonForm, str], tuple[str, dict[str, Any]]],
) -> HttpResponse:
    """Cancel or send again one invitation: the same checks, the site administrator's password and
    reason (decision 0009), the draft kept, and the message beside the form when a rule says no."""
    organisation = organisation_or_404(slug)
    can_manage_members(request.user, organisation).require()
    invitation = invitation_get(viewer=request.user, organisation=organisation, pk=pk)
    if invitation is None:
        raise Http404("No such invitation")
    if (confirm_first := _site_admin_confirms_first(request, organisation)) is not None:
        return confirm_first
    reason_for = _reason_for(request, organisation)
    data, restored = draft_form_data(request) if request.method == "GET" else (None, False)
    form = SiteAdminReasonForm(initial=draft_as_initial(data) if restored else None, reason_for=reason_for)
    error = ""
    if request.method == "POST":
        form = SiteAdminReasonForm(request.POST, reason_for=reason_for)
        if form.is_valid():
            succeeded, error = _carried_out(form, lambda: carry_out(invitation, form.reason_given()))
            if succeeded:
                draft_clear(user=request.user, path=request.path)
                messages.success(request, done(invitation))
                return redirect("organisations:members", slug=organisation.slug)
    template, context = page(organisation, invitation, form, error)
    return render(request, template, context)


def _back(organisation: Organisation) -> dict[str, str]:
    return {
        "caption": organisation.name,
        "invited_to": organisation.name,
        "back_url": reverse("organisations:members", args=[organisation.slug]),
        "back_text": "Back to members",
        "notice_template": "organisations/_site_admin_notice.html",
    }


@login_required
@require_http_methods(["GET", "POST"])
def invitation_revoke_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _invitation_change(
        request,
        slug,
        pk,
        carry_out=lambda invitation, reason: invitation_revoke(
            actor=request.user, invitation=invitation, reason=reason
        ),
        done=pages.cancelled_message,
        page=lambda organisation, invitation, form, error: (
            pages.CANCEL,
            {
                "organisation": organisation,
                **pages.change_page_context(invitation=invitation, form=form, error=error, **_back(organisation)),
            },
        ),
    )


def _resent(invitation: Invitation) -> str:
    invitation.refresh_from_db(fields=["expires_at"])
    return pages.resent_message(invitation)


@login_required
@require_http_methods(["GET", "POST"])
def invitation_resend_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Send an invitation again with a new link. A site administrator acting on someone else's
    organisation confirms their password and says why, as for every membership change (decision 0009)."""
    return _invitation_change(
        request,
        slug,
        pk,
        carry_out=lambda invitation, reason: invitation_resend(
            actor=request.user, invitation=invitation, reason=reason
        ),
        done=_resent,
        page=lambda organisation, invitation, form, error: (
            pages.RESEND,
            {
                "organisation": organisation,
                **pages.change_page_context(invitation=invitation, form=form, error=error, **_back(organisation)),
            },
        ),
    )
