"""Signing in: password, throttling, the timed-out notice and safe ``next`` addresses."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from conftest import PASSWORD
from tandem.accounts import throttling
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


ATTACKER = "203.0.113.66"
HOME = "192.0.2.10"


class Clock:
    """The throttle's clock, moved on by hand (only the throttle's: nothing else is faked)."""

    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(throttling, "clock", fake)
    return fake


def test_five_wrong_passwords_from_an_attacker_do_not_stop_the_real_person(client: Client, person: User) -> None:
    """Issue 8: five wrong passwords locked the real person out for 15 minutes."""
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for _ in range(5):
        assert post(attacker, person.email, "a guess").status_code in (200, 429)
    assert post(attacker, person.email, "another guess").status_code == 429
    real = Client(REMOTE_ADDR=HOME)
    response = post(real, person.email, PASSWORD)
    assert response.status_code == 302
    assert real.session["_auth_user_id"] == str(person.pk)


def test_after_the_free_tries_the_same_place_waits_even_with_the_right_password(
    client: Client, person: User, clock: Clock
) -> None:
    for _ in range(4):
        assert post(client, person.email, "wrong").status_code == 200
    slowed = post(client, person.email, "wrong")
    assert slowed.status_code == 429
    html = slowed.content.decode()
    assert "Wait 30 seconds, then try again" in html
    assert "protect your account" in html
    assert post(client, person.email, PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action="accounts.sign_in.slowed", object_id=str(person.pk)).count() == 1
    # A wait, not a lock: once it is over, the right password works.
    clock.now += 30
    assert post(client, person.email, PASSWORD).status_code == 302


def test_the_wait_looks_the_same_for_an_email_with_no_account(client: Client, person: User) -> None:
    pages = []
    for email in (person.email, "nobody@example.org"):
        for _ in range(5):
            response = post(client, email, "wrong")
        pages.append(response)
    for response in pages:
        assert response.status_code == 429
        assert "Wait 30 seconds, then try again" in response.content.decode()


def test_twenty_failures_from_one_address_do_not_lock_every_account_behind_it(client: Client, person: User) -> None:
    """Issue 8: twenty wrong passwords from one address locked a whole office out."""
    office = Client(REMOTE_ADDR=ATTACKER)
    assert post(office, person.email, PASSWORD).status_code == 302  # signed in from the office before
    office.post(reverse("accounts:sign-out"))
    for n in range(20):
        post(office, f"guess{n}@example.org", "wrong")
    # Someone who has signed in from this address before is not held up at all...
    assert post(office, person.email, PASSWORD).status_code == 302
    office.post(reverse("accounts:sign-out"))
    # ...someone new waits a few seconds, not a quarter of an hour.
    newcomer = post(office, "new.starter@example.org", "wrong")
    assert newcomer.status_code == 429
    waits = re.findall(r"Wait (\d+) seconds", newcomer.content.decode())
    assert waits and int(waits[0]) <= 120
    # And the same person from elsewhere is never affected.
    assert post(Client(REMOTE_ADDR=HOME), person.email, PASSWORD).status_code == 302


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def test_many_failures_tell_the_person_once_in_calm_words(
    person: User, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(25):
            post(Client(REMOTE_ADDR=f"198.51.100.{n}"), person.email, "a guess")
            post(Client(REMOTE_ADDR=f"198.51.100.{n}"), "nobody@example.org", "a guess")
    assert len(mail.outbox) == 1, "one email, and none for the address with no account"
    message = mail.outbox[0]
    assert message.to == [person.email]
    assert message.subject == "Someone has been trying to sign in to your account"
    for words in (
        "None of these tries got into your account",
        "If it was you, you do not need to do anything",
        "I have forgotten my password",
    ):
        assert words in message.body
    assert AuditEntry.objects.filter(action="accounts.sign_in.failures_notified").count() == 1


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
