from __future__ import annotations

from typing import Any

from tandem.core.testing.access import SIGN_IN, Access, Ctx

ONLY_SITE_ADMINS: dict[str, int | str] = {
    "anonymous": SIGN_IN,
    "provider_member": 403,
    "funder_member": 403,
    "funder_admin": 403,
    "site_admin": 200,
}


def _entry(ctx: Ctx) -> dict[str, Any]:
    from tandem.audit.services import audit_log

    entry = audit_log(
        actor=ctx.funder_admin,
        action="organisations.organisation.updated",
        obj=ctx.funder_org,
        organisation=ctx.funder_org,
        before={"name": "Old name"},
        after={"name": ctx.funder_org.name},
    )
    return {"entry": entry}


ACCESS = {
    "audit:list": Access(expect=ONLY_SITE_ADMINS, note="Site administrators only; read-only."),
    "audit:detail": Access(
        setup=_entry,
        kwargs=lambda ctx: {"sequence": ctx.extra["entry"].sequence},
        expect=ONLY_SITE_ADMINS,
    ),
}
