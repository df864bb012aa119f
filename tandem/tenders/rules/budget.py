"""Plain rules about a specification's budget and outcomes. No Django imports.

A realistic budget pays for what good trauma-informed work costs, not only front-line hours:
supervision, training, overheads, and a way to review prices as the cost of living rises
(seed 000, Design: "Financial considerations", supporting staff, reflection and innovation,
realistic expectations). Tandem points out the lines that are missing; the team decides.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from tandem.core.values import PENCE, pounds_display

# Budget categories (the values of tandem.tenders.models.BudgetCategory) that a realistic budget has.
SUPERVISION = "supervision"
TRAINING = "training"
OVERHEADS = "overheads"
COST_OF_LIVING = "cost_of_living"


@dataclass(frozen=True)
class CostLineSuggestion:
    """A realistic cost line the budget does not have yet, and why it matters."""

    category: str
    title: str
    why: str


# Seed 000, Design, "Financial considerations": supporting staff (supervision, administration,
# premises), reflection and innovation (time for supervision and training), realistic expectations
# (rolling contracts with no cost-of-living rise). Our words, not the guidance's.
REALISTIC_LINES: tuple[CostLineSuggestion, ...] = (
    CostLineSuggestion(
        SUPERVISION,
        "Supervision",
        "Staff who hear about trauma every day need regular supervision, and some need clinical supervision. "
        "Providers say this cost is often left out.",
    ),
    CostLineSuggestion(
        TRAINING,
        "Training",
        "Ongoing trauma-informed training keeps practice safe and up to date, and it takes paid time.",
    ),
    CostLineSuggestion(
        OVERHEADS,
        "Overheads",
        "Premises, management, computers and insurance keep the service running. Leaving them out means the "
        "provider pays for them from somewhere else.",
    ),
    CostLineSuggestion(
        COST_OF_LIVING,
        "A cost-of-living review",
        "Pay and prices rise over a contract. A budget that never changes asks providers to do the same "
        "work for less each year.",
    ),
)


def missing_cost_lines(categories: Iterable[str], *, cost_review_written: bool) -> list[CostLineSuggestion]:
    """The realistic cost lines not yet in the budget, in a fixed order.

    A cost-of-living review counts as present when there is a budget line for it or when the
    specification says how prices will be reviewed (``cost_review_written``).
    """
    present = set(categories)
    if cost_review_written:
        present.add(COST_OF_LIVING)
    return [line for line in REALISTIC_LINES if line.category not in present]


def yearly_total(amounts: Iterable[Decimal]) -> Decimal:
    """The budget lines added up, in pounds and pence."""
    return sum(amounts, Decimal(0)).quantize(PENCE)


def term_total(yearly: Decimal, term_months: int) -> Decimal:
    """What the yearly total comes to over a term of ``term_months`` months."""
    return (yearly * Decimal(term_months) / Decimal(12)).quantize(PENCE)


def _months(term_months: int) -> str:
    if term_months % 12 == 0:
        years = term_months // 12
        return f"{years} year" if years == 1 else f"{years} years"
    return f"{term_months} month" if term_months == 1 else f"{term_months} months"


def term_comparison(yearly: Decimal, *, term_months: int | None, value: Decimal | None) -> str:
    """One plain sentence comparing the budget over the term with the specification's value.

    Only the facts, no verdict: the team knows why the numbers differ. "" when the term or the
    value is not known yet, or there is nothing in the budget.
    """
    if not term_months or term_months <= 0 or value is None or yearly <= 0:
        return ""
    over_term = term_total(yearly, term_months)
    start = f"Over the term of {_months(term_months)}, the budget lines add up to {pounds_display(over_term)}."
    stated = f"the value of {pounds_display(value)} including VAT"
    difference = over_term - value
    if difference == 0:
        return f"{start} That is the same as {stated}."
    word = "more" if difference > 0 else "less"
    return f"{start} That is {pounds_display(abs(difference))} {word} than {stated}."


def only_hard_outcomes(kinds: Iterable[str]) -> bool:
    """True when there are outcomes and every one of them is hard (counted or measured).

    Soft outcomes (how people feel, cope and connect) show progress that numbers miss
    (seed 000, Evaluate: "celebrating progress"; seed 000, Design: realistic expectations).
    """
    listed = list(kinds)
    return bool(listed) and all(kind == "hard" for kind in listed)
