"""The specification's versions: the list (and saving a new one), one saved version read-only,
and publishing a version to bidders."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from tandem.core.drafts import draft_as_initial, draft_clear, draft_form_data
from tandem.core.exceptions import ApplicationError
from tandem.core.values import date_display, pounds_display
from tandem.frontend.form_errors import error_to_form
from tandem.tenders.forms.specification import VersionSaveForm
from tandem.tenders.models import EngagementLevel, SpecificationVersion, Vulnerability
from tandem.tenders.rules import readiness
from tandem.tenders.selectors.specification import specification_version_get, specification_versions
from tandem.tenders.services.specification import (
    PublishBlockedError,
    specification_version_publish,
    specification_version_save,
)
from tandem.tenders.views.specification import Page, problem_rows, specification_page

PUBLISHED_NOTE = "Criteria and weights are published with the opportunity."
TIMELINE_LABELS = {
    "publication_on": "Published",
    "clarification_deadline": "Deadline for questions from bidders",
    "submission_deadline": "Submission deadline",
    "evaluation_from": "Evaluation starts",
    "evaluation_to": "Evaluation ends",
    "presentations_on": "Presentations or dialogue",
    "award_on": "Award",
    "feedback_by": "Feedback to every bidder by",
    "standstill_ends_on": "Standstill ends",
    "mobilisation_from": "Mobilisation starts",
    "service_starts_on": "Service starts",
}


def _section(snapshot: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    value = snapshot.get(name)
    return value if isinstance(value, Mapping) else {}


def _list(snapshot: Mapping[str, Any], name: str) -> list[Mapping[str, Any]]:
    value = snapshot.get(name)
    return [row for row in value if isinstance(row, Mapping)] if isinstance(value, list) else []


def _money(value: Any) -> str:
    if value in (None, ""):
        return ""
    try:
        return pounds_display(Decimal(str(value)))
    except ArithmeticError:
        return str(value)


def _date(value: Any) -> str:
    try:
        day = datetime.date.fromisoformat(str(value))
    except ValueError:
        return ""
    return date_display(day)


def _label(choices: Any, value: Any) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return ""


def _yes_no(value: Any) -> str:
    return {True: "Yes", False: "No"}.get(value, "") if isinstance(value, bool) else ""


def snapshot_display(snapshot: Mapping[str, Any]) -> dict[str, Any]:
    """A saved specification laid out for reading: rows of label and text, blank ones left out."""
    about = _section(snapshot, "about")
    agreement = _section(snapshot, "agreement")
    route = _section(snapshot, "route")
    timeline = _section(snapshot, "timeline")
    coproduction = _section(snapshot, "coproduction")

    def rows(pairs: list[tuple[str, Any]]) -> list[dict[str, str]]:
        return [{"label": label, "value": str(value)} for label, value in pairs if value not in (None, "")]

    term = agreement.get("term_months")
    extension = agreement.get("extension_months")
    criteria = _list(snapshot, "criteria")
    return {
        "about": rows(
            [
                ("What the service is for", about.get("purpose")),
                ("Who it is for", about.get("people_for")),
                ("Services required", about.get("services_required")),
                ("What providers report, and how often", about.get("reporting")),
                ("When the service ends", about.get("ending_plan")),
            ]
        ),
        "agreement": rows(
            [
                ("Contract or grant", agreement.get("kind_label")),
                ("Why, if not Tandem's suggestion", agreement.get("reason")),
                ("Term", f"{term} months" if isinstance(term, int) else ""),
                ("Extension", f"{extension} months" if isinstance(extension, int) else ""),
                ("Bids from a consortium welcome", _yes_no(agreement.get("consortium_welcome"))),
                ("How prices are reviewed", agreement.get("cost_review")),
            ]
        ),
        "route": rows(
            [
                ("Route", route.get("route_label")),
                ("Second stage", route.get("second_stage_label")),
                ("Justification for a direct award", route.get("direct_award_justification")),
                ("CPV code", route.get("cpv_code")),
                ("Light-touch service", _yes_no(route.get("light_touch"))),
                ("Value including VAT", _money(route.get("value_including_vat"))),
            ]
        ),
        "outcomes": _list(snapshot, "outcomes"),
        "ti_requirements": _list(snapshot, "ti_requirements"),
        "budget_lines": [
            {**line, "amount": _money(line.get("annual_amount"))} for line in _list(snapshot, "budget_lines")
        ],
        "lots": [{**lot, "amount": _money(lot.get("value"))} for lot in _list(snapshot, "lots")],
        "criteria": criteria,
        "weight_total": sum(c.get("weight") or 0 for c in criteria if isinstance(c.get("weight"), int)),
        "questions": [q for q in _list(snapshot, "questions") if q.get("included", True)],
        "timeline": rows([(label, _date(timeline.get(name))) for name, label in TIMELINE_LABELS.items()]),
        "coproduction": rows(
            [
                (
                    "How vulnerable the people are likely to be",
                    _label(Vulnerability, coproduction.get("vulnerability")),
                ),
                ("Engagement level", _label(EngagementLevel, coproduction.get("engagement_level"))),
                ("Why this level", coproduction.get("engagement_reason")),
            ]
        ),
    }


def _version_or_404(page: Page, number: int) -> SpecificationVersion:
    version = specification_version_get(specification=page.specification, number=number)
    if version is None:
        raise Http404("No such version")
    return version


@login_required
@require_http_methods(["GET", "POST"])
def versions_view(request: HttpRequest, pk: int) -> HttpResponse:
    page = specification_page(request, pk)
    form: VersionSaveForm | None = None
    if request.method == "POST":
        page.edit.require()
        form = VersionSaveForm(request.POST)
        if form.is_valid():
            try:
                version = specification_version_save(
                    actor=request.user, specification=page.specification, note=form.cleaned_data["note"]
                )
            except ApplicationError as exc:
                error_to_form(form, exc)
            else:
                draft_clear(user=request.user, path=request.path)
                messages.success(request, f"Version {version.number} has been saved. The team has been told.")
                return redirect("tenders:versions", pk=pk)
    elif page.can_edit:
        data, restored = draft_form_data(request)
        form = VersionSaveForm(initial=draft_as_initial(data) if restored else None)
    return render(
        request,
        "tenders/versions.html",
        {
            "commission": page.commission,
            "page": page,
            "form": form,
            "versions": specification_versions(specification=page.specification),
            "published_note": PUBLISHED_NOTE,
        },
    )


@login_required
@require_http_methods(["GET"])
def version_view(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    page = specification_page(request, pk)
    version = _version_or_404(page, number)
    snapshot = version.snapshot if isinstance(version.snapshot, dict) else {}
    return render(
        request,
        "tenders/version.html",
        {
            "commission": page.commission,
            "page": page,
            "version": version,
            "spec": snapshot_display(snapshot),
            "published_note": PUBLISHED_NOTE,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def version_publish_view(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    page = specification_page(request, pk)
    page.publish.require()
    version = _version_or_404(page, number)
    snapshot = version.snapshot if isinstance(version.snapshot, dict) else {}
    problems = readiness.publish_problems(snapshot)
    error = ""
    if request.method == "POST":
        try:
            specification_version_publish(actor=request.user, specification=page.specification, number=number)
        except PublishBlockedError as exc:
            problems = exc.problems
        except ApplicationError as exc:
            error = exc.message
        else:
            messages.success(request, f"Version {number} has been published. {PUBLISHED_NOTE}")
            return redirect("tenders:version", pk=pk, number=number)
    return render(
        request,
        "tenders/version_publish.html",
        {
            "commission": page.commission,
            "page": page,
            "version": version,
            "problems": problem_rows(pk, problems),
            "error": error,
            "failed": request.method == "POST",
            "published_note": PUBLISHED_NOTE,
        },
        status=400 if request.method == "POST" else 200,
    )
