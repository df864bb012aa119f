"""Authorisation-matrix entries for the items pages (merged in ``access.py``): outcomes,
trauma-informed requirements, budget lines and lots.

The matrix holds one entry per URL name, so it checks the pages (GET). ``POST_ACCESS`` below
lists the same URLs posted with good data; the matrix walks it for all five roles too, and
``test_views_items.py`` also checks that each good post writes one audit entry.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tandem.core.testing.access import SIGN_IN, Access, Ctx
from tandem.tenders.tests.access_common import TEAM_AND_LEAD_FUNDER_ADMINS, pk, specification_setup


def items_setup(ctx: Ctx) -> dict[str, Any]:
    """The specification with one outcome, one budget line and one lot."""
    from tandem.tenders.models import BudgetLine, Lot, Outcome

    extra = specification_setup(ctx)
    specification = extra["specification"]
    extra["outcome"] = Outcome.objects.create(
        specification=specification, order=1, text="People feel safer at home", kind="soft"
    )
    extra["budget_line"] = BudgetLine.objects.create(
        specification=specification,
        order=1,
        category="supervision",
        description="Monthly clinical supervision",
        annual_amount=Decimal("6000"),
    )
    extra["lot"] = Lot.objects.create(specification=specification, order=1, title="Children and young people")
    return extra


def _item(name: str) -> Any:
    def kwargs(ctx: Ctx) -> dict[str, Any]:
        return {"pk": ctx.extra["commission"].pk, "item_pk": ctx.extra[name].pk}

    return kwargs


def _with_version(name: str, data: dict[str, str]) -> Any:
    def build(ctx: Ctx) -> dict[str, str]:
        return {**data, "version": str(ctx.extra[name].version)}

    return build


OUTCOME_DATA = {"text": "People feel more confident", "kind": "soft", "indicator_6_months": "They say so at review"}
BUDGET_LINE_DATA = {"category": "training", "description": "Trauma-informed training", "annual_amount": "£4,000"}
LOT_DATA = {"title": "Adults in the north of the borough", "description": "", "value": "250k"}
TI_DATA = {"elements": ["supervision"], "commit_supervision": "Monthly reflective supervision", "version": "0"}

# Saving redirects the team and the lead funder's administrators; nobody else gets in.
TEAM_AND_LEAD_FUNDER_ADMINS_POST: dict[str, int | str] = {
    "anonymous": SIGN_IN,
    "provider_member": 403,
    "funder_member": 302,
    "funder_admin": 302,
    "site_admin": 403,
}

ACCESS: dict[str, Access] = {
    "tenders:outcomes": Access(setup=items_setup, kwargs=pk, expect=TEAM_AND_LEAD_FUNDER_ADMINS),
    "tenders:outcome-edit": Access(setup=items_setup, kwargs=_item("outcome"), expect=TEAM_AND_LEAD_FUNDER_ADMINS),
    "tenders:outcome-delete": Access(setup=items_setup, kwargs=_item("outcome"), expect=TEAM_AND_LEAD_FUNDER_ADMINS),
    "tenders:ti-requirements": Access(setup=items_setup, kwargs=pk, expect=TEAM_AND_LEAD_FUNDER_ADMINS),
    "tenders:budget": Access(setup=items_setup, kwargs=pk, expect=TEAM_AND_LEAD_FUNDER_ADMINS),
    "tenders:budget-line-edit": Access(
        setup=items_setup, kwargs=_item("budget_line"), expect=TEAM_AND_LEAD_FUNDER_ADMINS
    ),
    "tenders:budget-line-delete": Access(
        setup=items_setup, kwargs=_item("budget_line"), expect=TEAM_AND_LEAD_FUNDER_ADMINS
    ),
    "tenders:lots": Access(setup=items_setup, kwargs=pk, expect=TEAM_AND_LEAD_FUNDER_ADMINS),
    "tenders:lot-edit": Access(setup=items_setup, kwargs=_item("lot"), expect=TEAM_AND_LEAD_FUNDER_ADMINS),
    "tenders:lot-delete": Access(setup=items_setup, kwargs=_item("lot"), expect=TEAM_AND_LEAD_FUNDER_ADMINS),
}

# The same URLs posted with good data: each saves (or removes) and goes back to its list.
POST_ACCESS: dict[str, Access] = {
    "tenders:outcomes": Access(
        setup=items_setup,
        kwargs=pk,
        method="post",
        data=lambda ctx: OUTCOME_DATA,
        expect=TEAM_AND_LEAD_FUNDER_ADMINS_POST,
    ),
    "tenders:outcome-edit": Access(
        setup=items_setup,
        kwargs=_item("outcome"),
        method="post",
        data=_with_version("outcome", OUTCOME_DATA),
        expect=TEAM_AND_LEAD_FUNDER_ADMINS_POST,
    ),
    "tenders:outcome-delete": Access(
        setup=items_setup, kwargs=_item("outcome"), method="post", expect=TEAM_AND_LEAD_FUNDER_ADMINS_POST
    ),
    "tenders:ti-requirements": Access(
        setup=items_setup, kwargs=pk, method="post", data=lambda ctx: TI_DATA, expect=TEAM_AND_LEAD_FUNDER_ADMINS_POST
    ),
    "tenders:budget": Access(
        setup=items_setup,
        kwargs=pk,
        method="post",
        data=lambda ctx: BUDGET_LINE_DATA,
        expect=TEAM_AND_LEAD_FUNDER_ADMINS_POST,
    ),
    "tenders:budget-line-edit": Access(
        setup=items_setup,
        kwargs=_item("budget_line"),
        method="post",
        data=_with_version("budget_line", BUDGET_LINE_DATA),
        expect=TEAM_AND_LEAD_FUNDER_ADMINS_POST,
    ),
    "tenders:budget-line-delete": Access(
        setup=items_setup, kwargs=_item("budget_line"), method="post", expect=TEAM_AND_LEAD_FUNDER_ADMINS_POST
    ),
    "tenders:lots": Access(
        setup=items_setup, kwargs=pk, method="post", data=lambda ctx: LOT_DATA, expect=TEAM_AND_LEAD_FUNDER_ADMINS_POST
    ),
    "tenders:lot-edit": Access(
        setup=items_setup,
        kwargs=_item("lot"),
        method="post",
        data=_with_version("lot", LOT_DATA),
        expect=TEAM_AND_LEAD_FUNDER_ADMINS_POST,
    ),
    "tenders:lot-delete": Access(
        setup=items_setup, kwargs=_item("lot"), method="post", expect=TEAM_AND_LEAD_FUNDER_ADMINS_POST
    ),
}
