"""Commission pages: the list, starting one, the journey page, changing the details, and saying
which stage the team is in now."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from tandem.commissions.forms.commission import CommissionForm, CurrentStageForm, partner_rows_needed
from tandem.commissions.models import Commission
from tandem.commissions.permissions import can_contribute, can_create_commission, can_manage_commission
from tandem.commissions.selectors.commission import (
    commission_get,
    commission_journey,
    commission_list_for_user,
    commission_rows,
    funder_organisations,
    journey_versions_current,
    team_sorted,
)
from tandem.commissions.services.commission import (
    commission_create,
    commission_current_stage_set,
    commission_update,
)
from tandem.commissions.services.team import ROLE_DESCRIPTIONS
from tandem.core.concurrency import EditConflict
from tandem.core.drafts import draft_as_initial, draft_clear, draft_form_data
from tandem.core.exceptions import ApplicationError
from tandem.core.values import date_display, pounds_as_typed, pounds_display
from tandem.frontend.edit_conflict import ConflictRow, Saved, edit_conflict
from tandem.frontend.form_errors import error_to_form

PAGE_SIZE = 25


def commission_or_404(request: HttpRequest, pk: int) -> Commission:
    """The commission with its team loaded, or a 404; a 403 with the reason when the person may
    not see it."""
    commission = commission_get(viewer=request.user, pk=pk)
    if commission is None:
        raise Http404("No commission here")
    return commission


def partners_display(commission: Commission) -> list[dict[str, str]]:
    """Partner funders and what each puts in, from the prefetched rows."""
    return [
        {
            "name": row.organisation.name,
            "contribution": pounds_display(row.contribution) if row.contribution is not None else "Not agreed yet",
        }
        for row in commission.partner_funders.all()
    ]


@login_required
@require_http_methods(["GET"])
def commission_list_view(request: HttpRequest) -> HttpResponse:
    page = Paginator(commission_list_for_user(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    organisation = getattr(request, "organisation", None)
    return render(
        request,
        "commissions/list.html",
        {
            "page": page,
            "rows": commission_rows(list(page.object_list)),
            "can_create": can_create_commission(request.user, organisation).allowed,
        },
    )


def _framework_choices(versions: list[Any]) -> list[tuple[int, str]] | None:
    """Radios only when there is a real choice to make."""
    if len(versions) < 2:
        return None
    return [(v.pk, f"{v.framework.name} (version {v.number})") for v in versions]


@login_required
@require_http_methods(["GET", "POST"])
def commission_create_view(request: HttpRequest) -> HttpResponse:
    lead_funder = getattr(request, "organisation", None)
    can_create_commission(request.user, lead_funder).require()
    assert lead_funder is not None
    versions = journey_versions_current()
    if not versions:
        return render(request, "commissions/create.html", {"form": None, "lead_funder": lead_funder})
    funders = [(pk, name) for pk, name in funder_organisations() if pk != lead_funder.pk]
    choices = _framework_choices(versions)
    if request.method == "POST":
        form = CommissionForm(
            request.POST, funders=funders, partner_rows=partner_rows_needed(request.POST), framework_choices=choices
        )
        if form.is_valid():
            chosen = form.cleaned_data.get("framework_version")
            version = next((v for v in versions if v.pk == chosen), versions[0])
            try:
                commission = commission_create(
                    actor=request.user, lead_funder=lead_funder, framework_version=version, details=form.details()
                )
            except ApplicationError as exc:
                error_to_form(form, exc)
            else:
                draft_clear(user=request.user, path=request.path)
                messages.success(
                    request,
                    f"You have started {commission.title}. You are its lead. "
                    "Add the rest of the team when you are ready.",
                )
                return redirect("commissions:detail", pk=commission.pk)
    else:
        data, restored = draft_form_data(request)
        initial = draft_as_initial(data) if restored else {}
        if choices and "framework_version" not in initial:
            initial["framework_version"] = str(versions[0].pk)
        form = CommissionForm(
            initial=initial, funders=funders, partner_rows=partner_rows_needed(data), framework_choices=choices
        )
    return render(
        request,
        "commissions/create.html",
        {"form": form, "lead_funder": lead_funder, "framework": versions[0] if not choices else None},
    )


def _initial(commission: Commission) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "title": commission.title,
        "purpose": commission.purpose,
        "service_area": commission.service_area,
        "people_for": commission.people_for,
        "estimated_value": pounds_as_typed(commission.estimated_value),
        "starts_on": commission.starts_on,
        "ends_on": commission.ends_on,
        "version": commission.version,
    }
    for number, row in enumerate(commission.partner_funders.all(), start=1):
        initial[f"partner_{number}_organisation"] = str(row.organisation_id)
        initial[f"partner_{number}_contribution"] = pounds_as_typed(row.contribution)
    return initial


def _date_text(value: datetime.date | None) -> str:
    return date_display(value) if value else ""


def _saved_now(current: Commission, form: CommissionForm) -> list[Saved]:
    """The commission's details as saved now, for the conflict banner."""
    typed = getattr(form, "cleaned_data", {})
    saved_partners = sorted((row.organisation_id, row.contribution) for row in current.partner_funders.all())
    typed_partners = sorted((share.organisation_id, share.contribution) for share in typed.get("partners", []))
    return [
        Saved("title", "Title", current.title),
        Saved("purpose", "What it is for", current.purpose),
        Saved("service_area", "Service area", current.service_area),
        Saved("people_for", "Who it is for", current.people_for),
        Saved(
            "estimated_value", "Estimated value", current.estimated_value, shown=pounds_display(current.estimated_value)
        ),
        Saved("starts_on", "Start date", current.starts_on, shown=_date_text(current.starts_on)),
        Saved("ends_on", "End date", current.ends_on, shown=_date_text(current.ends_on)),
        Saved(
            "partners",
            "Partner funders",
            saved_partners,
            shown="\n".join(f"{p['name']}: {p['contribution']}" for p in partners_display(current)),
            different=saved_partners != typed_partners,
            empty="None",
        ),
    ]


@login_required
@require_http_methods(["GET", "POST"])
def commission_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    commission = commission_or_404(request, pk)
    can_manage_commission(request.user, commission).require()
    funders = [(org_pk, name) for org_pk, name in funder_organisations() if org_pk != commission.lead_funder_id]
    existing = len(commission.partner_funders.all())
    conflict: list[ConflictRow] | None = None
    if request.method == "POST":
        rows = partner_rows_needed(request.POST, existing)
        form = CommissionForm(request.POST, funders=funders, partner_rows=rows, include_version=True)
        if form.is_valid():
            try:
                commission_update(
                    actor=request.user,
                    commission=commission,
                    details=form.details(),
                    expected_version=form.cleaned_data.get("version"),
                )
            except EditConflict as exc:
                conflict = edit_conflict(form, exc, _saved_now(exc.saved, form))
            except ApplicationError as exc:
                error_to_form(form, exc)
            else:
                draft_clear(user=request.user, path=request.path)
                messages.success(request, f"The details of {commission.title} have been saved.")
                return redirect("commissions:detail", pk=commission.pk)
    else:
        # A draft keeps the version it was typed against, so saving it still warns about clashes.
        data, restored = draft_form_data(request)
        initial = draft_as_initial(data) if restored else _initial(commission)
        form = CommissionForm(
            initial=initial,
            funders=funders,
            partner_rows=partner_rows_needed(data, existing),
            include_version=True,
        )
    return render(
        request,
        "commissions/edit.html",
        {"commission": commission, "form": form, "conflict": conflict},
    )


def _detail_context(
    request: HttpRequest, commission: Commission, stage_form: CurrentStageForm | None
) -> dict[str, Any]:
    journey = commission_journey(viewer=request.user, commission=commission)
    if stage_form is None:
        stage_form = CurrentStageForm(
            initial={"stage": commission.current_stage},
            stages=[(row.stage.slug, row.stage.name) for row in journey.stages],
        )
    team = team_sorted(commission)
    return {
        "commission": commission,
        "journey": journey,
        "stage_form": stage_form,
        "team": team,
        "role_descriptions": ROLE_DESCRIPTIONS,
        "partners": partners_display(commission),
        "estimated_value": pounds_display(commission.estimated_value),
        "lenses": journey.lenses,
        "can_manage": can_manage_commission(request.user, commission).allowed,
        "can_contribute": can_contribute(request.user, commission).allowed,
    }


@login_required
@require_http_methods(["GET"])
def commission_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    commission = commission_or_404(request, pk)
    return render(request, "commissions/detail.html", _detail_context(request, commission, None))


@login_required
@require_POST
def commission_current_stage_view(request: HttpRequest, pk: int) -> HttpResponse:
    commission = commission_or_404(request, pk)
    can_contribute(request.user, commission).require()
    journey = commission_journey(viewer=request.user, commission=commission)
    form = CurrentStageForm(request.POST, stages=[(row.stage.slug, row.stage.name) for row in journey.stages])
    if form.is_valid():
        try:
            commission_current_stage_set(
                actor=request.user, commission=commission, stage_slug=form.cleaned_data["stage"]
            )
        except ApplicationError as exc:
            error_to_form(form, exc)
        else:
            name = dict(form.fields["stage"].choices).get(form.cleaned_data["stage"], "")  # type: ignore[attr-defined]
            messages.success(request, f"You are now in the {name} stage. Every other stage is still open to you.")
            return redirect("commissions:detail", pk=commission.pk)
    return render(request, "commissions/detail.html", _detail_context(request, commission, form))
