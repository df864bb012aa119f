"""Authorisation-matrix entries for every organisations URL."""

from __future__ import annotations

from typing import Any

from tandem.core.testing.access import SIGN_IN, Access, Ctx, signed_in

ONLY_SITE_ADMINS: dict[str, int | str] = {
    "anonymous": SIGN_IN,
    "provider_member": 403,
    "funder_member": 403,
    "funder_admin": 403,
    "site_admin": 200,
}
# Pages about the funder organisation that only its administrators (and site administrators) use.
FUNDER_ADMINS: dict[str, int | str] = {
    "anonymous": SIGN_IN,
    "provider_member": 403,
    "funder_member": 403,
    "funder_admin": 200,
    "site_admin": 200,
}


def _funder_member_membership(ctx: Ctx) -> dict[str, Any]:
    from tandem.organisations.models import Membership

    return {"membership": Membership.objects.get(user=ctx.funder_member, organisation=ctx.funder_org)}


def _invitation(ctx: Ctx) -> dict[str, Any]:
    from tandem.organisations.services import invitation_create

    invitation, token = invitation_create(
        actor=ctx.funder_admin, organisation=ctx.funder_org, email="new.person@example.org", role="member"
    )
    return {"invitation": invitation, "token": token}


ACCESS = {
    "organisations:list": Access(expect=ONLY_SITE_ADMINS, note="Every organisation: site administrators only."),
    "organisations:create": Access(expect=ONLY_SITE_ADMINS),
    "organisations:switch": Access(expect=signed_in(200), note="Lists only the person's own organisations."),
    "organisations:detail": Access(
        kwargs=lambda ctx: {"slug": ctx.provider_org.slug},
        expect=signed_in(200),
        note="Any signed-in person can see a profile; income only shows to its own people.",
    ),
    "organisations:edit": Access(kwargs=lambda ctx: {"slug": ctx.funder_org.slug}, expect=FUNDER_ADMINS),
    "organisations:members": Access(
        kwargs=lambda ctx: {"slug": ctx.funder_org.slug},
        expect={
            "anonymous": SIGN_IN,
            "provider_member": 403,
            "funder_member": 200,
            "funder_admin": 200,
            "site_admin": 200,
        },
    ),
    "organisations:invite": Access(kwargs=lambda ctx: {"slug": ctx.funder_org.slug}, expect=FUNDER_ADMINS),
    "organisations:membership-edit": Access(
        setup=_funder_member_membership,
        kwargs=lambda ctx: {"slug": ctx.funder_org.slug, "pk": ctx.extra["membership"].pk},
        expect=FUNDER_ADMINS,
    ),
    "organisations:invitation-revoke": Access(
        setup=_invitation,
        kwargs=lambda ctx: {"slug": ctx.funder_org.slug, "pk": ctx.extra["invitation"].pk},
        expect=FUNDER_ADMINS,
    ),
    "organisations:member-contact": Access(
        kwargs=lambda ctx: {"slug": ctx.funder_org.slug},
        expect={
            "anonymous": SIGN_IN,
            "provider_member": 403,
            "funder_member": 200,
            "funder_admin": 200,
            "site_admin": 403,
        },
        note="Only the organisation's members choose what its other members see about them.",
    ),
    "organisations:invitation-resend": Access(
        setup=_invitation,
        kwargs=lambda ctx: {"slug": ctx.funder_org.slug, "pk": ctx.extra["invitation"].pk},
        expect=FUNDER_ADMINS,
    ),
    "invitations:accept": Access(
        setup=_invitation,
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
}


POST_ACCESS = {
    "organisations:member-contact": Access(
        kwargs=lambda ctx: {"slug": ctx.funder_org.slug},
        method="post",
        data=lambda ctx: {"shares_email": "yes"},
        expect={
            "anonymous": SIGN_IN,
            "provider_member": 403,
            "funder_member": 302,
            "funder_admin": 302,
            "site_admin": 403,
        },
        note="Saves the member's own choice, then back to the members page.",
    ),
    "organisations:invitation-resend": Access(
        setup=_invitation,
        kwargs=lambda ctx: {"slug": ctx.funder_org.slug, "pk": ctx.extra["invitation"].pk},
        method="post",
        data=lambda ctx: {"reason": "They asked for a new link by phone"},
        expect={**FUNDER_ADMINS, "funder_admin": 302, "site_admin": 302},
        note="Sends a new link, then back to members; a site administrator gives a reason (decision 0009).",
    ),
}
