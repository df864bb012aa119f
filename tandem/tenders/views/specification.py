"""The specification's overview (its task list) and its core sections: about the service, the
agreement, and the route and regime."""

from __future__ import annotations

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
from tandem.core.permissions import Decision
from tandem.core.values import pounds_display
from tandem.frontend.edit_conflict import ConflictRow, Saved, edit_conflict
from tandem.frontend.form_errors import error_to_form
from tandem.frontend.status_tags import status_tag_class
from tandem.tenders.forms.specification import (
    SECTION_FORMS,
    AgreementForm,
    RouteForm,
    about_initial,
)
from tandem.tenders.models import Specification
from tandem.tenders.rules import agreement, readiness, thresholds
from tandem.tenders.rules.fields import ABOUT, AGREEMENT, ROUTE, Field, months_display
from tandem.tenders.selectors.specification import specification_for_page, specification_overview
from tandem.tenders.services.sections import section_version
from tandem.tenders.services.specification import specification_section_save

SECTION_TITLES = {"about": "About the service", "agreement": "Agreement", "route": "Route and regime"}
NOT_GIVEN = "Not given"
# Each status's one GOV.UK tag colour, the same on every page ("" for plain words: "Ready").
STATUS_TAGS = {
    status: status_tag_class(status)
    for status in (readiness.NOT_STARTED, readiness.IN_PROGRESS, readiness.OPTIONAL, readiness.READY)
}
# The parts of the task list: (readiness part, page title, URL name, extra URL kwargs).
TASKS: tuple[tuple[str, str, str, dict[str, str]], ...] = (
    ("about", "About the service", "section", {"section": "about"}),
    ("agreement", "Agreement", "section", {"section": "agreement"}),
    ("route", "Route and regime", "section", {"section": "route"}),
    ("outcomes", "Outcomes", "outcomes", {}),
    ("ti_requirements", "Trauma-informed requirements", "ti-requirements", {}),
    ("budget", "Budget", "budget", {}),
    ("lots", "Lots", "lots", {}),
    ("criteria", "Award criteria", "criteria", {}),
    ("questions", "Questions for bidders", "questions", {}),
    ("timeline", "Timeline", "timeline", {}),
    ("coproduction", "Co-production", "coproduction", {}),
)
TASK_LINKS = {part: (name, extra) for part, _title, name, extra in TASKS}
EXPORTS = (
    ("pack.docx", "The specification pack as a Word document"),
    ("pack.pdf", "The specification pack as a PDF"),
    ("evaluation-plan.xlsx", "The evaluation plan as an Excel spreadsheet"),
)


@dataclass(frozen=True)
class Page:
    specification: Specification
    edit: Decision
    publish: Decision

    @property
    def commission(self) -> Any:
        return self.specification.commission

    @property
    def can_edit(self) -> bool:
        return self.edit.allowed

    @property
    def can_publish(self) -> bool:
        return self.publish.allowed


def specification_page(request: HttpRequest, pk: int) -> Page:
    """The specification for a page, or a 404; the 403 page with the reason when the person may
    not see it."""
    specification, edit, publish = specification_for_page(viewer=request.user, commission_pk=pk)
    if specification is None:
        raise Http404("No specification here")
    return Page(specification, edit, publish)


def part_url(pk: int, part: str) -> str:
    """The page where a part of the specification is written."""
    name, extra = TASK_LINKS[part]
    return reverse(f"tenders:{name}", kwargs={"pk": pk, **extra})


def problem_rows(pk: int, problems: list[readiness.Problem]) -> list[dict[str, str]]:
    return [{"message": problem.message, "url": part_url(pk, problem.part)} for problem in problems]


# ----------------------------------------------------------------------------------------------
# The overview


@login_required
@require_http_methods(["GET"])
def overview_view(request: HttpRequest, pk: int) -> HttpResponse:
    page = specification_page(request, pk)
    overview = specification_overview(specification=page.specification)
    tasks = []
    for number, (part, title, _name, _extra) in enumerate(TASKS, start=1):
        status = overview.statuses[part]
        tasks.append(
            {
                "id": f"task-{number}",
                "title": title,
                "url": part_url(pk, part),
                "status": status.status,
                "tag": STATUS_TAGS.get(status.status, ""),
                "hint": status.hint,
            }
        )
    return render(
        request,
        "tenders/overview.html",
        {
            "commission": page.commission,
            "page": page,
            "overview": overview,
            "tasks": tasks,
            "problems": problem_rows(pk, overview.problems),
            "lens_url": reverse("tenders:tender-lens", kwargs={"pk": pk}),
            "exports": [
                {"url": reverse("tenders:export", kwargs={"pk": pk, "name": name}), "label": label}
                for name, label in EXPORTS
            ],
        },
    )


# ----------------------------------------------------------------------------------------------
# The sections


def _yes_no(value: bool | None, *, unsure: str = NOT_GIVEN) -> str:
    return {True: "Yes", False: "No"}.get(value, unsure) if value is not None else unsure


def _months(value: int | None) -> str:
    return NOT_GIVEN if value is None else months_display(value)


def _rows(fields: tuple[Field, ...], values: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"name": field.name, "label": field.label, "value": values[field.name]} for field in fields]


def section_rows(section: str, spec: Specification) -> list[dict[str, Any]]:
    """What is saved in a section, as label, text and the field it came from."""
    if section == "about":
        return [
            {"name": field.name, "label": field.question, "value": getattr(spec, field.name) or NOT_GIVEN}
            for field in ABOUT
        ]
    if section == "agreement":
        return _rows(
            AGREEMENT,
            {
                "specialist_work": "Yes" if spec.specialist_work else "No",
                "agreement_kind": spec.get_agreement_kind_display() if spec.agreement_kind else NOT_GIVEN,
                "agreement_reason": spec.agreement_reason,
                "term_months": _months(spec.term_months),
                "extension_months": _months(spec.extension_months),
                "consortium_welcome": _yes_no(spec.consortium_welcome),
                "cost_review": spec.cost_review or NOT_GIVEN,
            },
        )
    unsure = "Not sure" if section_version(spec, "route") else NOT_GIVEN
    return _rows(
        ROUTE,
        {
            "route": spec.get_route_display() if spec.route else NOT_GIVEN,
            "second_stage": spec.get_second_stage_display() if spec.second_stage else "",
            "direct_award_justification": spec.direct_award_justification,
            "cpv_code": spec.cpv_code or NOT_GIVEN,
            "light_touch": _yes_no(spec.light_touch, unsure=unsure),
            "value_including_vat": pounds_display(spec.value_including_vat) or NOT_GIVEN,
        },
    )


def _saved_now(section: str, current: Specification) -> list[Saved]:
    """The section as saved now, for the conflict banner."""
    return [
        Saved(row["name"], row["label"], getattr(current, row["name"]), shown=row["value"])
        for row in section_rows(section, current)
    ]


def _initial(section: str, spec: Specification) -> dict[str, Any]:
    if section == "agreement":
        return AgreementForm.initial_from(spec)
    if section == "route":
        return RouteForm.initial_from(spec)
    return about_initial(spec)


def _form(section: str, spec: Specification, suggestion: agreement.Recommendation, *args: Any, **kwargs: Any) -> Any:
    if section == "agreement":
        return AgreementForm(*args, suggested=suggestion.kind, value=spec.value_including_vat, **kwargs)
    return SECTION_FORMS[section](*args, **kwargs)


def _saved_message(section: str, spec: Specification) -> str:
    message = f"{SECTION_TITLES[section]} has been saved."
    if section == "route":
        assessment = thresholds.threshold_assess(
            spec.value_including_vat, spec.light_touch, thresholds.thresholds_load()
        )
        message = f"{message} {assessment.sentence}"
    return message


@login_required
@require_http_methods(["GET", "POST"])
def section_view(request: HttpRequest, pk: int, section: str) -> HttpResponse:
    if section not in SECTION_FORMS:
        raise Http404("No such part of the specification")
    page = specification_page(request, pk)
    spec = page.specification
    suggestion = agreement.recommend(spec.value_including_vat, spec.specialist_work, spec.term_months)
    conflict: list[ConflictRow] | None = None
    form: Any = None
    if request.method == "POST":
        page.edit.require()
        form = _form(section, spec, suggestion, request.POST)
        if form.is_valid():
            try:
                saved = specification_section_save(
                    actor=request.user,
                    specification=spec,
                    section=section,
                    values=form.values(),
                    expected_version=form.cleaned_data.get("version"),
                )
            except EditConflict as exc:
                conflict = edit_conflict(form, exc, _saved_now(section, exc.saved), typed=form.values())
            except ApplicationError as exc:
                error_to_form(form, exc)
            else:
                draft_clear(user=request.user, path=request.path)
                messages.success(request, _saved_message(section, saved))
                return redirect("tenders:overview", pk=pk)
    elif page.can_edit:
        data, restored = draft_form_data(request)
        form = _form(section, spec, suggestion, initial=draft_as_initial(data) if restored else _initial(section, spec))
    context: dict[str, Any] = {
        "commission": page.commission,
        "page": page,
        "section": section,
        "title": SECTION_TITLES[section],
        "form": form,
        "conflict": conflict,
        "rows": [row for row in section_rows(section, spec) if row["value"]] if form is None else [],
    }
    if section == "agreement":
        context["suggestion"] = suggestion
        context["ceiling"] = pounds_display(suggestion.ceiling)
        context["source"] = agreement.SOURCE
    if section == "route":
        table = thresholds.thresholds_load()
        context["assessment"] = thresholds.threshold_assess(spec.value_including_vat, spec.light_touch, table)
        context["table"] = table
        context["threshold_rows"] = [{"label": t.label, "amount": pounds_display(t.amount)} for t in table.thresholds]
        context["applies_from"] = table.applies_from
        context["caveat"] = thresholds.CAVEAT
    return render(request, f"tenders/section_{section}.html", context)
