"""Reads for the specification's lists: outcomes, trauma-informed requirements, budget lines, lots.

Each is scoped to the viewer through ``specification_get`` (which refuses, with the reason,
anyone who may not see the commission) and costs one more query for the list, whatever its size.
"""

from __future__ import annotations

from tandem.tenders.models import BudgetLine, Lot, Outcome, Specification, TIRequirement


def outcomes_list(*, specification: Specification) -> list[Outcome]:
    return list(Outcome.objects.filter(specification=specification).order_by("order", "pk"))


def outcome_find(*, specification: Specification, item_pk: int) -> Outcome | None:
    return Outcome.objects.filter(specification=specification, pk=item_pk).first()


def budget_lines_list(*, specification: Specification) -> list[BudgetLine]:
    return list(BudgetLine.objects.filter(specification=specification).order_by("order", "pk"))


def budget_line_find(*, specification: Specification, item_pk: int) -> BudgetLine | None:
    return BudgetLine.objects.filter(specification=specification, pk=item_pk).first()


def lots_list(*, specification: Specification) -> list[Lot]:
    return list(Lot.objects.filter(specification=specification).order_by("order", "pk"))


def lot_find(*, specification: Specification, item_pk: int) -> Lot | None:
    return Lot.objects.filter(specification=specification, pk=item_pk).first()


def ti_requirements_map(*, specification: Specification) -> dict[str, str]:
    """Each required element (a ``TIElement`` value) and what providers must commit to."""
    return dict(TIRequirement.objects.filter(specification=specification).values_list("element", "commitments"))
