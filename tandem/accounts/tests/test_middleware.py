"""Two-factor enforcement per role, and the middleware's query budget."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.cache import SessionStore
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.urls import resolve, reverse

from conftest import sign_in
from tandem.accounts.middleware import TwoFactorMiddleware
from tandem.accounts.models import User
from tandem.accounts.sessions import TWO_FACTOR_SESSION_KEY
from tandem.accounts.tests.conftest import enable_two_factor
from tandem.audit.models import AuditEntry

SETTINGS = reverse("accounts:settings")
SETUP = reverse("accounts:two-factor-setup")


def _ok(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


def run(user: Any, path: str = "/accounts/", session: dict[str, Any] | None = None) -> HttpResponse | None:
    request = RequestFactory().get(path)
    request.session = SessionStore()
    request.session.update(session or {})
    request.user = user
    request.resolver_match = resolve(path)
    return TwoFactorMiddleware(_ok).process_view(request, _ok, (), {})


def test_anonymous_costs_no_queries(db: Any, django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(0):
        assert run(AnonymousUser()) is None


def test_a_session_that_passed_two_factor_costs_no_queries(funder_member: User, django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(0):
        assert run(funder_member, session={TWO_FACTOR_SESSION_KEY: "2026-01-01T00:00:00+00:00"}) is None


def test_everyone_else_costs_at_most_one_query(
    provider_member: User, funder_member: User, site_admin: User, django_assert_max_num_queries: Any
) -> None:
    for user in (provider_member, funder_member, site_admin):
        with django_assert_max_num_queries(1):
            run(user)


@pytest.mark.parametrize(
    ("role", "must_set_up"),
    [("provider_member", False), ("funder_member", True), ("funder_admin", True), ("site_admin", True)],
)
def test_each_role_without_two_factor(role: str, must_set_up: bool, request: pytest.FixtureRequest) -> None:
    user = request.getfixturevalue(role)
    client = Client()
    client.force_login(user)
    response = client.get(SETTINGS)
    if must_set_up:
        assert response.status_code == 302
        assert response["Location"] == f"{SETUP}?next=%2Faccounts%2F"
        html = client.get(response["Location"]).content.decode()
        assert "You need to do this before you carry on, because" in html
    else:
        assert response.status_code == 200


def test_people_who_must_set_up_can_still_reach_the_basics(client: Client, funder_member: User) -> None:
    client.force_login(funder_member)
    for name in (
        "accounts:sign-out",
        "accounts:signed-out",
        "glossary:index",
        "frontend:accessibility",
        "frontend:privacy",
        "frontend:cookies",
        "accounts:two-factor-setup",
    ):
        assert client.get(reverse(name)).status_code == 200, name
    # A post elsewhere is sent to set up too (no next for a post).
    response = client.post(reverse("accounts:recovery-codes"))
    assert response.status_code == 302 and response["Location"] == SETUP


def test_after_setting_up_they_can_carry_on(client: Client, funder_member: User) -> None:
    from tandem.accounts.sessions import SETUP_SECRET_SESSION_KEY
    from tandem.accounts.tests.conftest import current_code

    client.force_login(funder_member)
    client.get(SETUP)
    secret = client.session[SETUP_SECRET_SESSION_KEY]
    client.post(SETUP, {"code": current_code(secret)})
    assert client.get(SETTINGS).status_code == 200


def test_two_factor_on_but_not_passed_this_session_is_signed_out(client: Client, person: User) -> None:
    enable_two_factor(person)
    client.force_login(person)
    response = client.get(SETTINGS)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:sign-in") + "?next=/accounts/"
    assert "_auth_user_id" not in client.session
    entry = AuditEntry.objects.get(action="accounts.session.signed_out")
    assert entry.after == {"reason": "two_factor_missing"}


def test_two_factor_on_but_not_passed_can_still_see_the_sign_in_page(client: Client, person: User) -> None:
    enable_two_factor(person)
    client.force_login(person)
    assert client.get(reverse("accounts:sign-in")).status_code == 200
    assert "_auth_user_id" not in client.session


def test_the_test_suites_role_client_is_accepted(role_client: Any) -> None:
    for role in ("provider_member", "funder_member", "funder_admin", "site_admin"):
        assert role_client(role).get(SETTINGS).status_code == 200, role


def test_sign_in_helper_passes_for_someone_with_two_factor(client: Client, person: User) -> None:
    enable_two_factor(person)
    sign_in(client, person)
    assert client.get(SETTINGS).status_code == 200
