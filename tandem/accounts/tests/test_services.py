"""Account services: each change is made, refused when it should be, and audited."""

from __future__ import annotations

import time
from typing import Any

import pyotp
import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.test import override_settings

from conftest import PASSWORD
from tandem.accounts import throttling, totp
from tandem.accounts.models import RecoveryCode, User
from tandem.accounts.services import (
    FAILURES_NOTICE_TITLE,
    password_reset_complete,
    password_reset_send,
    recovery_code_use,
    recovery_codes_regenerate,
    session_signed_in,
    session_signed_out,
    sign_in_failures_notice,
    sign_in_slowed,
    two_factor_code_check,
    two_factor_disable,
    two_factor_enable,
)
from tandem.accounts.tests.conftest import current_code, enable_two_factor
from tandem.audit.models import AuditEntry
from tandem.core.exceptions import ApplicationError, PermissionDenied


def audited(action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action))


def test_enable_stores_the_secret_makes_ten_hashed_codes_and_audits(person: User) -> None:
    secret = totp.secret_new()
    codes = two_factor_enable(actor=person, secret=secret, code=pyotp.TOTP(secret).now())
    person.refresh_from_db()
    assert person.has_two_factor and person.totp_secret == secret
    assert len(codes) == 10
    stored = list(RecoveryCode.objects.filter(user=person))
    assert len(stored) == 10
    assert all(code not in row.code_hash for row in stored for code in codes)
    [entry] = audited("accounts.two_factor.enabled")
    assert entry.actor == person and entry.after["two_factor"] is True


def test_enable_refuses_a_wrong_code_and_changes_nothing(person: User) -> None:
    secret = totp.secret_new()
    with pytest.raises(ApplicationError) as caught:
        two_factor_enable(
            actor=person, secret=secret, code="000000" if pyotp.TOTP(secret).now() != "000000" else "111111"
        )
    assert caught.value.field == "code"
    assert caught.value.message == "The code is not right. Check your app and try again"
    person.refresh_from_db()
    assert not person.has_two_factor
    assert not audited("accounts.two_factor.enabled")


def test_enable_twice_is_refused(person_with_two_factor: Any) -> None:
    user, secret, _ = person_with_two_factor
    with pytest.raises(PermissionDenied):
        two_factor_enable(actor=user, secret=secret, code=current_code(secret))


def test_a_code_works_once_only(person_with_two_factor: Any) -> None:
    user, secret, _ = person_with_two_factor
    code = current_code(secret)
    assert two_factor_code_check(user=user, code=code)
    assert not two_factor_code_check(user=user, code=code)
    # Even a stale copy of the person (another request) cannot use it again.
    stale = User.objects.get(pk=user.pk)
    stale.totp_last_step = None
    assert not two_factor_code_check(user=stale, code=code)


def test_code_check_refuses_wrong_and_malformed_codes(person_with_two_factor: Any, person: User) -> None:
    user, secret, _ = person_with_two_factor
    now = time.time()
    far = totp.code_for_step(secret, totp.step_for(now) + 5)
    assert not two_factor_code_check(user=user, code=far, now=now)
    assert not two_factor_code_check(user=user, code="12ab56")
    assert not two_factor_code_check(user=User(email="x@example.org"), code="123456")


def test_disable_checks_the_password_then_clears_everything(person_with_two_factor: Any) -> None:
    user, _, _ = person_with_two_factor
    with pytest.raises(ApplicationError) as caught:
        two_factor_disable(actor=user, password="wrong password", address="192.0.2.1")
    assert caught.value.field == "password"
    two_factor_disable(actor=user, password=PASSWORD, address="192.0.2.1")
    user.refresh_from_db()
    assert not user.has_two_factor and user.totp_secret == "" and user.totp_last_step is None
    assert not RecoveryCode.objects.filter(user=user).exists()
    assert len(audited("accounts.two_factor.disabled")) == 1


def test_people_who_must_use_it_cannot_disable(funder_member: User) -> None:
    enable_two_factor(funder_member)
    with pytest.raises(PermissionDenied) as caught:
        two_factor_disable(actor=funder_member, password=PASSWORD, address="192.0.2.1")
    assert "cannot turn off" in caught.value.message
    funder_member.refresh_from_db()
    assert funder_member.has_two_factor


def test_recovery_code_works_once_in_any_case_and_is_audited(person_with_two_factor: Any) -> None:
    user, _, codes = person_with_two_factor
    assert recovery_code_use(user=user, code=codes[3].upper().replace("-", " "))
    assert not recovery_code_use(user=user, code=codes[3])
    assert RecoveryCode.objects.filter(user=user, used_at__isnull=False).count() == 1
    [entry] = audited("accounts.recovery_code.used")
    assert entry.after == {"recovery_codes_left": 9}


def test_recovery_code_refuses_rubbish_and_people_without_two_factor(person_with_two_factor: Any, person: User) -> None:
    user, _, _ = person_with_two_factor
    assert not recovery_code_use(user=user, code="aaaaa-aaaaa")
    assert not recovery_code_use(user=user, code="")
    assert not recovery_code_use(user=User(email="x@example.org"), code="abcde-23456")


def test_regenerate_replaces_every_code(person_with_two_factor: Any) -> None:
    user, _, old = person_with_two_factor
    new = recovery_codes_regenerate(actor=user)
    assert set(new).isdisjoint(old)
    assert not recovery_code_use(user=user, code=old[0])
    assert recovery_code_use(user=user, code=new[0])
    assert len(audited("accounts.recovery_codes.regenerated")) == 1


def test_regenerate_needs_two_factor(person: User) -> None:
    with pytest.raises(PermissionDenied):
        recovery_codes_regenerate(actor=person)


def test_password_reset_email_goes_only_to_real_accounts(person: User) -> None:
    password_reset_send(email="ROBIN.resident@example.org", site_url="http://testserver/")
    password_reset_send(email="nobody@example.org", site_url="http://testserver/")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [person.email]
    assert "http://testserver/accounts/password-reset/" in message.body
    assert "for 1 hour." in message.body


def test_password_reset_email_is_limited(person: User) -> None:
    for _ in range(5):
        password_reset_send(email=person.email, site_url="http://testserver")
    assert len(mail.outbox) == throttling.PASSWORD_RESET_MAX_EMAILS


@override_settings(EMAIL_BACKEND="tandem.accounts.tests.test_services.BrokenBackend")
def test_a_broken_mail_server_is_not_an_error(person: User, caplog: pytest.LogCaptureFixture) -> None:
    password_reset_send(email=person.email, site_url="http://testserver")  # raises nothing
    assert mail.outbox == []
    # The person is told nothing either way; whoever runs the service is told in the log.
    [record] = [r for r in caplog.records if r.getMessage() == "Could not send a password reset email"]
    assert record.levelname == "ERROR" and record.exc_info and "mail server down" in str(record.exc_info[1])


class BrokenBackend:
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        pass

    def send_messages(self, messages: Any) -> int:
        raise OSError("mail server down")


def test_password_reset_complete_sets_password_audits_and_unlocks(person: User) -> None:
    token = default_token_generator.make_token(person)
    for _ in range(10):
        attempt = throttling.sign_in_attempt_start(email=person.email, address="1.2.3.4")
        if attempt.counted:
            throttling.sign_in_attempt_failed(attempt=attempt)
    password_reset_complete(user=person, password="a brand new long password")
    person.refresh_from_db()
    assert person.check_password("a brand new long password")
    assert not default_token_generator.check_token(person, token), "the link must stop working"
    assert len(audited("accounts.password.reset")) == 1
    assert throttling.sign_in_wait(email=person.email, address="5.6.7.8") == 0


def test_sign_in_and_out_are_audited(person: User) -> None:
    session_signed_in(actor=person, method="password")
    session_signed_out(actor=person, reason="timed_out")
    assert audited("accounts.session.signed_in")[0].summary == "Signed in with password"
    assert audited("accounts.session.signed_out")[0].after == {"reason": "timed_out"}
    with pytest.raises(ValueError):
        session_signed_out(actor=person, reason="whim")


def test_slowing_down_is_audited_without_the_typed_address(person: User) -> None:
    sign_in_slowed(email=person.email, scope=throttling.PAIR)
    sign_in_slowed(email="someone.else@example.org", scope=throttling.ACCOUNT)
    sign_in_slowed(email="someone.else@example.org", scope=throttling.ADDRESS)
    entries = audited("accounts.sign_in.slowed")
    assert len(entries) == 3
    assert entries[-1].object_id == str(person.pk)
    for entry in entries:
        assert "someone.else" not in str(entry.chain_content())
    with pytest.raises(ValueError):
        sign_in_slowed(email=person.email, scope="everything")


def test_the_failures_notice_goes_only_to_a_real_account_and_cannot_be_turned_off(
    person: User, django_capture_on_commit_callbacks: Any
) -> None:
    from tandem.notifications.kinds import kind_get
    from tandem.notifications.models import EmailPreference, Notification

    assert not kind_get("accounts.security").email_optional
    EmailPreference.objects.create(user=person, kind="accounts.security", email_enabled=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert not sign_in_failures_notice(email="nobody@example.org")
        assert sign_in_failures_notice(email=person.email.upper())
    assert [m.to for m in mail.outbox] == [[person.email]]
    assert Notification.objects.get(recipient=person).title == FAILURES_NOTICE_TITLE
    assert len(audited("accounts.sign_in.failures_notified")) == 1


def test_each_security_change_tells_the_person(person: User, django_capture_on_commit_callbacks: Any) -> None:
    from tandem.notifications.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        _, codes = enable_two_factor(person)
        recovery_code_use(user=person, code=codes[0])
        recovery_codes_regenerate(actor=person)
        two_factor_disable(actor=person, password=PASSWORD, address="192.0.2.1")
        password_reset_complete(user=person, password="a brand new long password")
    titles = list(
        Notification.objects.filter(recipient=person, kind="accounts.security").values_list("title", flat=True)
    )
    assert sorted(titles) == sorted(
        [
            "Two-factor authentication is now on",
            "A recovery code was used to sign in",
            "You have new recovery codes",
            "Two-factor authentication has been turned off",
            "Your password has been changed",
        ]
    )
    assert len(mail.outbox) == 5
    assert all("If this was not you" in message.body for message in mail.outbox)
