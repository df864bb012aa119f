"""Contract or grant: Tandem's suggestion and its reasons. Pure Python: no Django imports.

Seed 004, chapter 4 ("Being more specific in tenders") and its recommendations: for smaller sums,
or for specialist work, a grant can cost less to run than a tender, keep small and specialist
voluntary organisations in the work and leave room for a flexible approach; larger, general
services suit a contract with clear terms. The figure where Tandem's suggestion changes is
Tandem's own, not a legal rule: the team decides, and says why when it decides differently.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from tandem.core.values import pounds_display

CONTRACT = "contract"
GRANT = "grant"
# At or below this whole value (including VAT) Tandem suggests a grant. Tandem's own line: a
# tender's cost to run and to bid for is large next to a sum this size.
GRANT_CEILING = Decimal("100000")
SOURCE = "All Together Now (NLGN, 2016), chapter 4 and its recommendations on grants"


@dataclass(frozen=True)
class Recommendation:
    """``kind`` is "contract", "grant", or "" when there is not enough to go on yet."""

    kind: str
    reasons: tuple[str, ...]
    ceiling: Decimal = GRANT_CEILING

    @property
    def label(self) -> str:
        return {CONTRACT: "a contract", GRANT: "a grant"}.get(self.kind, "")

    def differs(self, chosen: str) -> bool:
        """True when the team chose one kind and Tandem suggested the other."""
        return bool(self.kind) and bool(chosen) and chosen != self.kind


def _per_year(value: Decimal, term_months: int | None) -> str:
    if not term_months or term_months <= 0:
        return ""
    yearly = (value * 12 / term_months).quantize(Decimal("1"))
    return f" Over {term_months} months that is about {pounds_display(yearly)} a year."


def recommend(
    value: Decimal | None,
    specialist: bool,
    term_months: int | None,
    *,
    ceiling: Decimal = GRANT_CEILING,
) -> Recommendation:
    """Suggest a contract or a grant for work worth ``value`` in total (including VAT)."""
    ceiling_text = pounds_display(ceiling)
    if specialist:
        reasons = [
            "It is specialist work. A grant lets a specialist organisation keep doing what it knows, "
            "without the cost of a full tender, and keeps that knowledge from being lost inside a larger "
            "general contract."
        ]
        if value is not None and value > ceiling:
            reasons.append(
                f"At {pounds_display(value)} it is more than {ceiling_text}, so check with your procurement "
                "adviser that a grant is allowed for this sum."
            )
        return Recommendation(kind=GRANT, reasons=tuple(reasons), ceiling=ceiling)
    if value is None:
        return Recommendation(
            kind="",
            reasons=(
                "Tandem needs the value including VAT (on the route and regime page) to suggest a contract or a grant.",
            ),
            ceiling=ceiling,
        )
    if value <= ceiling:
        return Recommendation(
            kind=GRANT,
            reasons=(
                f"At {pounds_display(value)} it is {ceiling_text} or less. For a sum this size a tender costs a lot "
                "to run and to bid for, which can keep small local organisations out.",
                "A grant is quicker, and can leave room for a flexible approach, as long as the outcomes are "
                "agreed and measured.",
            ),
            ceiling=ceiling,
        )
    return Recommendation(
        kind=CONTRACT,
        reasons=(
            f"At {pounds_display(value)} it is more than {ceiling_text}.{_per_year(value, term_months)} "
            "A contract sets out clear terms for both sides for a service of this size.",
            "If it is specialist work, a grant may still suit it better: say so when you choose.",
        ),
        ceiling=ceiling,
    )
