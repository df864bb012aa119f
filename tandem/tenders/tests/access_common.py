"""What every tenders matrix entry shares: the commission and its specification, and who sees it."""

from __future__ import annotations

from typing import Any

from tandem.core.testing.access import SIGN_IN, Ctx

# The team and the lead funder's administrators, and nobody else.
TEAM_AND_LEAD_FUNDER_ADMINS: dict[str, int | str] = {
    "anonymous": SIGN_IN,
    "provider_member": 403,
    "funder_member": 200,
    "funder_admin": 200,
    "site_admin": 403,
}


def specification_setup(ctx: Ctx) -> dict[str, Any]:
    from tandem.commissions.tests.access import commission_setup

    extra = commission_setup(ctx)
    extra["specification"] = extra["commission"].specification
    return extra


def pk(ctx: Ctx) -> dict[str, Any]:
    return {"pk": ctx.extra["commission"].pk}
