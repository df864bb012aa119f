"""Questions for bidders: adding, changing and removing them, and switching the open question off
or on. The rules themselves are in ``tandem/tenders/rules/questions.py``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max

from tandem.audit.services import audit_log
from tandem.core.concurrency import bump, lock_and_compare
from tandem.core.exceptions import ApplicationError
from tandem.core.values import too_long
from tandem.tenders.models import AwardCriterion, Question, QuestionPhase, Specification
from tandem.tenders.permissions import can_edit_specification
from tandem.tenders.rules import questions

OPEN_QUESTION_CANNOT_BE_REMOVED = "The open question cannot be removed. You can switch it off instead, and say why."


@dataclass(frozen=True)
class QuestionDetails:
    text: str
    why_we_ask: str
    how_we_use: str
    guidance: str = ""
    word_limit: int | None = None
    criterion_id: int | None = None
    phase: str = ""  # blank: the default for the kind of question
    is_financial: bool = False
    coproduced_with: str = ""
    # Why everyone must give financial information at the first stage; kept on the question and in the audit trail.
    first_stage_reason: str = ""


def _text(value: str, *, limit: int, name: str, missing: str, label: str) -> str:
    text = value.strip()
    if missing and not text:
        raise ApplicationError(missing, field=name)
    problem = too_long(text, limit, subject=label)
    if problem:
        raise ApplicationError(problem, field=name)
    return text


def _clean(
    details: QuestionDetails, *, specification: Specification, was_confirmed: bool
) -> tuple[dict[str, Any], str]:
    values: dict[str, Any] = {
        "text": _text(
            details.text, limit=questions.TEXT_MAX, name="text", missing=questions.NO_TEXT, label="The question"
        ),
        "guidance": _text(
            details.guidance, limit=questions.GUIDANCE_MAX, name="guidance", missing="", label="Guidance"
        ),
        "why_we_ask": _text(
            details.why_we_ask,
            limit=questions.REASON_MAX,
            name="why_asked",
            missing=questions.NO_WHY,
            label="Why you ask",
        ),
        "how_we_use": _text(
            details.how_we_use,
            limit=questions.REASON_MAX,
            name="how_used",
            missing=questions.NO_HOW,
            label="How you will use the answer",
        ),
        "coproduced_with": _text(
            " ".join(details.coproduced_with.split()),
            limit=questions.COPRODUCED_WITH_MAX,
            name="coproduced_with",
            missing="",
            label="The group's name",
        ),
        "is_financial": bool(details.is_financial),
    }
    problem = questions.word_limit_problem(details.word_limit)
    if problem:
        raise ApplicationError(problem, field="word_limit")
    values["word_limit"] = details.word_limit
    phase = details.phase or questions.default_phase(values["is_financial"])
    if phase not in QuestionPhase.values:
        raise ApplicationError("Choose who is asked this question", field="phase")
    values["phase"] = phase
    criterion = None
    if details.criterion_id is not None:
        criterion = AwardCriterion.objects.filter(pk=details.criterion_id, specification=specification).first()
        if criterion is None:
            raise ApplicationError("Choose a criterion from the list", field="criterion")
    values["criterion"] = criterion
    reason = details.first_stage_reason.strip()
    if questions.needs_first_stage_reason(
        is_financial=values["is_financial"], phase=phase, was_confirmed=was_confirmed
    ):
        if not reason:
            raise ApplicationError(questions.NO_FIRST_STAGE_REASON, field="first_stage_reason")
        reason_problem = too_long(reason, questions.REASON_MAX, subject="The reason")
        if reason_problem:
            raise ApplicationError(reason_problem, field="first_stage_reason")
    else:
        reason = ""
    return values, reason


def _audit_values(values: dict[str, Any]) -> dict[str, Any]:
    shown = dict(values)
    criterion = shown.pop("criterion", None)
    shown["criterion"] = criterion.title if criterion is not None else ""
    return shown


def question_values(question: Question) -> dict[str, Any]:
    return {
        "text": question.text,
        "guidance": question.guidance,
        "why_we_ask": question.why_we_ask,
        "how_we_use": question.how_we_use,
        "coproduced_with": question.coproduced_with,
        "is_financial": question.is_financial,
        "word_limit": question.word_limit,
        "phase": question.phase,
        "criterion": question.criterion.title if question.criterion_id and question.criterion else "",
    }


def _was_confirmed(question: Question | None) -> bool:
    return question is not None and question.is_financial and question.phase == QuestionPhase.FIRST_STAGE


def question_add(*, actor: Any, specification: Specification, details: QuestionDetails) -> Question:
    commission = specification.commission
    can_edit_specification(actor, commission).require()
    values, first_stage_reason = _clean(details, specification=specification, was_confirmed=False)
    with transaction.atomic():
        existing = Question.objects.filter(specification=specification)
        if existing.count() >= questions.QUESTIONS_MAX:
            raise ApplicationError(f"A specification can have up to {questions.QUESTIONS_MAX} questions", field="text")
        # New questions go before the open question, which stays last.
        highest = existing.filter(is_open=False).aggregate(highest=Max("order"))["highest"] or 0
        question = Question.objects.create(
            specification=specification, order=highest + 1, first_stage_reason=first_stage_reason, **values
        )
        after = _audit_values(values)
        if first_stage_reason:
            after["first_stage_reason"] = first_stage_reason
        audit_log(
            actor=actor,
            action="tenders.question.added",
            obj=question,
            organisation=commission.lead_funder,
            after=after,
            summary=f"Added a question for bidders to {commission.title}",
        )
    return question


def question_update(
    *, actor: Any, question: Question, details: QuestionDetails, expected_version: int | None
) -> Question:
    """Save the question. When someone else changed (or removed) it since ``expected_version``,
    raise ``EditConflict`` carrying the question saved now (``None`` when removed)."""
    specification = question.specification
    commission = specification.commission
    can_edit_specification(actor, commission).require()
    with transaction.atomic():
        # Only the question's row is locked: its criterion is optional, and PostgreSQL cannot lock
        # the nullable side of an outer join.
        current = lock_and_compare(
            Question.objects.filter(specification=specification).select_related("criterion"),
            pk=question.pk,
            expected_version=expected_version,
            what="this question",
        )
        values, first_stage_reason = _clean(details, specification=specification, was_confirmed=_was_confirmed(current))
        before = question_values(current)
        for name, value in values.items():
            setattr(current, name, value)
        if first_stage_reason:
            current.first_stage_reason = first_stage_reason
        elif not _was_confirmed(current):
            current.first_stage_reason = ""
        current.save(update_fields=[*values, "first_stage_reason", bump(current), "updated_at"])
        after = _audit_values(values)
        if first_stage_reason:
            after["first_stage_reason"] = first_stage_reason
        audit_log(
            actor=actor,
            action="tenders.question.changed",
            obj=current,
            organisation=commission.lead_funder,
            before=before,
            after=after,
            summary=(
                f"Changed the open question in {commission.title}"
                if current.is_open
                else f"Changed a question for bidders in {commission.title}"
            ),
        )
    return current


def question_remove(*, actor: Any, question: Question) -> None:
    specification = question.specification
    commission = specification.commission
    can_edit_specification(actor, commission).require()
    if question.is_open:
        raise ApplicationError(OPEN_QUESTION_CANNOT_BE_REMOVED)
    with transaction.atomic():
        current = (
            # Only the question's row is locked: its criterion is optional, and PostgreSQL cannot
            # lock the nullable side of an outer join.
            Question.objects.select_for_update(of=("self",))
            .filter(pk=question.pk, specification=specification)
            .select_related("criterion")
            .first()
        )
        if current is None:
            return
        audit_log(
            actor=actor,
            action="tenders.question.removed",
            obj=current,
            organisation=commission.lead_funder,
            before=question_values(current),
            summary=f"Removed a question for bidders from {commission.title}",
        )
        current.delete()


def open_question_switch(
    *, actor: Any, question: Question, included: bool, reason: str = "", expected_version: int | None
) -> Question:
    """Switch the open question off (a reason is needed) or back on (the reason is cleared). When
    someone else changed it since ``expected_version``, raise ``EditConflict``."""
    specification = question.specification
    commission = specification.commission
    can_edit_specification(actor, commission).require()
    if not question.is_open:
        raise ApplicationError("Only the open question can be switched off. Remove other questions instead.")
    text = reason.strip()
    if not included:
        if not text:
            raise ApplicationError(questions.NO_OFF_REASON, field="reason")
        problem = too_long(text, questions.REASON_MAX, subject="The reason")
        if problem:
            raise ApplicationError(problem, field="reason")
    with transaction.atomic():
        current = lock_and_compare(
            Question.objects.filter(specification=specification),
            pk=question.pk,
            expected_version=expected_version,
            what="this question",
        )
        before = {"included": current.included, "excluded_reason": current.excluded_reason}
        current.included = included
        current.excluded_reason = "" if included else text
        current.save(update_fields=["included", "excluded_reason", bump(current), "updated_at"])
        audit_log(
            actor=actor,
            action="tenders.open_question.switched_on" if included else "tenders.open_question.switched_off",
            obj=current,
            organisation=commission.lead_funder,
            before=before,
            after={"included": included, "excluded_reason": current.excluded_reason},
            summary=(
                f"Switched the open question back on in {commission.title}"
                if included
                else f"Switched off the open question in {commission.title}"
            ),
        )
    return current
