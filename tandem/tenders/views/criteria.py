"""Award criteria pages: the list with the weight check, adding, changing and removing a criterion,
and the reason for a low social value weight."""

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
from tandem.tenders.forms.criteria import CriterionForm, SocialValueReasonForm, scale_initial, scale_rows_needed
from tandem.tenders.models import AwardCriterion, Specification
from tandem.tenders.permissions import can_edit_specification
from tandem.tenders.rules import criteria as rules
from tandem.tenders.selectors.criteria import criteria_list, criteria_weight_check, criterion_get
from tandem.tenders.services.criteria import (
    SOCIAL_VALUE_SECTION,
    CriterionDetails,
    criterion_add,
    criterion_remove,
    criterion_update,
    social_value_reason_set,
)
from tandem.tenders.services.sections import section_version
from tandem.tenders.views.common import specification_or_404


def _criterion_or_404(specification: Specification, item_pk: int) -> AwardCriterion:
    criterion = criterion_get(specification=specification, criterion_pk=item_pk)
    if criterion is None:
        raise Http404("No criterion here")
    return criterion


def _group_rows(criteria: list[AwardCriterion], check: rules.WeightCheck) -> list[dict[str, Any]]:
    rows = []
    for group in rules.GROUPS:
        items = [c for c in criteria if c.group == group]
        rows.append(
            {"group": group, "label": rules.GROUP_LABELS[group], "count": len(items), "total": check.by_group[group]}
        )
    return rows


@login_required
@require_http_methods(["GET"])
def criteria_view(request: HttpRequest, pk: int) -> HttpResponse:
    specification = specification_or_404(request, pk)
    criteria = criteria_list(specification=specification)
    check = criteria_weight_check(specification=specification, criteria=criteria)
    return render(
        request,
        "tenders/criteria.html",
        {
            "specification": specification,
            "commission": specification.commission,
            "criteria": criteria,
            "check": check,
            "groups": _group_rows(criteria, check),
            "social_value_low": check.by_group[rules.SOCIAL_VALUE] < rules.SOCIAL_VALUE_MIN and bool(criteria),
            "can_edit": can_edit_specification(request.user, specification.commission).allowed,
        },
    )


def _criterion_initial(criterion: AwardCriterion) -> dict[str, Any]:
    return {
        "group": criterion.group,
        "title": criterion.title,
        "weight": str(criterion.weight),
        "evaluator_guidance": criterion.evaluator_guidance,
        "version": criterion.version,
        **scale_initial(list(criterion.scale)),
    }


def _scale_text(scale: list[dict[str, Any]]) -> str:
    return "\n".join(f"{point.get('score')}: {point.get('descriptor')}" for point in scale)


def _saved_now(current: AwardCriterion | None) -> list[Saved]:
    """The criterion as saved now, for the conflict banner."""
    if current is None:
        return [Saved("title", "Criterion", None, shown="Someone has removed this criterion", different=True)]
    scale = list(current.scale)
    return [
        Saved("group", "Group", current.group, shown=current.get_group_display()),
        Saved("title", "Title", current.title),
        Saved("weight", "Weight", current.weight, shown=f"{current.weight}%"),
        Saved("evaluator_guidance", "Guidance for evaluators", current.evaluator_guidance),
        Saved("scale", "Scale", scale, shown=_scale_text(scale)),
    ]


@login_required
@require_http_methods(["GET", "POST"])
def criterion_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    specification = specification_or_404(request, pk)
    can_edit_specification(request.user, specification.commission).require()
    if request.method == "POST":
        form = CriterionForm(request.POST, scale_rows=scale_rows_needed(request.POST))
        if form.is_valid():
            try:
                criterion = criterion_add(
                    actor=request.user,
                    specification=specification,
                    details=CriterionDetails(**form.details_values()),
                )
            except ApplicationError as exc:
                error_to_form(form, exc)
            else:
                draft_clear(user=request.user, path=request.path)
                messages.success(request, f"You added “{criterion.title}” ({criterion.weight}%).")
                return redirect("tenders:criteria", pk=pk)
    else:
        data, restored = draft_form_data(request)
        initial: dict[str, Any] = draft_as_initial(data) if restored else {**scale_initial(rules.default_scale())}
        form = CriterionForm(initial=initial, scale_rows=scale_rows_needed(data, len(rules.DEFAULT_SCALE)))
    return render(
        request,
        "tenders/criterion_form.html",
        {"specification": specification, "commission": specification.commission, "form": form, "criterion": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def criterion_edit_view(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    specification = specification_or_404(request, pk)
    can_edit_specification(request.user, specification.commission).require()
    criterion = _criterion_or_404(specification, item_pk)
    conflict: list[ConflictRow] | None = None
    existing = len(criterion.scale) if isinstance(criterion.scale, list) else 0
    if request.method == "POST":
        rows = scale_rows_needed(request.POST, existing)
        form = CriterionForm(request.POST, scale_rows=rows)
        if form.is_valid():
            try:
                saved = criterion_update(
                    actor=request.user,
                    criterion=criterion,
                    details=CriterionDetails(**form.details_values()),
                    expected_version=form.cleaned_data.get("version"),
                )
            except EditConflict as exc:
                # The scale is built from several boxes, so it is compared as the form built it.
                conflict = edit_conflict(form, exc, _saved_now(exc.saved), typed=form.details_values())
            except ApplicationError as exc:
                error_to_form(form, exc)
            else:
                draft_clear(user=request.user, path=request.path)
                messages.success(request, f"You saved “{saved.title}” ({saved.weight}%).")
                return redirect("tenders:criteria", pk=pk)
    else:
        data, restored = draft_form_data(request)
        initial = draft_as_initial(data) if restored else _criterion_initial(criterion)
        form = CriterionForm(initial=initial, scale_rows=scale_rows_needed(data, existing))
    return render(
        request,
        "tenders/criterion_form.html",
        {
            "specification": specification,
            "commission": specification.commission,
            "form": form,
            "criterion": criterion,
            "conflict": conflict,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def criterion_delete_view(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    specification = specification_or_404(request, pk)
    can_edit_specification(request.user, specification.commission).require()
    criterion = _criterion_or_404(specification, item_pk)
    if request.method == "POST":
        unlinked = criterion_remove(actor=request.user, criterion=criterion)
        text = f"You removed “{criterion.title}”."
        if unlinked:
            text += (
                " The question it scored is no longer linked to a criterion."
                if unlinked == 1
                else f" The {unlinked} questions it scored are no longer linked to a criterion."
            )
        messages.success(request, text)
        return redirect("tenders:criteria", pk=pk)
    return render(
        request,
        "tenders/criterion_delete.html",
        {
            "specification": specification,
            "commission": specification.commission,
            "criterion": criterion,
            "question_count": getattr(criterion, "question_count", 0),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def social_value_reason_view(request: HttpRequest, pk: int) -> HttpResponse:
    specification = specification_or_404(request, pk)
    can_edit_specification(request.user, specification.commission).require()
    criteria = criteria_list(specification=specification)
    check = rules.weight_check((c.group, c.weight) for c in criteria)
    social_value = check.by_group[rules.SOCIAL_VALUE]
    reason_required = bool(criteria) and social_value < rules.SOCIAL_VALUE_MIN
    conflict: list[ConflictRow] | None = None
    if request.method == "POST":
        form = SocialValueReasonForm(request.POST, reason_required=reason_required)
        if form.is_valid():
            try:
                social_value_reason_set(
                    actor=request.user,
                    specification=specification,
                    reason=form.cleaned_data["reason"],
                    expected_version=form.cleaned_data.get("version"),
                )
            except EditConflict as exc:
                conflict = edit_conflict(form, exc, [Saved("reason", "Reason", exc.saved)])
            except ApplicationError as exc:
                error_to_form(form, exc)
            else:
                draft_clear(user=request.user, path=request.path)
                messages.success(
                    request,
                    "You recorded why social value is weighted below 10%."
                    if form.cleaned_data["reason"]
                    else "You cleared the reason for the social value weight.",
                )
                return redirect("tenders:criteria", pk=pk)
    else:
        data, restored = draft_form_data(request)
        initial = (
            draft_as_initial(data)
            if restored
            else {
                "reason": specification.social_value_reason,
                "version": section_version(specification, SOCIAL_VALUE_SECTION),
            }
        )
        form = SocialValueReasonForm(initial=initial, reason_required=reason_required)
    return render(
        request,
        "tenders/social_value_reason.html",
        {
            "specification": specification,
            "commission": specification.commission,
            "form": form,
            "social_value": social_value,
            "reason_required": reason_required,
            "has_criteria": bool(criteria),
            "conflict": conflict,
        },
    )
