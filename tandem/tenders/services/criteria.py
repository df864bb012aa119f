"""Award criteria: adding, changing and removing them, and the reason for a low social value weight.

Weights do not have to total 100% while the team is building them up; the criteria page shows
the total, and publishing is what needs 100% (``tandem/tenders/rules/criteria.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from tandem.audit.services import audit_log
from tandem.core.concurrency import bump, lock_and_compare
from tandem.core.exceptions import ApplicationError
from tandem.core.values import too_long
from tandem.tenders.models import AwardCriterion, CriterionGroup, Question, Specification
from tandem.tenders.permissions import can_edit_specification
from tandem.tenders.rules import criteria
from tandem.tenders.services.sections import section_bump, section_lock

TITLE_MAX = 200
GUIDANCE_MAX = 5000
REASON_MAX = 3000
CRITERIA_MAX = 50
SOCIAL_VALUE_SECTION = "social-value"


@dataclass(frozen=True)
class CriterionDetails:
    group: str
    title: str
    weight: int
    evaluator_guidance: str = ""
    scale: list[dict[str, Any]] = field(default_factory=criteria.default_scale)


def _clean(details: CriterionDetails) -> dict[str, Any]:
    if details.group not in CriterionGroup.values:
        raise ApplicationError("Choose which group the criterion belongs to", field="group")
    title = " ".join(details.title.split())
    if not title:
        raise ApplicationError("Enter a title for the criterion", field="title")
    if len(title) > TITLE_MAX:
        raise ApplicationError(f"The title must be {TITLE_MAX} characters or fewer", field="title")
    problem = criteria.weight_problem(details.weight)
    if problem:
        raise ApplicationError(problem, field="weight")
    guidance = details.evaluator_guidance.strip()
    guidance_problem = too_long(guidance, GUIDANCE_MAX, subject="The guidance for evaluators")
    if guidance_problem:
        raise ApplicationError(guidance_problem, field="evaluator_guidance")
    scale_problems = criteria.scale_problems(details.scale)
    if scale_problems:
        raise ApplicationError(scale_problems[0], field="scale")
    return {
        "group": details.group,
        "title": title,
        "weight": details.weight,
        "evaluator_guidance": guidance,
        "scale": [{"score": int(p["score"]), "descriptor": str(p["descriptor"]).strip()} for p in details.scale],
    }


def _values(criterion: AwardCriterion) -> dict[str, Any]:
    return {
        "group": criterion.group,
        "title": criterion.title,
        "weight": criterion.weight,
        "evaluator_guidance": criterion.evaluator_guidance,
        "scale": list(criterion.scale),
    }


def _locked_specification(specification: Specification) -> Specification:
    return Specification.objects.select_for_update().only("pk", "social_value_reason").get(pk=specification.pk)


def _touch(specification: Specification, actor: Any) -> None:
    """Record who last changed the specification. Only this column: other sections of the
    specification may be saved at the same moment."""
    Specification.objects.filter(pk=specification.pk).update(updated_by=actor, updated_at=timezone.now())


def criterion_add(*, actor: Any, specification: Specification, details: CriterionDetails) -> AwardCriterion:
    commission = specification.commission
    can_edit_specification(actor, commission).require()
    values = _clean(details)
    with transaction.atomic():
        locked = _locked_specification(specification)
        existing = AwardCriterion.objects.filter(specification=locked)
        if existing.count() >= CRITERIA_MAX:
            raise ApplicationError(f"A specification can have up to {CRITERIA_MAX} award criteria", field="title")
        highest = existing.aggregate(highest=Max("order"))["highest"] or 0
        criterion = AwardCriterion.objects.create(specification=locked, order=highest + 1, **values)
        _touch(locked, actor)
        audit_log(
            actor=actor,
            action="tenders.criterion.added",
            obj=criterion,
            organisation=commission.lead_funder,
            after=values,
            summary=f"Added the award criterion “{criterion.title}” ({criterion.weight}%) to {commission.title}",
        )
    return criterion


def criterion_update(
    *, actor: Any, criterion: AwardCriterion, details: CriterionDetails, expected_version: int | None
) -> AwardCriterion:
    """Save the criterion. When someone else changed (or removed) it since ``expected_version``,
    raise ``EditConflict`` carrying the criterion saved now (``None`` when removed). Editing one
    criterion never clashes with editing another."""
    specification = criterion.specification
    commission = specification.commission
    can_edit_specification(actor, commission).require()
    values = _clean(details)
    with transaction.atomic():
        current = lock_and_compare(
            AwardCriterion.objects.filter(specification_id=specification.pk),
            pk=criterion.pk,
            expected_version=expected_version,
            what="this criterion",
        )
        before = _values(current)
        for name, value in values.items():
            setattr(current, name, value)
        current.save(update_fields=[*values, bump(current), "updated_at"])
        _touch(specification, actor)
        audit_log(
            actor=actor,
            action="tenders.criterion.changed",
            obj=current,
            organisation=commission.lead_funder,
            before=before,
            after=values,
            summary=f"Changed the award criterion “{current.title}” ({current.weight}%) in {commission.title}",
        )
    return current


def criterion_remove(*, actor: Any, criterion: AwardCriterion) -> int:
    """Remove the criterion; questions scored against it stay, no longer linked to a criterion.
    Returns how many questions were unlinked."""
    specification = criterion.specification
    commission = specification.commission
    can_edit_specification(actor, commission).require()
    with transaction.atomic():
        locked = _locked_specification(specification)
        current = AwardCriterion.objects.filter(pk=criterion.pk, specification=locked).first()
        if current is None:
            return 0
        unlinked = Question.objects.filter(criterion=current).update(criterion=None, updated_at=timezone.now())
        before = _values(current)
        title = current.title
        _touch(locked, actor)
        audit_log(
            actor=actor,
            action="tenders.criterion.removed",
            obj=current,
            organisation=commission.lead_funder,
            before=before,
            after={"questions_unlinked": unlinked},
            summary=f"Removed the award criterion “{title}” from {commission.title}",
        )
        current.delete()
    return unlinked


def social_value_reason_set(
    *, actor: Any, specification: Specification, reason: str, expected_version: int | None
) -> Specification:
    """Record (or clear, with an empty reason) why social value is weighted below 10%.

    It cannot be cleared while social value is below 10%. When someone else saved the reason since
    ``expected_version``, raise ``EditConflict`` carrying the reason saved now."""
    commission = specification.commission
    can_edit_specification(actor, commission).require()
    text = reason.strip()
    problem = too_long(text, REASON_MAX, subject="The reason")
    if problem:
        raise ApplicationError(problem, field="reason")
    with transaction.atomic():
        locked = _locked_specification(specification)
        section_row = section_lock(
            locked,
            SOCIAL_VALUE_SECTION,
            expected_version=expected_version,
            what="the reason",
            saved=lambda: locked.social_value_reason,
        )
        if not text:
            weights = AwardCriterion.objects.filter(specification=locked).values_list("group", "weight")
            check = criteria.weight_check(weights)
            if any(problem.code == "social_value_low" for problem in check.problems):
                raise ApplicationError(
                    "Social value is weighted below 10%, so say why. Or give it more weight first", field="reason"
                )
        before = locked.social_value_reason
        Specification.objects.filter(pk=locked.pk).update(
            social_value_reason=text, updated_by=actor, updated_at=timezone.now()
        )
        section_bump(section_row, specification)
        audit_log(
            actor=actor,
            action="tenders.social_value_reason.changed",
            obj=specification,
            organisation=commission.lead_funder,
            before={"social_value_reason": before},
            after={"social_value_reason": text},
            summary=(
                f"Recorded why social value is weighted below 10% in {commission.title}"
                if text
                else f"Cleared the reason for a low social value weight in {commission.title}"
            ),
        )
    specification.social_value_reason = text
    return specification
