"""Building a commission with its specification for tests, through the services."""

from __future__ import annotations

from typing import Any

from tandem.commissions.tests.builders import commission_build
from tandem.tenders.models import Specification, SpecificationSection


def specification_build(*, lead: Any, lead_funder: Any, **overrides: Any) -> Specification:
    """A new commission led by ``lead`` for ``lead_funder``, and its specification (which starts
    with the commission's purpose, the people it is for and the open question)."""
    commission = commission_build(lead=lead, lead_funder=lead_funder, **overrides)
    return Specification.objects.select_related("commission__lead_funder").get(commission=commission)


def sections_saved(specification: Specification) -> dict[str, int]:
    """Each section of the specification saved so far, with how many times it was saved."""
    rows = SpecificationSection.objects.filter(specification_id=specification.pk, version__gt=0)
    return dict(rows.values_list("key", "version"))
