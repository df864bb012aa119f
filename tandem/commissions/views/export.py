"""Downloading the commission's reflection log as a PDF or a Word document."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from tandem.commissions.exports.log import FORMATS
from tandem.commissions.exports.services import commission_log_export
from tandem.commissions.selectors.commission import commission_get


@login_required
@require_GET
def commission_export_view(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404("We can make the reflection log as a PDF or a Word document only")
    commission = commission_get(viewer=request.user, pk=pk)
    if commission is None:
        raise Http404("No commission here")
    exported = commission_log_export(actor=request.user, commission=commission, fmt=fmt)
    return HttpResponse(
        exported.content,
        content_type=exported.content_type,
        headers={
            "Content-Disposition": content_disposition_header(as_attachment=True, filename=exported.filename),
            "X-Content-Type-Options": "nosniff",
        },
    )
