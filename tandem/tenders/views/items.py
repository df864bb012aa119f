"""The specification's list pages: outcomes, trauma-informed requirements, budget lines and lots.

Outcomes, budget lines and lots work the same way, so one set of thin views serves all three,
each described by an ``_Area``: the list page (with the add form), the change page and the
remove page. Observers see the lists without the forms; changing needs ``can_edit_specification``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from tandem.core.concurrency import EditConflict
from tandem.core.drafts import draft_as_initial, draft_clear, draft_form_data
from tandem.core.exceptions import ApplicationError
from tandem.core.values import pounds_display
from tandem.frontend.edit_conflict import ConflictRow, Saved, edit_conflict
from tandem.frontend.form_errors import error_to_form
from tandem.tenders.forms.items import (
    TI_WHY,
    BudgetLineForm,
    LotForm,
    OutcomeForm,
    TIRequirementsForm,
    commit_field_name,
)
from tandem.tenders.models import Specification, TIElement
from tandem.tenders.permissions import can_edit_specification
from tandem.tenders.rules import budget
from tandem.tenders.selectors import items as selectors
from tandem.tenders.services import items as services
from tandem.tenders.services.sections import section_version
from tandem.tenders.views.common import specification_or_404

ItemForm = OutcomeForm | BudgetLineForm | LotForm


@dataclass(frozen=True)
class _Area:
    what: str  # "outcome"
    plural: str  # "outcomes"
    form_class: type[ItemForm]
    list_url: str
    edit_url: str
    delete_url: str
    list_template: str
    form_template: str
    delete_template: str
    items: Callable[..., list[Any]]
    find: Callable[..., Any]
    add: Callable[..., Any]
    update: Callable[..., Any]
    remove: Callable[..., None]
    describe: Callable[[Any], str]


OUTCOMES = _Area(
    what="outcome",
    plural="outcomes",
    form_class=OutcomeForm,
    list_url="tenders:outcomes",
    edit_url="tenders:outcome-edit",
    delete_url="tenders:outcome-delete",
    list_template="tenders/outcomes.html",
    form_template="tenders/outcome_form.html",
    delete_template="tenders/outcome_delete.html",
    items=selectors.outcomes_list,
    find=selectors.outcome_find,
    add=services.outcome_add,
    update=services.outcome_update,
    remove=services.outcome_remove,
    describe=lambda item: str(item.text),
)
BUDGET_LINES = _Area(
    what="budget line",
    plural="budget lines",
    form_class=BudgetLineForm,
    list_url="tenders:budget",
    edit_url="tenders:budget-line-edit",
    delete_url="tenders:budget-line-delete",
    list_template="tenders/budget.html",
    form_template="tenders/budget_line_form.html",
    delete_template="tenders/budget_line_delete.html",
    items=selectors.budget_lines_list,
    find=selectors.budget_line_find,
    add=services.budget_line_add,
    update=services.budget_line_update,
    remove=services.budget_line_remove,
    describe=lambda item: str(item.description),
)
LOTS = _Area(
    what="lot",
    plural="lots",
    form_class=LotForm,
    list_url="tenders:lots",
    edit_url="tenders:lot-edit",
    delete_url="tenders:lot-delete",
    list_template="tenders/lots.html",
    form_template="tenders/lot_form.html",
    delete_template="tenders/lot_delete.html",
    items=selectors.lots_list,
    find=selectors.lot_find,
    add=services.lot_add,
    update=services.lot_update,
    remove=services.lot_remove,
    describe=lambda item: str(item.title),
)


def _list_extra(area: _Area, specification: Specification, items: list[Any]) -> dict[str, Any]:
    """What each list page shows beside its items."""
    if area is OUTCOMES:
        return {"only_hard": budget.only_hard_outcomes(item.kind for item in items)}
    if area is BUDGET_LINES:
        total = budget.yearly_total(item.annual_amount for item in items)
        return {
            "rows": [{"line": item, "amount": pounds_display(item.annual_amount)} for item in items],
            "total": pounds_display(total),
            "comparison": budget.term_comparison(
                total, term_months=specification.term_months, value=specification.value_including_vat
            ),
            "missing": budget.missing_cost_lines(
                (item.category for item in items), cost_review_written=bool(specification.cost_review.strip())
            ),
            "cost_review_written": bool(specification.cost_review.strip()),
        }
    return {
        "rows": [{"lot": item, "value": pounds_display(item.value) if item.value is not None else ""} for item in items]
    }


def _render_list(request: HttpRequest, area: _Area, specification: Specification, form: ItemForm) -> HttpResponse:
    items = area.items(specification=specification)
    decision = can_edit_specification(request.user, specification.commission)
    return render(
        request,
        area.list_template,
        {
            "specification": specification,
            "commission": specification.commission,
            "items": items,
            "form": form if decision.allowed else None,
            "read_only_reason": "" if decision.allowed else decision.reason,
            **_list_extra(area, specification, items),
        },
    )


def _list_view(request: HttpRequest, pk: int, area: _Area) -> HttpResponse:
    specification = specification_or_404(request, pk)
    if request.method == "POST":
        can_edit_specification(request.user, specification.commission).require()
        form = area.form_class(request.POST)
        if form.is_valid():
            try:
                item = area.add(actor=request.user, specification=specification, details=form.details())
            except ApplicationError as exc:
                error_to_form(form, exc)
            else:
                draft_clear(user=request.user, path=request.path)
                messages.success(request, f"The {area.what} “{_short(area.describe(item))}” has been added.")
                return redirect(area.list_url, pk=pk)
    else:
        allowed = can_edit_specification(request.user, specification.commission).allowed
        data, restored = draft_form_data(request) if allowed else (None, False)
        form = area.form_class(initial=draft_as_initial(data) if restored else {})
    return _render_list(request, area, specification, form)


def _short(text: str) -> str:
    return text if len(text) <= 60 else f"{text[:57]}..."


def _edit_view(request: HttpRequest, pk: int, item_pk: int, area: _Area) -> HttpResponse:
    specification = specification_or_404(request, pk)
    can_edit_specification(request.user, specification.commission).require()
    item = area.find(specification=specification, item_pk=item_pk)
    conflict: list[ConflictRow] | None = None
    gone = False
    if request.method == "POST":
        form = area.form_class(request.POST)
        if form.is_valid():
            try:
                saved = area.update(
                    actor=request.user,
                    specification=specification,
                    item_pk=item_pk,
                    details=form.details(),
                    expected_version=form.cleaned_data.get("version"),
                )
            except EditConflict as exc:
                if exc.removed:
                    gone = True
                else:
                    conflict = edit_conflict(form, exc, area.form_class.saved_rows(exc.saved))
            except ApplicationError as exc:
                error_to_form(form, exc)
            else:
                draft_clear(user=request.user, path=request.path)
                messages.success(request, f"The {area.what} “{_short(area.describe(saved))}” has been saved.")
                return redirect(area.list_url, pk=pk)
        elif item is None:
            gone = True
    else:
        if item is None:
            raise Http404(f"No {area.what} here")
        # A draft keeps the save it was typed against, so saving it still warns about clashes.
        data, restored = draft_form_data(request)
        form = area.form_class(initial=draft_as_initial(data) if restored else area.form_class.initial_from(item))
    return render(
        request,
        area.form_template,
        {
            "specification": specification,
            "commission": specification.commission,
            "item": item,
            "form": form,
            "conflict": conflict,
            "gone": gone,
            "what": area.what,
            "list_url": reverse(area.list_url, kwargs={"pk": pk}),
        },
    )


def _delete_view(request: HttpRequest, pk: int, item_pk: int, area: _Area) -> HttpResponse:
    specification = specification_or_404(request, pk)
    can_edit_specification(request.user, specification.commission).require()
    if request.method == "POST":
        try:
            area.remove(actor=request.user, specification=specification, item_pk=item_pk)
        except EditConflict:
            messages.info(request, f"That {area.what} had already been removed, so there was nothing to remove.")
        else:
            messages.success(request, f"The {area.what} has been removed.")
        return redirect(area.list_url, pk=pk)
    item = area.find(specification=specification, item_pk=item_pk)
    if item is None:
        raise Http404(f"No {area.what} here")
    return render(
        request,
        area.delete_template,
        {
            "specification": specification,
            "commission": specification.commission,
            "item": item,
            "what": area.what,
            "description": area.describe(item),
            "amount": pounds_display(getattr(item, "annual_amount", None)),
            "list_url": reverse(area.list_url, kwargs={"pk": pk}),
        },
    )


# --- the views the URLs name -----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def outcomes_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _list_view(request, pk, OUTCOMES)


@login_required
@require_http_methods(["GET", "POST"])
def outcome_edit_view(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    return _edit_view(request, pk, item_pk, OUTCOMES)


@login_required
@require_http_methods(["GET", "POST"])
def outcome_delete_view(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    return _delete_view(request, pk, item_pk, OUTCOMES)


@login_required
@require_http_methods(["GET", "POST"])
def budget_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _list_view(request, pk, BUDGET_LINES)


@login_required
@require_http_methods(["GET", "POST"])
def budget_line_edit_view(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    return _edit_view(request, pk, item_pk, BUDGET_LINES)


@login_required
@require_http_methods(["GET", "POST"])
def budget_line_delete_view(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    return _delete_view(request, pk, item_pk, BUDGET_LINES)


@login_required
@require_http_methods(["GET", "POST"])
def lots_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _list_view(request, pk, LOTS)


@login_required
@require_http_methods(["GET", "POST"])
def lot_edit_view(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    return _edit_view(request, pk, item_pk, LOTS)


@login_required
@require_http_methods(["GET", "POST"])
def lot_delete_view(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    return _delete_view(request, pk, item_pk, LOTS)


# --- trauma-informed requirements ------------------------------------------------------------


def _ti_rows(form: TIRequirementsForm) -> list[dict[str, Any]]:
    """Each element with its checkbox state, its commitments box and why it matters."""
    value = form["elements"].value() or []
    chosen = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value)}
    base_id = form["elements"].auto_id or "elements"
    rows = []
    for number, (element, label) in enumerate(TIElement.choices):
        why, source = TI_WHY[element]
        rows.append(
            {
                "element": element,
                "label": label,
                "id": base_id if number == 0 else f"{base_id}-{number + 1}",
                "checked": element in chosen,
                "why": why,
                "source": source,
                "field": form[commit_field_name(element)],
            }
        )
    return rows


def _ti_saved_now(current: dict[str, str]) -> list[Saved]:
    """Each element's commitments as saved now (or that it is not required), for the conflict banner."""
    return [
        Saved(commit_field_name(element), label, current.get(element), empty="Not required")
        for element, label in TIElement.choices
    ]


def _ti_typed(form: TIRequirementsForm) -> dict[str, str | None]:
    """What was typed for each element: its commitments when it is ticked, else nothing."""
    commitments = form.commitments()
    return {commit_field_name(element): commitments.get(element) for element in TIElement.values}


@login_required
@require_http_methods(["GET", "POST"])
def ti_requirements_view(request: HttpRequest, pk: int) -> HttpResponse:
    specification = specification_or_404(request, pk)
    decision = can_edit_specification(request.user, specification.commission)
    conflict: list[ConflictRow] | None = None
    if request.method == "POST":
        decision.require()
        form = TIRequirementsForm(request.POST)
        if form.is_valid():
            try:
                change = services.ti_requirements_set(
                    actor=request.user,
                    specification=specification,
                    commitments=form.commitments(),
                    expected_version=form.cleaned_data.get("version"),
                )
            except EditConflict as exc:
                conflict = edit_conflict(form, exc, _ti_saved_now(exc.saved), typed=_ti_typed(form))
            except ApplicationError as exc:
                error_to_form(form, exc)
            else:
                draft_clear(user=request.user, path=request.path)
                if change:
                    messages.success(request, "The trauma-informed requirements have been saved.")
                else:
                    messages.success(
                        request, "Nothing had changed, so the trauma-informed requirements are as they were."
                    )
                return redirect("tenders:ti-requirements", pk=pk)
    else:
        current = selectors.ti_requirements_map(specification=specification)
        version = section_version(specification, services.TI_SECTION)
        data, restored = draft_form_data(request) if decision.allowed else (None, False)
        form = TIRequirementsForm(
            initial=draft_as_initial(data) if restored else TIRequirementsForm.initial_from(current, version)
        )
    return render(
        request,
        "tenders/ti_requirements.html",
        {
            "specification": specification,
            "commission": specification.commission,
            "form": form,
            "rows": _ti_rows(form),
            "conflict": conflict,
            "can_edit": decision.allowed,
            "read_only_reason": "" if decision.allowed else decision.reason,
        },
    )
