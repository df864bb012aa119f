"""Authorisation-matrix entries for the lens pages (merged in ``access.py``).

The page changes nothing, so everyone who can see the commission may use it, observers included
(covered in ``test_views_tender_lens.py``). The matrix keeps one entry per URL name, so the POST (checking
pasted text) is in ``POST_ACCESS`` below, which the matrix walks through every role too.
"""

from __future__ import annotations

from tandem.core.testing.access import Access
from tandem.tenders.tests.access_common import TEAM_AND_LEAD_FUNDER_ADMINS, pk, specification_setup

ACCESS: dict[str, Access] = {
    "tenders:tender-lens": Access(setup=specification_setup, kwargs=pk, expect=TEAM_AND_LEAD_FUNDER_ADMINS),
}

POST_ACCESS: dict[str, Access] = {
    "tenders:tender-lens": Access(
        setup=specification_setup,
        kwargs=pk,
        method="post",
        data=lambda ctx: {"text": "Please return the completed ITT by noon.", "scope": "excerpt"},
        expect=TEAM_AND_LEAD_FUNDER_ADMINS,
        note="Checks pasted text and shows the findings on the same page; nothing is saved.",
    ),
}
