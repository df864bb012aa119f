"""Every URL in the project, answered as expected for every role.

Entries live beside each app in ``tandem/<app>/tests/access.py``: ``ACCESS`` has one entry per URL
name, and ``POST_ACCESS`` (optional) the posts to URLs whose ``ACCESS`` entry is a GET. A URL with no
entry fails, and a refused request must write nothing to the audit trail.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tandem
from tandem.audit.models import AuditEntry
from tandem.core.testing.access import ROLES, SIGN_IN, Access, Ctx


def _walk(patterns: list[Any], namespace: str = "") -> list[str]:
    names: list[str] = []
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            names += _walk(p.url_patterns, ns)
        elif isinstance(p, URLPattern):
            names.append(f"{namespace}{p.name}" if p.name else f"<unnamed {p.pattern}>")
    return names


def all_url_names() -> list[str]:
    return sorted(set(_walk(get_resolver().url_patterns)))


def all_entries(attribute: str = "ACCESS") -> dict[str, Access]:
    """Every app's ``ACCESS`` (one entry per URL name, usually a GET), or with ``POST_ACCESS`` the
    extra entries an app gives for posting to a URL that also answers GET."""
    entries: dict[str, Access] = {}
    for info in pkgutil.iter_modules(tandem.__path__):
        try:
            module = importlib.import_module(f"tandem.{info.name}.tests.access")
        except ModuleNotFoundError:
            continue
        for name, entry in getattr(module, attribute, {}).items():
            assert name not in entries, f"{name} is listed twice"
            entries[name] = entry
    return entries


ENTRIES = all_entries()
POST_ENTRIES = all_entries("POST_ACCESS")

pytestmark = pytest.mark.django_db


def test_every_url_has_an_entry() -> None:
    missing = [name for name in all_url_names() if name not in ENTRIES]
    assert not missing, f"URLs with no authorisation-matrix entry: {missing}"


def test_no_entry_for_a_url_that_does_not_exist() -> None:
    stale = sorted((set(ENTRIES) | set(POST_ENTRIES)) - set(all_url_names()))
    assert not stale, f"Matrix entries for URLs that no longer exist: {stale}"


def _answer_as(entry: Access, url_name: str, role: str, request: pytest.FixtureRequest, role_client: Any) -> None:
    """Ask for the URL as the role and check the answer. A refusal (sign in, or 403) must change
    nothing, so it adds no audit entry."""
    ctx = Ctx(
        **{
            name: request.getfixturevalue(name)
            for name in ("funder_org", "provider_org", "provider_member", "funder_member", "funder_admin", "site_admin")
        }
    )
    if entry.setup:
        ctx.extra.update(entry.setup(ctx))
    client = role_client(role)
    url = reverse(url_name, kwargs=entry.kwargs(ctx))
    audited_before = AuditEntry.objects.count()
    response = getattr(client, entry.method)(url, entry.data(ctx))
    expected = entry.expect[role]
    if expected == SIGN_IN:
        assert response.status_code == 302, f"{role} {url}: expected a redirect to sign in, got {response.status_code}"
        assert response["Location"].startswith(reverse(settings.LOGIN_URL)), response["Location"]
    else:
        assert response.status_code == expected, (
            f"{role} {entry.method.upper()} {url}: expected {expected}, got {response.status_code}"
        )
    if expected in (SIGN_IN, 403):
        assert AuditEntry.objects.count() == audited_before, f"{role} {url}: a refusal wrote to the audit trail"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url_name", sorted(ENTRIES))
def test_role_gets_expected_answer(url_name: str, role: str, request: pytest.FixtureRequest, role_client: Any) -> None:
    _answer_as(ENTRIES[url_name], url_name, role, request, role_client)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url_name", sorted(POST_ENTRIES))
def test_role_gets_expected_answer_to_a_post(
    url_name: str, role: str, request: pytest.FixtureRequest, role_client: Any
) -> None:
    _answer_as(POST_ENTRIES[url_name], url_name, role, request, role_client)
