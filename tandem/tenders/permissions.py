"""Who may see and change a commission's specification, and why not.

The specification belongs to its commission, so the commission's rules apply
(docs/decisions/0004-commission-visibility.md): the team and the lead funder's administrators see it;
everyone on the team except observers can edit it; only the lead and the lead funder's
administrators can publish a version to bidders.
"""

from __future__ import annotations

from typing import Any

from tandem.commissions.models import Commission
from tandem.commissions.permissions import can_contribute, can_manage_commission, can_view_commission
from tandem.core.permissions import Decision


def can_view_specification(user: Any, commission: Commission) -> Decision:
    return can_view_commission(user, commission)


def can_edit_specification(user: Any, commission: Commission) -> Decision:
    return can_contribute(user, commission)


def can_publish_specification(user: Any, commission: Commission) -> Decision:
    decision = can_manage_commission(user, commission)
    if not decision.allowed and can_view_commission(user, commission).allowed:
        return Decision.deny(
            "Only the commission's lead and the lead funder's administrators can publish the specification to bidders."
        )
    return decision
