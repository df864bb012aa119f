"""Authorisation-matrix entries for every frameworks URL.

Each entry publishes the small test frameworks from tandem/frameworks/tests/fixtures/valid, so
the matrix does not depend on the real content in content/frameworks.
"""

from __future__ import annotations

from typing import Any

from tandem.core.testing.access import SIGN_IN, Access, Ctx, signed_in


def _frameworks(ctx: Ctx) -> dict[str, Any]:
    from tandem.frameworks.tests.helpers import fixture_versions_load

    return {"versions": fixture_versions_load()}


ACCESS = {
    "frameworks:list": Access(setup=_frameworks, expect=signed_in(200), note="Framework guidance is for everyone."),
    "frameworks:detail": Access(setup=_frameworks, kwargs=lambda ctx: {"slug": "test-journey"}, expect=signed_in(200)),
    "frameworks:version": Access(
        setup=_frameworks, kwargs=lambda ctx: {"slug": "test-lens", "number": 1}, expect=signed_in(200)
    ),
    "frameworks:changes": Access(
        setup=_frameworks,
        kwargs=lambda ctx: {"slug": "test-journey", "number": 1},
        expect={
            "anonymous": SIGN_IN,
            "provider_member": 403,
            "funder_member": 403,
            "funder_admin": 403,
            "site_admin": 200,
        },
        note="What changed between versions: site administrators, who look after the content.",
    ),
}
