"""Question services: rules, lived-experience members, version clashes, the open question, audit."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import make_user
from tandem.audit.models import AuditEntry
from tandem.commissions.services.team import team_member_add
from tandem.core.concurrency import EditConflict
from tandem.core.exceptions import ApplicationError, PermissionDenied
from tandem.tenders.models import Question, Specification
from tandem.tenders.rules import questions
from tandem.tenders.services.criteria import CriterionDetails, criterion_add
from tandem.tenders.services.questions import (
    QuestionDetails,
    open_question_switch,
    question_add,
    question_remove,
    question_update,
)
from tandem.tenders.tests.builders import specification_build

pytestmark = pytest.mark.django_db


@pytest.fixture
def spec(funder_member: Any, funder_org: Any) -> Specification:
    return specification_build(lead=funder_member, lead_funder=funder_org)


def details(**overrides: Any) -> QuestionDetails:
    values: dict[str, Any] = {
        "text": "How will survivors help shape the service?",
        "why_we_ask": "Survivors know what helps.",
        "how_we_use": "Scored for quality.",
    }
    values.update(overrides)
    return QuestionDetails(**values)


def open_q(spec: Specification) -> Question:
    question = Question.objects.get(specification=spec, is_open=True)
    question.specification = spec
    return question


def test_a_lived_experience_member_can_add_a_co_produced_question(spec: Specification, funder_member: Any) -> None:
    member = make_user("sam@example.org", "Sam Survivor")
    team_member_add(actor=funder_member, commission=spec.commission, user=member, role="lived_experience")
    question = question_add(
        actor=member, specification=spec, details=details(coproduced_with="  Anyborough   survivors' panel ")
    )
    assert question.coproduced_with == "Anyborough survivors' panel"
    assert question.phase == questions.FIRST_STAGE
    # New questions go before the open question, which stays last.
    assert question.order < open_q(spec).order
    entry = AuditEntry.objects.get(action="tenders.question.added")
    assert entry.after["coproduced_with"] == "Anyborough survivors' panel"


def test_observers_cannot_add(spec: Specification, funder_member: Any) -> None:
    observer = make_user("observer@example.org", "Olu Observer")
    team_member_add(actor=funder_member, commission=spec.commission, user=observer, role="observer")
    with pytest.raises(PermissionDenied):
        question_add(actor=observer, specification=spec, details=details())


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"text": " "}, "text", questions.NO_TEXT),
        ({"why_we_ask": ""}, "why_asked", questions.NO_WHY),
        ({"how_we_use": "  "}, "how_used", questions.NO_HOW),
        ({"word_limit": 0}, "word_limit", "between 1 and 5,000"),
        ({"word_limit": 5001}, "word_limit", "between 1 and 5,000"),
        ({"phase": "whenever"}, "phase", "Choose who is asked"),
        ({"criterion_id": 999999}, "criterion", "Choose a criterion from the list"),
        ({"coproduced_with": "x" * 201}, "coproduced_with", "200 characters"),
    ],
)
def test_bad_questions_are_refused_beside_the_field(
    spec: Specification, funder_member: Any, overrides: dict[str, Any], field: str, message: str
) -> None:
    with pytest.raises(ApplicationError) as caught:
        question_add(actor=funder_member, specification=spec, details=details(**overrides))
    assert caught.value.field == field and message in caught.value.message


def test_a_criterion_from_another_specification_is_refused(
    spec: Specification, funder_member: Any, funder_org: Any
) -> None:
    other = specification_build(lead=funder_member, lead_funder=funder_org, title="Another commission")
    criterion = criterion_add(
        actor=funder_member, specification=other, details=CriterionDetails(group="quality", title="Q", weight=50)
    )
    with pytest.raises(ApplicationError):
        question_add(actor=funder_member, specification=spec, details=details(criterion_id=criterion.pk))


def test_financial_questions_default_to_the_shortlist(spec: Specification, funder_member: Any) -> None:
    question = question_add(actor=funder_member, specification=spec, details=details(is_financial=True))
    assert question.phase == questions.SHORTLISTED


def test_financial_questions_for_everyone_need_a_reason_kept_in_the_audit(
    spec: Specification, funder_member: Any
) -> None:
    with pytest.raises(ApplicationError) as caught:
        question_add(
            actor=funder_member, specification=spec, details=details(is_financial=True, phase=questions.FIRST_STAGE)
        )
    assert caught.value.field == "first_stage_reason"
    question = question_add(
        actor=funder_member,
        specification=spec,
        details=details(is_financial=True, phase=questions.FIRST_STAGE, first_stage_reason="Solvency check is legal"),
    )
    assert question.phase == questions.FIRST_STAGE
    entry = AuditEntry.objects.get(action="tenders.question.added")
    assert entry.after["first_stage_reason"] == "Solvency check is legal"
    # Saving it again does not ask again.
    question.specification = spec
    question_update(
        actor=funder_member,
        question=question,
        details=details(text="Changed", is_financial=True, phase=questions.FIRST_STAGE),
        expected_version=1,
    )


def test_update_checks_the_version(spec: Specification, funder_member: Any, funder_admin: Any) -> None:
    question = question_add(actor=funder_member, specification=spec, details=details())
    question.specification = spec
    saved = question_update(actor=funder_admin, question=question, details=details(text="New"), expected_version=1)
    assert (saved.text, saved.version) == ("New", 2)
    with pytest.raises(EditConflict) as caught:
        question_update(actor=funder_member, question=question, details=details(text="Mine"), expected_version=1)
    assert caught.value.saved is not None and caught.value.saved.text == "New"
    assert caught.value.version == 2
    assert caught.value.message == "Someone else changed this question while you were editing"
    entry = AuditEntry.objects.get(action="tenders.question.changed")
    assert entry.before["text"] == details().text and entry.after["text"] == "New"


def test_remove_a_question_but_never_the_open_one(spec: Specification, funder_member: Any) -> None:
    question = question_add(actor=funder_member, specification=spec, details=details())
    question.specification = spec
    question_remove(actor=funder_member, question=question)
    assert not Question.objects.filter(pk=question.pk).exists()
    assert AuditEntry.objects.filter(action="tenders.question.removed").count() == 1
    with pytest.raises(ApplicationError):
        question_remove(actor=funder_member, question=open_q(spec))
    assert Question.objects.filter(specification=spec, is_open=True).exists()


def test_changing_a_question_someone_removed_says_it_was_removed(spec: Specification, funder_member: Any) -> None:
    question = question_add(actor=funder_member, specification=spec, details=details())
    question.specification = spec
    question_remove(actor=funder_member, question=question)
    with pytest.raises(EditConflict) as caught:
        question_update(actor=funder_member, question=question, details=details(text="Mine"), expected_version=1)
    assert caught.value.removed and caught.value.version is None
    assert caught.value.message == (
        "Someone else removed this question while you were editing. Nothing you typed has been lost"
    )


def test_open_question_switch_off_needs_a_reason_and_on_clears_it(spec: Specification, funder_member: Any) -> None:
    question = open_q(spec)
    assert question.included
    with pytest.raises(ApplicationError) as caught:
        open_question_switch(actor=funder_member, question=question, included=False, reason=" ", expected_version=1)
    assert caught.value.field == "reason"
    off = open_question_switch(
        actor=funder_member, question=question, included=False, reason="Panel meets all bidders", expected_version=1
    )
    assert (off.included, off.excluded_reason, off.version) == (False, "Panel meets all bidders", 2)
    with pytest.raises(EditConflict):
        open_question_switch(actor=funder_member, question=question, included=True, expected_version=1)
    on = open_question_switch(actor=funder_member, question=question, included=True, expected_version=2)
    assert (on.included, on.excluded_reason) == (True, "")
    actions = list(
        AuditEntry.objects.filter(action__startswith="tenders.open_question.")
        .order_by("sequence")
        .values_list("action", flat=True)
    )
    assert actions == ["tenders.open_question.switched_off", "tenders.open_question.switched_on"]


def test_only_the_open_question_can_be_switched(spec: Specification, funder_member: Any) -> None:
    question = question_add(actor=funder_member, specification=spec, details=details())
    question.specification = spec
    with pytest.raises(ApplicationError):
        open_question_switch(actor=funder_member, question=question, included=False, reason="x", expected_version=1)
