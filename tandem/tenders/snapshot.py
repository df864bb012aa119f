"""The whole specification as one ``SpecificationSnapshot`` (``tandem/tenders/rules/snapshot_types.py``).

A saved version stores this; the exports and the tender lens read it, so a published version
exports and reviews exactly as it was. Money is a string of pounds and pence ("12500.00"), dates
are ISO strings, and every list is in the order the team set. Seven queries whatever the size.
What reads a stored snapshot reads it through ``snapshot_read``, which fills in what an older
version did not save.
"""

from __future__ import annotations

from decimal import Decimal
from typing import cast

from tandem.tenders.models import (
    AwardCriterion,
    BudgetLine,
    Lot,
    Outcome,
    Question,
    Specification,
    TIElement,
    TIRequirement,
)
from tandem.tenders.rules.fields import TIMELINE_NAMES
from tandem.tenders.rules.snapshot_types import (
    SNAPSHOT_SCHEMA,
    AboutPart,
    AgreementPart,
    BudgetLineRow,
    CommissionPart,
    CoproductionPart,
    CriterionRow,
    LotRow,
    OutcomeRow,
    QuestionRow,
    RoutePart,
    SpecificationSnapshot,
    TimelinePart,
    TIRequirementRow,
    scale_read,
)

__all__ = ["SNAPSHOT_SCHEMA", "TIMELINE_FIELDS", "specification_snapshot"]

TI_ORDER = {element: position for position, element in enumerate(TIElement.values)}
# The timeline's dates in order (``fields.TIMELINE``).
TIMELINE_FIELDS = TIMELINE_NAMES


def _money(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def _timeline(spec: Specification) -> TimelinePart:
    dates = {name: (value.isoformat() if (value := getattr(spec, name)) else None) for name in TIMELINE_NAMES}
    return cast(TimelinePart, dates)


def specification_snapshot(specification: Specification) -> SpecificationSnapshot:
    spec = specification
    commission = spec.commission
    criteria = list(AwardCriterion.objects.filter(specification=spec).order_by("order", "pk"))
    titles = {c.pk: c.title for c in criteria}
    return SpecificationSnapshot(
        schema=SNAPSHOT_SCHEMA,
        commission=CommissionPart(
            id=commission.pk,
            title=commission.title,
            service_area=commission.service_area,
            lead_funder=commission.lead_funder.name,
        ),
        about=AboutPart(
            purpose=spec.purpose,
            people_for=spec.people_for,
            services_required=spec.services_required,
            reporting=spec.reporting,
            ending_plan=spec.ending_plan,
        ),
        agreement=AgreementPart(
            kind=spec.agreement_kind,
            kind_label=spec.get_agreement_kind_display() if spec.agreement_kind else "",
            specialist_work=spec.specialist_work,
            reason=spec.agreement_reason,
            term_months=spec.term_months,
            extension_months=spec.extension_months,
            consortium_welcome=spec.consortium_welcome,
            cost_review=spec.cost_review,
        ),
        route=RoutePart(
            route=spec.route,
            route_label=spec.get_route_display() if spec.route else "",
            second_stage=spec.second_stage,
            second_stage_label=spec.get_second_stage_display() if spec.second_stage else "",
            direct_award_justification=spec.direct_award_justification,
            cpv_code=spec.cpv_code,
            light_touch=spec.light_touch,
            value_including_vat=_money(spec.value_including_vat),
        ),
        timeline=_timeline(spec),
        coproduction=CoproductionPart(
            vulnerability=spec.vulnerability,
            engagement_level=spec.engagement_level,
            engagement_reason=spec.engagement_reason,
        ),
        outcomes=[
            OutcomeRow(
                id=o.pk,
                text=o.text,
                kind=o.kind,
                indicator_6_months=o.indicator_6_months,
                indicator_2_years=o.indicator_2_years,
                indicator_5_years=o.indicator_5_years,
            )
            for o in Outcome.objects.filter(specification=spec).order_by("order", "pk")
        ],
        ti_requirements=[
            TIRequirementRow(element=r.element, label=TIElement(r.element).label, commitments=r.commitments)
            for r in sorted(
                TIRequirement.objects.filter(specification=spec),
                # The order the guidance gives the seven elements, not the alphabet's.
                key=lambda r: TI_ORDER.get(r.element, len(TI_ORDER)),
            )
        ],
        budget_lines=[
            BudgetLineRow(
                id=b.pk,
                category=b.category,
                category_label=b.get_category_display(),
                description=b.description,
                annual_amount=_money(b.annual_amount),
            )
            for b in BudgetLine.objects.filter(specification=spec).order_by("order", "pk")
        ],
        lots=[
            LotRow(id=lot.pk, title=lot.title, description=lot.description, value=_money(lot.value))
            for lot in Lot.objects.filter(specification=spec).order_by("order", "pk")
        ],
        criteria=[
            CriterionRow(
                id=c.pk,
                group=c.group,
                group_label=c.get_group_display(),
                title=c.title,
                weight=c.weight,
                evaluator_guidance=c.evaluator_guidance,
                scale=scale_read(c.scale),
            )
            for c in criteria
        ],
        social_value_reason=spec.social_value_reason,
        questions=[
            QuestionRow(
                id=q.pk,
                text=q.text,
                guidance=q.guidance,
                word_limit=q.word_limit,
                criterion_id=q.criterion_id,
                criterion_title=titles.get(q.criterion_id, "") if q.criterion_id else "",
                phase=q.phase,
                phase_label=q.get_phase_display(),
                is_financial=q.is_financial,
                first_stage_reason=q.first_stage_reason,
                why_we_ask=q.why_we_ask,
                how_we_use=q.how_we_use,
                coproduced_with=q.coproduced_with,
                is_open=q.is_open,
                included=q.included,
                excluded_reason=q.excluded_reason,
            )
            for q in Question.objects.filter(specification=spec).order_by("order", "pk")
        ],
    )
