"""Reads for the commission pages: the list, one commission with its team, the journey, the team
and invitations. Every read that shows a commission is scoped to the person looking."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import HttpRequest
from django.urls import reverse

from tandem.accounts.hooks import ContactPlace
from tandem.commissions.models import (
    Commission,
    CommissionInvitation,
    PartnerFunder,
    Response,
    StageProgress,
    StageStatus,
    TeamMember,
    TeamRole,
)
from tandem.commissions.permissions import can_manage_commission, can_view_commission
from tandem.commissions.services.team import ROLE_CAN_DO, ROLE_DESCRIPTIONS, role_article
from tandem.core.invitations.selectors import invitation_for_token, invitations_open, invitations_pending
from tandem.frameworks.models import FrameworkKind, FrameworkVersion
from tandem.frameworks.published import LensSummary, StageSummary, published_get
from tandem.frontend.hooks import TeamWelcome
from tandem.frontend.status_tags import status_tag_class
from tandem.organisations.models import FUNDER_KINDS, Membership, MembershipRole, Organisation
from tandem.organisations.permissions import ROLE_CACHE_ATTRIBUTE

# How each status is shown: its one GOV.UK tag colour, the same on every page.
STATUS_TAG_CLASSES = {status.value: status_tag_class(status.value) for status in StageStatus}
# The team is listed leads first, then in this order.
ROLE_ORDER = [role.value for role in TeamRole]


def _team_prefetch() -> Prefetch[Any]:
    return Prefetch("team", queryset=TeamMember.objects.select_related("user").order_by("created_at", "pk"))


# ----------------------------------------------------------------------------------------------
# Frameworks a commission can run on, and funders that can join one


def journey_versions_current() -> list[FrameworkVersion]:
    """The newest version of each journey framework, in framework name order."""
    newest = FrameworkVersion.objects.filter(framework=OuterRef("framework")).order_by("-number").values("number")[:1]
    return list(
        FrameworkVersion.objects.filter(framework__kind=FrameworkKind.JOURNEY, number=Subquery(newest))
        .select_related("framework")
        .order_by("framework__name", "pk")
    )


def funder_organisations() -> list[tuple[int, str]]:
    """Every funder organisation as (id, name), for choosing partner funders."""
    return list(Organisation.objects.filter(kind__in=FUNDER_KINDS).order_by("name", "pk").values_list("pk", "name"))


def lens_frameworks_for(*, version: FrameworkVersion) -> list[LensSummary]:
    """The process lenses a commission on this journey can be seen through, by name (from the
    shared cache once read: ``tandem/frameworks/published.py``)."""
    return list(published_get(version, lenses=True).lenses)


# ----------------------------------------------------------------------------------------------
# Commissions


def commission_get(*, viewer: Any, pk: int, partners: bool = True) -> Commission | None:
    """One commission with its lead funder, framework, team and (unless ``partners`` is False, for
    a page that shows none of them) partner funders loaded: three queries, or two.

    None when there is no such commission; tandem PermissionDenied (with the reason) when the
    viewer may not see it. The framework version's whole content (about 100 KB for the journey, kept
    for the pages that compare versions) is left unread, and so is who started the commission: no
    commission page shows either."""
    prefetches: list[Prefetch[Any]] = [_team_prefetch()]
    if partners:
        prefetches.append(Prefetch("partner_funders", queryset=_partners_queryset()))
    commission = (
        Commission.objects.filter(pk=pk)
        .select_related("lead_funder", "framework_version__framework")
        .defer("framework_version__content")
        .prefetch_related(*prefetches)
        .first()
    )
    if commission is None:
        return None
    can_view_commission(viewer, commission).require()
    return commission


def _partners_queryset() -> QuerySet[PartnerFunder]:
    return PartnerFunder.objects.select_related("organisation").order_by("organisation__name", "pk")


def _admin_organisation_ids(user: Any) -> list[int]:
    roles = getattr(user, ROLE_CACHE_ATTRIBUTE, None)
    if isinstance(roles, dict):
        return [org_id for org_id, role in roles.items() if role == MembershipRole.ADMIN]
    return list(
        Membership.objects.filter(user_id=user.pk, role=MembershipRole.ADMIN).values_list("organisation_id", flat=True)
    )


def commission_list_for_user(*, user: Any) -> QuerySet[Commission]:
    """The commissions a person can see: those whose team they are on, and those led by a funder
    they administer. Each comes with its lead funder, its stage progress and the person's own
    place on the team (``my_team``, a list of at most one)."""
    if not getattr(user, "is_authenticated", False):
        return Commission.objects.none()
    visible = Q(pk__in=TeamMember.objects.filter(user_id=user.pk).values("commission_id"))
    admin_of = _admin_organisation_ids(user)
    if admin_of:
        visible |= Q(lead_funder_id__in=admin_of)
    return (
        Commission.objects.filter(visible)
        .select_related("lead_funder")
        .prefetch_related(
            Prefetch(
                "stage_progress",
                queryset=StageProgress.objects.select_related("stage").order_by("stage__order", "pk"),
            ),
            Prefetch("team", queryset=TeamMember.objects.filter(user_id=user.pk), to_attr="my_team"),
        )
        .order_by("-updated_at", "-pk")
    )


@dataclass(frozen=True)
class CommissionRow:
    """One line of the commissions list."""

    commission: Commission
    current_stage: str
    current_status: str
    current_tag: str
    considered: int
    stages: int
    my_role: str


def commission_rows(commissions: list[Commission]) -> list[CommissionRow]:
    """Work out each commission's stage and progress from what ``commission_list_for_user``
    loaded, with no further queries."""
    rows = []
    for commission in commissions:
        progress = list(commission.stage_progress.all())
        here = next((p for p in progress if p.stage.slug == commission.current_stage), None)
        mine = getattr(commission, "my_team", [])
        rows.append(
            CommissionRow(
                commission=commission,
                current_stage=here.stage.name if here else "",
                current_status=here.get_status_display() if here else "",
                current_tag=STATUS_TAG_CLASSES.get(here.status, "govuk-tag--grey") if here else "",
                considered=sum(1 for p in progress if p.status == StageStatus.CONSIDERED),
                stages=len(progress),
                my_role=mine[0].get_role_display() if mine else "Lead funder administrator",
            )
        )
    return rows


# ----------------------------------------------------------------------------------------------
# The journey


@dataclass(frozen=True)
class JourneyStage:
    stage: StageSummary
    number: int
    status: str
    status_label: str
    tag_class: str
    answered: int
    prompts: int
    is_current: bool


@dataclass(frozen=True)
class Journey:
    stages: list[JourneyStage]
    current: JourneyStage | None
    answered: int
    prompts: int
    lenses: tuple[LensSummary, ...] = ()


def commission_journey(*, viewer: Any, commission: Commission) -> Journey:
    """The stages of the commission's framework version in order, each with its status and how
    many of its prompts have an answer, and the lenses it can be seen through. Two queries however
    many answers there are; the stages and lenses come from the shared cache once read
    (``tandem/frameworks/published.py``)."""
    can_view_commission(viewer, commission).require()
    published = published_get(commission.framework_version, lenses=True)
    stages = published.outline.stages
    statuses = dict(StageProgress.objects.filter(commission=commission).values_list("stage_id", "status"))
    # Each current response's prompt, counted by the stage the kept outline puts it in: a commission
    # has at most one current response per prompt, so this reads no more rows than the framework
    # has prompts, and needs no join or grouping (cheaper to build than counting in the database).
    slugs = {stage.slug: stage.pk for stage in stages}
    stage_of = {prompt.pk: slugs[prompt.stage_slug] for prompt in published.outline.prompts}
    answered = Counter(
        stage_of[prompt_id]
        for prompt_id in Response.objects.filter(commission=commission, is_current=True)
        .order_by()
        .values_list("prompt_id", flat=True)
        if prompt_id in stage_of
    )
    labels = dict(StageStatus.choices)
    rows = []
    for number, stage in enumerate(stages, start=1):
        status = statuses.get(stage.pk, StageStatus.NOT_STARTED.value)
        rows.append(
            JourneyStage(
                stage=stage,
                number=number,
                status=status,
                status_label=str(labels.get(status, status)),
                tag_class=STATUS_TAG_CLASSES.get(status, "govuk-tag--grey"),
                answered=answered.get(stage.pk, 0),
                prompts=stage.prompt_count,
                is_current=stage.slug == commission.current_stage,
            )
        )
    return Journey(
        stages=rows,
        current=next((row for row in rows if row.is_current), None),
        answered=sum(row.answered for row in rows),
        prompts=sum(row.prompts for row in rows),
        lenses=published.lenses,
    )


# ----------------------------------------------------------------------------------------------
# The team and invitations


def team_sorted(commission: Commission) -> list[TeamMember]:
    """The team from the prefetched rows: leads first, then by role, then by name."""
    return sorted(
        commission.team.all(),
        key=lambda m: (
            ROLE_ORDER.index(m.role) if m.role in ROLE_ORDER else len(ROLE_ORDER),
            (m.user.full_name or m.user.email).lower(),
            m.pk,
        ),
    )


# Shown for someone with no name on their account whose email address the viewer may not see.
NO_NAME = "Name not given"


def team_email_visible(viewer: Any, member: TeamMember) -> bool:
    """Whether ``viewer`` may see this team member's email address: their own always; anyone
    else's only when they chose to show it to the team (decision 0022). The lead reaches everyone
    through Tandem's notifications instead."""
    return member.user_id == getattr(viewer, "pk", None) or member.shares_email


@dataclass(frozen=True)
class TeamRow:
    """One person on the team as the viewer sees them: ``email`` is blank when it is not theirs to see."""

    member: TeamMember
    name: str
    email: str
    is_you: bool


def team_rows(*, viewer: Any, commission: Commission) -> list[TeamRow]:
    """The team in order (see ``team_sorted``), each with only what the viewer may see. No query."""
    can_view_commission(viewer, commission).require()
    rows = []
    for member in team_sorted(commission):
        visible = team_email_visible(viewer, member)
        rows.append(
            TeamRow(
                member=member,
                name=member.user.full_name or (member.user.email if visible else NO_NAME),
                email=member.user.email if visible else "",
                is_you=member.user_id == getattr(viewer, "pk", None),
            )
        )
    return rows


def team_own_place(*, viewer: Any, commission: Commission) -> TeamMember | None:
    """The viewer's own place on the team, from the prefetched rows (no query), or None."""
    return next((m for m in commission.team.all() if m.user_id == getattr(viewer, "pk", None)), None)


def team_member_get(*, viewer: Any, commission: Commission, member_pk: int) -> TeamMember | None:
    """A member of the team, from the prefetched rows (no query)."""
    can_view_commission(viewer, commission).require()
    return next((m for m in commission.team.all() if m.pk == member_pk), None)


def commission_invitation_list_pending(*, viewer: Any, commission: Commission) -> list[CommissionInvitation]:
    """Invitations still waiting for a reply, for the people who manage the team."""
    can_manage_commission(viewer, commission).require()
    return list(
        invitations_pending(CommissionInvitation.objects.filter(commission=commission))
        .select_related("invited_by")
        .order_by("-created_at", "-pk")
    )


def commission_invitation_list_open(*, viewer: Any, commission: Commission) -> list[CommissionInvitation]:
    """Invitations waiting for a reply or run out, the newest to each address, for the people who
    manage the team: each can be sent again, and those still waiting can be cancelled. Leaves out
    anyone who has joined the team some other way meanwhile."""
    can_manage_commission(viewer, commission).require()
    on_team = {m.user.email.lower() for m in commission.team.all()}
    return [
        invitation
        for invitation in invitations_open(
            CommissionInvitation.objects.filter(commission=commission), scope_field="commission"
        )
        .select_related("invited_by")
        .order_by("-created_at", "-pk")
        if invitation.email.lower() not in on_team
    ]


def commission_invitation_get(
    *, viewer: Any, commission: Commission, invitation_pk: int
) -> CommissionInvitation | None:
    can_manage_commission(viewer, commission).require()
    return (
        CommissionInvitation.objects.filter(commission=commission, pk=invitation_pk)
        .select_related("invited_by", "commission")
        .first()
    )


def commission_invitation_get_by_token(*, token: str) -> CommissionInvitation | None:
    """The invitation a link points to. Whoever holds the link may see it: the token is the key."""
    return invitation_for_token(
        CommissionInvitation.objects.select_related("commission__lead_funder", "invited_by", "accepted_by"),
        token=token,
    )


def commission_leads(*, commission: Commission) -> list[Any]:
    """The commission's leads, to name on pages that tell someone who to ask."""
    return [
        m.user
        for m in TeamMember.objects.filter(commission=commission, role=TeamRole.LEAD)
        .select_related("user")
        .order_by("user__full_name", "pk")[:5]
    ]


# ----------------------------------------------------------------------------------------------
# What other apps' pages show about a person's teams (lent through their hooks)


def team_contact_places(request: HttpRequest) -> list[ContactPlace]:
    """Each team the person making the request is on, with whether the team sees their email
    address, for the "Your account" page (``tandem.accounts.hooks``). One query."""
    user: Any = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False):
        return []
    return [
        ContactPlace(
            name=f"the team for {member.commission.title}",
            shares_email=member.shares_email,
            change_url=reverse("commissions:team-contact", args=[member.commission_id]),
        )
        for member in TeamMember.objects.filter(user_id=user.pk)
        .select_related("commission")
        .order_by("commission__title", "pk")
    ]


def team_welcomes_for(user: Any) -> list[TeamWelcome]:
    """Each team the person is on, in the words their home page welcomes them with
    (``tandem.frontend.hooks``): their role, what they can do, who their contacts are (the
    commission's leads, reached through Tandem), what the team sees about them and how to step
    back. Two queries, however many teams."""
    if not getattr(user, "is_authenticated", False):
        return []
    places = list(
        TeamMember.objects.filter(user_id=user.pk)
        .select_related("commission__lead_funder")
        .order_by("commission__title", "pk")
    )
    leads: dict[int, list[str]] = {}
    for lead in (
        TeamMember.objects.filter(commission_id__in=[p.commission_id for p in places], role=TeamRole.LEAD)
        .exclude(user_id=user.pk)
        .select_related("user")
        .order_by("user__full_name", "pk")
    ):
        leads.setdefault(lead.commission_id, []).append(lead.user.full_name or NO_NAME)
    return [
        TeamWelcome(
            title=place.commission.title,
            url=reverse("commissions:detail", args=[place.commission_id]),
            lead_funder=place.commission.lead_funder.name,
            role_article=role_article(place.role),
            role_words=ROLE_DESCRIPTIONS.get(place.role, ""),
            can_do=ROLE_CAN_DO.get(place.role, ()),
            contacts=tuple(leads.get(place.commission_id, ())),
            shares_email=place.shares_email,
            details_url=reverse("commissions:team-contact", args=[place.commission_id]),
            leave_url=reverse("commissions:team-leave", args=[place.commission_id]),
            team_url=reverse("commissions:team", args=[place.commission_id]),
        )
        for place in places
    ]
