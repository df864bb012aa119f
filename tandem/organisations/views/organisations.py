"""Organisation pages: the list, adding one, the profile and changing it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from tandem.core.drafts import draft_as_initial, draft_clear, draft_form_data
from tandem.core.exceptions import ApplicationError
from tandem.frontend.form_errors import error_to_form
from tandem.organisations.content import organisation_lists
from tandem.organisations.forms import OrganisationForm
from tandem.organisations.identifiers import income_display
from tandem.organisations.models import Organisation
from tandem.organisations.permissions import (
    can_create_organisation,
    can_edit_organisation,
    can_list_organisations,
    can_manage_members,
    can_view_members,
    can_view_organisation,
    role_in_organisation,
)
from tandem.organisations.selectors import organisation_get, organisation_list
from tandem.organisations.services import ConcurrentEditError, organisation_create, organisation_update
from tandem.organisations.views.common import organisation_display, organisation_or_404

PAGE_SIZE = 25
SEARCH_MAX = 200


@login_required
@require_http_methods(["GET"])
def organisation_list_view(request: HttpRequest) -> HttpResponse:
    can_list_organisations(request.user).require()
    search = request.GET.get("q", "")[:SEARCH_MAX].strip()
    organisations = organisation_list(viewer=request.user, search=search)
    page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "organisations/list.html",
        {"page": page, "search": search, "can_create": can_create_organisation(request.user).allowed},
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create_view(request: HttpRequest) -> HttpResponse:
    can_create_organisation(request.user).require()
    if request.method == "POST":
        form = OrganisationForm(request.POST)
        if form.is_valid():
            try:
                organisation = organisation_create(actor=request.user, details=form.details(kind=""))
            except ApplicationError as exc:
                error_to_form(form, exc)
            else:
                draft_clear(user=request.user, path=request.path)
                messages.success(
                    request, f"{organisation.name} has been added. Invite someone to be its administrator."
                )
                return redirect("organisations:members", slug=organisation.slug)
    else:
        data, restored = draft_form_data(request)
        form = OrganisationForm(initial=draft_as_initial(data)) if restored else OrganisationForm()
    return render(request, "organisations/create.html", {"form": form})


@login_required
@require_http_methods(["GET"])
def organisation_detail_view(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_or_404(slug)
    can_view_organisation(request.user, organisation).require()
    is_member = role_in_organisation(request.user, organisation) is not None
    return render(
        request,
        "organisations/detail.html",
        {
            "organisation": organisation,
            **organisation_display(organisation),
            "income": income_display(organisation.annual_income) if organisation.annual_income is not None else "",
            # Income is sensitive: only the organisation's own people and site administrators see it.
            "show_income": is_member or request.user.is_superuser,
            "is_member": is_member,
            "can_edit": can_edit_organisation(request.user, organisation).allowed,
            "can_view_members": can_view_members(request.user, organisation).allowed,
            "can_manage_members": can_manage_members(request.user, organisation).allowed,
        },
    )


def _initial(organisation: Organisation) -> dict[str, Any]:
    return {
        "name": organisation.name,
        "kind": organisation.kind,
        "charity_number": organisation.charity_number,
        "company_number": organisation.company_number,
        "annual_income": "" if organisation.annual_income is None else str(organisation.annual_income),
        "size_band": organisation.size_band,
        "areas_served": list(organisation.areas_served),
        "specialisms": list(organisation.specialisms),
        "about": organisation.about,
        "version": organisation.version,
    }


def _conflict_rows(current: Organisation, form: OrganisationForm) -> list[dict[str, Any]]:
    """What the other person saved, field by field, marking where it differs from what this
    person typed."""
    lists = organisation_lists()
    typed = form.cleaned_data if hasattr(form, "cleaned_data") else {}
    rows = [
        ("name", "Name", current.name),
        ("kind", "Kind", current.get_kind_display()),
        ("charity_number", "Charity number", current.charity_number),
        ("company_number", "Company number", current.company_number),
        (
            "annual_income",
            "Annual income",
            income_display(current.annual_income) if current.annual_income is not None else "",
        ),
        ("size_band", "Size", current.get_size_band_display()),
        ("areas_served", "Areas served", ", ".join(lists.area_labels(current.areas_served))),
        ("specialisms", "Specialisms", ", ".join(lists.specialism_labels(current.specialisms))),
        ("about", "About us", current.about),
    ]
    result = []
    for name, label, value in rows:
        if name not in form.fields:
            continue
        saved = getattr(current, name)
        mine = typed.get(name, form.data.get(name))
        if name in {"areas_served", "specialisms"}:
            different = sorted(saved) != sorted(mine or [])
        elif name == "size_band":
            different = bool(mine) and mine != saved
        else:
            different = (saved if saved is not None else "") != (mine if mine is not None else "")
        result.append({"label": label, "value": value or "Not given", "different": different})
    return result


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit_view(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_or_404(slug)
    can_edit_organisation(request.user, organisation).require()
    include_kind = bool(request.user.is_superuser)
    conflict: list[dict[str, Any]] | None = None
    if request.method == "POST":
        form = OrganisationForm(request.POST, include_kind=include_kind)
        if form.is_valid():
            version = form.cleaned_data.get("version")
            try:
                if version is None:
                    fresh = organisation_get(slug=organisation.slug) or organisation
                    raise ConcurrentEditError(fresh)
                organisation_update(
                    actor=request.user,
                    organisation=organisation,
                    details=form.details(kind=organisation.kind),
                    expected_version=version,
                )
            except ConcurrentEditError as exc:
                conflict = _conflict_rows(exc.current, form)
                # Keep what this person typed, and carry the latest version so that saving again
                # (a deliberate choice, having seen the other changes) goes through.
                kept = request.POST.copy()
                kept["version"] = str(exc.current.version)
                form = OrganisationForm(kept, include_kind=include_kind)
                form.is_valid()
            except ApplicationError as exc:
                error_to_form(form, exc)
            else:
                draft_clear(user=request.user, path=request.path)
                messages.success(request, f"The details of {organisation.name} have been saved.")
                return redirect("organisations:detail", slug=organisation.slug)
    else:
        # A draft keeps the version it was typed against, so saving it still warns about clashes.
        draft, restored = draft_form_data(request)
        initial = draft_as_initial(draft) if restored else _initial(organisation)
        form = OrganisationForm(initial=initial, include_kind=include_kind)
    return render(
        request,
        "organisations/edit.html",
        {"organisation": organisation, "form": form, "conflict": conflict},
    )
