"""Authorisation-matrix entries for the criteria pages (merged in ``access.py``).

The matrix holds one entry per URL name, so ``ACCESS`` checks the pages (GET). ``POST_ACCESS``
lists the same URLs posted with good data; the matrix walks it for all five roles too.
"""

from __future__ import annotations

from typing import Any

from tandem.core.testing.access import SIGN_IN, Access, Ctx
from tandem.tenders.tests.access_common import TEAM_AND_LEAD_FUNDER_ADMINS, pk, specification_setup

TEAM_AND_LEAD_FUNDER_ADMINS_POST: dict[str, int | str] = {
    "anonymous": SIGN_IN,
    "provider_member": 403,
    "funder_member": 302,
    "funder_admin": 302,
    "site_admin": 403,
}


def criteria_setup(ctx: Ctx) -> dict[str, Any]:
    """The specification with one quality criterion (on Tandem's suggested scale)."""
    from tandem.tenders.services.criteria import CriterionDetails, criterion_add

    extra = specification_setup(ctx)
    extra["criterion"] = criterion_add(
        actor=ctx.funder_member,
        specification=extra["specification"],
        details=CriterionDetails(group="quality", title="Safety and choice for survivors", weight=60),
    )
    return extra


def criterion_kwargs(ctx: Ctx) -> dict[str, Any]:
    return {"pk": ctx.extra["commission"].pk, "item_pk": ctx.extra["criterion"].pk}


def criterion_data(ctx: Ctx) -> dict[str, str]:
    data = {
        "group": "social_value",
        "title": "Local jobs and volunteering",
        "weight": "15",
        "evaluator_guidance": "Look for real links with local groups.",
        "scale_1_score": "0",
        "scale_1_descriptor": "Nothing about this",
        "scale_2_score": "1",
        "scale_2_descriptor": "Some local links",
        "scale_3_score": "2",
        "scale_3_descriptor": "Strong local links, with examples",
    }
    if "criterion" in ctx.extra:
        from tandem.tenders.models import AwardCriterion

        data["version"] = str(AwardCriterion.objects.get(pk=ctx.extra["criterion"].pk).version)
    return data


ACCESS: dict[str, Access] = {
    "tenders:criteria": Access(setup=criteria_setup, kwargs=pk, expect=TEAM_AND_LEAD_FUNDER_ADMINS),
    "tenders:criterion-add": Access(setup=criteria_setup, kwargs=pk, expect=TEAM_AND_LEAD_FUNDER_ADMINS),
    "tenders:criterion-edit": Access(setup=criteria_setup, kwargs=criterion_kwargs, expect=TEAM_AND_LEAD_FUNDER_ADMINS),
    "tenders:criterion-delete": Access(
        setup=criteria_setup, kwargs=criterion_kwargs, expect=TEAM_AND_LEAD_FUNDER_ADMINS
    ),
    "tenders:social-value-reason": Access(setup=criteria_setup, kwargs=pk, expect=TEAM_AND_LEAD_FUNDER_ADMINS),
}

POST_ACCESS: dict[str, Access] = {
    "tenders:criterion-add": Access(
        setup=criteria_setup,
        kwargs=pk,
        method="post",
        data=lambda ctx: {k: v for k, v in criterion_data(ctx).items() if k != "version"},
        expect=TEAM_AND_LEAD_FUNDER_ADMINS_POST,
    ),
    "tenders:criterion-edit": Access(
        setup=criteria_setup,
        kwargs=criterion_kwargs,
        method="post",
        data=criterion_data,
        expect=TEAM_AND_LEAD_FUNDER_ADMINS_POST,
    ),
    "tenders:criterion-delete": Access(
        setup=criteria_setup, kwargs=criterion_kwargs, method="post", expect=TEAM_AND_LEAD_FUNDER_ADMINS_POST
    ),
    "tenders:social-value-reason": Access(
        setup=criteria_setup,
        kwargs=pk,
        method="post",
        data=lambda ctx: {"reason": "Social value is scored in the wider programme.", "version": "0"},
        expect=TEAM_AND_LEAD_FUNDER_ADMINS_POST,
    ),
}
