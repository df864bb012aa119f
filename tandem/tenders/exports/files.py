"""Making the specification pack (Word or PDF) or the evaluation plan (Excel) for download.

A read: exporting changes nothing, so it is not written in the audit trail. The builders are
imported only when asked for: WeasyPrint takes seconds to import.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tandem.tenders.exports.pack import (
    CONTENT_TYPES,
    EVALUATION_PLAN_XLSX,
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
    *, viewer: Any, commission_pk: int, name: str, version: str | None = None
) -> ExportedFile | None:
    """The export for someone who can see the specification; None when there is no such
    commission. Raises tandem PermissionDenied, or ``UnknownVersion`` for a version never saved."""
    source = export_source(viewer=viewer, commission_pk=commission_pk, version=version)
    return None if source is None else export_build(source, name)
