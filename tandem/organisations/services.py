"""Every change to organisations, memberships and invitations goes through here."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.text import slugify

from tandem.audit.services import audit_log
from tandem.core.concurrency import bump, lock_and_compare
from tandem.core.dates import local_date_display
from tandem.core.exceptions import ApplicationError, PermissionDenied
from tandem.core.invitations import invitation_email_clean
from tandem.core.invitations import services as invitations
from tandem.core.invitations.services import InvitationActions, InvitationKind, Joined
from tandem.notifications.services import notify
from tandem.organisations.content import organisation_lists
from tandem.organisations.identifiers import (
    IdentifierError,
    charity_number_parse,
    company_number_parse,
    size_band_for_income,
)
from tandem.organisations.models import (
    Invitation,
    Membership,
    MembershipRole,
    Organisation,
    OrganisationKind,
    SizeBand,
)
from tandem.organisations.permissions import (
    acts_as_site_admin,
    can_choose_own_details,
    can_create_organisation,
    can_edit_organisation,
    can_manage_members,
    organisation_roles_forget,
)

NAME_MAX = 200
ABOUT_MAX = 1500
ORGANISATION_FIELDS = (
    "name",
    "kind",
    "charity_number",
    "company_number",
    "annual_income",
    "size_band",
    "areas_served",
    "specialisms",
    "about",
)


@dataclass(frozen=True)
class OrganisationDetails:
    """What a person can say about an organisation. Blank strings mean "not given"."""

    name: str
    kind: str
    charity_number: str = ""
    company_number: str = ""
    annual_income: int | None = None
    size_band: str = ""
    areas_served: Sequence[str] = field(default_factory=tuple)
    specialisms: Sequence[str] = field(default_factory=tuple)
    about: str = ""


# ----------------------------------------------------------------------------------------------
# Organisations


def _details_clean(details: OrganisationDetails) -> dict[str, Any]:
    """Check and tidy the details; raise ApplicationError beside the field that is wrong."""
    name = " ".join(details.name.split())
    if not name:
        raise ApplicationError("Enter the organisation's name", field="name")
    if len(name) > NAME_MAX:
        raise ApplicationError(f"The organisation's name must be {NAME_MAX} characters or fewer", field="name")
    if details.kind not in OrganisationKind.values:
        raise ApplicationError("Choose what kind of organisation this is", field="kind")
    charity_number = company_number = ""
    try:
        if details.charity_number.strip():
            charity_number = charity_number_parse(details.charity_number).registered_number
    except IdentifierError as exc:
        raise ApplicationError(exc.message, field="charity_number") from exc
    try:
        if details.company_number.strip():
            company_number = company_number_parse(details.company_number).registered_number
    except IdentifierError as exc:
        raise ApplicationError(exc.message, field="company_number") from exc
    income = details.annual_income
    if income is not None and income < 0:
        raise ApplicationError("Annual income must be £0 or more", field="annual_income")
    if income is not None:
        size_band = size_band_for_income(income)
    elif details.size_band:
        if details.size_band not in SizeBand.values:
            raise ApplicationError("Choose a size band from the list", field="size_band")
        size_band = details.size_band
    else:
        size_band = ""
    lists = organisation_lists()
    area_keys = {option.key for option in lists.areas_served}
    specialism_keys = {option.key for option in lists.specialisms}
    areas = list(dict.fromkeys(details.areas_served))
    specialisms = list(dict.fromkeys(details.specialisms))
    if any(area not in area_keys for area in areas):
        raise ApplicationError("Choose areas from the list", field="areas_served")
    if any(item not in specialism_keys for item in specialisms):
        raise ApplicationError("Choose specialisms from the list", field="specialisms")
    about = details.about.strip()
    if len(about) > ABOUT_MAX:
        raise ApplicationError(f"About us must be {ABOUT_MAX} characters or fewer", field="about")
    return {
        "name": name,
        "kind": details.kind,
        "charity_number": charity_number,
        "company_number": company_number,
        "annual_income": income,
        "size_band": size_band,
        # Keep the order of the lists, not the order of the clicks.
        "areas_served": [o.key for o in lists.areas_served if o.key in areas],
        "specialisms": [o.key for o in lists.specialisms if o.key in specialisms],
        "about": about,
    }


# Paths under /organisations/ that are pages, not organisations.
RESERVED_SLUGS = frozenset({"new", "switch"})


def _slug_unique(name: str) -> str:
    base = slugify(name)[:70].strip("-") or "organisation"
    slug = base
    n = 1
    while slug in RESERVED_SLUGS or Organisation.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _snapshot(organisation: Organisation, names: Sequence[str] = ORGANISATION_FIELDS) -> dict[str, Any]:
    return {name: getattr(organisation, name) for name in names}


def organisation_create(*, actor: Any, details: OrganisationDetails, slug: str = "") -> Organisation:
    """A site administrator adds an organisation to Tandem. ``slug`` chooses its web address;
    when blank, one is made from the name."""
    can_create_organisation(actor).require()
    values = _details_clean(details)
    if slug:
        if slug != slugify(slug) or len(slug) > 80 or slug in RESERVED_SLUGS:
            raise ApplicationError("Choose a web address of lower-case letters, numbers and hyphens", field="slug")
        if Organisation.objects.filter(slug=slug).exists():
            raise ApplicationError("Another organisation already has this web address", field="slug")
    with transaction.atomic():
        organisation = Organisation(slug=slug or _slug_unique(values["name"]), **values)
        organisation.save()
        audit_log(
            actor=actor,
            action="organisations.organisation.created",
            obj=organisation,
            organisation=organisation,
            after=_snapshot(organisation),
            summary=f"Added {organisation.name} ({organisation.get_kind_display()})",
        )
    return organisation


def organisation_update(
    *, actor: Any, organisation: Organisation, details: OrganisationDetails, expected_version: int | None
) -> Organisation:
    """Save new details. When someone else saved since ``expected_version``, raise
    ``EditConflict`` carrying what they saved, and change nothing."""
    can_edit_organisation(actor, organisation).require()
    values = _details_clean(details)
    if values["kind"] != organisation.kind and not getattr(actor, "is_superuser", False):
        raise PermissionDenied("Only site administrators can change what kind of organisation this is.")
    with transaction.atomic():
        current = lock_and_compare(
            Organisation.objects.all(),
            pk=organisation.pk,
            expected_version=expected_version,
            what="this organisation's details",
        )
        changed = [name for name in ORGANISATION_FIELDS if getattr(current, name) != values[name]]
        if not changed:
            return current
        before = _snapshot(current, changed)
        for name in changed:
            setattr(current, name, values[name])
        current.save(update_fields=[*changed, bump(current), "updated_at"])
        audit_log(
            actor=actor,
            action="organisations.organisation.updated",
            obj=current,
            organisation=current,
            before=before,
            after=_snapshot(current, changed),
            summary=f"Changed {', '.join(name.replace('_', ' ') for name in changed)}",
        )
    return current


# ----------------------------------------------------------------------------------------------
# Site administrators changing an organisation's membership (decision 0009)

SITE_ADMIN_REASON_MAX = 1000
ROLE_RANK = {MembershipRole.MEMBER.value: 1, MembershipRole.ADMIN.value: 2}


def site_admin_reason_clean(*, actor: Any, organisation: Organisation, reason: str) -> str:
    """The reason a site administrator gives for changing an organisation they are not an
    administrator of; blank for everyone else, who needs none. Refuses a missing or long reason."""
    if not acts_as_site_admin(actor, organisation):
        return ""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ApplicationError(
            f"Say why you are making this change. {organisation.name}'s administrators will see it",
            field="reason",
        )
    if len(reason) > SITE_ADMIN_REASON_MAX:
        raise ApplicationError(f"The reason must be {SITE_ADMIN_REASON_MAX} characters or fewer", field="reason")
    return reason


def _organisation_admins_tell(*, actor: Any, organisation: Organisation, what: str, reason: str) -> None:
    """Tell the organisation's own administrators, at once and by email, what a site administrator
    changed and why. Called inside the change's transaction, so nobody is told of a change that
    did not happen."""
    admins = [
        membership.user
        for membership in Membership.objects.filter(
            organisation=organisation, role=MembershipRole.ADMIN
        ).select_related("user")
        if membership.user.is_active and membership.user_id != getattr(actor, "pk", None)
    ]
    if not admins:
        return
    notify(
        recipients=admins,
        kind="organisations.site_admin_change",
        title=f"A site administrator changed who is in {organisation.name}",
        body=(
            f"{actor}, who runs this copy of Tandem, {what}.\n\n"
            f"The reason they gave: {reason}\n\n"
            "If you did not expect this, you can change it back on the members page, "
            "and tell the people who run Tandem."
        ),
        url=reverse("organisations:members", args=[organisation.slug]),
        organisation=organisation,
        actor=actor,
    )


def _site_admin_audit(reason: str) -> dict[str, Any]:
    """What the audit entry adds when a site administrator made the change."""
    return {"as_site_admin": True, "reason": reason} if reason else {}


# ----------------------------------------------------------------------------------------------
# Memberships


def _admin_count_locked(organisation: Organisation) -> int:
    """Count administrators while holding their rows, so two changes cannot both remove the last."""
    return len(
        list(
            Membership.objects.select_for_update()
            .filter(organisation=organisation, role=MembershipRole.ADMIN)
            .values_list("pk", flat=True)
        )
    )


def _last_admin_message(membership: Membership) -> str:
    return (
        f"{membership.user} is the only administrator of {membership.organisation.name}. "
        "Make someone else an administrator first, so the organisation always has someone who can manage it."
    )


def membership_role_change(*, actor: Any, membership: Membership, role: str, reason: str = "") -> Membership:
    """Change a member's role. Nobody can raise their own role, and a site administrator who is not
    one of the organisation's administrators must say why; its administrators are told."""
    organisation = membership.organisation
    can_manage_members(actor, organisation).require()
    if role not in MembershipRole.values:
        raise ApplicationError("Choose a role", field="role")
    if membership.user_id == getattr(actor, "pk", None) and ROLE_RANK[role] > ROLE_RANK.get(membership.role, 0):
        raise ApplicationError(
            f"You cannot give yourself more access to {organisation.name}. "
            "Ask one of its other administrators to change your role",
            field="role",
        )
    reason = site_admin_reason_clean(actor=actor, organisation=organisation, reason=reason)
    with transaction.atomic():
        current = Membership.objects.select_for_update().select_related("user", "organisation").get(pk=membership.pk)
        if current.role == role:
            return current
        if current.role == MembershipRole.ADMIN and _admin_count_locked(organisation) <= 1:
            raise ApplicationError(_last_admin_message(current), field="role")
        before = {"role": current.role}
        current.role = role
        current.save(update_fields=["role", "updated_at"])
        audit_log(
            actor=actor,
            action="organisations.membership.role_changed",
            obj=current,
            organisation=organisation,
            before=before,
            after={"role": current.role, **_site_admin_audit(reason)},
            summary=f"{current.user} is now {current.get_role_display().lower()} of {organisation.name}",
        )
        if reason:
            _organisation_admins_tell(
                actor=actor,
                organisation=organisation,
                what=f"made {current.user} {current.get_role_display().lower()} of {organisation.name}",
                reason=reason,
            )
        notify(
            recipients=[current.user],
            kind="organisations.membership",
            title=f"Your role in {organisation.name} has changed",
            body=f"You are now {current.get_role_display().lower()} of {organisation.name}.",
            url=reverse("organisations:detail", args=[organisation.slug]),
            organisation=organisation,
            actor=actor,
        )
    organisation_roles_forget(actor)
    return current


def membership_remove(*, actor: Any, membership: Membership, reason: str = "") -> None:
    organisation = membership.organisation
    can_manage_members(actor, organisation).require()
    reason = site_admin_reason_clean(actor=actor, organisation=organisation, reason=reason)
    with transaction.atomic():
        current = (
            Membership.objects.select_for_update()
            .select_related("user", "organisation")
            .filter(pk=membership.pk)
            .first()
        )
        if current is None:
            raise ApplicationError("This person is no longer a member of the organisation.")
        if current.role == MembershipRole.ADMIN and _admin_count_locked(organisation) <= 1:
            raise ApplicationError(_last_admin_message(current))
        user = current.user
        audit_log(
            actor=actor,
            action="organisations.membership.removed",
            obj=current,
            organisation=organisation,
            before={"user": user.email, "role": current.role},
            after=_site_admin_audit(reason),
            summary=f"Removed {user} from {organisation.name}",
        )
        if reason:
            _organisation_admins_tell(
                actor=actor, organisation=organisation, what=f"removed {user} from {organisation.name}", reason=reason
            )
        current.delete()
        if user != actor:
            notify(
                recipients=[user],
                kind="organisations.membership",
                title=f"You are no longer a member of {organisation.name}",
                body=(
                    f"{actor} removed you from {organisation.name} on Tandem. "
                    "If you think this is a mistake, contact the organisation."
                ),
                url=reverse("frontend:home"),
                organisation=None,
                actor=actor,
            )
    organisation_roles_forget(actor)


def membership_contact_choose(*, actor: Any, organisation: Organisation, shares_email: bool) -> Membership:
    """A member chooses whether the organisation's other members see their email address
    (otherwise only their name and role). Only they can choose it; the organisation's
    administrators see it either way (decision 0022)."""
    can_choose_own_details(actor, organisation).require()
    with transaction.atomic():
        current = (
            Membership.objects.select_for_update()
            .select_related("user")
            .filter(organisation=organisation, user_id=actor.pk)
            .first()
        )
        if current is None:
            raise ApplicationError(f"You are no longer a member of {organisation.name}.")
        if current.shares_email == shares_email:
            return current
        before = {"shares_email": current.shares_email}
        current.shares_email = shares_email
        current.save(update_fields=["shares_email", "updated_at"])
        audit_log(
            actor=actor,
            action="organisations.membership.contact_changed",
            obj=current,
            organisation=organisation,
            before=before,
            after={"shares_email": shares_email},
            summary=(
                f"{current.user} chose to show their email address to the other members of {organisation.name}"
                if shares_email
                else f"{current.user} chose to show only their name and role to the other members of "
                f"{organisation.name}"
            ),
        )
    return current


# ----------------------------------------------------------------------------------------------
# Invitations: the core lifecycle (tandem.core.invitations), where joining means a membership


def invitation_url(token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("invitations:accept", args=[token])


def _role_words(role: str) -> str:
    """ "an administrator" or "a member": the role as it reads in a sentence."""
    return "an administrator" if role == MembershipRole.ADMIN else "a member"


def _membership_join(user: Any, invitation: Invitation) -> Joined[Membership]:
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=invitation.organisation, defaults={"role": invitation.role}
    )
    return Joined(record=membership, created=created, audit={"role": membership.role})


def _invitation_text(*, invitation: Invitation, actor: Any, url: str) -> str:
    """What the invitation says. ``url`` is left out when the notification adds the link itself."""
    organisation = invitation.organisation
    parts = [
        f"{actor} has invited you to join {organisation.name} on Tandem as {_role_words(invitation.role)}.",
        "Tandem helps funders and local organisations plan and run services together.",
    ]
    if url:
        parts.append(f"To accept, open this link:\n{url}")
    parts += [
        f"The link works until {local_date_display(invitation.expires_at)}. After that, ask {actor} to send a new one.",
        "If you were not expecting this, you can ignore it. Nothing happens unless you open the link.",
    ]
    return "\n\n".join(parts) + "\n"


def _invitation_send(invitation: Invitation, token: str, actor: Any) -> None:
    """Someone with an account is told in Tandem (and by email, as notifications are); anyone else
    is emailed the link once the change commits."""
    organisation = invitation.organisation
    url = invitation_url(token)
    title = f"{actor} invited you to join {organisation.name} on Tandem"
    existing_user = get_user_model().objects.filter(email__iexact=invitation.email).first()
    if existing_user is not None:
        # The notification keeps the link, but for someone with an account the link alone is
        # not enough: they must also be signed in as that person to accept.
        notify(
            recipients=[existing_user],
            kind="organisations.invitation",
            title=title,
            body=_invitation_text(invitation=invitation, actor=actor, url=""),
            url=url,
            organisation=organisation,
            actor=actor,
        )
        return
    body = "Hello,\n\n" + _invitation_text(invitation=invitation, actor=actor, url=url)
    email = invitation.email
    transaction.on_commit(
        lambda: send_mail(subject=title, message=body, from_email=settings.DEFAULT_FROM_EMAIL, recipient_list=[email])
    )


def _inviter_told(invitation: Invitation, user: Any, joined: Joined[Membership]) -> None:
    inviter = invitation.invited_by
    membership = joined.record
    if joined.created and inviter is not None and inviter.pk != user.pk and inviter.is_active:
        organisation = invitation.organisation
        notify(
            recipients=[inviter],
            kind="organisations.invitation_accepted",
            title=f"{user} has joined {organisation.name}",
            body=(
                f"{user} accepted your invitation and is now {membership.get_role_display().lower()} "
                f"of {organisation.name}."
            ),
            url=reverse("organisations:members", args=[organisation.slug]),
            organisation=organisation,
            actor=user,
        )


def _accepted_summary(invitation: Invitation, user: Any, joined: Joined[Membership]) -> str:
    organisation = invitation.organisation
    if joined.created:
        return f"{user} joined {organisation.name} as {joined.record.get_role_display().lower()}"
    return f"{user} accepted an invitation to {organisation.name} they were already a member of"


def _sent_by_them(invitation: Invitation) -> str:
    return (
        "You sent this invitation yourself, so you cannot accept it. "
        f"Ask an administrator of {invitation.organisation.name} to invite you."
    )


ORGANISATION_INVITATIONS: InvitationKind[Invitation, Membership] = InvitationKind(
    model=Invitation,
    actions=InvitationActions(
        issued="organisations.membership.invited",
        resent="organisations.invitation.resent",
        accepted="organisations.invitation.accepted",
        cancelled="organisations.invitation.revoked",
    ),
    audit_log=audit_log,
    join=_membership_join,
    send=_invitation_send,
    organisation_of=lambda invitation: invitation.organisation,
    details=lambda invitation: {"role": invitation.role},
    summary_issued=lambda invitation: (
        f"Invited {invitation.email} to join {invitation.organisation.name} as {invitation.get_role_display().lower()}"
    ),
    summary_resent=lambda invitation: (
        f"Sent the invitation for {invitation.email} to join {invitation.organisation.name} again"
    ),
    summary_accepted=_accepted_summary,
    summary_cancelled=lambda invitation: (
        f"Cancelled the invitation for {invitation.email} to join {invitation.organisation.name}"
    ),
    joined=_inviter_told,
    # Nobody lets themselves in (decision 0009), even with an invitation made before the rule.
    sent_by_them=_sent_by_them,
    related=("organisation", "invited_by"),
    scope_field="organisation",
)


def _self_invite_refuse(*, actor: Any, organisation: Organisation, email: str) -> None:
    if email == str(getattr(actor, "email", "")).strip().lower():
        raise ApplicationError(
            f"You cannot invite yourself to {organisation.name}. "
            "If you need to be part of it, ask one of its administrators to invite you",
            field="email",
        )


def _admins_told(
    *, actor: Any, organisation: Organisation, reason: str, what: Callable[[Invitation], str]
) -> Callable[[Invitation], None] | None:
    """When a site administrator gave a reason, what tells the organisation's administrators
    (run by the lifecycle inside the change's transaction); otherwise nothing."""
    if not reason:
        return None
    return lambda invitation: _organisation_admins_tell(
        actor=actor, organisation=organisation, what=what(invitation), reason=reason
    )


def invitation_create(
    *, actor: Any, organisation: Organisation, email: str, role: str, reason: str = ""
) -> tuple[Invitation, str]:
    """Invite someone by email. Returns the invitation and the token for the link (the token is
    not stored: only its hash is). Nobody can invite themselves; a site administrator who is not one
    of the organisation's administrators must say why, and its administrators are told."""
    can_manage_members(actor, organisation).require()
    email = invitation_email_clean(email)
    if role not in MembershipRole.values:
        raise ApplicationError("Choose a role", field="role")
    _self_invite_refuse(actor=actor, organisation=organisation, email=email)
    reason = site_admin_reason_clean(actor=actor, organisation=organisation, reason=reason)
    if Membership.objects.filter(user__email__iexact=email, organisation=organisation).exists():
        raise ApplicationError(f"{email} is already a member of {organisation.name}", field="email")
    return invitations.invitation_issue(
        ORGANISATION_INVITATIONS,
        actor=actor,
        email=email,
        scope={"organisation": organisation},
        fields={"role": role},
        audit_extra=_site_admin_audit(reason),
        also=_admins_told(
            actor=actor,
            organisation=organisation,
            reason=reason,
            what=lambda invitation: (
                f"invited {email} to join {organisation.name} as {invitation.get_role_display().lower()}"
            ),
        ),
    )


def invitation_resend(*, actor: Any, invitation: Invitation, reason: str = "") -> tuple[Invitation, str]:
    """Send an invitation again, with a new link that works for the full time again (the old link
    stops working). The same people may do it, with the same rules, as may invite."""
    organisation = invitation.organisation
    can_manage_members(actor, organisation).require()
    _self_invite_refuse(actor=actor, organisation=organisation, email=invitation.email)
    if Membership.objects.filter(user__email__iexact=invitation.email, organisation=organisation).exists():
        raise ApplicationError(
            f"{invitation.email} is already a member of {organisation.name}, so there is no need to send it again."
        )
    reason = site_admin_reason_clean(actor=actor, organisation=organisation, reason=reason)
    return invitations.invitation_resend(
        ORGANISATION_INVITATIONS,
        actor=actor,
        invitation=invitation,
        audit_extra=_site_admin_audit(reason),
        also=_admins_told(
            actor=actor,
            organisation=organisation,
            reason=reason,
            what=lambda current: f"sent the invitation for {current.email} to join {organisation.name} again",
        ),
    )


def invitation_accept(*, invitation: Invitation, user: Any) -> Membership:
    """A signed-in person accepts an invitation sent to their email address, unless they sent it
    themselves: nobody lets themselves in."""
    membership = invitations.invitation_accept(ORGANISATION_INVITATIONS, invitation=invitation, user=user)
    organisation_roles_forget(user)
    return membership


def invitation_accept_new_account(*, invitation: Invitation, full_name: str, password: str) -> Membership:
    """Someone with no account yet accepts: make their account, then their membership."""
    return invitations.invitation_accept_new_account(
        ORGANISATION_INVITATIONS, invitation=invitation, full_name=full_name, password=password
    )


def invitation_revoke(*, actor: Any, invitation: Invitation, reason: str = "") -> Invitation:
    """Cancel an invitation, so its link stops working. A site administrator who is not one of the
    organisation's administrators must say why, and its administrators are told."""
    organisation = invitation.organisation
    can_manage_members(actor, organisation).require()
    reason = site_admin_reason_clean(actor=actor, organisation=organisation, reason=reason)
    return invitations.invitation_cancel(
        ORGANISATION_INVITATIONS,
        actor=actor,
        invitation=invitation,
        audit_extra=_site_admin_audit(reason),
        also=_admins_told(
            actor=actor,
            organisation=organisation,
            reason=reason,
            what=lambda current: f"cancelled the invitation for {current.email} to join {organisation.name}",
        ),
    )
