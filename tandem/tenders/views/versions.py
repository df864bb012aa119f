"""The specification's versions: the list (and saving a new one), one saved version read-only,
publishing a version to bidders (with a reason for each of Tandem's warnings it is published with),
and what changed between two versions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from tandem.core.drafts import draft_as_initial, draft_clear, draft_form_data
from tandem.core.exceptions import ApplicationError
from tandem.frontend.form_errors import error_to_form
from tandem.tenders.forms.specification import VersionSaveForm
from tandem.tenders.forms.versions import VersionCompareForm, VersionPublishForm
from tandem.tenders.models import SpecificationVersion
from tandem.tenders.rules import readiness
from tandem.tenders.selectors.specification import specification_version_get, specification_versions
from tandem.tenders.selectors.versions import (
    later_published_version,
    neighbour_numbers,
    newest_published_number,
    publish_reasons,
    snapshot_display,
    version_publish_check,
    versions_compare,
)
from tandem.tenders.services.specification import (
    PublishBlockedError,
    PublishReasonsError,
    later_published_message,
    specification_version_publish,
    specification_version_save,
)
from tandem.tenders.views.specification import Page, problem_rows, specification_page
from tandem.tenders.views.tender_lens import fix_link

PUBLISHED_NOTE = "Criteria and weights are published with the opportunity."


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
    versions = specification_versions(specification=page.specification)
    return render(
        request,
        "tenders/versions.html",
        {
            "commission": page.commission,
            "page": page,
            "form": form,
            "versions": versions,
            "newest_published": newest_published_number(versions),
            "compare_url": reverse("tenders:versions-compare", kwargs={"pk": pk}) if len(versions) > 1 else "",
            "published_note": PUBLISHED_NOTE,
        },
    )


def compare_url(pk: int, first: int, second: int) -> str:
    """The page comparing two saved versions."""
    return f"{reverse('tenders:versions-compare', kwargs={'pk': pk})}?first={first}&second={second}"


@login_required
@require_http_methods(["GET"])
def version_view(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    page = specification_page(request, pk)
    version = _version_or_404(page, number)
    before, after = neighbour_numbers(specification=page.specification, number=number)
    later = None if version.published_at else later_published_version(specification=page.specification, number=number)
    return render(
        request,
        "tenders/version.html",
        {
            "commission": page.commission,
            "page": page,
            "version": version,
            "spec": snapshot_display(version.snapshot),
            "reasons": publish_reasons(version),
            "later": later,
            "compare_before": compare_url(pk, before, number) if before else "",
            "compare_after": compare_url(pk, number, after) if after else "",
            "before": before,
            "after": after,
            "published_note": PUBLISHED_NOTE,
        },
    )


def warning_rows(pk: int, form: VersionPublishForm) -> list[dict[str, Any]]:
    """Each warning on the publish page: what Tandem said, where it is changed, and its reason's field."""
    rows = []
    for warning, field in form.rows():
        if warning.origin == readiness.LENS_ORIGIN:
            link = fix_link(warning.place, pk) if warning.place else None
            if warning.key == readiness.LENS_UNREAD_KEY:
                link = (reverse("tenders:tender-lens", kwargs={"pk": pk}), "Go to the tender lens")
        else:
            link = (reverse("tenders:timeline", kwargs={"pk": pk}), "Change the timeline")
        rows.append({"warning": warning, "field": field, "link": link})
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def version_publish_view(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    page = specification_page(request, pk)
    page.publish.require()
    version = _version_or_404(page, number)
    check = version_publish_check(version=version)
    problems = check.problems
    error = ""
    if request.method == "POST":
        form = VersionPublishForm(request.POST, warnings=check.warnings)
        if form.is_valid():
            try:
                specification_version_publish(
                    actor=request.user, specification=page.specification, number=number, reasons=form.reasons()
                )
            except PublishBlockedError as exc:
                problems = exc.problems
            except PublishReasonsError as exc:
                for key, message in exc.problems.items():
                    form.add_error(form.field_for(key), message)
            except ApplicationError as exc:
                error = exc.message
            else:
                draft_clear(user=request.user, path=request.path)
                messages.success(request, f"Version {number} has been published. {PUBLISHED_NOTE}")
                return redirect("tenders:version", pk=pk, number=number)
    else:
        data, restored = draft_form_data(request)
        form = VersionPublishForm(initial=draft_as_initial(data) if restored else None, warnings=check.warnings)
    return render(
        request,
        "tenders/version_publish.html",
        {
            "commission": page.commission,
            "page": page,
            "version": version,
            "problems": problem_rows(pk, problems),
            "later": check.later,
            "later_message": later_published_message(number, check.later.number) if check.later else "",
            "form": form,
            "warnings": warning_rows(pk, form),
            "error": error,
            "failed": request.method == "POST",
            "published_note": PUBLISHED_NOTE,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET"])
def versions_compare_view(request: HttpRequest, pk: int) -> HttpResponse:
    page = specification_page(request, pk)
    versions = specification_versions(specification=page.specification)
    numbers = sorted(v.number for v in versions)
    comparison = None
    if "first" in request.GET or "second" in request.GET:
        form = VersionCompareForm(request.GET, numbers=numbers)
        if form.is_valid():
            comparison = versions_compare(
                specification=page.specification,
                first=form.cleaned_data["first"],
                second=form.cleaned_data["second"],
            )
            if comparison is None:
                raise Http404("No such version")
    else:
        latest = numbers[-2:]
        form = VersionCompareForm(
            initial={"first": latest[0], "second": latest[-1]} if len(latest) == 2 else None, numbers=numbers
        )
        if len(latest) == 2:
            comparison = versions_compare(specification=page.specification, first=latest[0], second=latest[1])
    return render(
        request,
        "tenders/versions_compare.html",
        {
            "commission": page.commission,
            "page": page,
            "form": form,
            "count": len(numbers),
            "comparison": comparison,
        },
        status=400 if form.is_bound and form.errors else 200,
    )
