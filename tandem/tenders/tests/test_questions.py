"""The rules for questions to bidders (tandem/tenders/questions.py): no database."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from tandem.tenders import questions as rules


@dataclass
class Q:
    name: str
    phase: str


def test_financial_questions_default_to_the_shortlist() -> None:
    assert rules.default_phase(True) == rules.SHORTLISTED
    assert rules.default_phase(False) == rules.FIRST_STAGE


def test_a_reason_is_needed_only_for_financial_questions_asked_of_everyone() -> None:
    assert rules.needs_first_stage_reason(is_financial=True, phase=rules.FIRST_STAGE)
    assert not rules.needs_first_stage_reason(is_financial=True, phase=rules.SHORTLISTED)
    assert not rules.needs_first_stage_reason(is_financial=False, phase=rules.FIRST_STAGE)
    # Already given when the question was saved as a first-stage financial question.
    assert not rules.needs_first_stage_reason(is_financial=True, phase=rules.FIRST_STAGE, was_confirmed=True)


def test_word_limit_problem() -> None:
    assert rules.word_limit_problem(None) == ""
    assert rules.word_limit_problem(1) == ""
    assert rules.word_limit_problem(5000) == ""
    assert rules.word_limit_problem(0) == "The word limit must be between 1 and 5,000 words"
    assert rules.word_limit_problem(5001) == "The word limit must be between 1 and 5,000 words"
    assert "whole number" in rules.word_limit_problem("500")
    assert "whole number" in rules.word_limit_problem(False)


def test_looks_financial_is_narrow() -> None:
    assert rules.looks_financial("Please attach your last two years' accounts.")
    assert rules.looks_financial("Send your audited accounts and bank statements")
    assert rules.looks_financial("List the salaries of your five highest-paid staff")
    assert not rules.looks_financial("Give a budget for the service and how you will review prices")
    assert not rules.looks_financial("How will you account for the views of people using the service?")
    assert not rules.looks_financial("")


def test_group_by_phase_keeps_order_and_empty_groups() -> None:
    items = [Q("a", rules.SHORTLISTED), Q("b", rules.FIRST_STAGE), Q("c", rules.SHORTLISTED), Q("d", "odd")]
    groups = rules.group_by_phase(items)
    assert [g.phase for g in groups] == [rules.FIRST_STAGE, rules.SHORTLISTED]
    assert [q.name for q in groups[0].items] == ["b", "d"]
    assert [q.name for q in groups[1].items] == ["a", "c"]
    assert rules.group_by_phase([])[1].items == []
    assert groups[1].heading == "Asked of shortlisted bidders only"


def test_group_by_phase_with_a_reader() -> None:
    groups = rules.group_by_phase([{"p": rules.SHORTLISTED}], lambda row: row["p"])
    assert groups[1].items == [{"p": rules.SHORTLISTED}]


def test_coproduced_count() -> None:
    assert rules.coproduced_count(["Anyborough survivors' panel", "", "  ", "Young carers"]) == 2


@given(st.text(max_size=300))
def test_looks_financial_never_fails(text: str) -> None:
    assert isinstance(rules.looks_financial(text), bool)


@given(st.one_of(st.none(), st.integers(), st.text(max_size=5), st.booleans()))
def test_word_limit_problem_never_fails(value: object) -> None:
    problem = rules.word_limit_problem(value)
    assert problem == "" or problem.endswith(("words", "like 500"))
