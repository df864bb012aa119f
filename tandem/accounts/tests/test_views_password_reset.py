"""Password reset by email: no account enumeration, one-hour single-use links, our wording."""

from __future__ import annotations

import re
from typing import Any

from django.core import mail
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from tandem.accounts.models import User
from tandem.audit.models import AuditEntry

RESET = reverse("accounts:password-reset")
NEW_PASSWORD = "plum tractor seaside lantern"


def request_link(client: Client, email: str) -> str:
    response = client.post(RESET, {"email": email})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:password-reset-sent")
    match = re.search(r"https?://[^/\s]+(/accounts/password-reset/[^/\s]+/[^/\s]+/)", str(mail.outbox[-1].body))
    assert match
    return match.group(1)


def test_same_answer_whether_or_not_there_is_an_account(client: Client, person: User) -> None:
    known = client.post(RESET, {"email": person.email})
    unknown = client.post(RESET, {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 1
    html = client.get(known["Location"]).content.decode()
    assert "If there is a Tandem account for that email address" in html


def test_form_messages(client: Client, db: Any) -> None:
    assert "Enter your email address" in client.post(RESET, {"email": ""}).content.decode()
    html = client.post(RESET, {"email": "nope"}).content.decode()
    assert "Enter an email address in the correct format" in html
    assert 'value="nope"' in html


def test_the_link_sets_a_new_password_once(client: Client, person: User) -> None:
    link = request_link(client, person.email)
    first = client.get(link)
    # Django moves the token into the session so it cannot leak in a Referer header.
    assert first.status_code == 302 and first["Location"].endswith("/set-password/")
    form = client.get(first["Location"])
    assert "Choose a new password" in form.content.decode()
    done = client.post(first["Location"], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302 and done["Location"] == reverse("accounts:password-reset-complete")
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
    assert AuditEntry.objects.filter(action="accounts.password.reset", actor=person).count() == 1
    assert "Your password has been changed" in client.get(done["Location"]).content.decode()
    # The link does not work a second time.
    again = Client().get(link)
    assert again.status_code == 200 and "This link does not work" in again.content.decode()


def test_new_password_messages_and_nothing_typed_comes_back(client: Client, person: User) -> None:
    link = client.get(request_link(client, person.email))["Location"]
    html = client.post(link, {"new_password1": "", "new_password2": ""}).content.decode()
    assert "Enter a new password" in html and "Type your new password again" in html
    html = client.post(link, {"new_password1": "short", "new_password2": "short"}).content.decode()
    assert "Your password must be at least 10 characters long" in html
    assert 'value="short"' not in html
    html = client.post(link, {"new_password1": "8264019375102", "new_password2": "8264019375102"}).content.decode()
    assert "cannot be only numbers" in html
    html = client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD + "x"}).content.decode()
    assert "The passwords do not match" in html
    person.refresh_from_db()
    assert person.check_password(PASSWORD)


def test_broken_links_say_so_plainly(client: Client, person: User) -> None:
    for uid, token in (("MQ", "bad-token"), ("!!!", "x"), ("OTk5OTk5", "set-password")):
        url = reverse("accounts:password-reset-confirm", kwargs={"uidb64": uid, "token": token})
        response = client.get(url)
        assert response.status_code == 200
        assert "This link does not work" in response.content.decode()


def test_reset_does_not_skip_two_factor(client: Client, person_with_two_factor: Any) -> None:
    user, _, _ = person_with_two_factor
    link = client.get(request_link(client, user.email))["Location"]
    client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    response = client.post(reverse("accounts:sign-in"), {"email": user.email, "password": NEW_PASSWORD})
    assert response["Location"].startswith(reverse("accounts:two-factor"))


def test_the_link_uses_the_site_address_not_the_host_header(client: Client, person: User, settings: Any) -> None:
    settings.SITE_URL = "https://tandem.example.org"
    client.post(RESET, {"email": person.email}, HTTP_HOST="evil.example")
    assert "https://tandem.example.org/accounts/password-reset/" in str(mail.outbox[-1].body)
    assert "evil.example" not in str(mail.outbox[-1].body)


def test_reset_links_asked_for_from_one_address_wait_after_its_limit(settings: Any, person: User) -> None:
    """Any email address, known or not, counts against the connection it is asked from."""
    settings.PASSWORD_RESET_POSTS_PER_ADDRESS = 3
    client = Client(REMOTE_ADDR="203.0.113.9")
    for email in ("nobody@example.org", "someone@example.org", "anyone@example.org"):
        assert client.post(RESET, {"email": email}).status_code == 302
    response = client.post(RESET, {"email": person.email})
    assert response.status_code == 429
    html = response.content.decode()
    assert "We have had a lot of requests for reset links from your internet connection" in html
    assert re.search(r"Wait \d+ (minutes?|seconds?), then try again\.", html)
    assert f'value="{person.email}"' in html
    assert mail.outbox == [], "no email is sent while the connection waits"
    # The same words for an address with no account, so the wait gives nothing away.
    assert "We have had a lot of requests" in client.post(RESET, {"email": "x@example.org"}).content.decode()
    # Someone on another connection is not held up.
    assert Client(REMOTE_ADDR="198.51.100.4").post(RESET, {"email": person.email}).status_code == 302
    assert len(mail.outbox) == 1
