"""Authorisation-matrix entries for every accounts URL.

The matrix signs people in with ``role_client`` (two-factor passed, none of them with it turned
on), so "302" below is usually "nothing to do here, sent on", not a refusal."""

from __future__ import annotations

import time
from typing import Any

from tandem.accounts import totp
from tandem.accounts.services import two_factor_enable
from tandem.core.testing.access import SIGN_IN, Access, Ctx, everyone, signed_in


def _two_factor_on_for_provider_member_and_funder_admin(ctx: Ctx) -> dict[str, Any]:
    for user in (ctx.provider_member, ctx.funder_admin):
        secret = totp.secret_new()
        now = time.time()
        two_factor_enable(actor=user, secret=secret, code=totp.code_for_step(secret, totp.step_for(now)), now=now)
    return {}


SITE_ADMIN_ONLY: dict[str, int | str] = {
    "anonymous": SIGN_IN,
    "provider_member": 403,
    "funder_member": 403,
    "funder_admin": 403,
    "site_admin": 200,
}

ACCESS = {
    "accounts:settings": Access(expect=signed_in(200)),
    "accounts:sign-in": Access(expect=signed_in(302, anonymous=200), note="signed in: sent on to the home page"),
    "accounts:two-factor": Access(expect=signed_in(302), note="anonymous with no password given yet: sign in"),
    "accounts:recovery-code": Access(expect=signed_in(302)),
    "accounts:sign-out": Access(expect=signed_in(200, anonymous=302), note="anonymous: sent to 'signed out'"),
    "accounts:signed-out": Access(expect=everyone(200)),
    "accounts:password-reset": Access(expect=everyone(200)),
    "accounts:password-reset-sent": Access(expect=everyone(200)),
    "accounts:password-reset-confirm": Access(
        kwargs=lambda ctx: {"uidb64": "MQ", "token": "not-a-real-token"},
        expect=everyone(200),
        note="a broken link says so plainly",
    ),
    "accounts:password-reset-complete": Access(expect=everyone(200)),
    "accounts:two-factor-setup": Access(expect=signed_in(200)),
    "accounts:two-factor-disable": Access(
        setup=_two_factor_on_for_provider_member_and_funder_admin,
        expect={
            "anonymous": SIGN_IN,
            "provider_member": 200,
            "funder_member": 302,  # not turned on: sent to the account page
            "funder_admin": 403,  # works for a funder, so must keep it on
            "site_admin": 302,
        },
    ),
    "accounts:recovery-codes": Access(
        setup=_two_factor_on_for_provider_member_and_funder_admin,
        expect={
            "anonymous": SIGN_IN,
            "provider_member": 200,
            "funder_member": 302,  # no two-factor yet: sent to set it up
            "funder_admin": 200,
            "site_admin": 302,
        },
    ),
    "accounts:confirm-password": Access(expect=signed_in(200)),
    "accounts:session-extend": Access(method="post", expect=signed_in(302)),
    "accounts:people": Access(expect=SITE_ADMIN_ONLY),
    "accounts:person": Access(
        kwargs=lambda ctx: {"pk": ctx.provider_member.pk},
        expect=SITE_ADMIN_ONLY,
    ),
    "accounts:person-two-factor-reset": Access(
        setup=_two_factor_on_for_provider_member_and_funder_admin,
        kwargs=lambda ctx: {"pk": ctx.funder_admin.pk},
        expect=SITE_ADMIN_ONLY,
        note="the funder admin may not reset their own two-factor here",
    ),
}
