"""Authorisation-matrix entries for the specification's overview, core sections and versions
(merged in ``access.py``)."""

from __future__ import annotations

from typing import Any

from tandem.core.testing.access import Access, Ctx
from tandem.tenders.tests.access_common import TEAM_AND_LEAD_FUNDER_ADMINS, pk, specification_setup


def _version_setup(ctx: Ctx) -> dict[str, Any]:
    from tandem.tenders.services.specification import specification_version_save

    extra = specification_setup(ctx)
    specification = extra["specification"]
    extra["version"] = specification_version_save(actor=ctx.funder_member, specification=specification, note="First")
    return extra


def _version_kwargs(ctx: Ctx) -> dict[str, Any]:
    return {"pk": ctx.extra["commission"].pk, "number": ctx.extra["version"].number}


ACCESS: dict[str, Access] = {
    "tenders:overview": Access(setup=specification_setup, kwargs=pk, expect=TEAM_AND_LEAD_FUNDER_ADMINS),
    "tenders:section": Access(
        setup=specification_setup,
        kwargs=lambda ctx: {"pk": ctx.extra["commission"].pk, "section": "agreement"},
        expect=TEAM_AND_LEAD_FUNDER_ADMINS,
        note="Observers on the team get the page read-only, with the reason.",
    ),
    "tenders:versions": Access(setup=specification_setup, kwargs=pk, expect=TEAM_AND_LEAD_FUNDER_ADMINS),
    "tenders:version": Access(setup=_version_setup, kwargs=_version_kwargs, expect=TEAM_AND_LEAD_FUNDER_ADMINS),
    "tenders:version-publish": Access(
        setup=_version_setup,
        kwargs=_version_kwargs,
        expect=TEAM_AND_LEAD_FUNDER_ADMINS,
        note="funder_member leads the commission and funder_admin administers the lead funder: both may publish. "
        "The GET is the confirm page; it lists what is missing when the version cannot be published yet.",
    ),
}
