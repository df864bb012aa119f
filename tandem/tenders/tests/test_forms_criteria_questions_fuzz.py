"""The criteria, social value, question and open question forms, posted generated values: never a
server error, and what was typed comes back in the page when it is shown again."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import Roles, example_rows, sign_in
from tandem.tenders.forms.criteria import CriterionForm, scale_rows_needed
from tandem.tenders.forms.questions import QuestionForm
from tandem.tenders.models import Question, Specification
from tandem.tenders.services.criteria import CriterionDetails, criterion_add
from tandem.tenders.tests.builders import specification_build

pytestmark = pytest.mark.django_db

# Each example builds its own rows inside ``example_rows()``, rolled back when it ends.
FUZZ = settings(max_examples=30, deadline=None)

# One-line text that a browser would send back unchanged.
line = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=80).filter(
    lambda s: s.strip() == s and s.strip() != ""
)
anything = st.one_of(
    st.text(max_size=200),
    st.integers().map(str),
    st.sampled_from(
        ["", " ", "0", "-1", "100", "101", "4.5", "yes", "no", "first_stage", "shortlisted", "quality", "x" * 6000]
    ),
)

CRITERION_KEYS = [
    "group",
    "title",
    "weight",
    "evaluator_guidance",
    "version",
    *[f"scale_{n}_{part}" for n in range(1, 12) for part in ("score", "descriptor")],
]
QUESTION_KEYS = [
    "text",
    "guidance",
    "why_asked",
    "how_used",
    "word_limit",
    "criterion",
    "is_financial",
    "phase",
    "first_stage_confirmed",
    "first_stage_reason",
    "coproduced_with",
    "version",
]


def fields(keys: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    values = st.one_of(anything, st.lists(anything, max_size=3))
    return st.dictionaries(st.one_of(st.sampled_from(keys), st.text(max_size=10)), values, max_size=14)


def kept(response: Any, value: str) -> None:
    if response.status_code == 200:
        assert escape(value) in response.content.decode()


def spec_for(roles: Roles) -> tuple[Specification, Client]:
    """A specification led by funder_org with one criterion, and its lead signed in."""
    funder_member, funder_org = roles.user("funder_member"), roles.funder_org
    specification = specification_build(lead=funder_member, lead_funder=funder_org)
    criterion_add(
        actor=funder_member,
        specification=specification,
        details=CriterionDetails(group="quality", title="Safety", weight=50),
    )
    return specification, sign_in(Client(), funder_member, funder_org)


def url(name: str, spec: Specification, **kwargs: Any) -> str:
    return reverse(f"tenders:{name}", kwargs={"pk": spec.commission_id, **kwargs})


@FUZZ
@given(data=fields(CRITERION_KEYS), title=line)
def test_criterion_add(data: dict[str, Any], title: str) -> None:
    with example_rows() as roles:
        spec, member = spec_for(roles)
        response = member.post(url("criterion-add", spec), {**data, "title": title})
        assert response.status_code < 500
        kept(response, title)


@FUZZ
@given(data=fields(CRITERION_KEYS), descriptor=line)
def test_criterion_edit(data: dict[str, Any], descriptor: str) -> None:
    with example_rows() as roles:
        spec, member = spec_for(roles)
        criterion = spec.criteria.first()
        assert criterion is not None
        response = member.post(
            url("criterion-edit", spec, item_pk=criterion.pk), {**data, "scale_2_descriptor": descriptor}
        )
        assert response.status_code < 500
        kept(response, descriptor)


@FUZZ
@given(data=fields(["reason", "version"]), reason=line)
def test_social_value_reason(data: dict[str, Any], reason: str) -> None:
    with example_rows() as roles:
        spec, member = spec_for(roles)
        response = member.post(url("social-value-reason", spec), {**data, "reason": reason})
        assert response.status_code < 500
        kept(response, reason)


@FUZZ
@given(data=fields(QUESTION_KEYS), text=line)
def test_question_add(data: dict[str, Any], text: str) -> None:
    with example_rows() as roles:
        spec, member = spec_for(roles)
        response = member.post(url("question-add", spec), {**data, "text": text})
        assert response.status_code < 500
        kept(response, text)


@FUZZ
@given(data=fields(QUESTION_KEYS), why=line)
def test_question_edit(data: dict[str, Any], why: str) -> None:
    with example_rows() as roles:
        spec, member = spec_for(roles)
        question = Question.objects.get(specification=spec, is_open=True)
        response = member.post(url("question-edit", spec, item_pk=question.pk), {**data, "why_asked": why})
        assert response.status_code < 500
        kept(response, why)


@FUZZ
@given(data=fields(["reason", "version"]), reason=line)
def test_open_question(data: dict[str, Any], reason: str) -> None:
    with example_rows() as roles:
        spec, member = spec_for(roles)
        response = member.post(url("open-question", spec), {**data, "reason": reason})
        assert response.status_code < 500
        kept(response, reason)


@given(data=st.dictionaries(st.sampled_from(CRITERION_KEYS), anything, max_size=20))
def test_criterion_form_alone_never_raises(data: dict[str, Any]) -> None:
    form = CriterionForm(data, scale_rows=scale_rows_needed(data))
    if form.is_valid():
        assert 2 <= len(form.cleaned_data["scale"]) <= 11
        assert 0 <= form.cleaned_data["weight"] <= 100


@given(data=st.dictionaries(st.sampled_from(QUESTION_KEYS), anything, max_size=12))
def test_question_form_alone_never_raises(data: dict[str, Any]) -> None:
    form = QuestionForm(data, criteria=[(1, "Safety (50%)")])
    if form.is_valid():
        values = form.details_values()
        assert values["why_we_ask"] and values["how_we_use"]
        assert values["phase"] in {"first_stage", "shortlisted"}
