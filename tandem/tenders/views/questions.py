"""Questions for bidders: the list, adding, changing and removing a question, and switching the open
question off or on."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from tandem.core.concurrency import EditConflict
from tandem.core.drafts import draft_as_initial, draft_clear, draft_form_data
from tandem.core.exceptions import ApplicationError
from tandem.frontend.edit_conflict import ConflictRow, Saved, edit_conflict
from tandem.frontend.form_errors import error_to_form
from tandem.tenders.forms.questions import NO, YES, OpenQuestionForm, QuestionForm
from tandem.tenders.models import Question, QuestionPhase, Specification
from tandem.tenders.permissions import can_edit_specification
from tandem.tenders.rules import questions as rules
from tandem.tenders.selectors.questions import criterion_choices, open_question_get, question_get, questions_list
from tandem.tenders.services.questions import (
    QuestionDetails,
    open_question_switch,
    question_add,
    question_remove,
    question_update,
)
from tandem.tenders.views.common import specification_or_404


def _question_or_404(specification: Specification, item_pk: int) -> Question:
    question = question_get(specification=specification, question_pk=item_pk)
    if question is None:
        raise Http404("No question here")
    return question


def _was_confirmed(question: Question | None) -> bool:
    return question is not None and question.is_financial and question.phase == QuestionPhase.FIRST_STAGE


@login_required
@require_http_methods(["GET"])
def questions_view(request: HttpRequest, pk: int) -> HttpResponse:
    specification = specification_or_404(request, pk)
    questions = questions_list(specification=specification)
    open_question = next((q for q in questions if q.is_open), None)
    rows = [
        {
            "question": q,
            "suggest_shortlist": not q.is_financial
            and q.phase == QuestionPhase.FIRST_STAGE
            and rules.looks_financial(q.text),
        }
        for q in questions
    ]
    return render(
        request,
        "tenders/questions.html",
        {
            "specification": specification,
            "commission": specification.commission,
            "groups": rules.group_by_phase(rows, lambda row: row["question"].phase),
            "open_question": open_question,
            "question_count": len(questions),
            "coproduced_count": rules.coproduced_count([q.coproduced_with for q in questions]),
            "can_edit": can_edit_specification(request.user, specification.commission).allowed,
        },
    )


def _question_initial(question: Question) -> dict[str, Any]:
    return {
        "text": question.text,
        "guidance": question.guidance,
        "why_asked": question.why_we_ask,
        "how_used": question.how_we_use,
        "word_limit": "" if question.word_limit is None else str(question.word_limit),
        "criterion": "" if question.criterion_id is None else str(question.criterion_id),
        "is_financial": YES if question.is_financial else NO,
        "phase": question.phase,
        "coproduced_with": question.coproduced_with,
        "version": question.version,
    }


def _saved_now(current: Question | None) -> list[Saved]:
    """The question as saved now, for the conflict banner."""
    if current is None:
        return [Saved("text", "Question", None, shown="Someone has removed this question", different=True)]
    return [
        Saved("text", "The question", current.text),
        Saved("guidance", "Guidance for bidders", current.guidance),
        Saved("why_asked", "Why we ask", current.why_we_ask),
        Saved("how_used", "How we will use your answer", current.how_we_use),
        Saved(
            "word_limit",
            "Word limit",
            current.word_limit,
            shown=f"{current.word_limit:,} words" if current.word_limit else "",
        ),
        Saved(
            "criterion",
            "Award criterion",
            current.criterion_id,
            shown=current.criterion.title if current.criterion else "",
        ),
        Saved("phase", "Who is asked", current.phase, shown=current.get_phase_display()),
        Saved("coproduced_with", "Co-produced with", current.coproduced_with),
    ]


def _open_question_now(current: Question | None) -> Saved:
    """The open question as saved now, for the conflict banner: on, off (and why) or removed."""
    if current is None:
        shown = "Removed"
    elif current.included:
        shown = "Switched on"
    else:
        shown = f"Switched off: {current.excluded_reason}"
    value = None if current is None else current.included
    return Saved("reason", "The open question", value, shown=shown, different=True)


def _form_page(request: HttpRequest, specification: Specification, context: dict[str, Any]) -> HttpResponse:
    return render(
        request,
        "tenders/question_form.html",
        {"specification": specification, "commission": specification.commission, **context},
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    specification = specification_or_404(request, pk)
    can_edit_specification(request.user, specification.commission).require()
    choices = criterion_choices(specification=specification)
    if request.method == "POST":
        form = QuestionForm(request.POST, criteria=choices)
        if form.is_valid():
            try:
                question_add(
                    actor=request.user,
                    specification=specification,
                    details=QuestionDetails(**form.details_values()),
                )
            except ApplicationError as exc:
                error_to_form(form, exc)
            else:
                draft_clear(user=request.user, path=request.path)
                messages.success(request, "You added the question.")
                return redirect("tenders:questions", pk=pk)
    else:
        data, restored = draft_form_data(request)
        form = QuestionForm(initial=draft_as_initial(data) if restored else {}, criteria=choices)
    return _form_page(request, specification, {"form": form, "question": None})


@login_required
@require_http_methods(["GET", "POST"])
def question_edit_view(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    specification = specification_or_404(request, pk)
    can_edit_specification(request.user, specification.commission).require()
    question = _question_or_404(specification, item_pk)
    choices = criterion_choices(specification=specification)
    was_confirmed = _was_confirmed(question)
    conflict: list[ConflictRow] | None = None
    if request.method == "POST":
        form = QuestionForm(request.POST, criteria=choices, was_confirmed=was_confirmed)
        if form.is_valid():
            try:
                question_update(
                    actor=request.user,
                    question=question,
                    details=QuestionDetails(**form.details_values()),
                    expected_version=form.cleaned_data.get("version"),
                )
            except EditConflict as exc:
                conflict = edit_conflict(form, exc, _saved_now(exc.saved))
                if _was_confirmed(exc.saved) != was_confirmed:
                    # Whether a financial question for everyone still needs confirming follows
                    # what is saved now; what was typed, and the version saved now, are kept.
                    form = QuestionForm(form.data, criteria=choices, was_confirmed=_was_confirmed(exc.saved))
                    form.is_valid()
            except ApplicationError as exc:
                error_to_form(form, exc)
            else:
                draft_clear(user=request.user, path=request.path)
                messages.success(
                    request, "You saved the open question." if question.is_open else "You saved the question."
                )
                return redirect("tenders:open-question" if question.is_open else "tenders:questions", pk=pk)
    else:
        data, restored = draft_form_data(request)
        initial = draft_as_initial(data) if restored else _question_initial(question)
        form = QuestionForm(initial=initial, criteria=choices, was_confirmed=was_confirmed)
    return _form_page(request, specification, {"form": form, "question": question, "conflict": conflict})


@login_required
@require_http_methods(["GET", "POST"])
def question_delete_view(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    specification = specification_or_404(request, pk)
    can_edit_specification(request.user, specification.commission).require()
    question = _question_or_404(specification, item_pk)
    if question.is_open:
        # The open question is switched off, never removed (seed 000, Procure: space to add).
        return redirect("tenders:open-question", pk=pk)
    if request.method == "POST":
        try:
            question_remove(actor=request.user, question=question)
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect("tenders:questions", pk=pk)
        messages.success(request, "You removed the question.")
        return redirect("tenders:questions", pk=pk)
    return render(
        request,
        "tenders/question_delete.html",
        {"specification": specification, "commission": specification.commission, "question": question},
    )


@login_required
@require_http_methods(["GET", "POST"])
def open_question_view(request: HttpRequest, pk: int) -> HttpResponse:
    specification = specification_or_404(request, pk)
    question = open_question_get(specification=specification)
    if question is None:
        raise Http404("This specification has no open question")
    can_edit = can_edit_specification(request.user, specification.commission).allowed
    conflict: list[ConflictRow] | None = None
    form: OpenQuestionForm | None = None
    if request.method == "POST":
        can_edit_specification(request.user, specification.commission).require()
        switching_off = question.included
        form = OpenQuestionForm(request.POST, switching_off=switching_off)
        if form.is_valid():
            try:
                saved = open_question_switch(
                    actor=request.user,
                    question=question,
                    included=not switching_off,
                    reason=form.cleaned_data.get("reason", ""),
                    expected_version=form.cleaned_data.get("version"),
                )
            except EditConflict as exc:
                conflict = edit_conflict(form, exc, [_open_question_now(exc.saved)])
            except ApplicationError as exc:
                error_to_form(form, exc)
            else:
                draft_clear(user=request.user, path=request.path)
                messages.success(
                    request,
                    "The open question is back on. Bidders will see it."
                    if saved.included
                    else "You switched off the open question. Bidders will not see it.",
                )
                return redirect("tenders:open-question", pk=pk)
    elif can_edit:
        data, restored = draft_form_data(request)
        initial: dict[str, Any] = draft_as_initial(data) if restored else {}
        initial.setdefault("version", question.version)
        form = OpenQuestionForm(initial=initial, switching_off=question.included)
    return render(
        request,
        "tenders/open_question.html",
        {
            "specification": specification,
            "commission": specification.commission,
            "question": question,
            "form": form,
            "can_edit": can_edit,
            "conflict": conflict,
        },
    )
