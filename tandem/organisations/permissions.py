"""Who may do what with organisations, memberships and invitations. Each check says why not."""

from __future__ import annotations

from typing import Any

from tandem.core.permissions import SIGN_IN_REASON, Decision
from tandem.organisations.models import Membership, MembershipRole, Organisation

# The middleware leaves {organisation id: role} on the user, so checks in the same request
# need no further queries.
ROLE_CACHE_ATTRIBUTE = "_tandem_organisation_roles"


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and bool(getattr(user, "is_active", False))


def _is_site_admin(user: Any) -> bool:
    return _signed_in(user) and bool(getattr(user, "is_superuser", False))


def organisation_roles_remember(user: Any, roles: dict[int, str]) -> None:
    """Keep a person's roles on the user object for the rest of the request (the middleware
    calls this with the memberships it has already loaded)."""
    setattr(user, ROLE_CACHE_ATTRIBUTE, roles)


def organisation_roles_forget(user: Any) -> None:
    """Drop remembered roles after a membership changed, so the next check asks the database."""
    if user is not None and hasattr(user, ROLE_CACHE_ATTRIBUTE):
        delattr(user, ROLE_CACHE_ATTRIBUTE)


def role_in_organisation(user: Any, organisation: Organisation) -> str | None:
    """The person's role in the organisation ("admin" or "member"), or None when not a member."""
    if not _signed_in(user):
        return None
    roles: dict[int, str] | None = getattr(user, ROLE_CACHE_ATTRIBUTE, None)
    if roles is not None:
        return roles.get(organisation.pk)
    return Membership.objects.filter(user=user, organisation=organisation).values_list("role", flat=True).first()


def acts_as_site_admin(user: Any, organisation: Organisation) -> bool:
    """True when the person can change this organisation only because they run the site: a site
    administrator who is not one of its own administrators. Such changes need a reason, and the
    organisation's administrators are told (decision 0009)."""
    return _is_site_admin(user) and role_in_organisation(user, organisation) != MembershipRole.ADMIN


def can_view_organisation(user: Any, organisation: Organisation) -> Decision:
    if not _signed_in(user):
        return Decision.deny(SIGN_IN_REASON)
    return Decision.allow()


def can_edit_organisation(user: Any, organisation: Organisation) -> Decision:
    if not _signed_in(user):
        return Decision.deny(SIGN_IN_REASON)
    if _is_site_admin(user):
        return Decision.allow()
    role = role_in_organisation(user, organisation)
    if role == MembershipRole.ADMIN:
        return Decision.allow()
    if role == MembershipRole.MEMBER:
        return Decision.deny(
            f"Only administrators of {organisation.name} can change its details. "
            "Ask one of them to make the change, or to make you an administrator."
        )
    return Decision.deny(f"Only administrators of {organisation.name} can change its details.")


def can_view_members(user: Any, organisation: Organisation) -> Decision:
    if not _signed_in(user):
        return Decision.deny(SIGN_IN_REASON)
    if _is_site_admin(user) or role_in_organisation(user, organisation) is not None:
        return Decision.allow()
    return Decision.deny(
        f"Only people in {organisation.name} can see who its members are. "
        "We keep this private to protect the people who work there."
    )


def can_manage_members(user: Any, organisation: Organisation) -> Decision:
    if not _signed_in(user):
        return Decision.deny(SIGN_IN_REASON)
    if _is_site_admin(user) or role_in_organisation(user, organisation) == MembershipRole.ADMIN:
        return Decision.allow()
    return Decision.deny(
        f"Only administrators of {organisation.name} can invite, change or remove members. "
        "Ask one of them if someone needs to join or leave."
    )


def can_create_organisation(user: Any) -> Decision:
    if not _signed_in(user):
        return Decision.deny(SIGN_IN_REASON)
    if _is_site_admin(user):
        return Decision.allow()
    return Decision.deny(
        "Only site administrators can add an organisation to Tandem. "
        "Use the feedback page to ask for your organisation to be added."
    )


def can_list_organisations(user: Any) -> Decision:
    if not _signed_in(user):
        return Decision.deny(SIGN_IN_REASON)
    if _is_site_admin(user):
        return Decision.allow()
    return Decision.deny(
        "Only site administrators can see the list of every organisation. "
        "You can see the details of any organisation you work with from its own page."
    )


def can_choose_own_details(user: Any, organisation: Organisation) -> Decision:
    """What an organisation's members see of someone's contact details is theirs to choose, and
    nobody else's (decision 0022)."""
    if not _signed_in(user):
        return Decision.deny(SIGN_IN_REASON)
    if role_in_organisation(user, organisation) is not None:
        return Decision.allow()
    return Decision.deny(
        f"Only members of {organisation.name} can choose what its members see about them. You are not a member."
    )
