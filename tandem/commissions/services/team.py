"""Who is on a commission's team: adding people, inviting people with no account yet, changing
roles, removing people, leaving, choosing what the team sees of you, and accepting, sending again
or cancelling invitations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from tandem.audit.services import audit_log
from tandem.commissions.models import Commission, CommissionInvitation, TeamMember, TeamRole
from tandem.commissions.permissions import can_choose_own_details, can_leave_team, can_manage_commission
from tandem.core.dates import local_date_display
from tandem.core.exceptions import ApplicationError
from tandem.core.invitations import invitation_email_clean
from tandem.core.invitations import services as invitations
from tandem.core.invitations.services import InvitationActions, InvitationKind, Joined
from tandem.notifications.services import notify

# What each role means, in plain words. Shown beside the choice, and used in messages.
ROLE_DESCRIPTIONS = {
    TeamRole.LEAD.value: "Runs the commission: can change its details and decide who is on the team.",
    TeamRole.FINANCE.value: "Looks after the money: the budget, costs and what each funder puts in.",
    TeamRole.PROCUREMENT.value: "Looks after how the service is bought: the rules, the timeline and the tender.",
    TeamRole.LIVED_EXPERIENCE.value: ("Brings what it is like to use services like this. Chooses how to take part."),
    TeamRole.OBSERVER.value: "Can read the commission and comment, but cannot record answers or change anything.",
}


# What each role lets someone do, in plain words, for their welcome (what the permissions in
# tandem/commissions/permissions.py allow each role).
_RECORD = "Write down the team's thinking and decisions at each stage of the journey"
_COMMENT = "Comment on any question, and mention someone to ask them something"
_STATUS = "Say where the team is with each stage"
_READ = "Read everything the team has written"
ROLE_CAN_DO: dict[str, tuple[str, ...]] = {
    TeamRole.LEAD.value: (
        "Change the commission's details and decide who is on the team",
        _RECORD,
        _COMMENT,
        _STATUS,
    ),
    TeamRole.FINANCE.value: (_READ, _RECORD, _COMMENT, _STATUS),
    TeamRole.PROCUREMENT.value: (_READ, _RECORD, _COMMENT, _STATUS),
    TeamRole.LIVED_EXPERIENCE.value: (
        _READ,
        _RECORD,
        _COMMENT,
        _STATUS,
        "Choose which questions you answer: you do not have to answer all of them",
    ),
    TeamRole.OBSERVER.value: (_READ, _COMMENT),
}


@dataclass(frozen=True)
class TeamAddOutcome:
    """Either the new team member (the email had an account) or the invitation sent (it did not).
    ``token`` is the invitation link's secret; it is not stored."""

    member: TeamMember | None = None
    invitation: CommissionInvitation | None = None
    token: str = ""


def role_article(role: str) -> str:
    """ "a lead", "an observer": the role as it reads in a sentence."""
    label = str(dict(TeamRole.choices).get(role, role)).lower()
    return f"an {label}" if label[:1] in "aeiou" else f"a {label}"


def commission_url(commission: Commission) -> str:
    return reverse("commissions:detail", args=[commission.pk])


def commission_invitation_url(token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("commissions:invitation-accept", args=[token])


def _role_clean(role: str) -> str:
    if role not in TeamRole.values:
        raise ApplicationError("Choose a role", field="role")
    return role


def team_add_by_email(*, actor: Any, commission: Commission, email: str, role: str) -> TeamAddOutcome:
    """Add someone to the team by email. When the address has an account, they join now and are
    told; when it does not, they are emailed an invitation to make an account and join."""
    can_manage_commission(actor, commission).require()
    email = invitation_email_clean(email)
    role = _role_clean(role)
    user = get_user_model().objects.filter(email__iexact=email).first()
    if user is not None:
        if not user.is_active:
            raise ApplicationError(
                f"The account for {email} has been closed, so they cannot join the team", field="email"
            )
        return TeamAddOutcome(member=team_member_add(actor=actor, commission=commission, user=user, role=role))
    invitation, token = commission_invitation_create(actor=actor, commission=commission, email=email, role=role)
    return TeamAddOutcome(invitation=invitation, token=token)


def team_member_add(*, actor: Any, commission: Commission, user: Any, role: str) -> TeamMember:
    """Put someone with an account on the team, and tell them."""
    can_manage_commission(actor, commission).require()
    role = _role_clean(role)
    if TeamMember.objects.filter(commission=commission, user=user).exists():
        raise ApplicationError(f"{user.email} is already on the team", field="email")
    try:
        with transaction.atomic():
            member = TeamMember.objects.create(commission=commission, user=user, role=role)
            audit_log(
                actor=actor,
                action="commissions.team.added",
                obj=member,
                organisation=commission.lead_funder,
                after={"user": user.email, "role": role},
                summary=f"Added {user} to the team for {commission.title} as {role_article(role)}",
            )
            if user.pk != getattr(actor, "pk", None):
                notify(
                    recipients=[user],
                    kind="commissions.team",
                    title=f"{actor} added you to the team for {commission.title}",
                    body=(
                        f"You are {role_article(role)} on the team. {ROLE_DESCRIPTIONS[role]} "
                        "If you think this is a mistake, tell the person who added you."
                    ),
                    url=commission_url(commission),
                    organisation=commission.lead_funder,
                    actor=actor,
                )
    except IntegrityError as exc:  # added by someone else at the same moment
        raise ApplicationError(f"{user.email} is already on the team", field="email") from exc
    return member


def _lead_count_locked(commission: Commission) -> int:
    """Count leads while holding their rows, so two changes cannot both remove the last one."""
    return len(
        list(
            TeamMember.objects.select_for_update(of=("self",))
            .filter(commission=commission, role=TeamRole.LEAD)
            .values_list("pk", flat=True)
        )
    )


def _last_lead_message(member: TeamMember) -> str:
    return (
        f"{member.user} is the only lead of this commission. Make someone else a lead first, "
        "so the commission always has someone who can look after it."
    )


def team_member_role_change(*, actor: Any, commission: Commission, member: TeamMember, role: str) -> TeamMember:
    can_manage_commission(actor, commission).require()
    role = _role_clean(role)
    with transaction.atomic():
        current = (
            TeamMember.objects.select_for_update(of=("self",))
            .select_related("user")
            .filter(pk=member.pk, commission=commission)
            .first()
        )
        if current is None:
            raise ApplicationError("This person is no longer on the team.")
        if current.role == role:
            return current
        if current.role == TeamRole.LEAD and _lead_count_locked(commission) <= 1:
            raise ApplicationError(_last_lead_message(current), field="role")
        before = {"role": current.role}
        current.role = role
        current.save(update_fields=["role", "updated_at"])
        audit_log(
            actor=actor,
            action="commissions.team.role_changed",
            obj=current,
            organisation=commission.lead_funder,
            before=before,
            after={"role": role},
            summary=f"{current.user} is now {role_article(role)} on the team for {commission.title}",
        )
        if current.user_id != getattr(actor, "pk", None):
            notify(
                recipients=[current.user],
                kind="commissions.team",
                title=f"Your role on the team for {commission.title} has changed",
                body=f"You are now {role_article(role)}. {ROLE_DESCRIPTIONS[role]}",
                url=commission_url(commission),
                organisation=commission.lead_funder,
                actor=actor,
            )
    return current


def team_member_remove(*, actor: Any, commission: Commission, member: TeamMember) -> None:
    can_manage_commission(actor, commission).require()
    with transaction.atomic():
        current = (
            TeamMember.objects.select_for_update(of=("self",))
            .select_related("user")
            .filter(pk=member.pk, commission=commission)
            .first()
        )
        if current is None:
            raise ApplicationError("This person is no longer on the team.")
        if current.role == TeamRole.LEAD and _lead_count_locked(commission) <= 1:
            raise ApplicationError(_last_lead_message(current))
        user = current.user
        audit_log(
            actor=actor,
            action="commissions.team.removed",
            obj=current,
            organisation=commission.lead_funder,
            before={"user": user.email, "role": current.role},
            after={},
            summary=f"Removed {user} from the team for {commission.title}",
        )
        current.delete()
        if user.pk != getattr(actor, "pk", None):
            notify(
                recipients=[user],
                kind="commissions.team",
                title=f"You are no longer on the team for {commission.title}",
                body=(
                    f"{actor} took you off the team, so you can no longer see this commission. "
                    "If you think this is a mistake, ask them about it."
                ),
                url=reverse("frontend:home"),
                organisation=None,
                actor=actor,
            )


def _own_place_locked(*, actor: Any, commission: Commission) -> TeamMember:
    current = (
        TeamMember.objects.select_for_update(of=("self",))
        .select_related("user")
        .filter(commission=commission, user_id=actor.pk)
        .first()
    )
    if current is None:
        raise ApplicationError(f"You are no longer on the team for {commission.title}.")
    return current


def team_leave(*, actor: Any, commission: Commission) -> None:
    """Someone steps back from the team. They do not have to say why. The commission's leads are
    told; what they wrote stays. The only lead cannot leave until someone else is a lead."""
    can_leave_team(actor, commission).require()
    with transaction.atomic():
        current = _own_place_locked(actor=actor, commission=commission)
        if current.role == TeamRole.LEAD and _lead_count_locked(commission) <= 1:
            raise ApplicationError(
                f"You are the only lead of {commission.title}. Make someone else a lead first, "
                "so the commission always has someone who can look after it."
            )
        audit_log(
            actor=actor,
            action="commissions.team.left",
            obj=current,
            organisation=commission.lead_funder,
            before={"user": current.user.email, "role": current.role},
            after={},
            summary=f"{current.user} left the team for {commission.title}",
        )
        current.delete()
        leads = [
            member.user
            for member in TeamMember.objects.filter(commission=commission, role=TeamRole.LEAD).select_related("user")
            if member.user.is_active and member.user_id != current.user_id
        ]
        if leads:
            notify(
                recipients=leads,
                kind="commissions.team",
                title=f"{current.user} has left the team for {commission.title}",
                body=(
                    f"{current.user} chose to step back from the team, so they can no longer see the commission. "
                    "What they wrote stays in it. If you agreed to pay them for their time, make sure they get what "
                    "they are owed. You can add them again if they want to come back."
                ),
                url=reverse("commissions:team", args=[commission.pk]),
                organisation=commission.lead_funder,
                actor=actor,
            )


def team_contact_choose(*, actor: Any, commission: Commission, shares_email: bool) -> TeamMember:
    """A person chooses whether the rest of the team sees their email address (otherwise only their
    name and role). Only they can choose it (decision 0022)."""
    can_choose_own_details(actor, commission).require()
    with transaction.atomic():
        current = _own_place_locked(actor=actor, commission=commission)
        if current.shares_email == shares_email:
            return current
        before = {"shares_email": current.shares_email}
        current.shares_email = shares_email
        current.save(update_fields=["shares_email", "updated_at"])
        audit_log(
            actor=actor,
            action="commissions.team.contact_changed",
            obj=current,
            organisation=commission.lead_funder,
            before=before,
            after={"shares_email": shares_email},
            summary=(
                f"{current.user} chose to show their email address to the team for {commission.title}"
                if shares_email
                else f"{current.user} chose to show only their name and role to the team for {commission.title}"
            ),
        )
    return current


# ----------------------------------------------------------------------------------------------
# Invitations for people with no account yet: the core lifecycle (tandem.core.invitations), where
# joining means a place on the team


def _team_join(user: Any, invitation: CommissionInvitation) -> Joined[TeamMember]:
    member, created = TeamMember.objects.get_or_create(
        commission=invitation.commission, user=user, defaults={"role": invitation.role}
    )
    return Joined(record=member, created=created, audit={"role": member.role})


def _invitation_text(*, invitation: CommissionInvitation, actor: Any, url: str) -> str:
    commission = invitation.commission
    parts = [
        "Hello,",
        f"{actor} has invited you to join the team planning {commission.title}, "
        f"led by {commission.lead_funder.name}. You would be {role_article(invitation.role)} on the team.",
        ROLE_DESCRIPTIONS[invitation.role],
        "Tandem helps funders and local organisations plan services together.",
        f"To accept, open this link and make an account:\n{url}",
        f"The link works until {local_date_display(invitation.expires_at)}. After that, ask {actor} to send a new one.",
        "If you were not expecting this, you can ignore it. Nothing happens unless you open the link.",
    ]
    return "\n\n".join(parts) + "\n"


def _invitation_send(invitation: CommissionInvitation, token: str, actor: Any) -> None:
    """Emailed once the change commits: these invitations only go to people with no account."""
    subject = f"{actor} invited you to help with {invitation.commission.title} on Tandem"
    body = _invitation_text(invitation=invitation, actor=actor, url=commission_invitation_url(token))
    email = invitation.email
    transaction.on_commit(
        lambda: send_mail(subject=subject, message=body, from_email=settings.DEFAULT_FROM_EMAIL, recipient_list=[email])
    )


def _inviter_told(invitation: CommissionInvitation, user: Any, joined: Joined[TeamMember]) -> None:
    inviter = invitation.invited_by
    if joined.created and inviter is not None and inviter.pk != user.pk and inviter.is_active:
        commission = invitation.commission
        notify(
            recipients=[inviter],
            kind="commissions.team",
            title=f"{user} has joined the team for {commission.title}",
            body=f"{user} accepted your invitation and is now {role_article(joined.record.role)} on the team.",
            url=reverse("commissions:team", args=[commission.pk]),
            organisation=commission.lead_funder,
            actor=user,
        )


def _accepted_summary(invitation: CommissionInvitation, user: Any, joined: Joined[TeamMember]) -> str:
    commission = invitation.commission
    if joined.created:
        return f"{user} joined the team for {commission.title} as {role_article(joined.record.role)}"
    return f"{user} accepted an invitation to the team for {commission.title} they were already on"


COMMISSION_INVITATIONS: InvitationKind[CommissionInvitation, TeamMember] = InvitationKind(
    model=CommissionInvitation,
    actions=InvitationActions(
        issued="commissions.invitation.sent",
        resent="commissions.invitation.resent",
        accepted="commissions.invitation.accepted",
        cancelled="commissions.invitation.revoked",
    ),
    audit_log=audit_log,
    join=_team_join,
    send=_invitation_send,
    organisation_of=lambda invitation: invitation.commission.lead_funder,
    details=lambda invitation: {"role": invitation.role},
    summary_issued=lambda invitation: (
        f"Invited {invitation.email} to join the team for {invitation.commission.title} "
        f"as {role_article(invitation.role)}"
    ),
    summary_resent=lambda invitation: (
        f"Sent the invitation for {invitation.email} to join the team for {invitation.commission.title} again"
    ),
    summary_accepted=_accepted_summary,
    summary_cancelled=lambda invitation: (
        f"Cancelled the invitation for {invitation.email} to join the team for {invitation.commission.title}"
    ),
    joined=_inviter_told,
    # Only the lead and the lead funder's administrators invite, and they can already do everything
    # on the team, so accepting one they sent gives nobody more access (decision 0009).
    sent_by_them=None,
    related=("commission__lead_funder", "invited_by"),
    scope_field="commission",
)


def commission_invitation_create(
    *, actor: Any, commission: Commission, email: str, role: str
) -> tuple[CommissionInvitation, str]:
    """Email an invitation to join the team. Returns the invitation and the token for the link
    (only its hash is stored)."""
    can_manage_commission(actor, commission).require()
    email = invitation_email_clean(email)
    role = _role_clean(role)
    return invitations.invitation_issue(
        COMMISSION_INVITATIONS, actor=actor, email=email, scope={"commission": commission}, fields={"role": role}
    )


def commission_invitation_resend(
    *, actor: Any, commission: Commission, invitation: CommissionInvitation
) -> tuple[CommissionInvitation, str]:
    """Send an invitation again, with a new link that works for the full time again (the old link
    stops working). Not when the person has joined the team some other way meanwhile."""
    can_manage_commission(actor, commission).require()
    if TeamMember.objects.filter(commission=commission, user__email__iexact=invitation.email).exists():
        raise ApplicationError(f"{invitation.email} is already on the team, so there is no need to send it again.")
    return invitations.invitation_resend(
        COMMISSION_INVITATIONS, actor=actor, invitation=invitation, scope={"commission": commission}
    )


def commission_invitation_accept(*, invitation: CommissionInvitation, user: Any) -> TeamMember:
    """A signed-in person accepts an invitation sent to their email address."""
    return invitations.invitation_accept(COMMISSION_INVITATIONS, invitation=invitation, user=user)


def commission_invitation_accept_new_account(
    *, invitation: CommissionInvitation, full_name: str, password: str
) -> TeamMember:
    """Someone with no account yet accepts: make their account, then put them on the team."""
    return invitations.invitation_accept_new_account(
        COMMISSION_INVITATIONS, invitation=invitation, full_name=full_name, password=password
    )


def commission_invitation_revoke(
    *, actor: Any, commission: Commission, invitation: CommissionInvitation
) -> CommissionInvitation:
    """Cancel an invitation that has not been accepted, so its link stops working."""
    can_manage_commission(actor, commission).require()
    return invitations.invitation_cancel(
        COMMISSION_INVITATIONS, actor=actor, invitation=invitation, scope={"commission": commission}
    )
