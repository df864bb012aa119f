"""Who may do what with the frontend app's pages."""

from __future__ import annotations

from typing import Any

from tandem.core.permissions import SIGN_IN_REASON, Decision


def can_view_feedback(user: Any) -> Decision:
    if not getattr(user, "is_authenticated", False):
        return Decision.deny(SIGN_IN_REASON)
    if not user.is_superuser:
        return Decision.deny("Only site administrators can read the feedback people send about Tandem.")
    return Decision.allow()


def can_administer_site(user: Any) -> Decision:
    """The administration page, which gathers the pages only site administrators use."""
    if not getattr(user, "is_authenticated", False):
        return Decision.deny(SIGN_IN_REASON)
    if not user.is_superuser:
        return Decision.deny("Only site administrators can see the administration pages.")
    return Decision.allow()
