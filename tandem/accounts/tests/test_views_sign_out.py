from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from conftest import sign_in
from tandem.accounts.models import User
from tandem.audit.models import AuditEntry

SIGN_OUT = reverse("accounts:sign-out")


def test_get_asks_first_and_signs_nobody_out(client: Client, person: User) -> None:
    sign_in(client, person)
    response = client.get(SIGN_OUT)
    assert response.status_code == 200
    assert "Do you want to sign out?" in response.content.decode()
    assert client.session.get("_auth_user_id") == str(person.pk)


def test_post_signs_out_audits_and_says_so(client: Client, person: User) -> None:
    sign_in(client, person)
    response = client.post(SIGN_OUT)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:signed-out")
    assert "_auth_user_id" not in client.session
    entry = AuditEntry.objects.get(action="accounts.session.signed_out")
    assert entry.actor == person and entry.after == {"reason": "chosen"}
    assert "You have signed out" in client.get(response["Location"]).content.decode()


def test_timed_out_sign_out_returns_to_sign_in_with_the_page_to_come_back_to(client: Client, person: User) -> None:
    sign_in(client, person)
    response = client.post(SIGN_OUT, {"timed_out": "1", "next": "/organisations/new/"})
    assert response["Location"] == reverse("accounts:sign-in") + "?timed_out=1&next=%2Forganisations%2Fnew%2F"
    assert AuditEntry.objects.get(action="accounts.session.signed_out").after == {"reason": "timed_out"}


def test_timed_out_after_the_session_already_ended(client: Client, db: Any) -> None:
    response = client.post(SIGN_OUT, {"timed_out": "1", "next": "https://evil.example/"})
    assert response["Location"] == reverse("accounts:sign-in") + "?timed_out=1"
    assert not AuditEntry.objects.exists()


def test_signed_out_people_asking_to_sign_out(client: Client, db: Any) -> None:
    assert client.get(SIGN_OUT)["Location"] == reverse("accounts:signed-out")
    assert client.put(SIGN_OUT).status_code == 405
