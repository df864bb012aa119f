"""notify() records notifications at once and emails only after the transaction commits."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction

from conftest import make_user
from tandem.audit.models import AuditEntry
from tandem.notifications.kinds import KINDS, kind_get, optional_kinds
from tandem.notifications.models import EmailPreference, Notification
from tandem.notifications.selectors import email_preferences_for_user
from tandem.notifications.services import absolute_url, email_preferences_update, notification_mark_read, notify

pytestmark = pytest.mark.django_db


def test_every_kind_is_described():
    codes = [kind.code for kind in KINDS]
    assert len(codes) == len(set(codes))
    for kind in KINDS:
        assert kind.code.count(".") == 1 and kind.label and kind.description
        if not kind.email_optional:
            assert kind.why_always, kind.code
    assert not kind_get("accounts.security").email_optional
    assert kind_get("organisations.membership").email_optional


def test_an_unknown_kind_is_refused(funder_member):
    with pytest.raises(ValueError, match="Unknown notification kind"):
        notify(recipients=[funder_member], kind="nope.nothing", title="Hello")
    assert not Notification.objects.exists()


def test_a_title_is_needed_and_links_must_be_safe(funder_member):
    with pytest.raises(ValueError):
        notify(recipients=[funder_member], kind="accounts.security", title="  ")
    for bad in ("javascript:alert(1)", "//evil.example/", "ftp://x", "data:text/html,hi"):
        with pytest.raises(ValueError):
            notify(recipients=[funder_member], kind="accounts.security", title="Hi", url=bad)
    assert not Notification.objects.exists()


def test_notify_records_one_row_per_recipient(
    funder_member, funder_admin, funder_org, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        created = notify(
            recipients=[funder_member, funder_admin, funder_member],
            kind="organisations.membership",
            title="Your role changed",
            body="You are now an administrator.",
            url="/organisations/anyborough-council/",
            organisation=funder_org,
            actor=funder_admin,
        )
    assert len(created) == 2
    rows = Notification.objects.order_by("recipient__email")
    assert [row.recipient for row in rows] == [funder_admin, funder_member]
    assert all(row.read_at is None and row.actor == funder_admin and row.organisation == funder_org for row in rows)
    assert len(mail.outbox) == 2
    assert sorted(message.to[0] for message in mail.outbox) == [funder_admin.email, funder_member.email]


def test_emails_go_only_after_the_commit(settings, funder_member, django_capture_on_commit_callbacks):
    settings.SITE_URL = "http://127.0.0.1:8000"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(
            recipients=[funder_member],
            kind="accounts.security",
            title="Your password changed",
            body="If this was not you, tell us.",
            url="/accounts/",
        )
    assert Notification.objects.count() == 1
    assert mail.outbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Your password changed"
    assert message.to == [funder_member.email]
    assert "Hello Fran Funder," in message.body
    assert "If this was not you, tell us." in message.body
    assert "See it in Tandem: http://127.0.0.1:8000/accounts/" in message.body
    assert "We always email you about this." in message.body


def test_the_link_in_an_email_is_absolute(settings, funder_member, django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://tandem.example.org/"
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[funder_member], kind="organisations.membership", title="Added", url="/organisations/x/")
    body = mail.outbox[0].body
    assert "See it in Tandem: https://tandem.example.org/organisations/x/" in body
    assert "https://tandem.example.org/notifications/preferences/" in body
    assert absolute_url("https://elsewhere.example/") == "https://elsewhere.example/"


def test_a_rolled_back_change_sends_no_email(funder_member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        notify(recipients=[funder_member], kind="accounts.security", title="Changed")
        raise RuntimeError("the change failed")
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_preferences_turn_emails_off_but_keep_the_notification(
    funder_member, funder_admin, django_capture_on_commit_callbacks
):
    EmailPreference.objects.create(user=funder_member, kind="organisations.membership", email_enabled=False)
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[funder_member, funder_admin], kind="organisations.membership", title="Role changed")
    assert Notification.objects.filter(recipient=funder_member).exists()
    assert [message.to for message in mail.outbox] == [[funder_admin.email]]


def test_emails_that_cannot_be_turned_off_ignore_the_preference(funder_member, django_capture_on_commit_callbacks):
    EmailPreference.objects.create(user=funder_member, kind="accounts.security", email_enabled=False)
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[funder_member], kind="accounts.security", title="New sign-in")
    assert len(mail.outbox) == 1


def test_inactive_people_get_no_email(funder_member, django_capture_on_commit_callbacks):
    funder_member.is_active = False
    funder_member.save(update_fields=["is_active"])
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[funder_member], kind="accounts.security", title="Hello")
    assert mail.outbox == []
    assert Notification.objects.count() == 1


def test_a_failing_mail_server_does_not_break_the_change(settings, funder_member, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 1  # nothing listens here
    settings.EMAIL_TIMEOUT = 1
    with django_capture_on_commit_callbacks(execute=True):
        created = notify(recipients=[funder_member], kind="accounts.security", title="Hello")
    assert len(created) == 1


def test_notify_with_nobody_does_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert notify(recipients=[], kind="accounts.security", title="Hello") == []
    assert callbacks == []


def test_notify_makes_a_fixed_number_of_queries(django_assert_num_queries):
    people = [make_user(f"person{n}@example.org", f"Person {n}") for n in range(20)]
    # One insert for all notifications, one read of email preferences (plus savepoints).
    with django_assert_num_queries(4):
        notify(recipients=people, kind="organisations.membership", title="Hello")
    assert Notification.objects.count() == 20


def test_marking_read_only_touches_your_own(funder_member, funder_admin):
    mine = notify(recipients=[funder_member], kind="accounts.security", title="Mine")[0]
    theirs = notify(recipients=[funder_admin], kind="accounts.security", title="Theirs")[0]
    assert notification_mark_read(actor=funder_member, notification_id=theirs.pk) == 0
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert notification_mark_read(actor=funder_member, notification_id=mine.pk) == 1
    mine.refresh_from_db()
    assert mine.read_at is not None
    assert notification_mark_read(actor=funder_member, notification_id=mine.pk) == 0


def test_marking_all_read_only_touches_your_own(funder_member, funder_admin):
    notify(recipients=[funder_member, funder_admin], kind="accounts.security", title="One")
    notify(recipients=[funder_member, funder_admin], kind="accounts.security", title="Two")
    assert notification_mark_read(actor=funder_member, everything=True) == 2
    assert Notification.objects.filter(recipient=funder_admin, read_at__isnull=True).count() == 2


def test_saving_preferences_is_audited(funder_member):
    optional = [kind.code for kind in optional_kinds()]
    assert "organisations.membership" in optional
    assert email_preferences_for_user(funder_member) == dict.fromkeys(optional, True)
    keep = [code for code in optional if code != "organisations.membership"]
    assert email_preferences_update(actor=funder_member, enabled=keep) is True
    assert email_preferences_for_user(funder_member) == {
        **dict.fromkeys(optional, True),
        "organisations.membership": False,
    }
    entry = AuditEntry.objects.get(action="notifications.preferences.updated")
    assert entry.actor == funder_member
    assert entry.before == {"organisations.membership": True}
    assert entry.after == {"organisations.membership": False}
    # Saving the same choices again changes nothing and writes nothing.
    assert email_preferences_update(actor=funder_member, enabled=keep) is False
    assert AuditEntry.objects.count() == 1
    assert email_preferences_update(actor=funder_member, enabled=[*keep, "organisations.membership"])
    assert email_preferences_for_user(funder_member)["organisations.membership"] is True
    assert EmailPreference.objects.filter(user=funder_member).count() == 1


def test_unknown_preference_codes_are_refused(funder_member):
    with pytest.raises(ValueError):
        email_preferences_update(actor=funder_member, enabled=["nope.nothing"])
