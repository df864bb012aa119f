"""The shape of an authorisation-matrix entry.

Every app lists each of its URL names in ``tandem/<app>/tests/access.py`` as ``ACCESS``; the
matrix test in ``tandem/core/tests/test_authorisation_matrix.py`` walks every URL pattern in the
project and fails when one has no entry, or when a role gets a different answer. An app may also
list ``POST_ACCESS``: posts to URLs whose ``ACCESS`` entry is a GET, walked the same way. A refusal
(sign in, or 403) must write nothing to the audit trail.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

ROLES = ("anonymous", "provider_member", "funder_member", "funder_admin", "site_admin")

# Answers the matrix understands. 302 to sign-in is written SIGN_IN so it is checked precisely.
SIGN_IN = "sign-in"


@dataclass
class Ctx:
    """What an entry can use to build its URL: the role fixtures' organisations and people,
    plus anything its ``setup`` made."""

    funder_org: Any
    provider_org: Any
    provider_member: Any
    funder_member: Any
    funder_admin: Any
    site_admin: Any
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Access:
    # role -> expected status code, or SIGN_IN for a redirect to the sign-in page.
    expect: dict[str, int | str]
    kwargs: Callable[[Ctx], dict[str, Any]] = lambda ctx: {}
    method: str = "get"
    data: Callable[[Ctx], dict[str, Any]] = lambda ctx: {}
    # Makes objects the URL needs; whatever it returns is merged into ctx.extra.
    setup: Callable[[Ctx], dict[str, Any]] | None = None
    note: str = ""

    def __post_init__(self) -> None:
        missing = set(ROLES) - set(self.expect)
        if missing:
            raise ValueError(f"Access entry is missing roles: {sorted(missing)}")


def everyone(code: int | str) -> dict[str, int | str]:
    return dict.fromkeys(ROLES, code)


def signed_in(code: int | str = 200, anonymous: int | str = SIGN_IN) -> dict[str, int | str]:
    return {**dict.fromkeys(ROLES, code), "anonymous": anonymous}
