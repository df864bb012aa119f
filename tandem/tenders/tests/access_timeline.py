"""Authorisation-matrix entries for the timeline pages (merged in ``access.py``): the timeline and
co-production sizing.

The matrix holds one entry per URL name, so it checks the pages (GET). ``POST_ACCESS`` lists the
same URLs posted with good data; the matrix walks it for all five roles too. Observers on the team
are refused a save and see the page read-only (tested in the view tests: the matrix's roles hold no
observer).
"""

from __future__ import annotations

from tandem.core.testing.access import Access
from tandem.tenders.tests.access_common import TEAM_AND_LEAD_FUNDER_ADMINS, pk, specification_setup

# Saving goes back to the page for the team and the lead funder's administrators.
TEAM_AND_LEAD_FUNDER_ADMINS_POST: dict[str, int | str] = {
    **TEAM_AND_LEAD_FUNDER_ADMINS,
    "funder_member": 302,
    "funder_admin": 302,
}

TIMELINE_DATA = {
    "version": "0",
    "publication_on_day": "1",
    "publication_on_month": "9",
    "publication_on_year": "2027",
    "submission_deadline_day": "15",
    "submission_deadline_month": "10",
    "submission_deadline_year": "2027",
}
COPRODUCTION_DATA = {"version": "0", "vulnerability": "high", "engagement_level": "collaborate"}

ACCESS: dict[str, Access] = {
    "tenders:timeline": Access(kwargs=pk, setup=specification_setup, expect=TEAM_AND_LEAD_FUNDER_ADMINS),
    "tenders:coproduction": Access(kwargs=pk, setup=specification_setup, expect=TEAM_AND_LEAD_FUNDER_ADMINS),
}

POST_ACCESS: dict[str, Access] = {
    "tenders:timeline": Access(
        kwargs=pk,
        setup=specification_setup,
        method="post",
        data=lambda ctx: TIMELINE_DATA,
        expect=TEAM_AND_LEAD_FUNDER_ADMINS_POST,
    ),
    "tenders:coproduction": Access(
        kwargs=pk,
        setup=specification_setup,
        method="post",
        data=lambda ctx: COPRODUCTION_DATA,
        expect=TEAM_AND_LEAD_FUNDER_ADMINS_POST,
    ),
}
