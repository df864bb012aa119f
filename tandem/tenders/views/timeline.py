"""The specification's timeline page and its co-production sizing page.

Both show Tandem's suggestions beside a form; observers (and anyone else who may read but not edit
the specification) see the page without the form, and are told why.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from tandem.core.concurrency import EditConflict
from tandem.core.drafts import draft_as_initial, draft_clear, draft_form_data
from tandem.core.exceptions import ApplicationError
from tandem.core.values import pounds_display
from tandem.frontend.edit_conflict import ConflictRow, Saved, edit_conflict
from tandem.frontend.form_errors import error_to_form
from tandem.tenders.forms.coproduction import CoproductionForm
from tandem.tenders.forms.timeline import TimelineForm
from tandem.tenders.models import Specification, Vulnerability
from tandem.tenders.permissions import can_edit_specification
from tandem.tenders.rules import coproduction, timeline
from tandem.tenders.rules.fields import TIMELINE
from tandem.tenders.services.coproduction import (
    SECTION as COPRODUCTION_SECTION,
)
from tandem.tenders.services.coproduction import (
    specification_coproduction_update,
    specification_suggestion,
)
from tandem.tenders.services.sections import section_version
from tandem.tenders.services.timeline import (
    SECTION as TIMELINE_SECTION,
)
from tandem.tenders.services.timeline import (
    specification_timeline_update,
    timeline_findings,
    timeline_rules,
)
from tandem.tenders.views.common import specification_or_404


def _date_text(value: dt.date | None) -> str:
    return timeline.date_text(value) if value else "Not given"


def _timeline_initial(specification: Specification) -> dict[str, Any]:
    initial: dict[str, Any] = {name: getattr(specification, name) for name in timeline.FIELDS}
    initial["version"] = section_version(specification, TIMELINE_SECTION)
    return initial


def _timeline_draft_initial(data: Any) -> dict[str, Any]:
    """A draft as the form's initial: each date as its three boxes, exactly as typed."""
    initial: dict[str, Any] = draft_as_initial(data)
    for name in timeline.FIELDS:
        initial[name] = {part: data.get(f"{name}_{part}", "") for part in ("day", "month", "year")}
    return initial


def _timeline_saved_now(current: Specification) -> list[Saved]:
    """The timeline as saved now, for the conflict banner."""
    return [
        Saved(
            name,
            timeline.FIELD_LABELS[name].capitalize(),
            getattr(current, name),
            shown=_date_text(getattr(current, name)),
        )
        for name in timeline.FIELDS
    ]


@login_required
@require_http_methods(["GET", "POST"])
def timeline_view(request: HttpRequest, pk: int) -> HttpResponse:
    specification = specification_or_404(request, pk)
    commission = specification.commission
    editing = can_edit_specification(request.user, commission)
    conflict: list[ConflictRow] | None = None
    form: TimelineForm | None = None
    if request.method == "POST":
        editing.require()
        form = TimelineForm(request.POST)
        if form.is_valid():
            try:
                specification_timeline_update(
                    actor=request.user,
                    specification=specification,
                    dates=form.dates(),
                    expected_version=form.cleaned_data.get("version"),
                )
            except EditConflict as exc:
                conflict = edit_conflict(form, exc, _timeline_saved_now(exc.saved))
                specification = exc.saved
            except ApplicationError as exc:
                error_to_form(form, exc)
            else:
                draft_clear(user=request.user, path=request.path)
                messages.success(request, "The timeline has been saved. Tandem's checks below use the new dates.")
                return redirect("tenders:timeline", pk=commission.pk)
    elif editing:
        data, restored = draft_form_data(request)
        form = TimelineForm(initial=_timeline_draft_initial(data) if restored else _timeline_initial(specification))
    days, reasons = timeline.response_days_needed(
        timeline.Tender(value=specification.value_including_vat, consortium_welcome=specification.consortium_welcome),
        timeline_rules(),
    )
    return render(
        request,
        "tenders/timeline.html",
        {
            "commission": commission,
            "specification": specification,
            "form": form,
            "read_only_reason": "" if editing else editing.reason,
            "conflict": conflict,
            "findings": timeline_findings(specification),
            "any_dates": any(getattr(specification, name) for name in timeline.FIELDS),
            "saved": [(field.title, _date_text(getattr(specification, field.name))) for field in TIMELINE],
            "response_days": days,
            "response_reasons": reasons,
            "rules": timeline_rules(),
        },
    )


def _coproduction_initial(specification: Specification) -> dict[str, Any]:
    return {
        "vulnerability": specification.vulnerability,
        "engagement_level": specification.engagement_level,
        "engagement_reason": specification.engagement_reason,
        "version": section_version(specification, COPRODUCTION_SECTION),
    }


def _coproduction_saved_now(current: Specification) -> list[Saved]:
    """The co-production choices as saved now, for the conflict banner."""
    vulnerability = dict(Vulnerability.choices)
    return [
        Saved(
            "vulnerability",
            "How vulnerable the people are",
            current.vulnerability,
            shown=vulnerability.get(current.vulnerability, ""),
        ),
        Saved(
            "engagement_level",
            "Level of engagement",
            current.engagement_level,
            shown=coproduction.LEVEL_NAMES.get(current.engagement_level, ""),
        ),
        Saved("engagement_reason", "Why a lower level", current.engagement_reason),
    ]


def _coproduction_form(
    specification: Specification, *, data: Any = None, initial: dict[str, Any] | None = None
) -> CoproductionForm:
    return CoproductionForm(
        data, initial=initial, value=specification.value_including_vat, term_months=specification.term_months
    )


def _term_text(months: int | None) -> str:
    if not months:
        return ""
    if months % 12 == 0:
        years = months // 12
        return "1 year" if years == 1 else f"{years} years"
    return "1 month" if months == 1 else f"{months} months"


@login_required
@require_http_methods(["GET", "POST"])
def coproduction_view(request: HttpRequest, pk: int) -> HttpResponse:
    specification = specification_or_404(request, pk)
    commission = specification.commission
    editing = can_edit_specification(request.user, commission)
    conflict: list[ConflictRow] | None = None
    form: CoproductionForm | None = None
    if request.method == "POST":
        editing.require()
        form = _coproduction_form(specification, data=request.POST)
        if form.is_valid():
            try:
                specification_coproduction_update(
                    actor=request.user,
                    specification=specification,
                    vulnerability=form.cleaned_data["vulnerability"],
                    engagement_level=form.cleaned_data["engagement_level"],
                    engagement_reason=form.cleaned_data.get("engagement_reason") or "",
                    expected_version=form.cleaned_data.get("version"),
                )
            except EditConflict as exc:
                specification = exc.saved
                # The form checks the level chosen against the value and term saved now.
                form.value, form.term_months = specification.value_including_vat, specification.term_months
                conflict = edit_conflict(form, exc, _coproduction_saved_now(specification))
            except ApplicationError as exc:
                error_to_form(form, exc)
            else:
                draft_clear(user=request.user, path=request.path)
                messages.success(request, "Your co-production choices have been saved.")
                return redirect("tenders:coproduction", pk=commission.pk)
    elif editing:
        data, restored = draft_form_data(request)
        form = _coproduction_form(
            specification, initial=draft_as_initial(data) if restored else _coproduction_initial(specification)
        )
    # The suggestion follows the vulnerability just chosen when the form came back with a message.
    typed = form.data.get("vulnerability") if form is not None and form.is_bound else None
    vulnerability = typed if typed in coproduction.VULNERABILITIES else None
    suggestion = specification_suggestion(specification, vulnerability)
    comparison = (
        coproduction.compare(specification.engagement_level, specification_suggestion(specification))
        if specification.engagement_level and specification.vulnerability
        else None
    )
    return render(
        request,
        "tenders/coproduction.html",
        {
            "commission": commission,
            "specification": specification,
            "form": form,
            "read_only_reason": "" if editing else editing.reason,
            "conflict": conflict,
            "suggestion": suggestion,
            "comparison": comparison,
            "value_text": pounds_display(specification.value_including_vat),
            "term_text": _term_text(specification.term_months),
            "vulnerability_text": dict(Vulnerability.choices).get(specification.vulnerability, ""),
            "level_text": coproduction.LEVEL_NAMES.get(specification.engagement_level, ""),
            "levels": [
                (coproduction.LEVEL_NAMES[slug], coproduction.LEVEL_MEANINGS[slug]) for slug in coproduction.LEVELS
            ],
        },
    )
