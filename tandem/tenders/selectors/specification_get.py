"""Loading a commission's specification for a page, scoped to the viewer."""

from __future__ import annotations

from typing import Any

from tandem.commissions.selectors.commission import commission_get
from tandem.tenders.models import Specification
from tandem.tenders.permissions import can_view_specification


def specification_get(*, viewer: Any, commission_pk: int, partners: bool = True) -> Specification | None:
    """The commission's specification, with the commission (lead funder, team and, unless
    ``partners`` is False, partner funders) loaded on it.

    None when there is no such commission; tandem PermissionDenied (with the reason) when the viewer
    may not see it. Two queries for the commission and its team (three with its partner funders), one
    for the specification (with each section's version, which its form carries).
    """
    commission = commission_get(viewer=viewer, pk=commission_pk, partners=partners)
    if commission is None:
        return None
    can_view_specification(viewer, commission).require()
    specification = Specification.objects.filter(commission_id=commission.pk).with_sections().first()
    if specification is None:
        return None
    specification.commission = commission
    return specification
