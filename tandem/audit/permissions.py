from __future__ import annotations

from typing import Any

from tandem.core.permissions import SIGN_IN_REASON, Decision


def can_view_audit_trail(user: Any) -> Decision:
    if not getattr(user, "is_authenticated", False):
        return Decision.deny(SIGN_IN_REASON)
    if not user.is_superuser:
        return Decision.deny("Only site administrators can see the audit trail.")
    return Decision.allow()
