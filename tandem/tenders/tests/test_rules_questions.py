"""The rules for questions to bidders (tandem/tenders/rules/questions.py): no database."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from tandem.tenders.rules import questions


@dataclass
class Q:
    name: str
    phase: str


def test_financial_questions_default_to_the_shortlist() -> None:
    assert questions.default_phase(True) == questions.SHORTLISTED
    assert questions.default_phase(False) == questions.FIRST_STAGE


def test_a_reason_is_needed_only_for_financial_questions_asked_of_everyone() -> None:
    assert questions.needs_first_stage_reason(is_financial=True, phase=questions.FIRST_STAGE)
    assert not questions.needs_first_stage_reason(is_financial=True, phase=questions.SHORTLISTED)
    assert not questions.needs_first_stage_reason(is_financial=False, phase=questions.FIRST_STAGE)
    # Already given when the question was saved as a first-stage financial question.
    assert not questions.needs_first_stage_reason(is_financial=True, phase=questions.FIRST_STAGE, was_confirmed=True)


def test_word_limit_problem() -> None:
    assert questions.word_limit_problem(None) == ""
    assert questions.word_limit_problem(1) == ""
    assert questions.word_limit_problem(5000) == ""
    assert questions.word_limit_problem(0) == "The word limit must be between 1 and 5,000 words"
    assert questions.word_limit_problem(5001) == "The word limit must be between 1 and 5,000 words"
    assert "whole number" in questions.word_limit_problem("500")
    assert "whole number" in questions.word_limit_problem(False)


def test_looks_financial_is_narrow() -> None:
    assert questions.looks_financial("Please attach your last two years' accounts.")
    assert questions.looks_financial("Send your audited accounts and bank statements")
    assert questions.looks_financial("List the salaries of your five highest-paid staff")
    assert not questions.looks_financial("Give a budget for the service and how you will review prices")
    assert not questions.looks_financial("How will you account for the views of people using the service?")
    assert not questions.looks_financial("")


def test_group_by_phase_keeps_order_and_empty_groups() -> None:
    items = [Q("a", questions.SHORTLISTED), Q("b", questions.FIRST_STAGE), Q("c", questions.SHORTLISTED), Q("d", "odd")]
    groups = questions.group_by_phase(items)
    assert [g.phase for g in groups] == [questions.FIRST_STAGE, questions.SHORTLISTED]
    assert [q.name for q in groups[0].items] == ["b", "d"]
    assert [q.name for q in groups[1].items] == ["a", "c"]
    assert questions.group_by_phase([])[1].items == []
    assert groups[1].heading == "Asked of shortlisted bidders only"


def test_group_by_phase_with_a_reader() -> None:
    groups = questions.group_by_phase([{"p": questions.SHORTLISTED}], lambda row: row["p"])
    assert groups[1].items == [{"p": questions.SHORTLISTED}]


def test_coproduced_count() -> None:
    assert questions.coproduced_count(["Anyborough survivors' panel", "", "  ", "Young carers"]) == 2


@given(st.text(max_size=300))
def test_looks_financial_never_fails(text: str) -> None:
    assert isinstance(questions.looks_financial(text), bool)


@given(st.one_of(st.none(), st.integers(), st.text(max_size=5), st.booleans()))
def test_word_limit_problem_never_fails(value: object) -> None:
    problem = questions.word_limit_problem(value)
    assert problem == "" or problem.endswith(("words", "like 500"))
