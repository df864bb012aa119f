"""Reads for the questions pages. The specification comes from ``specification_get``, which has
already checked that the viewer may see it."""

from __future__ import annotations

from tandem.tenders.models import AwardCriterion, Question, Specification


def questions_list(*, specification: Specification) -> list[Question]:
    """Every question in order, with its criterion. One query."""
    rows = list(
        Question.objects.filter(specification=specification).select_related("criterion").order_by("order", "pk")
    )
    for row in rows:
        row.specification = specification
    return rows


def question_get(*, specification: Specification, question_pk: int) -> Question | None:
    """One of this specification's questions, with its criterion, or None. One query."""
    question = Question.objects.filter(specification=specification, pk=question_pk).select_related("criterion").first()
    if question is not None:
        question.specification = specification
    return question


def open_question_get(*, specification: Specification) -> Question | None:
    """The open question (the first, should there ever be more than one). One query."""
    question = Question.objects.filter(specification=specification, is_open=True).order_by("order", "pk").first()
    if question is not None:
        question.specification = specification
    return question


def criterion_choices(*, specification: Specification) -> list[tuple[int, str]]:
    """The specification's criteria as (pk, "Title (20%)") for a select. One query."""
    return [
        (pk, f"{title} ({weight}%)")
        for pk, title, weight in AwardCriterion.objects.filter(specification=specification)
        .order_by("order", "pk")
        .values_list("pk", "title", "weight")
    ]
