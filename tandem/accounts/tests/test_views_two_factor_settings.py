"""Setting up, turning off and managing two-factor authentication from the account pages."""

from __future__ import annotations

import time
from typing import Any

import pyotp
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD, sign_in
from tandem.accounts import totp
from tandem.accounts.models import RecoveryCode, User
from tandem.accounts.sessions import NEW_RECOVERY_CODES_SESSION_KEY, SETUP_SECRET_SESSION_KEY, TWO_FACTOR_SESSION_KEY
from tandem.accounts.tests.conftest import enable_two_factor, password_typed_minutes_ago
from tandem.audit.models import AuditEntry

SETUP = reverse("accounts:two-factor-setup")
DISABLE = reverse("accounts:two-factor-disable")
CODES = reverse("accounts:recovery-codes")
CONFIRM_CODES = reverse("accounts:confirm-password") + "?next=%2Faccounts%2Ftwo-factor%2Frecovery-codes%2F"


def test_setup_page_shows_a_qr_code_and_the_key_in_groups(client: Client, person: User) -> None:
    client.force_login(person)
    response = client.get(SETUP)
    assert response.status_code == 200
    html = response.content.decode()
    secret = client.session[SETUP_SECRET_SESSION_KEY]
    assert '<svg role="img" aria-label="QR code to scan with your authenticator app"' in html
    assert totp.secret_groups(secret) in html
    assert "Why we ask" in html
    assert "You need to do this before you carry on" not in html
    assert "Not now" in html
    # The same key on every visit until it is confirmed.
    client.get(SETUP)
    assert client.session[SETUP_SECRET_SESSION_KEY] == secret


def test_setup_explains_why_when_it_is_required(client: Client, funder_member: User) -> None:
    client.force_login(funder_member)
    html = client.get(SETUP).content.decode()
    assert "You need to do this before you carry on, because you work for Anyborough Borough Council" in html
    assert "Not now" not in html


def test_setup_with_the_right_code_turns_it_on_and_shows_codes_once(client: Client, person: User) -> None:
    client.force_login(person)
    password_typed_minutes_ago(client, 0)  # as at sign-in: the count page asks for it otherwise
    client.get(SETUP)
    secret = client.session[SETUP_SECRET_SESSION_KEY]
    response = client.post(SETUP, {"code": pyotp.TOTP(secret).now(), "next": "/glossary/"})
    assert response.status_code == 302
    assert response["Location"] == CODES + "?next=%2Fglossary%2F"
    person.refresh_from_db()
    assert person.has_two_factor and person.totp_secret == secret
    assert TWO_FACTOR_SESSION_KEY in client.session
    assert SETUP_SECRET_SESSION_KEY not in client.session
    page = client.get(response["Location"])
    html = page.content.decode()
    codes = [c for c in html.split("<code>")[1:]]
    assert len(codes) == 10
    assert "We will only show you these codes once" in html
    assert 'href="/glossary/"' in html
    assert NEW_RECOVERY_CODES_SESSION_KEY not in client.session
    # A second visit no longer shows them.
    second = client.get(CODES).content.decode()
    assert "<code>" not in second and "10 unused recovery codes" in second
    assert AuditEntry.objects.filter(action="accounts.two_factor.enabled").count() == 1


def test_setup_with_a_wrong_code_keeps_it_off(client: Client, person: User) -> None:
    client.force_login(person)
    client.get(SETUP)
    secret = client.session[SETUP_SECRET_SESSION_KEY]
    wrong = totp.code_for_step(secret, totp.step_for(time.time()) + 10)
    html = client.post(SETUP, {"code": wrong}).content.decode()
    assert "The code is not right. Check your app and try again" in html
    assert "Enter the 6-digit code" in client.post(SETUP, {"code": ""}).content.decode()
    person.refresh_from_db()
    assert not person.has_two_factor


def test_setup_when_already_on_goes_to_the_account_page(client: Client, person_with_two_factor: Any) -> None:
    user, _, _ = person_with_two_factor
    sign_in(client, user)
    response = client.get(SETUP)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:settings")


def test_turning_off_needs_the_password(client: Client, person_with_two_factor: Any) -> None:
    user, _, _ = person_with_two_factor
    sign_in(client, user)
    assert client.get(DISABLE).status_code == 200
    html = client.post(DISABLE, {"password": "wrong"}).content.decode()
    assert "Your password is not right" in html
    assert 'value="wrong"' not in html
    assert "Enter your password" in client.post(DISABLE, {}).content.decode()
    response = client.post(DISABLE, {"password": PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.has_two_factor
    assert AuditEntry.objects.filter(action="accounts.two_factor.disabled").count() == 1


def test_people_who_must_use_it_are_refused_with_the_reason(client: Client, funder_member: User) -> None:
    enable_two_factor(funder_member)
    sign_in(client, funder_member)
    for response in (client.get(DISABLE), client.post(DISABLE, {"password": PASSWORD})):
        assert response.status_code == 403
        assert "cannot turn off two-factor authentication" in response.content.decode()
    funder_member.refresh_from_db()
    assert funder_member.has_two_factor


def test_turn_off_without_two_factor_goes_to_the_account_page(client: Client, person: User) -> None:
    client.force_login(person)
    assert client.get(DISABLE)["Location"] == reverse("accounts:settings")


def test_regenerating_recovery_codes(client: Client, person_with_two_factor: Any) -> None:
    user, _, old = person_with_two_factor
    sign_in(client, user)
    response = client.post(CODES)
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert all(code not in html for code in old)
    assert html.count("<code>") == 10
    assert AuditEntry.objects.filter(action="accounts.recovery_codes.regenerated").count() == 1


def test_recovery_codes_without_two_factor(client: Client, person: User) -> None:
    client.force_login(person)
    assert client.get(CODES)["Location"] == SETUP
    assert client.post(CODES).status_code == 403


def test_new_recovery_codes_need_a_recent_password(client: Client, person_with_two_factor: Any) -> None:
    user, _, _ = person_with_two_factor
    sign_in(client, user)
    password_typed_minutes_ago(client, 11)
    hashes = set(RecoveryCode.objects.filter(user=user).values_list("code_hash", flat=True))
    # Outside the window: the page and the button both go to "Confirm your password" first...
    assert client.get(CODES)["Location"] == CONFIRM_CODES
    assert client.post(CODES)["Location"] == CONFIRM_CODES
    # ...and the old codes still work, because nothing was made.
    assert set(RecoveryCode.objects.filter(user=user).values_list("code_hash", flat=True)) == hashes
    assert not AuditEntry.objects.filter(action="accounts.recovery_codes.regenerated").exists()
    # Confirming comes back to the page, where the button now works.
    back = client.post(reverse("accounts:confirm-password"), {"password": PASSWORD, "next": CODES})
    assert back["Location"] == CODES
    assert client.get(CODES).status_code == 200
    assert client.post(CODES)["Location"] == CODES
    assert AuditEntry.objects.filter(action="accounts.recovery_codes.regenerated").count() == 1


def test_new_codes_just_made_are_shown_without_asking_again(client: Client, person: User) -> None:
    sign_in(client, person)
    password_typed_minutes_ago(client, 20)
    client.get(SETUP)
    secret = client.session[SETUP_SECRET_SESSION_KEY]
    client.post(SETUP, {"code": pyotp.TOTP(secret).now()})
    assert client.get(CODES).content.decode().count("<code>") == 10


def test_turning_off_always_asks_and_wrong_passwords_are_slowed_down(
    client: Client, person_with_two_factor: Any
) -> None:
    user, _, _ = person_with_two_factor
    sign_in(client, user)  # inside the window: the page still asks for the password
    assert 'name="password"' in client.get(DISABLE).content.decode()
    for _ in range(40):
        response = client.post(DISABLE, {"password": "a wrong guess"})
        if response.status_code == 429:
            break
    assert response.status_code == 429, "wrong passwords on the turn-off page were never slowed down"
    # While it waits, even the right password does not turn it off.
    assert client.post(DISABLE, {"password": PASSWORD}).status_code == 429
    user.refresh_from_db()
    assert user.has_two_factor
    assert not AuditEntry.objects.filter(action="accounts.two_factor.disabled").exists()
