"""Authorisation-matrix entries for every commissions URL.

The commission built by ``commission_setup`` is led by funder_org, with funder_member as its
team lead; funder_admin administers the lead funder; provider_member is not on the team; site
administrators cannot read commissions (docs/decisions/0004-commission-visibility.md).
Other helpers add their entries below with small edits, reusing ``commission_setup``.
"""

from __future__ import annotations

from typing import Any

from tandem.core.testing.access import SIGN_IN, Access, Ctx, signed_in

# The team and the lead funder's administrators, and nobody else.
TEAM_AND_LEAD_FUNDER_ADMINS: dict[str, int | str] = {
    "anonymous": SIGN_IN,
    "provider_member": 403,
    "funder_member": 200,
    "funder_admin": 200,
    "site_admin": 403,
}


# Only the people on the team (funder_member leads it); not the lead funder's administrators.
ON_THE_TEAM: dict[str, int | str] = {**TEAM_AND_LEAD_FUNDER_ADMINS, "funder_admin": 403}


def commission_setup(ctx: Ctx) -> dict[str, Any]:
    from tandem.commissions.tests.builders import commission_build, journey_build

    version = journey_build()
    commission = commission_build(lead=ctx.funder_member, lead_funder=ctx.funder_org, version=version)
    return {"commission": commission, "version": version}


def _journey_setup(ctx: Ctx) -> dict[str, Any]:
    from tandem.commissions.tests.builders import journey_build

    return {"version": journey_build()}


def _member_setup(ctx: Ctx) -> dict[str, Any]:
    extra = commission_setup(ctx)
    extra["member"] = extra["commission"].team.get(user=ctx.funder_member)
    return extra


def _invitation_setup(ctx: Ctx) -> dict[str, Any]:
    from tandem.commissions.services.team import commission_invitation_create

    extra = commission_setup(ctx)
    invitation, token = commission_invitation_create(
        actor=ctx.funder_member, commission=extra["commission"], email="new.person@example.org", role="observer"
    )
    return {**extra, "invitation": invitation, "token": token}


def _pk(ctx: Ctx) -> dict[str, Any]:
    return {"pk": ctx.extra["commission"].pk}


def _prompt_setup(ctx: Ctx) -> dict[str, Any]:
    """Helper I2: the commission and the first question of its Reflect stage."""
    from tandem.frameworks.models import Prompt

    extra = commission_setup(ctx)
    extra["prompt"] = Prompt.objects.filter(stage__version=extra["version"], stage__slug="reflect").order_by("order")[0]
    return extra


def _prompt_kwargs(ctx: Ctx) -> dict[str, Any]:
    return {"pk": ctx.extra["commission"].pk, "prompt_pk": ctx.extra["prompt"].pk}


# Saving something redirects the team and the lead funder's administrators; nobody else gets in.
TEAM_AND_LEAD_FUNDER_ADMINS_POST: dict[str, int | str] = {
    **TEAM_AND_LEAD_FUNDER_ADMINS,
    "funder_member": 302,
    "funder_admin": 302,
}


ACCESS = {
    "commissions:list": Access(
        expect=signed_in(200), note="Lists only the commissions the person can see; may be empty."
    ),
    "commissions:create": Access(
        setup=_journey_setup,
        expect={
            "anonymous": SIGN_IN,
            "provider_member": 403,
            "funder_member": 200,
            "funder_admin": 200,
            "site_admin": 403,
        },
        note="Started by people acting for a funder; the lead funder is their current organisation.",
    ),
    "commissions:detail": Access(setup=commission_setup, kwargs=_pk, expect=TEAM_AND_LEAD_FUNDER_ADMINS),
    "commissions:edit": Access(setup=commission_setup, kwargs=_pk, expect=TEAM_AND_LEAD_FUNDER_ADMINS),
    "commissions:current-stage": Access(
        setup=commission_setup,
        kwargs=_pk,
        method="post",
        data=lambda ctx: {"stage": "assess"},
        expect={
            "anonymous": SIGN_IN,
            "provider_member": 403,
            "funder_member": 302,
            "funder_admin": 302,
            "site_admin": 403,
        },
        note="POST only: moves the 'you are here' marker, then back to the journey page.",
    ),
    "commissions:team": Access(setup=commission_setup, kwargs=_pk, expect=TEAM_AND_LEAD_FUNDER_ADMINS),
    "commissions:team-add": Access(setup=commission_setup, kwargs=_pk, expect=TEAM_AND_LEAD_FUNDER_ADMINS),
    "commissions:team-member": Access(
        setup=_member_setup,
        kwargs=lambda ctx: {"pk": ctx.extra["commission"].pk, "member_pk": ctx.extra["member"].pk},
        expect=TEAM_AND_LEAD_FUNDER_ADMINS,
    ),
    "commissions:invitation-revoke": Access(
        setup=_invitation_setup,
        kwargs=lambda ctx: {"pk": ctx.extra["commission"].pk, "invitation_pk": ctx.extra["invitation"].pk},
        expect=TEAM_AND_LEAD_FUNDER_ADMINS,
    ),
    # Issue 10: choosing what the team sees about you, stepping back, and sending an invitation
    # again. Only people on the team choose their own details or leave: the lead funder's
    # administrators can see the commission but are not on its team.
    "commissions:team-contact": Access(setup=commission_setup, kwargs=_pk, expect=ON_THE_TEAM),
    "commissions:team-leave": Access(setup=commission_setup, kwargs=_pk, expect=ON_THE_TEAM),
    "commissions:invitation-resend": Access(
        setup=_invitation_setup,
        kwargs=lambda ctx: {"pk": ctx.extra["commission"].pk, "invitation_pk": ctx.extra["invitation"].pk},
        expect=TEAM_AND_LEAD_FUNDER_ADMINS,
    ),
    "commissions:invitation-accept": Access(
        setup=_invitation_setup,
        kwargs=lambda ctx: {"token": ctx.extra["token"]},
        expect={
            "anonymous": 200,
            "provider_member": 200,
            "funder_member": 200,
            "funder_admin": 200,
            "site_admin": 200,
        },
        note="The token is the key. Anonymous: make an account; signed in as someone else: told plainly.",
    ),
    # Helper J: coverage and the reflection log. The Word format and unknown formats are walked
    # through every role in tests/test_views_export.py (test_export_matrix).
    "commissions:coverage": Access(setup=commission_setup, kwargs=_pk, expect=TEAM_AND_LEAD_FUNDER_ADMINS),
    "commissions:export": Access(
        setup=commission_setup,
        kwargs=lambda ctx: {"pk": ctx.extra["commission"].pk, "fmt": "pdf"},
        expect=TEAM_AND_LEAD_FUNDER_ADMINS,
        note="Downloads the reflection log as a PDF (fmt docx for Word; any other fmt is 404).",
    ),
    # Helper I2: stages, prompts, comments and lenses. Observers (can read, cannot respond) are
    # covered in tests/test_views_stage.py and tests/test_views_prompt.py.
    "commissions:stage": Access(
        setup=commission_setup,
        kwargs=lambda ctx: {"pk": ctx.extra["commission"].pk, "stage": "reflect"},
        expect=TEAM_AND_LEAD_FUNDER_ADMINS,
    ),
    "commissions:stage-status": Access(
        setup=commission_setup,
        kwargs=lambda ctx: {"pk": ctx.extra["commission"].pk, "stage": "assess"},
        method="post",
        data=lambda ctx: {"status": "considered"},
        expect=TEAM_AND_LEAD_FUNDER_ADMINS_POST,
        note="POST only: sets the stage's status, tells the rest of the team, then back to the stage.",
    ),
    "commissions:prompt": Access(setup=_prompt_setup, kwargs=_prompt_kwargs, expect=TEAM_AND_LEAD_FUNDER_ADMINS),
    "commissions:comment": Access(
        setup=_prompt_setup,
        kwargs=_prompt_kwargs,
        method="post",
        data=lambda ctx: {"text": "Shall we ask the lived-experience panel?"},
        expect=TEAM_AND_LEAD_FUNDER_ADMINS_POST,
        note="POST only: adds a comment (observers may too), then back to the question.",
    ),
    "commissions:lens": Access(
        setup=commission_setup,
        kwargs=lambda ctx: {
            "pk": ctx.extra["commission"].pk,
            "framework": f"{ctx.extra['version'].framework.slug}-lens",
        },
        expect=TEAM_AND_LEAD_FUNDER_ADMINS,
    ),
}


POST_ACCESS = {
    "commissions:team-contact": Access(
        setup=commission_setup,
        kwargs=_pk,
        method="post",
        data=lambda ctx: {"shares_email": "yes"},
        expect={**ON_THE_TEAM, "funder_member": 302},
        note="Saves the person's own choice, then back to the team.",
    ),
    "commissions:team-leave": Access(
        setup=commission_setup,
        kwargs=_pk,
        method="post",
        expect=ON_THE_TEAM,
        note="funder_member is the only lead, so is told to make someone else a lead first (200).",
    ),
    "commissions:invitation-resend": Access(
        setup=_invitation_setup,
        kwargs=lambda ctx: {"pk": ctx.extra["commission"].pk, "invitation_pk": ctx.extra["invitation"].pk},
        method="post",
        expect=TEAM_AND_LEAD_FUNDER_ADMINS_POST,
        note="Sends a new link, then back to the team.",
    ),
}
