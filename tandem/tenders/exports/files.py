"""Making the specification pack (Word or PDF) or the evaluation plan (Excel) for download.

Exporting changes nothing in Tandem, but a copy of the team's work leaves it, so each download is
written in the audit trail, as the reflection log's are. The builders are imported only when asked
for: WeasyPrint takes seconds to import.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from tandem.audit.services import audit_log
from tandem.tenders.exports.pack import (
    CONTENT_TYPES,
    EVALUATION_PLAN_XLSX,
    FILE_LABELS,
    NAMES,
    PACK_DOCX,
    evaluation_plan,
    export_filename,
    specification_pack,
)
from tandem.tenders.exports.selectors import ExportSource, export_source


@dataclass(frozen=True)
class ExportedFile:
    content: bytes
    filename: str
    content_type: str


def export_build(source: ExportSource, name: str) -> ExportedFile:
    """The file called ``name`` (one of ``NAMES``) from the source's snapshot."""
    if name not in NAMES:
        raise ValueError(f"Unknown export {name!r}")
    if name == EVALUATION_PLAN_XLSX:
        from tandem.tenders.exports.excel import plan_xlsx

        content = plan_xlsx(evaluation_plan(source.snapshot, source.edition))
    elif name == PACK_DOCX:
        from tandem.tenders.exports.word import pack_docx

        content = pack_docx(specification_pack(source.snapshot, source.edition))
    else:
        from tandem.tenders.exports.pdf import pack_pdf

        content = pack_pdf(specification_pack(source.snapshot, source.edition))
    return ExportedFile(
        content=content,
        filename=export_filename(source.commission.title, name, source.edition),
        content_type=CONTENT_TYPES[name],
    )


def specification_export(
    *, actor: Any, commission_pk: int, name: str, version: str | None = None
) -> ExportedFile | None:
    """The export for someone who can see the specification, written in the audit trail; None when
    there is no such commission. Raises tandem PermissionDenied, or ``UnknownVersion`` for a version
    never saved."""
    source = export_source(viewer=actor, commission_pk=commission_pk, version=version)
    if source is None:
        return None
    exported = export_build(source, name)
    commission = source.commission
    number = source.edition.number
    with transaction.atomic():
        audit_log(
            actor=actor,
            action="tenders.specification.exported",
            obj=commission,
            organisation=commission.lead_funder,
            after={"file": name, "version": number},
            summary=(
                f"Downloaded {FILE_LABELS[name]} for {commission.title}, "
                + (f"version {number}" if number is not None else "the working copy")
            ),
        )
    return exported
