"""Signing in: password, throttling, the timed-out notice and safe ``next`` addresses."""

from __future__ import annotations

from typing import Any

from django.test import Client, override_settings
from django.urls import reverse

from conftest import PASSWORD
from tandem.accounts.models import User
from tandem.accounts.sessions import PENDING_USER_SESSION_KEY, TWO_FACTOR_SESSION_KEY
from tandem.audit.models import AuditEntry

SIGN_IN = reverse("accounts:sign-in")


def post(client: Client, email: str, password: str, **extra: str) -> Any:
    return client.post(SIGN_IN, {"email": email, "password": password, **extra})


def test_page_shows_the_form(client: Client, db: Any) -> None:
    response = client.get(SIGN_IN)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="email"' in html and 'name="password"' in html
    assert reverse("accounts:password-reset") in html
    assert "We signed you out" not in html


def test_timed_out_notice_is_calm_and_says_nothing_was_lost(client: Client, db: Any) -> None:
    html = client.get(SIGN_IN, {"timed_out": "1"}).content.decode()
    assert "We signed you out because you had not done anything for a while" in html
    assert "keep your information safe" in html
    assert "Anything you had typed has been kept" in html


def test_sign_in_without_two_factor_goes_to_a_safe_next(client: Client, person: User) -> None:
    response = post(client, "Robin.Resident@example.org", PASSWORD, next="/accounts/")
    assert response.status_code == 302 and response["Location"] == "/accounts/"
    assert client.session["_auth_user_id"] == str(person.pk)
    assert TWO_FACTOR_SESSION_KEY not in client.session
    entry = AuditEntry.objects.get(action="accounts.session.signed_in")
    assert entry.actor == person and entry.after == {"method": "password"}


def test_an_unsafe_next_goes_home_instead(client: Client, person: User) -> None:
    for bad in ("https://evil.example/", "//evil.example/", "javascript:alert(1)", "\\\\evil.example"):
        client.logout()
        response = post(client, person.email, PASSWORD, next=bad)
        assert response["Location"] == reverse("frontend:home"), bad


def test_signed_in_people_are_sent_on(client: Client, person: User) -> None:
    client.force_login(person)
    response = client.get(SIGN_IN, {"next": "/accounts/"})
    assert response.status_code == 302 and response["Location"] == "/accounts/"


def test_wrong_password_and_unknown_email_get_the_same_answer(client: Client, person: User) -> None:
    wrong = post(client, person.email, "not the password")
    unknown = post(client, "nobody@example.org", "not the password")
    for response in (wrong, unknown):
        assert response.status_code == 200
        html = response.content.decode()
        assert "The email address or password is not right" in html
        assert 'value="not the password"' not in html
    assert 'value="nobody@example.org"' in unknown.content.decode(), "keeps what was typed"
    assert "_auth_user_id" not in client.session


def test_empty_form_gets_specific_messages(client: Client, db: Any) -> None:
    html = post(client, "", "").content.decode()
    assert "Enter your email address" in html
    assert "Enter your password" in html
    html = post(client, "not-an-email", "x").content.decode()
    assert "Enter an email address in the correct format, like name@example.com" in html


@override_settings(SIGN_IN_MAX_FAILURES=3, SIGN_IN_WINDOW_SECONDS=600)
def test_too_many_failures_lock_the_email_even_with_the_right_password(client: Client, person: User) -> None:
    for _ in range(2):
        assert post(client, person.email, "wrong").status_code == 200
    locked = post(client, person.email, "wrong")
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Wait 10 minutes, then try again" in html
    assert "protect your account" in html
    right = post(client, person.email, PASSWORD)
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action="accounts.sign_in.locked", object_id=str(person.pk)).count() == 1


@override_settings(SIGN_IN_MAX_FAILURES=3, SIGN_IN_WINDOW_SECONDS=600)
def test_lock_looks_the_same_for_an_email_with_no_account(client: Client, db: Any) -> None:
    for _ in range(3):
        response = post(client, "nobody@example.org", "wrong")
    assert response.status_code == 429
    assert "Wait 10 minutes, then try again" in response.content.decode()


@override_settings(SIGN_IN_MAX_FAILURES=100, SIGN_IN_MAX_FAILURES_PER_ADDRESS=4, SIGN_IN_WINDOW_SECONDS=120)
def test_too_many_failures_from_one_address_lock_that_address(client: Client, person: User) -> None:
    for n in range(4):
        response = post(client, f"guess{n}@example.org", "wrong")
    assert response.status_code == 429
    assert "Wait 2 minutes" in post(client, person.email, PASSWORD).content.decode()
    other = Client(REMOTE_ADDR="192.0.2.50")
    assert post(other, person.email, PASSWORD).status_code == 302


def test_two_factor_people_are_asked_for_a_code_and_not_yet_signed_in(
    client: Client, person_with_two_factor: Any
) -> None:
    user, _, _ = person_with_two_factor
    response = post(client, user.email, PASSWORD, next="/accounts/")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:two-factor") + "?next=%2Faccounts%2F"
    assert client.session[PENDING_USER_SESSION_KEY] == user.pk
    assert "_auth_user_id" not in client.session
    assert not AuditEntry.objects.filter(action="accounts.session.signed_in").exists()


def test_inactive_people_cannot_sign_in(client: Client, person: User) -> None:
    person.is_active = False
    person.save(update_fields=["is_active"])
    assert "is not right" in post(client, person.email, PASSWORD).content.decode()
