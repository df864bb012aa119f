"""Organisation pages: the list, adding one, the profile and changing it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from tandem.core.concurrency import EditConflict
from tandem.core.drafts import draft_as_initial, draft_clear, draft_form_data
from tandem.core.exceptions import ApplicationError
from tandem.frontend.edit_conflict import ConflictRow, Saved, edit_conflict, typed_value
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
from tandem.organisations.selectors import organisation_list
from tandem.organisations.services import organisation_create, organisation_update
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


def _saved_now(current: Organisation, form: OrganisationForm) -> list[Saved]:
    """The organisation's details as saved now, for the conflict banner."""
    lists = organisation_lists()
    size_typed = typed_value(form, "size_band")
    return [
        Saved("name", "Name", current.name),
        Saved("kind", "Kind", current.kind, shown=current.get_kind_display()),
        Saved("charity_number", "Charity number", current.charity_number),
        Saved("company_number", "Company number", current.company_number),
        Saved(
            "annual_income",
            "Annual income",
            current.annual_income,
            shown=income_display(current.annual_income) if current.annual_income is not None else "",
        ),
        Saved(
            "size_band",
            "Size",
            current.size_band,
            shown=current.get_size_band_display(),
            different=bool(size_typed) and size_typed != current.size_band,
        ),
        Saved(
            "areas_served",
            "Areas served",
            current.areas_served,
            shown=", ".join(lists.area_labels(current.areas_served)),
        ),
        Saved(
            "specialisms",
            "Specialisms",
            current.specialisms,
            shown=", ".join(lists.specialism_labels(current.specialisms)),
        ),
        Saved("about", "About us", current.about),
    ]


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit_view(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_or_404(slug)
    can_edit_organisation(request.user, organisation).require()
    include_kind = bool(request.user.is_superuser)
    conflict: list[ConflictRow] | None = None
    if request.method == "POST":
        form = OrganisationForm(request.POST, include_kind=include_kind)
        if form.is_valid():
            try:
                organisation_update(
                    actor=request.user,
                    organisation=organisation,
                    details=form.details(kind=organisation.kind),
                    expected_version=form.cleaned_data.get("version"),
                )
            except EditConflict as exc:
                conflict = edit_conflict(form, exc, _saved_now(exc.saved, form))
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
