"""Downloading the specification pack (Word or PDF) and the evaluation plan (Excel): of the working
copy (or ``?version=N``), and of a saved version from its own page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from tandem.tenders.exports.files import ExportedFile, specification_export
from tandem.tenders.exports.pack import FILE_LABELS, FORMATS, NAMES
from tandem.tenders.exports.selectors import UnknownVersion


def _download(request: HttpRequest, pk: int, name: str, version: str | None) -> HttpResponse:
    try:
        exported = specification_export(actor=request.user, commission_pk=pk, name=name, version=version)
    except UnknownVersion as missing:
        return render(
            request,
            "tenders/export/no_version.html",
            {"commission": missing.commission, "missing": missing, "name": name, "file_label": FILE_LABELS[name]},
            status=404,
        )
    if exported is None:
        raise Http404("No specification here")
    return _attachment(exported)


def _attachment(exported: ExportedFile) -> HttpResponse:
    return HttpResponse(
        exported.content,
        content_type=exported.content_type,
        headers={
            "Content-Disposition": content_disposition_header(as_attachment=True, filename=exported.filename),
            "X-Content-Type-Options": "nosniff",
        },
    )


@login_required
@require_GET
def specification_export_view(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    if name not in NAMES:
        raise Http404("We can make the specification pack as Word or PDF, and the evaluation plan as Excel, only")
    return _download(request, pk, name, request.GET.get("version"))


@login_required
@require_GET
def version_export_view(request: HttpRequest, pk: int, number: int, format: str) -> HttpResponse:
    """Saved version ``number`` as ``format`` (docx or pdf: the specification pack; xlsx: the
    evaluation plan), made from the version's snapshot exactly as it was saved."""
    if format not in FORMATS:
        raise Http404("We can make a version as a Word document, a PDF or an Excel evaluation plan, only")
    return _download(request, pk, FORMATS[format], str(number))
