"""Authorisation-matrix entries for the questions pages (merged in ``access.py``).

The matrix holds one entry per URL name, so ``ACCESS`` checks the pages (GET). ``POST_ACCESS``
lists the same URLs posted with good data; the matrix walks it for all five roles too.
"""

from __future__ import annotations

from typing import Any

from tandem.core.testing.access import Access, Ctx
from tandem.tenders.tests.access_common import TEAM_AND_LEAD_FUNDER_ADMINS, pk, specification_setup
from tandem.tenders.tests.access_criteria import TEAM_AND_LEAD_FUNDER_ADMINS_POST

QUESTION_DATA = {
    "text": "How will people using the service help shape it?",
    "why_asked": "People who use the service know best what helps.",
    "how_used": "The panel scores it against the quality criterion.",
    "word_limit": "500",
    "is_financial": "no",
    "phase": "first_stage",
    "coproduced_with": "Anyborough survivors' panel",
}


def questions_setup(ctx: Ctx) -> dict[str, Any]:
    """The specification (with its open question) and one more question."""
    from tandem.tenders.services.questions import QuestionDetails, question_add

    extra = specification_setup(ctx)
    specification = extra["specification"]
    extra["question"] = question_add(
        actor=ctx.funder_member,
        specification=specification,
        details=QuestionDetails(
            text="Tell us about your supervision for staff.",
            why_we_ask="Supervision keeps staff well.",
            how_we_use="Scored for quality.",
        ),
    )
    extra["open_question"] = specification.questions.get(is_open=True)
    return extra


def question_kwargs(ctx: Ctx) -> dict[str, Any]:
    return {"pk": ctx.extra["commission"].pk, "item_pk": ctx.extra["question"].pk}


ACCESS: dict[str, Access] = {
    "tenders:questions": Access(setup=questions_setup, kwargs=pk, expect=TEAM_AND_LEAD_FUNDER_ADMINS),
    "tenders:question-add": Access(setup=questions_setup, kwargs=pk, expect=TEAM_AND_LEAD_FUNDER_ADMINS),
    "tenders:question-edit": Access(setup=questions_setup, kwargs=question_kwargs, expect=TEAM_AND_LEAD_FUNDER_ADMINS),
    "tenders:question-delete": Access(
        setup=questions_setup, kwargs=question_kwargs, expect=TEAM_AND_LEAD_FUNDER_ADMINS
    ),
    "tenders:open-question": Access(setup=questions_setup, kwargs=pk, expect=TEAM_AND_LEAD_FUNDER_ADMINS),
}

POST_ACCESS: dict[str, Access] = {
    "tenders:question-add": Access(
        setup=questions_setup,
        kwargs=pk,
        method="post",
        data=lambda ctx: QUESTION_DATA,
        expect=TEAM_AND_LEAD_FUNDER_ADMINS_POST,
    ),
    "tenders:question-edit": Access(
        setup=questions_setup,
        kwargs=question_kwargs,
        method="post",
        data=lambda ctx: {**QUESTION_DATA, "version": str(ctx.extra["question"].version)},
        expect=TEAM_AND_LEAD_FUNDER_ADMINS_POST,
    ),
    "tenders:question-delete": Access(
        setup=questions_setup, kwargs=question_kwargs, method="post", expect=TEAM_AND_LEAD_FUNDER_ADMINS_POST
    ),
    "tenders:open-question": Access(
        setup=questions_setup,
        kwargs=pk,
        method="post",
        data=lambda ctx: {
            "reason": "Bidders meet the panel and can tell us anything else then.",
            "version": str(ctx.extra["open_question"].version),
        },
        expect=TEAM_AND_LEAD_FUNDER_ADMINS_POST,
    ),
}
