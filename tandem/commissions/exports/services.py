"""Exporting a commission's reflection log, and recording that someone did."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from tandem.audit.services import audit_log
from tandem.commissions.exports.log import CONTENT_TYPES, FORMATS, log_filename
from tandem.commissions.exports.selectors import commission_reflection_log
from tandem.commissions.models import Commission
from tandem.commissions.permissions import can_view_commission
from tandem.core.exceptions import ApplicationError

FORMAT_LABELS = {"pdf": "PDF", "docx": "Word"}


@dataclass(frozen=True)
class ExportedLog:
    content: bytes
    filename: str
    content_type: str


def commission_log_export(*, actor: Any, commission: Commission, fmt: str) -> ExportedLog:
    """Build the reflection log as a PDF or a Word document for someone who can see the
    commission, and write it in the audit trail (a copy has left Tandem)."""
    if fmt not in FORMATS:
        raise ApplicationError("Choose a PDF or a Word document", field="fmt")
    can_view_commission(actor, commission).require()
    made_at = timezone.localtime()
    log = commission_reflection_log(viewer=actor, commission=commission, made_at=made_at)
    # Imported here: WeasyPrint takes seconds to import, and only an export needs it.
    if fmt == "pdf":
        from tandem.commissions.exports.pdf import log_pdf

        content = log_pdf(log)
    else:
        from tandem.commissions.exports.word import log_docx

        content = log_docx(log)
    with transaction.atomic():
        audit_log(
            actor=actor,
            action="commissions.log.exported",
            obj=commission,
            organisation=commission.lead_funder,
            after={"format": fmt},
            summary=f"Exported the reflection log of {commission.title} as a {FORMAT_LABELS[fmt]} document",
        )
    return ExportedLog(
        content=content, filename=log_filename(commission.title, fmt, made_at.date()), content_type=CONTENT_TYPES[fmt]
    )
