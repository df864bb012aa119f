"""Starting a commission's specification."""

from __future__ import annotations

from typing import Any

from tandem.audit.services import audit_log
from tandem.tenders import open_question
from tandem.tenders.models import Question, QuestionPhase, Specification


def specification_start(*, actor: Any, commission: Any) -> Specification:
    """Make the commission's specification, seeded with its purpose and the people it is for, and
    the open question for bidders switched on. Called inside ``commission_create``'s transaction."""
    specification = Specification.objects.create(
        commission=commission,
        purpose=commission.purpose,
        people_for=commission.people_for,
        value_including_vat=commission.estimated_value,
        updated_by=actor,
    )
    Question.objects.create(
        specification=specification,
        order=1000,
        text=open_question.TEXT,
        guidance=open_question.GUIDANCE,
        word_limit=open_question.WORD_LIMIT,
        phase=QuestionPhase.FIRST_STAGE,
        why_we_ask=open_question.WHY_WE_ASK,
        how_we_use=open_question.HOW_WE_USE,
        is_open=True,
    )
    audit_log(
        actor=actor,
        action="tenders.specification.started",
        obj=specification,
        organisation=commission.lead_funder,
        summary=f"Started the specification for {commission.title}, with the open question for bidders",
    )
    return specification
