"""Authorisation-matrix entries for the export pages (merged in ``access.py``).

The matrix holds one entry per URL name, so it downloads the PDF pack of the working copy and the
Word pack of a saved version; the Word pack, the Excel evaluation plan, a name we do not make (404
for everyone signed in) and ``?version=`` are walked through every role in
tests/test_views_export.py (test_export_matrix), and a saved version's other formats in
test_version_export_matrix.
"""

from __future__ import annotations

from typing import Any

from tandem.core.testing.access import Access, Ctx
from tandem.tenders.tests.access_common import TEAM_AND_LEAD_FUNDER_ADMINS, specification_setup


def version_setup(ctx: Ctx) -> dict[str, Any]:
    from tandem.tenders.services.specification import specification_version_save

    extra = specification_setup(ctx)
    extra["version"] = specification_version_save(
        actor=ctx.funder_member, specification=extra["specification"], note="First"
    )
    return extra


ACCESS: dict[str, Access] = {
    "tenders:export": Access(
        setup=specification_setup,
        kwargs=lambda ctx: {"pk": ctx.extra["commission"].pk, "name": "pack.pdf"},
        expect=TEAM_AND_LEAD_FUNDER_ADMINS,
        note="Downloads the specification pack as a PDF (pack.docx for Word, evaluation-plan.xlsx for Excel).",
    ),
    "tenders:version-export": Access(
        setup=version_setup,
        kwargs=lambda ctx: {"pk": ctx.extra["commission"].pk, "number": ctx.extra["version"].number, "format": "docx"},
        expect=TEAM_AND_LEAD_FUNDER_ADMINS,
        note="Downloads saved version 1's specification pack as a Word document (pdf for the PDF, xlsx for the "
        "evaluation plan). Changes nothing; each download is written in the audit trail.",
    ),
}
