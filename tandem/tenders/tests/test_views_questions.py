"""Questions pages: the list, forms (why and how required, financial questions), a lived-experience
member co-producing a question, clashes, the open question, who may post, and a fixed number of
queries."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import make_user, sign_in
from tandem.commissions.services.team import team_member_add
from tandem.tenders.models import Question, Specification
from tandem.tenders.rules import questions as rules
from tandem.tenders.services.criteria import CriterionDetails, criterion_add
from tandem.tenders.services.questions import QuestionDetails, question_update
from tandem.tenders.tests.access_questions import QUESTION_DATA
from tandem.tenders.tests.builders import specification_build

pytestmark = pytest.mark.django_db


@pytest.fixture
def spec(funder_member: Any, funder_org: Any) -> Specification:
    return specification_build(lead=funder_member, lead_funder=funder_org)


@pytest.fixture
def client_(funder_member: Any, funder_org: Any) -> Client:
    return sign_in(Client(), funder_member, funder_org)


def url(name: str, spec: Specification, **kwargs: Any) -> str:
    return reverse(f"tenders:{name}", kwargs={"pk": spec.commission_id, **kwargs})


def data(**overrides: str) -> dict[str, str]:
    return {**QUESTION_DATA, **overrides}


def test_a_lived_experience_member_co_produces_a_question(spec: Specification, funder_member: Any) -> None:
    member = make_user("sam@example.org", "Sam Survivor")
    team_member_add(actor=funder_member, commission=spec.commission, user=member, role="lived_experience")
    client = sign_in(Client(), member)
    assert client.get(url("question-add", spec)).status_code == 200
    response = client.post(url("question-add", spec), data())
    assert response.status_code == 302
    page = client.get(url("questions", spec)).content.decode()
    assert "Co-produced with Anyborough survivors&#x27; panel" in page
    assert "1 of 2 questions were shaped with people with lived experience" in page


def test_observers_can_read_but_not_add(spec: Specification, funder_member: Any) -> None:
    observer = make_user("olu@example.org", "Olu Observer")
    team_member_add(actor=funder_member, commission=spec.commission, user=observer, role="observer")
    client = sign_in(Client(), observer)
    page = client.get(url("questions", spec)).content.decode()
    assert "Add a question" not in page
    assert client.get(url("question-add", spec)).status_code == 403
    assert client.post(url("question-add", spec), data()).status_code == 403
    assert client.post(url("open-question", spec), {"reason": "x", "version": "1"}).status_code == 403


def test_the_list_groups_by_phase_and_shows_why_and_how(
    spec: Specification, funder_member: Any, client_: Client
) -> None:
    criterion = criterion_add(
        actor=funder_member, specification=spec, details=CriterionDetails(group="quality", title="Safety", weight=60)
    )
    client_.post(url("question-add", spec), data(criterion=str(criterion.pk)))
    client_.post(
        url("question-add", spec),
        data(text="Send your audited accounts", is_financial="yes", phase="", word_limit="", coproduced_with=""),
    )
    page = client_.get(url("questions", spec)).content.decode()
    first, shortlisted = page.split("Asked of shortlisted bidders only")
    assert "How will people using the service help shape it?" in first
    assert "Safety (60%)" in first and "500 words" in first
    assert "People who use the service know best what helps." in first
    assert "The open question" in first
    assert "Send your audited accounts" in shortlisted and "No limit" in shortlisted


def test_why_and_how_are_required_with_messages_beside_them(spec: Specification, client_: Client) -> None:
    response = client_.post(url("question-add", spec), data(why_asked=" ", how_used="", text="Kept question"))
    page = response.content.decode()
    assert response.status_code == 200
    assert rules.NO_WHY in page and rules.NO_HOW in page
    assert 'href="#id_why_asked"' in page and 'id="id_how_used-error"' in page
    assert "Kept question" in page
    assert Question.objects.filter(specification=spec).count() == 1  # only the open question


def _field_group(page: str, name: str) -> str:
    """The markup of one field's form group, from its label to the next field's."""
    start = page.index(f'for="id_{name}"')
    end = page.find('<div class="govuk-form-group', start)
    return page[start : end if end != -1 else len(page)]


def test_the_why_we_ask_field_has_a_hint_not_a_why_we_ask_of_its_own(spec: Specification, client_: Client) -> None:
    """Issue 10, item 20: the "Why we ask" box explains itself in its hint; the other fields keep
    their "Why we ask"."""
    page = client_.get(url("question-add", spec)).content.decode()
    why = _field_group(page, "why_asked")
    assert " ".join(why.split()).startswith('for="id_why_asked"> Why we ask </label>')
    assert "Bidders see this beside the question. Say why you need to know" in why
    assert "feel safer answering when they know why each thing is asked" in why
    assert "govuk-details" not in why
    assert "govuk-details" in _field_group(page, "how_used")
    assert "govuk-details" in _field_group(page, "guidance")


def test_a_missing_reason_is_explained_not_scolded(spec: Specification, client_: Client) -> None:
    page = client_.post(url("question-add", spec), data(why_asked="", how_used="")).content.decode()
    assert "Say why you ask this question, so bidders know why you need the answer" in page
    assert "Say how you will use the answer, so bidders know who reads it and whether it is scored" in page
    assert "cannot be saved" not in page


def test_bad_word_limit_and_criterion(spec: Specification, client_: Client) -> None:
    page = client_.post(url("question-add", spec), data(word_limit="0", criterion="999")).content.decode()
    assert "The word limit must be between 1 and 5,000 words" in page
    assert "Choose a criterion from the list" in page
    page = client_.post(url("question-add", spec), data(word_limit="many")).content.decode()
    assert "Enter the word limit as a whole number" in page and 'value="many"' in page


def test_a_financial_question_for_everyone_needs_confirmation(spec: Specification, client_: Client) -> None:
    typed = data(text="Send your full accounts", is_financial="yes", phase="first_stage")
    page = client_.post(url("question-add", spec), typed).content.decode()
    assert rules.NO_CONFIRMATION in page and rules.NO_FIRST_STAGE_REASON in page
    assert "You have chosen to ask everyone who bids for full financial information" in page
    response = client_.post(
        url("question-add", spec),
        {**typed, "first_stage_confirmed": "on", "first_stage_reason": "The law needs a solvency check"},
    )
    assert response.status_code == 302
    question = Question.objects.get(specification=spec, is_open=False)
    assert (question.is_financial, question.phase) == (True, "first_stage")
    # Editing it later does not ask again.
    edit = url("question-edit", spec, item_pk=question.pk)
    page = client_.get(edit).content.decode()
    assert "first_stage_confirmed" not in page and "You said earlier why everyone" in page
    assert client_.post(edit, {**typed, "text": "Send accounts", "version": "1"}).status_code == 302


def test_a_financial_question_goes_to_the_shortlist_if_no_phase_is_chosen(spec: Specification, client_: Client) -> None:
    client_.post(url("question-add", spec), data(is_financial="yes", phase=""))
    assert Question.objects.get(specification=spec, is_open=False).phase == "shortlisted"


def test_an_edit_clash_shows_the_banner(spec: Specification, client_: Client) -> None:
    client_.post(url("question-add", spec), data())
    question = Question.objects.get(specification=spec, is_open=False)
    edit = url("question-edit", spec, item_pk=question.pk)
    assert client_.post(edit, data(text="Theirs", version="1")).status_code == 302
    response = client_.post(edit, data(text="Mine", version="1"))
    page = response.content.decode()
    assert "Someone else changed this question while you were editing" in page
    assert "Mine" in page and 'name="version" value="2"' in page
    assert "Different from yours" in page


def test_a_clash_with_a_question_confirmed_for_everyone_meanwhile_does_not_ask_to_confirm_again(
    spec: Specification, funder_member: Any, client_: Client
) -> None:
    client_.post(url("question-add", spec), data())
    question = Question.objects.get(specification=spec, is_open=False)
    question.specification = spec
    edit = url("question-edit", spec, item_pk=question.pk)
    assert 'name="first_stage_reason"' in client_.get(edit).content.decode()
    question_update(
        actor=funder_member,
        question=question,
        details=QuestionDetails(
            text="Send your accounts",
            why_we_ask="To check you can run it.",
            how_we_use="Pass or fail.",
            is_financial=True,
            phase=rules.FIRST_STAGE,
            first_stage_reason="The law asks us to check everyone.",
        ),
        expected_version=1,
    )
    page = client_.post(edit, data(text="Mine", version="1")).content.decode()
    assert "Someone else changed this question while you were editing" in page
    assert "Send your accounts" in page and "Different from yours" in page
    assert "Mine" in page
    assert 'name="version" value="2"' in page
    assert 'name="first_stage_reason"' not in page


def test_remove_a_question_but_not_the_open_one(spec: Specification, client_: Client) -> None:
    client_.post(url("question-add", spec), data())
    question = Question.objects.get(specification=spec, is_open=False)
    assert "Remove this question?" in client_.get(url("question-delete", spec, item_pk=question.pk)).content.decode()
    assert client_.post(url("question-delete", spec, item_pk=question.pk)).status_code == 302
    assert not Question.objects.filter(pk=question.pk).exists()
    open_question = Question.objects.get(specification=spec, is_open=True)
    response = client_.post(url("question-delete", spec, item_pk=open_question.pk))
    assert response.status_code == 302 and response["Location"] == url("open-question", spec)
    assert Question.objects.filter(pk=open_question.pk).exists()


def test_switch_the_open_question_off_and_on(spec: Specification, client_: Client) -> None:
    page_url = url("open-question", spec)
    page = client_.get(page_url).content.decode()
    assert "Switch off the open question" in page and "Why we ask" in page
    response = client_.post(page_url, {"reason": "", "version": "1"})
    assert rules.NO_OFF_REASON in response.content.decode()
    response = client_.post(page_url, {"reason": "The panel meets every bidder", "version": "1"}, follow=True)
    page = response.content.decode()
    assert "You switched off the open question" in page and "The panel meets every bidder" in page
    assert "Switch the open question back on" in page
    response = client_.post(page_url, {"version": "2"}, follow=True)
    assert "The open question is back on" in response.content.decode()
    question = Question.objects.get(specification=spec, is_open=True)
    assert (question.included, question.excluded_reason) == (True, "")


def test_editing_the_open_question_wording(spec: Specification, client_: Client) -> None:
    question = Question.objects.get(specification=spec, is_open=True)
    edit = url("question-edit", spec, item_pk=question.pk)
    assert "Change the open question" in client_.get(edit).content.decode()
    response = client_.post(
        edit,
        {
            "text": "Anything else?",
            "why_asked": question.why_we_ask,
            "how_used": question.how_we_use,
            "is_financial": "no",
            "version": "1",
        },
    )
    assert response.status_code == 302 and response["Location"] == url("open-question", spec)
    question.refresh_from_db()
    assert question.text == "Anything else?" and question.is_open


def _fill(spec: Specification, actor: Any, rows: int) -> Question:
    criterion = criterion_add(
        actor=actor, specification=spec, details=CriterionDetails(group="quality", title="Safety", weight=50)
    )
    question = None
    for n in range(rows):
        question = Question.objects.create(
            specification=spec,
            order=n + 1,
            text=f"Question {n}",
            why_we_ask="w",
            how_we_use="h",
            criterion=criterion if n % 2 else None,
            phase="shortlisted" if n % 3 else "first_stage",
            coproduced_with="Panel" if n % 5 == 0 else "",
        )
    assert question is not None
    return question


def _count(client: Client, target: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(target).status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", ["questions", "question-add", "open-question", "question-edit", "question-delete"])
def test_a_fixed_number_of_queries(
    page: str, funder_member: Any, funder_org: Any, client_: Client, django_assert_max_num_queries: Any
) -> None:
    counts = []
    for rows, title in ((2, "Small"), (40, "Large")):
        spec = specification_build(lead=funder_member, lead_funder=funder_org, title=title)
        question = _fill(spec, funder_member, rows)
        kwargs = {"item_pk": question.pk} if page in {"question-edit", "question-delete"} else {}
        counts.append(_count(client_, url(page, spec, **kwargs)))
    assert counts[0] == counts[1]
    with django_assert_max_num_queries(counts[0]):
        client_.get(url(page, spec, **kwargs))
