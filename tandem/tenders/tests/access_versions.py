"""Authorisation-matrix entries for the specification's versions (merged in ``access.py``): the
list, one version, publishing it, and comparing two.

Observers on the team read the versions and compare them, but cannot save or publish one (tested in
the view tests: the matrix's roles hold no observer).
"""

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


def _two_versions_setup(ctx: Ctx) -> dict[str, Any]:
    from tandem.tenders.services.specification import specification_version_save

    extra = _version_setup(ctx)
    specification_version_save(actor=ctx.funder_member, specification=extra["specification"], note="Second")
    return extra


def _version_kwargs(ctx: Ctx) -> dict[str, Any]:
    return {"pk": ctx.extra["commission"].pk, "number": ctx.extra["version"].number}


ACCESS: dict[str, Access] = {
    "tenders:versions": Access(setup=specification_setup, kwargs=pk, expect=TEAM_AND_LEAD_FUNDER_ADMINS),
    "tenders:version": Access(setup=_version_setup, kwargs=_version_kwargs, expect=TEAM_AND_LEAD_FUNDER_ADMINS),
    "tenders:version-publish": Access(
        setup=_version_setup,
        kwargs=_version_kwargs,
        expect=TEAM_AND_LEAD_FUNDER_ADMINS,
        note="funder_member leads the commission and funder_admin administers the lead funder: both may publish. "
        "The GET is the confirm page; it lists what is missing when the version cannot be published yet.",
    ),
    "tenders:versions-compare": Access(
        setup=_two_versions_setup,
        kwargs=pk,
        expect=TEAM_AND_LEAD_FUNDER_ADMINS,
        note="Without a choice in the address it compares the two newest versions.",
    ),
}
