"""Authorisation-matrix entries for the specification's overview and core sections (merged in
``access.py``; the versions are in ``access_versions.py``)."""

from __future__ import annotations

from tandem.core.testing.access import Access
from tandem.tenders.tests.access_common import TEAM_AND_LEAD_FUNDER_ADMINS, pk, specification_setup

ACCESS: dict[str, Access] = {
    "tenders:overview": Access(setup=specification_setup, kwargs=pk, expect=TEAM_AND_LEAD_FUNDER_ADMINS),
    "tenders:section": Access(
        setup=specification_setup,
        kwargs=lambda ctx: {"pk": ctx.extra["commission"].pk, "section": "agreement"},
        expect=TEAM_AND_LEAD_FUNDER_ADMINS,
        note="Observers on the team get the page read-only, with the reason.",
    ),
}
