"""The specification's versions: the list (and saving a new one), one saved version read-only,
and publishing a version to bidders."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from tandem.core.drafts import draft_as_initial, draft_clear, draft_form_data
from tandem.core.exceptions import ApplicationError
from tandem.core.values import pounds_display
from tandem.frontend.form_errors import error_to_form
from tandem.tenders.forms.specification import VersionSaveForm
from tandem.tenders.models import EngagementLevel, SpecificationVersion, Vulnerability
from tandem.tenders.rules import readiness
from tandem.tenders.rules.fields import (
    ABOUT,
    AGREEMENT,
    COPRODUCTION,
    ROUTE,
    TIMELINE,
    Field,
    field_named,
    money_from_text,
    value_display,
)
from tandem.tenders.rules.snapshot_types import about_texts, snapshot_read, timeline_dates
from tandem.tenders.selectors.specification import specification_version_get, specification_versions
from tandem.tenders.services.specification import (
    PublishBlockedError,
    specification_version_publish,
    specification_version_save,
)
from tandem.tenders.views.specification import Page, problem_rows, specification_page

PUBLISHED_NOTE = "Criteria and weights are published with the opportunity."


def _label(choices: Any, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return ""


def _rows(fields: tuple[Field, ...], shown: Mapping[str, str]) -> list[dict[str, str]]:
    """Label and text for each field shown, in the fields' order; blank ones left out."""
    return [
        {"label": field.label, "value": value}
        for field in fields
        if field.name in shown and (value := shown[field.name])
    ]


def snapshot_display(snapshot: Mapping[str, object]) -> dict[str, Any]:
    """A saved specification laid out for reading: rows of label and text, blank ones left out.
    ``snapshot`` is any stored snapshot: it is read through ``snapshot_read``."""
    spec = snapshot_read(snapshot)
    agreement = spec["agreement"]
    route = spec["route"]
    coproduction = spec["coproduction"]

    def shown(fields: tuple[Field, ...], name: str, value: str | int | bool | None) -> str:
        return value_display(field_named(fields, name), value)

    criteria = spec["criteria"]
    return {
        "about": _rows(ABOUT, about_texts(spec["about"])),
        "agreement": _rows(
            AGREEMENT,
            {
                "agreement_kind": agreement["kind_label"],
                "agreement_reason": agreement["reason"],
                "term_months": shown(AGREEMENT, "term_months", agreement["term_months"]),
                "extension_months": shown(AGREEMENT, "extension_months", agreement["extension_months"]),
                "consortium_welcome": shown(AGREEMENT, "consortium_welcome", agreement["consortium_welcome"]),
                "cost_review": agreement["cost_review"],
            },
        ),
        "route": _rows(
            ROUTE,
            {
                "route": route["route_label"],
                "second_stage": route["second_stage_label"],
                "direct_award_justification": route["direct_award_justification"],
                "cpv_code": route["cpv_code"],
                "light_touch": shown(ROUTE, "light_touch", route["light_touch"]),
                "value_including_vat": shown(ROUTE, "value_including_vat", route["value_including_vat"]),
            },
        ),
        "outcomes": spec["outcomes"],
        "ti_requirements": spec["ti_requirements"],
        "budget_lines": [
            {**line, "amount": pounds_display(money_from_text(line["annual_amount"]))} for line in spec["budget_lines"]
        ],
        "lots": [{**lot, "amount": pounds_display(money_from_text(lot["value"]))} for lot in spec["lots"]],
        "criteria": criteria,
        "weight_total": sum(c["weight"] for c in criteria),
        "questions": [q for q in spec["questions"] if q["included"]],
        "timeline": _rows(
            TIMELINE,
            {name: shown(TIMELINE, name, value) for name, value in timeline_dates(spec["timeline"]).items()},
        ),
        "coproduction": _rows(
            COPRODUCTION,
            {
                "vulnerability": _label(Vulnerability, coproduction["vulnerability"]),
                "engagement_level": _label(EngagementLevel, coproduction["engagement_level"]),
                "engagement_reason": coproduction["engagement_reason"],
            },
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
    return render(
        request,
        "tenders/version.html",
        {
            "commission": page.commission,
            "page": page,
            "version": version,
            "spec": snapshot_display(version.snapshot),
            "published_note": PUBLISHED_NOTE,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def version_publish_view(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    page = specification_page(request, pk)
    page.publish.require()
    version = _version_or_404(page, number)
    problems = readiness.publish_problems(version.snapshot)
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
