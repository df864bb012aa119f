"""The second step of signing in: the app's code, replay, recovery codes and throttling."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from conftest import PASSWORD
from tandem.accounts.sessions import PENDING_STARTED_SESSION_KEY, PENDING_USER_SESSION_KEY, TWO_FACTOR_SESSION_KEY
from tandem.accounts.tests.conftest import current_code
from tandem.audit.models import AuditEntry

CODE = reverse("accounts:two-factor")
RECOVERY = reverse("accounts:recovery-code")


def start(client: Client, email: str, next_url: str = "/accounts/") -> None:
    response = client.post(reverse("accounts:sign-in"), {"email": email, "password": PASSWORD, "next": next_url})
    assert response.status_code == 302 and response["Location"].startswith(CODE)


def test_without_a_password_first_you_are_sent_to_sign_in(client: Client, db: Any) -> None:
    for url in (CODE, RECOVERY):
        response = client.get(url, {"next": "/accounts/"})
        assert response.status_code == 302
        assert response["Location"] == reverse("accounts:sign-in") + "?next=%2Faccounts%2F"


def test_the_right_code_signs_in_and_marks_the_session(client: Client, person_with_two_factor: Any) -> None:
    user, secret, _ = person_with_two_factor
    start(client, user.email)
    page = client.get(CODE, {"next": "/accounts/"})
    assert page.status_code == 200
    assert "Enter the code from your authenticator app" in page.content.decode()
    response = client.post(CODE, {"code": current_code(secret), "next": "/accounts/"})
    assert response.status_code == 302 and response["Location"] == "/accounts/"
    assert client.session["_auth_user_id"] == str(user.pk)
    assert TWO_FACTOR_SESSION_KEY in client.session
    assert PENDING_USER_SESSION_KEY not in client.session
    entry = AuditEntry.objects.get(action="accounts.session.signed_in")
    assert entry.after == {"method": "password and code"}


def test_a_replayed_code_is_refused(client: Client, person_with_two_factor: Any) -> None:
    user, secret, _ = person_with_two_factor
    code = current_code(secret)
    start(client, user.email)
    assert client.post(CODE, {"code": code}).status_code == 302
    client.post(reverse("accounts:sign-out"))
    other = Client()
    start(other, user.email)
    response = other.post(CODE, {"code": code})
    assert response.status_code == 200
    assert "The code is not right. Check your app and try again" in response.content.decode()
    assert "_auth_user_id" not in other.session


def test_wrong_and_empty_codes_get_specific_messages(client: Client, person_with_two_factor: Any) -> None:
    user, secret, _ = person_with_two_factor
    start(client, user.email)
    assert "Enter the 6-digit code from your authenticator app" in client.post(CODE, {"code": ""}).content.decode()
    assert "The code must be 6 numbers" in client.post(CODE, {"code": "12ab"}).content.decode()
    wrong = "000000" if current_code(secret) != "000000" else "999999"
    html = client.post(CODE, {"code": wrong}).content.decode()
    assert "The code is not right. Check your app and try again" in html
    assert f'value="{wrong}"' in html, "keeps what was typed"


@override_settings(SIGN_IN_MAX_FAILURES=3)
def test_guessing_codes_slows_down_that_place_only(client: Client, person_with_two_factor: Any) -> None:
    user, secret, _ = person_with_two_factor
    start(client, user.email)
    wrong = "000000" if current_code(secret) != "000000" else "999999"
    statuses = []
    for _ in range(3):
        response = client.post(CODE, {"code": wrong})
        statuses.append(response.status_code)
        if response.status_code == 429:
            break
    # The password counted as one try; the wrong codes use up the rest.
    assert statuses == [200, 429]
    assert "Wait 30 seconds" in response.content.decode()
    assert PENDING_USER_SESSION_KEY not in client.session
    # Starting again here with the right password waits too...
    again = client.post(reverse("accounts:sign-in"), {"email": user.email, "password": PASSWORD})
    assert again.status_code == 429
    # ...but the person's own device elsewhere is not affected.
    elsewhere = Client(REMOTE_ADDR="192.0.2.10")
    start(elsewhere, user.email)
    assert elsewhere.post(CODE, {"code": current_code(secret)}).status_code == 302


def test_a_pending_sign_in_expires(client: Client, person_with_two_factor: Any) -> None:
    user, secret, _ = person_with_two_factor
    start(client, user.email)
    session = client.session
    session[PENDING_STARTED_SESSION_KEY] = (timezone.now() - timedelta(minutes=11)).isoformat()
    session.save()
    response = client.post(CODE, {"code": current_code(secret)})
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:sign-in"))
    assert "_auth_user_id" not in client.session


def test_a_broken_pending_session_is_ignored(client: Client, person_with_two_factor: Any) -> None:
    user, _, _ = person_with_two_factor
    start(client, user.email)
    session = client.session
    session[PENDING_STARTED_SESSION_KEY] = "not a time"
    session.save()
    assert client.get(CODE).status_code == 302


def test_a_recovery_code_signs_in_once(client: Client, person_with_two_factor: Any) -> None:
    user, _, codes = person_with_two_factor
    start(client, user.email)
    assert "Use a recovery code" in client.get(RECOVERY).content.decode()
    response = client.post(RECOVERY, {"code": codes[0], "next": "/accounts/"})
    assert response.status_code == 302 and response["Location"] == "/accounts/"
    assert TWO_FACTOR_SESSION_KEY in client.session
    assert AuditEntry.objects.filter(action="accounts.recovery_code.used").count() == 1
    client.post(reverse("accounts:sign-out"))
    start(client, user.email)
    again = client.post(RECOVERY, {"code": codes[0]})
    assert again.status_code == 200
    assert "has been used already" in again.content.decode()


def test_few_recovery_codes_left_gives_a_warning(client: Client, person_with_two_factor: Any) -> None:
    from tandem.accounts.models import RecoveryCode

    user, _, codes = person_with_two_factor
    RecoveryCode.objects.filter(user=user).exclude(
        pk__in=RecoveryCode.objects.filter(user=user).order_by("pk")[:3]
    ).delete()
    # Find a code that still works.
    start(client, user.email)
    for code in codes:
        response = client.post(RECOVERY, {"code": code})
        if response.status_code == 302:
            break
    assert response.status_code == 302
    html = client.get(reverse("accounts:settings")).content.decode()
    assert "You have 2 recovery codes left" in html


def test_recovery_code_form_messages(client: Client, person_with_two_factor: Any) -> None:
    user, _, _ = person_with_two_factor
    start(client, user.email)
    assert "Enter one of your recovery codes" in client.post(RECOVERY, {"code": " "}).content.decode()
    assert "A recovery code is 10 letters and numbers" in client.post(RECOVERY, {"code": "abc"}).content.decode()
