"""Who may see and publish framework content. Each check says why not."""

from __future__ import annotations

from typing import Any

from tandem.core.permissions import SIGN_IN_REASON, Decision


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and bool(getattr(user, "is_active", False))


def _is_site_admin(user: Any) -> bool:
    return _signed_in(user) and bool(getattr(user, "is_superuser", False))


def can_view_framework(user: Any) -> Decision:
    """Frameworks are guidance for everyone who uses Tandem: any signed-in person may read them."""
    if not _signed_in(user):
        return Decision.deny(SIGN_IN_REASON)
    return Decision.allow()


def can_view_framework_changes(user: Any) -> Decision:
    if not _signed_in(user):
        return Decision.deny(SIGN_IN_REASON)
    if _is_site_admin(user):
        return Decision.allow()
    return Decision.deny(
        "Only site administrators can see what changed between versions of a framework, because they look "
        "after the framework content. You can read every version of the framework itself."
    )


def can_publish_framework(user: Any) -> Decision:
    """The system (no person: the framework_load command) and site administrators publish."""
    if user is None:
        return Decision.allow()
    if _is_site_admin(user):
        return Decision.allow()
    return Decision.deny("Only site administrators can publish a new version of a framework.")
