"""Who may see and change a commission, and why not.

A commission is private to its team and to the administrators of its lead funder. Site
administrators run the instance but do not read commissions: what a team writes while thinking
a commission through is theirs (see docs/decisions/0004-commission-visibility.md).

Every check takes the commission with its team already loaded where possible; ``team_role``
finds the person's role without another query when ``commission.team`` was prefetched.
"""

from __future__ import annotations

from typing import Any

from tandem.commissions.models import Commission, TeamRole
from tandem.core.permissions import SIGN_IN_REASON, Decision
from tandem.organisations.models import Membership, MembershipRole
from tandem.organisations.permissions import ROLE_CACHE_ATTRIBUTE

NOT_ON_TEAM = (
    "Only the commission's team and its lead funder's administrators can see this commission. "
    "Ask the commission's lead to add you to the team."
)
OBSERVER_READ_ONLY = "Observers can read the commission but not change it. Ask the lead if you need to do more."


def team_role(user: Any, commission: Commission) -> str | None:
    """The person's role on the team, or None. Uses the prefetched team when there is one."""
    if not getattr(user, "is_authenticated", False):
        return None
    cache = getattr(commission, "_prefetched_objects_cache", {})
    if "team" in cache:
        for member in cache["team"]:
            if member.user_id == user.pk:
                return str(member.role)
        return None
    member = commission.team.filter(user_id=user.pk).only("role").first()
    return str(member.role) if member else None


def is_lead_funder_admin(user: Any, commission: Commission) -> bool:
    """Administrator of the lead funder. Uses the roles the organisation middleware remembered
    for this request when present, so it costs no query."""
    if not getattr(user, "is_authenticated", False):
        return False
    roles = getattr(user, ROLE_CACHE_ATTRIBUTE, None)
    if isinstance(roles, dict):
        return roles.get(commission.lead_funder_id) == MembershipRole.ADMIN
    return Membership.objects.filter(
        user_id=user.pk, organisation_id=commission.lead_funder_id, role=MembershipRole.ADMIN
    ).exists()


def can_create_commission(user: Any, organisation: Any) -> Decision:
    if not getattr(user, "is_authenticated", False):
        return Decision.deny(SIGN_IN_REASON)
    if organisation is None or not organisation.is_funder:
        return Decision.deny(
            "Commissions are started by funders. Switch to a funder organisation you belong to, "
            "or ask a funder to add you to their commission's team."
        )
    if not Membership.objects.filter(user_id=user.pk, organisation_id=organisation.pk).exists():
        return Decision.deny(f"You are not a member of {organisation.name}.")
    return Decision.allow()


def can_view_commission(user: Any, commission: Commission) -> Decision:
    if not getattr(user, "is_authenticated", False):
        return Decision.deny(SIGN_IN_REASON)
    if team_role(user, commission) is not None or is_lead_funder_admin(user, commission):
        return Decision.allow()
    return Decision.deny(NOT_ON_TEAM)


def can_contribute(user: Any, commission: Commission) -> Decision:
    """Record responses, comment, change a stage's status: anyone on the team but observers,
    and the lead funder's administrators."""
    seen = can_view_commission(user, commission)
    if not seen.allowed:
        return seen
    if team_role(user, commission) == TeamRole.OBSERVER and not is_lead_funder_admin(user, commission):
        return Decision.deny(OBSERVER_READ_ONLY)
    return Decision.allow()


def can_comment(user: Any, commission: Commission) -> Decision:
    """Everyone who can see the commission can comment, observers included: a question from an
    observer is still worth hearing."""
    return can_view_commission(user, commission)


def can_manage_commission(user: Any, commission: Commission) -> Decision:
    """Edit the details and the team: the lead(s) and the lead funder's administrators."""
    seen = can_view_commission(user, commission)
    if not seen.allowed:
        return seen
    if team_role(user, commission) == TeamRole.LEAD or is_lead_funder_admin(user, commission):
        return Decision.allow()
    return Decision.deny(
        "Only the commission's lead and the lead funder's administrators can change its details and team."
    )


def _on_the_team(user: Any, commission: Commission, what: str) -> Decision:
    seen = can_view_commission(user, commission)
    if not seen.allowed:
        return seen
    if team_role(user, commission) is not None:
        return Decision.allow()
    return Decision.deny(
        f"Only people on the commission's team can {what}. You can see the commission because you are an "
        "administrator of its lead funder, but you are not on its team."
    )


def can_leave_team(user: Any, commission: Commission) -> Decision:
    """Anyone on the team may step back from it (the only lead is refused by the service, with why)."""
    return _on_the_team(user, commission, "leave it")


def can_choose_own_details(user: Any, commission: Commission) -> Decision:
    """What the team sees of someone's contact details is theirs to choose, and nobody else's."""
    return _on_the_team(user, commission, "choose what the team sees about them")
