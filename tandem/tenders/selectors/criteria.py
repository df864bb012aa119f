"""Reads for the award criteria pages. The specification comes from ``specification_get``, which
has already checked that the viewer may see it."""

from __future__ import annotations

from django.db.models import Count

from tandem.tenders.models import AwardCriterion, Specification
from tandem.tenders.rules import criteria as rules


def criteria_list(*, specification: Specification) -> list[AwardCriterion]:
    """The specification's criteria in order, each with ``question_count``. One query."""
    rows: list[AwardCriterion] = list(
        AwardCriterion.objects.filter(specification=specification)
        .annotate(question_count=Count("questions"))
        .order_by("order", "pk")
    )
    for row in rows:
        row.specification = specification
    return rows


def criteria_weight_check(*, specification: Specification, criteria: list[AwardCriterion]) -> rules.WeightCheck:
    """The weight check for criteria already loaded (no queries)."""
    return rules.weight_check(
        ((c.group, c.weight) for c in criteria), social_value_reason=specification.social_value_reason
    )


def criterion_get(*, specification: Specification, criterion_pk: int) -> AwardCriterion | None:
    """One of this specification's criteria, with ``question_count``, or None. One query."""
    criterion = (
        AwardCriterion.objects.filter(specification=specification, pk=criterion_pk)
        .annotate(question_count=Count("questions"))
        .first()
    )
    if criterion is not None:
        criterion.specification = specification
    return criterion
