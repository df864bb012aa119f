"""Downloading the specification pack (Word or PDF) and the evaluation plan (Excel)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from tandem.tenders.exports.files import specification_export
from tandem.tenders.exports.pack import FILE_LABELS, NAMES
from tandem.tenders.exports.selectors import UnknownVersion


@login_required
@require_GET
def specification_export_view(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    if name not in NAMES:
        raise Http404("We can make the specification pack as Word or PDF, and the evaluation plan as Excel, only")
    try:
        exported = specification_export(
            actor=request.user, commission_pk=pk, name=name, version=request.GET.get("version")
        )
    except UnknownVersion as missing:
        return render(
            request,
            "tenders/export/no_version.html",
            {"commission": missing.commission, "missing": missing, "name": name, "file_label": FILE_LABELS[name]},
            status=404,
        )
    if exported is None:
        raise Http404("No specification here")
    return HttpResponse(
        exported.content,
        content_type=exported.content_type,
        headers={
            "Content-Disposition": content_disposition_header(as_attachment=True, filename=exported.filename),
            "X-Content-Type-Options": "nosniff",
        },
    )
