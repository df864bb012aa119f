"""Reads for the commission pages: the list, one commission with its team, the journey, the team
and invitations. Every read that shows a commission is scoped to the person looking."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery

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
from tandem.core.invitations.selectors import invitation_for_token, invitations_pending
from tandem.frameworks.models import Framework, FrameworkKind, FrameworkVersion, Stage
from tandem.organisations.models import FUNDER_KINDS, Membership, MembershipRole, Organisation
from tandem.organisations.permissions import ROLE_CACHE_ATTRIBUTE

# How each status is shown: the GOV.UK tag colour that goes with it.
STATUS_TAG_CLASSES = {
    StageStatus.NOT_STARTED.value: "govuk-tag--grey",
    StageStatus.IN_PROGRESS.value: "govuk-tag--blue",
    StageStatus.CONSIDERED.value: "govuk-tag--green",
    StageStatus.REVISIT.value: "govuk-tag--yellow",
}
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


def lens_frameworks_for(*, version: FrameworkVersion) -> list[Framework]:
    """The process lenses a commission on this journey can be seen through."""
    return list(
        Framework.objects.filter(kind=FrameworkKind.LENS, lens_of_id=version.framework_id).order_by("name", "pk")
    )


# ----------------------------------------------------------------------------------------------
# Commissions


def commission_get(*, viewer: Any, pk: int) -> Commission | None:
    """One commission with its lead funder, framework, team and partner funders loaded.

    None when there is no such commission; tandem PermissionDenied (with the reason) when the
    viewer may not see it."""
    commission = (
        Commission.objects.filter(pk=pk)
        .select_related("lead_funder", "framework_version__framework", "created_by")
        .prefetch_related(
            _team_prefetch(),
            Prefetch("partner_funders", queryset=_partners_queryset()),
        )
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
    stage: Stage
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


def commission_journey(*, viewer: Any, commission: Commission) -> Journey:
    """The stages of the commission's framework version in order, each with its status and how
    many of its prompts have an answer. Three queries, however many answers there are."""
    can_view_commission(viewer, commission).require()
    stages = list(
        Stage.objects.filter(version_id=commission.framework_version_id)
        .annotate(prompt_count=Count("prompts"))
        .order_by("order", "pk")
    )
    statuses = dict(StageProgress.objects.filter(commission=commission).values_list("stage_id", "status"))
    answered = dict(
        Response.objects.filter(commission=commission, is_current=True)
        .order_by()
        .values("prompt__stage_id")
        .annotate(n=Count("pk"))
        .values_list("prompt__stage_id", "n")
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
