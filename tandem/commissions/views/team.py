"""A commission's team: who is on it, adding people, changing a role or removing someone,
choosing what the team sees about you, leaving, sending an invitation again or cancelling it, and
accepting one from the link in the email."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from tandem.accounts import throttling
from tandem.accounts.forms import ContactChoiceForm
from tandem.accounts.throttle import invitation_wait_message
from tandem.commissions.forms.commission import InvitationNewAccountForm, TeamAddForm, TeamRoleForm
from tandem.commissions.models import Commission, CommissionInvitation, TeamRole
from tandem.commissions.permissions import can_choose_own_details, can_leave_team, can_manage_commission
from tandem.commissions.selectors.commission import (
    TeamRow,
    commission_invitation_get,
    commission_invitation_get_by_token,
    commission_invitation_list_open,
    commission_leads,
    team_email_visible,
    team_member_get,
    team_own_place,
    team_rows,
)
from tandem.commissions.services.team import (
    ROLE_DESCRIPTIONS,
    commission_invitation_accept,
    commission_invitation_accept_new_account,
    commission_invitation_resend,
    commission_invitation_revoke,
    role_article,
    team_add_by_email,
    team_contact_choose,
    team_leave,
    team_member_remove,
    team_member_role_change,
)
from tandem.commissions.views.commission import commission_or_404
from tandem.core.dates import local_date_display
from tandem.core.drafts import draft_as_initial, draft_clear, draft_form_data
from tandem.core.exceptions import ApplicationError
from tandem.core.invitations import pages
from tandem.core.invitations.selectors import is_invited_person
from tandem.frontend.form_errors import error_to_form


@login_required
@require_http_methods(["GET"])
def team_view(request: HttpRequest, pk: int) -> HttpResponse:
    commission = commission_or_404(request, pk)
    manage = can_manage_commission(request.user, commission).allowed
    invitations = commission_invitation_list_open(viewer=request.user, commission=commission) if manage else []
    return render(
        request,
        "commissions/team.html",
        {
            "commission": commission,
            "team": team_rows(viewer=request.user, commission=commission),
            "invitations": invitations,
            "can_manage": manage,
            "role_descriptions": ROLE_DESCRIPTIONS,
            "own_place": team_own_place(viewer=request.user, commission=commission),
        },
    )


def _names(names: list[str]) -> str:
    """ "Priya", "Priya and Sam", "Priya, Sam and Jo"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _other_leads(rows: list[TeamRow]) -> list[str]:
    return [row.name for row in rows if row.member.role == TeamRole.LEAD and not row.is_you]


@login_required
@require_http_methods(["GET", "POST"])
def team_contact_view(request: HttpRequest, pk: int) -> HttpResponse:
    """What the team sees about you: your name and role always, your email address if you say so."""
    commission = commission_or_404(request, pk)
    can_choose_own_details(request.user, commission).require()
    place = team_own_place(viewer=request.user, commission=commission)
    if place is None:  # the permission says they are on the team; this only satisfies the type
        raise Http404("Not on the team")
    rows = team_rows(viewer=request.user, commission=commission)
    leads = _other_leads(rows)
    options = {
        "audience": "the team",
        "still_reach": (
            "The commission's lead can still reach you through Tandem. When someone mentions you in a comment, we "
            "send you a notification, and an email if you get them, without showing them your address."
        ),
    }
    form = ContactChoiceForm(initial=ContactChoiceForm.initial_for(place.shares_email), **options)
    if request.method == "POST":
        form = ContactChoiceForm(request.POST, **options)
        if form.is_valid():
            try:
                chosen = team_contact_choose(actor=request.user, commission=commission, shares_email=form.shares())
            except ApplicationError as exc:
                error_to_form(form, exc)
            else:
                messages.success(
                    request,
                    "Saved. The team can now see your email address."
                    if chosen.shares_email
                    else "Saved. The team now sees only your name and role.",
                )
                return redirect("commissions:team", pk=commission.pk)
    reached_by = f"{_names(leads)}, the commission's lead," if leads else "the rest of the team"
    return render(
        request,
        "accounts/contact_choice.html",
        {
            "form": form,
            "caption": commission.title,
            "heading": "What the team sees about you",
            "role": place.get_role_display(),
            "email": place.user.email,
            "reach_you": (
                f"If you keep it to yourself, {reached_by} can still reach you through Tandem, by mentioning you "
                "in a comment. Nobody needs your email address to work with you."
            ),
            "people_heading": "Who is on the team",
            "people": [f"{row.name}{' (you)' if row.is_you else ''}: {row.member.get_role_display()}" for row in rows],
            "always_see": (
                "You, and nobody else on the team unless you say so. The people who run this copy of Tandem can see "
                "the email address on your account, so they can help if you cannot sign in. They cannot see the "
                "commission or its team."
            ),
            "back_url": reverse("commissions:team", args=[commission.pk]),
            "back_text": "Back to the team",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def team_leave_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Step back from the team. Nobody has to say why."""
    commission = commission_or_404(request, pk)
    can_leave_team(request.user, commission).require()
    place = team_own_place(viewer=request.user, commission=commission)
    if place is None:
        raise Http404("Not on the team")
    error = ""
    if request.method == "POST":
        try:
            team_leave(actor=request.user, commission=commission)
        except ApplicationError as exc:
            error = exc.message
        else:
            messages.success(
                request,
                f"You have left the team for {commission.title}. We have told the commission's lead. "
                "Thank you for the time you gave.",
            )
            return redirect("frontend:home")
    leads = _other_leads(team_rows(viewer=request.user, commission=commission))
    return render(
        request,
        "commissions/team_leave.html",
        {
            "commission": commission,
            "place": place,
            "leads": _names(leads) if leads else "",
            "is_lead": place.role == TeamRole.LEAD,
            "error": error,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def team_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    commission = commission_or_404(request, pk)
    can_manage_commission(request.user, commission).require()
    if request.method == "POST":
        form = TeamAddForm(request.POST)
        if form.is_valid():
            try:
                outcome = team_add_by_email(
                    actor=request.user,
                    commission=commission,
                    email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                )
            except ApplicationError as exc:
                error_to_form(form, exc)
            else:
                draft_clear(user=request.user, path=request.path)
                if outcome.member is not None:
                    member = outcome.member
                    messages.success(
                        request,
                        f"{member.user} is now {role_article(member.role)} on the team. We have let them know.",
                    )
                elif outcome.invitation is not None:
                    messages.success(
                        request,
                        f"{outcome.invitation.email} does not use Tandem yet, so we have emailed them an "
                        f"invitation. The link in it works until {local_date_display(outcome.invitation.expires_at)}.",
                    )
                return redirect("commissions:team", pk=commission.pk)
    else:
        data, restored = draft_form_data(request)
        form = TeamAddForm(initial=draft_as_initial(data)) if restored else TeamAddForm()
    return render(request, "commissions/team_add.html", {"commission": commission, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def team_member_view(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    commission = commission_or_404(request, pk)
    can_manage_commission(request.user, commission).require()
    member = team_member_get(viewer=request.user, commission=commission, member_pk=member_pk)
    if member is None:
        raise Http404("No such team member")
    email = member.user.email if team_email_visible(request.user, member) else ""
    form = TeamRoleForm(initial={"role": member.role})
    remove_error = ""
    is_self = member.user_id == request.user.pk
    if request.method == "POST":
        if request.POST.get("action") == "remove":
            try:
                team_member_remove(actor=request.user, commission=commission, member=member)
            except ApplicationError as exc:
                remove_error = exc.message
            else:
                if is_self:
                    messages.success(request, f"You have left the team for {commission.title}.")
                    return redirect("commissions:list")
                messages.success(request, f"{member.user} is no longer on the team. We have let them know.")
                return redirect("commissions:team", pk=commission.pk)
        else:
            form = TeamRoleForm(request.POST)
            if form.is_valid():
                try:
                    changed = team_member_role_change(
                        actor=request.user, commission=commission, member=member, role=form.cleaned_data["role"]
                    )
                except ApplicationError as exc:
                    error_to_form(form, exc)
                else:
                    messages.success(request, f"{changed.user} is now {role_article(changed.role)} on the team.")
                    return redirect("commissions:team", pk=commission.pk)
    return render(
        request,
        "commissions/team_member.html",
        {
            "commission": commission,
            "member": member,
            "form": form,
            "remove_error": remove_error,
            "is_self": is_self,
            "email": email,
        },
    )


def _invitation_change(
    request: HttpRequest,
    pk: int,
    invitation_pk: int,
    *,
    carry_out: Callable[[Commission, CommissionInvitation], CommissionInvitation],
    done: Callable[[CommissionInvitation], str],
    template: str,
    invited_to: Callable[[Commission], str],
) -> HttpResponse:
    """Cancel or send again one of the team's invitations: the same checks, and the message on the
    page when a rule says no."""
    commission = commission_or_404(request, pk)
    can_manage_commission(request.user, commission).require()
    invitation = commission_invitation_get(viewer=request.user, commission=commission, invitation_pk=invitation_pk)
    if invitation is None:
        raise Http404("No such invitation")
    error = ""
    if request.method == "POST":
        try:
            changed = carry_out(commission, invitation)
        except ApplicationError as exc:
            error = exc.message
        else:
            messages.success(request, done(changed))
            return redirect("commissions:team", pk=commission.pk)
    return render(
        request,
        template,
        {
            **pages.change_page_context(
                invitation=invitation,
                caption=commission.title,
                invited_to=invited_to(commission),
                back_url=reverse("commissions:team", args=[commission.pk]),
                back_text="Back to the team",
                error=error,
            ),
            # The page is inside the commission: its title names it (issue 10, item 18).
            "commission": commission,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def invitation_revoke_view(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    return _invitation_change(
        request,
        pk,
        invitation_pk,
        carry_out=lambda commission, invitation: commission_invitation_revoke(
            actor=request.user, commission=commission, invitation=invitation
        ),
        done=pages.cancelled_message,
        template=pages.CANCEL,
        invited_to=lambda commission: "the team",
    )


@login_required
@require_http_methods(["GET", "POST"])
def invitation_resend_view(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    return _invitation_change(
        request,
        pk,
        invitation_pk,
        carry_out=lambda commission, invitation: commission_invitation_resend(
            actor=request.user, commission=commission, invitation=invitation
        )[0],
        done=pages.resent_message,
        template=pages.RESEND,
        invited_to=lambda commission: f"the team for {commission.title}",
    )


def invitation_page(invitation: CommissionInvitation, viewer: Any) -> pages.InvitationPage:
    """The words the invitation pages use for joining a commission's team."""
    commission = invitation.commission
    return pages.InvitationPage(
        invited_to=f"the team for {commission.title}",
        intro=(
            f"{invitation.invited_by or 'Someone on the team'} has invited you to join the team planning "
            f"{commission.title}, led by {commission.lead_funder.name}. "
            f"You would be {role_article(invitation.role)} on the team."
        ),
        role_description=ROLE_DESCRIPTIONS.get(invitation.role, ""),
        join_button="Join the team",
        ask_for_this_account=f"add {getattr(viewer, 'email', '')} to the team instead",
        cancelled_by="Someone on the team",
        already_in=f"You are on the team for {commission.title}.",
        go_to_url=reverse("commissions:detail", args=[commission.pk]),
        go_to_name=commission.title,
        one_of_them="one of the commission's leads",
        nobody_to_ask="the person who invited you",
        people_heading="The commission's leads are:",
    )


@login_not_required  # anyone holding the link may open it, signed in or not
@require_http_methods(["GET", "POST"])
def invitation_accept_view(request: HttpRequest, token: str) -> HttpResponse:
    invitation = commission_invitation_get_by_token(token=token)
    if invitation is None:
        return render(request, pages.UNKNOWN, status=404)
    commission = invitation.commission
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
                "people": commission_leads(commission=commission),
                "is_recipient": is_invited_person(request.user, invitation),
            },
        )
    if which == pages.WRONG_PERSON:
        return render(request, which, context)
    if which == pages.ACCEPT:
        error = ""
        if request.method == "POST":
            try:
                commission_invitation_accept(invitation=invitation, user=request.user)
            except ApplicationError as exc:
                error = exc.message
            else:
                messages.success(request, f"You have joined the team for {commission.title}.")
                return redirect("commissions:detail", pk=commission.pk)
        return render(request, which, {**context, "error": error})

    # Not signed in. Someone who already has an account signs in first and comes back here.
    sign_in_url = pages.sign_in_then(reverse("commissions:invitation-accept", args=[token]))
    if which == pages.SIGN_IN:
        return render(request, which, {**context, "sign_in_url": sign_in_url})
    form = InvitationNewAccountForm(email=invitation.email)
    http_status = 200
    if request.method == "POST":
        form = InvitationNewAccountForm(request.POST, email=invitation.email)
        # Every try is counted, before the password is looked at, like signing in.
        wait = throttling.post_start(
            *throttling.invitation_limits(
                address=throttling.client_address(request), invitation=f"commissions:{invitation.pk}"
            )
        )
        if wait > 0:
            form.add_error(None, invitation_wait_message(wait))
            http_status = 429
        elif form.is_valid():
            try:
                commission_invitation_accept_new_account(
                    invitation=invitation,
                    full_name=form.cleaned_data["full_name"],
                    password=form.cleaned_data["password1"],
                )
            except ApplicationError as exc:
                error_to_form(form, exc)
            else:
                messages.success(
                    request,
                    f"Your account is ready and you are on the team for {commission.title}. "
                    "Sign in with your email address and new password.",
                )
                return redirect(pages.sign_in_then(reverse("commissions:detail", args=[commission.pk])))
    return render(request, pages.NEW_ACCOUNT, {**context, "form": form, "sign_in_url": sign_in_url}, status=http_status)
