"""Site administrators browse the audit trail. Read-only: nothing here changes anything."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tandem.audit.forms import AuditFilterForm
from tandem.audit.permissions import can_view_audit_trail
from tandem.audit.selectors import (
    AuditFilters,
    audit_entry_changes,
    audit_entry_get,
    audit_entry_has_newer,
    audit_entry_list,
)

PAGE_SIZE = 50
FILTER_FIELDS = ("action", "actor_email", "object_type", "organisation", "date_from", "date_to")


def _require_viewer(request: HttpRequest) -> None:
    can_view_audit_trail(request.user).require()


@require_GET
@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    _require_viewer(request)
    filtering = any(request.GET.get(name) for name in FILTER_FIELDS)
    form = AuditFilterForm(request.GET if filtering else None)
    page = None
    if not filtering or form.is_valid():
        data = form.cleaned_data if filtering else {}
        filters = AuditFilters(
            action=data.get("action") or "",
            actor_email=data.get("actor_email") or "",
            object_type=data.get("object_type") or "",
            organisation=data.get("organisation") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
        page = Paginator(audit_entry_list(filters=filters), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "audit/list.html", {"form": form, "page": page, "filtering": filtering})


@require_GET
@login_required
def audit_detail(request: HttpRequest, sequence: int) -> HttpResponse:
    _require_viewer(request)
    entry = audit_entry_get(sequence=sequence)
    if entry is None:
        raise Http404("No audit entry has that number.")
    context = {
        "entry": entry,
        "changes": audit_entry_changes(entry),
        "has_newer": audit_entry_has_newer(entry),
    }
    return render(request, "audit/detail.html", context)
