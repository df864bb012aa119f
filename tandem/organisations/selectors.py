"""Reads the organisation pages need, scoped to the person looking."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.urls import reverse

from tandem.accounts.hooks import ContactPlace
from tandem.core.invitations.selectors import invitation_for_token, invitations_open, invitations_pending
from tandem.organisations.models import FUNDER_KINDS, Invitation, Membership, MembershipRole, Organisation
from tandem.organisations.permissions import (
    can_list_organisations,
    can_manage_members,
    can_view_members,
)

# Shown for someone with no name on their account whose email address the viewer may not see.
NO_NAME = "Name not given"


def organisation_get(*, slug: str) -> Organisation | None:
    """Any signed-in person may see an organisation's profile, so this is not scoped further."""
    return Organisation.objects.filter(slug=slug).first()


def organisation_list(*, viewer: Any, search: str = "") -> QuerySet[Organisation]:
    """Every organisation, for site administrators, with a count of members."""
    can_list_organisations(viewer).require()
    # A subquery rather than a join, so counting the pages does not group every organisation.
    members = (
        Membership.objects.filter(organisation=OuterRef("pk"))
        .order_by()
        .values("organisation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    qs = Organisation.objects.annotate(
        member_count=Coalesce(Subquery(members, output_field=IntegerField()), Value(0))
    ).order_by("name", "pk")
    search = search.strip()
    if search:
        qs = qs.filter(name__icontains=search[:200])
    return qs


def membership_list_for_user(*, user: Any) -> list[Membership]:
    """The organisations a person belongs to, in name order."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Membership.objects.filter(user=user).select_related("organisation").order_by("organisation__name", "pk")
    )


def membership_list_for_organisation(*, viewer: Any, organisation: Organisation) -> QuerySet[Membership]:
    can_view_members(viewer, organisation).require()
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("role", "user__full_name", "user__email")
    )


@dataclass(frozen=True)
class MemberRow:
    """One member as the viewer sees them: ``email`` is blank when it is not theirs to see."""

    membership: Membership
    name: str
    email: str
    is_you: bool


def member_rows(*, viewer: Any, organisation: Organisation, members: list[Membership]) -> list[MemberRow]:
    """The members with only what the viewer may see (decision 0022). Everyone sees names and
    roles. Email addresses: your own; everyone's for the organisation's administrators and site
    administrators, who look after who is in it and help people who cannot sign in; anyone
    else's only when they chose to show it. No query beyond what ``members`` loaded."""
    sees_all = can_manage_members(viewer, organisation).allowed
    viewer_id = getattr(viewer, "pk", None)
    rows = []
    for membership in members:
        visible = sees_all or membership.user_id == viewer_id or membership.shares_email
        rows.append(
            MemberRow(
                membership=membership,
                name=membership.user.full_name or (membership.user.email if visible else NO_NAME),
                email=membership.user.email if visible else "",
                is_you=membership.user_id == viewer_id,
            )
        )
    return rows


def membership_own(*, viewer: Any, organisation: Organisation) -> Membership | None:
    """The viewer's own membership of the organisation, or None."""
    if not getattr(viewer, "is_authenticated", False):
        return None
    return Membership.objects.filter(organisation=organisation, user_id=viewer.pk).select_related("user").first()


def membership_get(*, viewer: Any, organisation: Organisation, pk: int) -> Membership | None:
    can_view_members(viewer, organisation).require()
    return Membership.objects.filter(organisation=organisation, pk=pk).select_related("user", "organisation").first()


def organisation_admin_count(*, organisation: Organisation) -> int:
    return Membership.objects.filter(organisation=organisation, role=MembershipRole.ADMIN).count()


def invitation_list_pending(*, viewer: Any, organisation: Organisation) -> QuerySet[Invitation]:
    """Invitations still waiting for a reply (not accepted, cancelled or expired)."""
    can_manage_members(viewer, organisation).require()
    return (
        invitations_pending(Invitation.objects.filter(organisation=organisation))
        .select_related("invited_by")
        .order_by("-created_at")
    )


def invitation_list_open(*, viewer: Any, organisation: Organisation) -> list[Invitation]:
    """Invitations waiting for a reply or run out, the newest to each address: each can be sent
    again, and those still waiting can be cancelled. Leaves out anyone who has joined meanwhile."""
    can_manage_members(viewer, organisation).require()
    members = {
        email.lower()
        for email in Membership.objects.filter(organisation=organisation).values_list("user__email", flat=True)
    }
    return [
        invitation
        for invitation in invitations_open(
            Invitation.objects.filter(organisation=organisation), scope_field="organisation"
        )
        .select_related("invited_by")
        .order_by("-created_at", "-pk")
        if invitation.email.lower() not in members
    ]


def membership_contact_places(request: HttpRequest) -> list[ContactPlace]:
    """Each organisation the person is in, with whether its other members see their email
    address, for the "Your account" page (``tandem.accounts.hooks``). No query: the memberships
    are the ones the organisation middleware loaded for this request."""
    memberships = getattr(request, "memberships", None)
    if memberships is None:
        memberships = membership_list_for_user(user=getattr(request, "user", None))
    return [
        ContactPlace(
            name=membership.organisation.name,
            shares_email=membership.shares_email,
            change_url=reverse("organisations:member-contact", args=[membership.organisation.slug]),
        )
        for membership in memberships
    ]


def invitation_get_by_token(*, token: str) -> Invitation | None:
    """The invitation a link points to. Anyone holding the link may see it: the token is the key."""
    return invitation_for_token(
        Invitation.objects.select_related("organisation", "invited_by", "accepted_by"), token=token
    )


def invitation_get(*, viewer: Any, organisation: Organisation, pk: int) -> Invitation | None:
    can_manage_members(viewer, organisation).require()
    return Invitation.objects.filter(organisation=organisation, pk=pk).select_related("invited_by").first()


def organisation_admins(*, organisation: Organisation) -> list[Any]:
    """The people who run an organisation, to name on pages that tell someone who to ask."""
    return [
        m.user
        for m in Membership.objects.filter(organisation=organisation, role=MembershipRole.ADMIN)
        .select_related("user")
        .order_by("user__full_name")[:5]
    ]


def organisation_admins_to_ask(request: HttpRequest) -> list[Any]:
    """The administrators of the organisation someone is acting for, other than them: the 403
    page names them as the people to ask (lent to it through ``tandem.frontend.hooks``)."""
    organisation = getattr(request, "organisation", None)
    if organisation is None:
        return []
    viewer_id = getattr(getattr(request, "user", None), "pk", None)
    return [admin for admin in organisation_admins(organisation=organisation) if admin.pk != viewer_id]


def works_for_a_funder(user: Any) -> bool:
    """Whether this person is a member of a funder organisation (so must use two-factor). One query."""
    return Membership.objects.filter(user_id=user.pk, organisation__kind__in=FUNDER_KINDS).exists()


def works_for_a_funder_reason(user: Any) -> str:
    """Why a funder's member must use two-factor, naming the first funder by name ("" for others)."""
    membership = (
        Membership.objects.filter(user_id=user.pk, organisation__kind__in=FUNDER_KINDS)
        .select_related("organisation")
        .order_by("organisation__name")
        .first()
    )
    if membership is None:
        return ""
    return (
        f"you work for {membership.organisation.name}, which funds services, so you can see "
        "sensitive details about services and the people who use them"
    )
