"""Who is on a commission's team: adding people, inviting people with no account yet, changing
roles, removing people, and accepting or cancelling invitations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from tandem.audit.services import audit_log
from tandem.commissions.models import Commission, CommissionInvitation, TeamMember, TeamRole
from tandem.commissions.permissions import can_manage_commission
from tandem.core.exceptions import ApplicationError
from tandem.core.invitations import (
    already_has_account_message,
    invitation_accepter_check,
    invitation_email_clean,
    invitation_open_check,
    invitation_token_new,
    new_account_details_check,
)
from tandem.frontend.dates import local_date_display
from tandem.notifications.services import notify

# What each role means, in plain words. Shown beside the choice, and used in messages.
ROLE_DESCRIPTIONS = {
    TeamRole.LEAD.value: "Runs the commission: can change its details and decide who is on the team.",
    TeamRole.FINANCE.value: "Looks after the money: the budget, costs and what each funder puts in.",
    TeamRole.PROCUREMENT.value: "Looks after how the service is bought: the rules, the timeline and the tender.",
    TeamRole.LIVED_EXPERIENCE.value: ("Brings what it is like to use services like this. Chooses how to take part."),
    TeamRole.OBSERVER.value: "Can read the commission and comment, but cannot record answers or change anything.",
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


# ----------------------------------------------------------------------------------------------
# Invitations for people with no account yet


def commission_invitation_create(
    *, actor: Any, commission: Commission, email: str, role: str
) -> tuple[CommissionInvitation, str]:
    """Email an invitation to join the team. Returns the invitation and the token for the link
    (only its hash is stored)."""
    can_manage_commission(actor, commission).require()
    email = invitation_email_clean(email)
    role = _role_clean(role)
    now = timezone.now()
    waiting = CommissionInvitation.objects.filter(
        commission=commission, email=email, accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now
    ).first()
    if waiting is not None:
        raise ApplicationError(
            f"{email} has already been invited. The invitation lasts until "
            f"{local_date_display(waiting.expires_at)}. Cancel it first if you want to send a new one",
            field="email",
        )
    token, token_hash = invitation_token_new()
    with transaction.atomic():
        invitation = CommissionInvitation.objects.create(
            commission=commission,
            email=email,
            role=role,
            invited_by=actor,
            token_hash=token_hash,
            expires_at=now + timedelta(days=settings.INVITATION_DAYS),
        )
        audit_log(
            actor=actor,
            action="commissions.invitation.sent",
            obj=invitation,
            organisation=commission.lead_funder,
            after={"email": email, "role": role, "expires_at": invitation.expires_at.isoformat()},
            summary=f"Invited {email} to join the team for {commission.title} as {role_article(role)}",
        )
        subject = f"{actor} invited you to help with {commission.title} on Tandem"
        body = _invitation_text(invitation=invitation, actor=actor, url=commission_invitation_url(token))
        transaction.on_commit(
            lambda: send_mail(
                subject=subject, message=body, from_email=settings.DEFAULT_FROM_EMAIL, recipient_list=[email]
            )
        )
    return invitation, token


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


def _invitation_check_open(invitation: CommissionInvitation) -> None:
    invitation_open_check(
        accepted_at=invitation.accepted_at, revoked_at=invitation.revoked_at, expires_at=invitation.expires_at
    )


def commission_invitation_accept(*, invitation: CommissionInvitation, user: Any) -> TeamMember:
    """A signed-in person accepts an invitation sent to their email address."""
    invitation_accepter_check(invited_email=invitation.email, user=user)
    with transaction.atomic():
        current = (
            CommissionInvitation.objects.select_for_update(of=("self",))
            .select_related("commission__lead_funder", "invited_by")
            .get(pk=invitation.pk)
        )
        _invitation_check_open(current)
        return _invitation_complete(current, user)


def commission_invitation_accept_new_account(
    *, invitation: CommissionInvitation, full_name: str, password: str
) -> TeamMember:
    """Someone with no account yet accepts: make their account, then put them on the team."""
    full_name = new_account_details_check(email=invitation.email, full_name=full_name, password=password)
    User = get_user_model()
    try:
        with transaction.atomic():
            current = (
                CommissionInvitation.objects.select_for_update(of=("self",))
                .select_related("commission__lead_funder", "invited_by")
                .get(pk=invitation.pk)
            )
            _invitation_check_open(current)
            user = User.objects.create_user(email=current.email, password=password, full_name=full_name)
            return _invitation_complete(current, user, new_account=True)
    except IntegrityError as exc:  # someone made the account at the same moment
        raise ApplicationError(already_has_account_message(invitation.email)) from exc


def _invitation_complete(invitation: CommissionInvitation, user: Any, *, new_account: bool = False) -> TeamMember:
    commission = invitation.commission
    member, created = TeamMember.objects.get_or_create(
        commission=commission, user=user, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    audit_log(
        actor=user,
        action="commissions.invitation.accepted",
        obj=invitation,
        organisation=commission.lead_funder,
        before={"status": "pending"},
        after={"status": "accepted", "role": member.role, "new_account": new_account},
        summary=(
            f"{user} joined the team for {commission.title} as {role_article(member.role)}"
            if created
            else f"{user} accepted an invitation to the team for {commission.title} they were already on"
        ),
    )
    inviter = invitation.invited_by
    if created and inviter is not None and inviter.pk != user.pk and inviter.is_active:
        notify(
            recipients=[inviter],
            kind="commissions.team",
            title=f"{user} has joined the team for {commission.title}",
            body=f"{user} accepted your invitation and is now {role_article(member.role)} on the team.",
            url=reverse("commissions:team", args=[commission.pk]),
            organisation=commission.lead_funder,
            actor=user,
        )
    return member


def commission_invitation_revoke(
    *, actor: Any, commission: Commission, invitation: CommissionInvitation
) -> CommissionInvitation:
    """Cancel an invitation that has not been accepted, so its link stops working."""
    can_manage_commission(actor, commission).require()
    with transaction.atomic():
        current = (
            CommissionInvitation.objects.select_for_update().filter(pk=invitation.pk, commission=commission).first()
        )
        if current is None:
            raise ApplicationError("There is no such invitation.")
        if current.accepted_at is not None:
            raise ApplicationError(f"{current.email} has already accepted this invitation, so it cannot be cancelled.")
        if current.revoked_at is not None:
            return current
        current.revoked_at = timezone.now()
        current.revoked_by = actor
        current.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
        audit_log(
            actor=actor,
            action="commissions.invitation.revoked",
            obj=current,
            organisation=commission.lead_funder,
            before={"status": "pending"},
            after={"status": "revoked"},
            summary=f"Cancelled the invitation for {current.email} to join the team for {commission.title}",
        )
    return current
