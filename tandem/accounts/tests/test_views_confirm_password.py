"""The "Confirm your password" page: asked before sensitive changes when the password is old."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from conftest import PASSWORD, sign_in
from tandem.accounts.models import User
from tandem.accounts.services import PASSWORD_NOT_RIGHT
from tandem.accounts.sessions import PASSWORD_CONFIRMED_SESSION_KEY
from tandem.accounts.tests.conftest import current_code, password_typed_minutes_ago
from tandem.audit.models import AuditEntry

CONFIRM = reverse("accounts:confirm-password")
CODES = reverse("accounts:recovery-codes")
SETTINGS = reverse("accounts:settings")
# More than any throttle allows before it asks for a wait; the tests stop at the first wait.
MANY = 40


def _stale(client: Client, user: User) -> Client:
    sign_in(client, user)
    password_typed_minutes_ago(client, 30)
    return client


def _field_error(html: str) -> str:
    """The text of the error message beside the (only) field, the password."""
    start = html.index('class="govuk-error-message"')
    return html[start : html.index("</p>", start)]


def test_page_says_why_it_asks_and_has_only_the_password(client: Client, person: User) -> None:
    html = _stale(client, person).get(CONFIRM, {"next": CODES}).content.decode()
    assert "<h1" in html and "Confirm your password" in html
    assert "We ask again before changes that could lock you out or let someone else in" in html
    assert 'name="password"' in html and 'autocomplete="current-password"' in html
    assert f'name="next" value="{CODES}"' in html
    assert "10 minutes" in html


def test_right_password_opens_the_window_and_goes_back(client: Client, person: User) -> None:
    _stale(client, person)
    before = client.session[PASSWORD_CONFIRMED_SESSION_KEY]
    response = client.post(CONFIRM, {"password": PASSWORD, "next": CODES})
    assert response.status_code == 302 and response["Location"] == CODES
    assert client.session[PASSWORD_CONFIRMED_SESSION_KEY] > before
    entry = AuditEntry.objects.get(action="accounts.password.confirmed")
    assert entry.actor_id == person.pk


def test_wrong_or_missing_password_is_refused_beside_the_field(client: Client, person: User) -> None:
    _stale(client, person)
    before = client.session[PASSWORD_CONFIRMED_SESSION_KEY]
    response = client.post(CONFIRM, {"password": "not my password at all", "next": CODES})
    assert response.status_code == 200
    html = response.content.decode()
    assert PASSWORD_NOT_RIGHT in _field_error(html)
    assert "govuk-error-summary" in html and "<title>" in html and "Error:" in html
    assert "not my password at all" not in html
    assert f'name="next" value="{CODES}"' in html
    assert "Enter your password" in _field_error(client.post(CONFIRM, {"password": ""}).content.decode())
    assert client.session[PASSWORD_CONFIRMED_SESSION_KEY] == before
    assert not AuditEntry.objects.filter(action="accounts.password.confirmed").exists()


def test_wrong_passwords_here_slow_down_signing_in_too(client: Client, person: User) -> None:
    _stale(client, person)
    for _ in range(MANY):
        response = client.post(CONFIRM, {"password": "a wrong guess"})
        if response.status_code == 429:
            break
    assert response.status_code == 429, "wrong passwords on the confirm page never asked for a wait"
    assert "Wait" in response.content.decode()
    # While it waits, even the right password is not checked here...
    assert client.post(CONFIRM, {"password": PASSWORD}).status_code == 429
    assert not AuditEntry.objects.filter(action="accounts.password.confirmed").exists()
    # ...and the same guesses count against signing in to this account from this address.
    elsewhere = Client()
    signed = elsewhere.post(reverse("accounts:sign-in"), {"email": person.email, "password": PASSWORD})
    assert signed.status_code == 429
    assert "_auth_user_id" not in elsewhere.session


def test_next_cannot_send_anyone_off_the_site(client: Client, person: User) -> None:
    _stale(client, person)
    for address in ("https://evil.example/", "//evil.example/", "/\\evil.example/", "http:evil.example"):
        assert f'value="{address}"' not in client.get(CONFIRM, {"next": address}).content.decode()
        response = client.post(CONFIRM, {"password": PASSWORD, "next": address})
        assert response.status_code == 302 and response["Location"] == SETTINGS, address


def test_signing_in_with_the_password_counts_as_confirming(client: Client, person_with_two_factor: Any) -> None:
    user, secret, _ = person_with_two_factor
    client.post(reverse("accounts:sign-in"), {"email": user.email, "password": PASSWORD})
    client.post(reverse("accounts:two-factor"), {"code": current_code(secret)})
    assert client.session["_auth_user_id"] == str(user.pk)
    response = client.post(CODES)
    assert response.status_code == 302 and response["Location"] == CODES
    assert AuditEntry.objects.filter(action="accounts.recovery_codes.regenerated").count() == 1


def test_signed_out_people_are_sent_to_sign_in(client: Client, person: User) -> None:
    response = client.post(CONFIRM, {"password": PASSWORD})
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:sign-in"))
    assert not AuditEntry.objects.filter(action="accounts.password.confirmed").exists()
