"""Authorisation-matrix entries for the export pages (merged in ``access.py``).

The matrix holds one entry per URL name, so it downloads the PDF pack; the Word pack, the Excel
evaluation plan, a name we do not make (404 for everyone signed in) and ``?version=`` are walked
through every role in tests/test_views_export.py (test_export_matrix).
"""

from __future__ import annotations

from tandem.core.testing.access import Access
from tandem.tenders.tests.access_common import TEAM_AND_LEAD_FUNDER_ADMINS, specification_setup

ACCESS: dict[str, Access] = {
    "tenders:export": Access(
        setup=specification_setup,
        kwargs=lambda ctx: {"pk": ctx.extra["commission"].pk, "name": "pack.pdf"},
        expect=TEAM_AND_LEAD_FUNDER_ADMINS,
        note="Downloads the specification pack as a PDF (pack.docx for Word, evaluation-plan.xlsx for Excel).",
    ),
}
