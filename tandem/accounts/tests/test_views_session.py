"""Stay signed in: the session-timeout warning's button, with and without JavaScript."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from conftest import sign_in
from tandem.accounts.models import User

EXTEND = reverse("accounts:session-extend")


def test_with_javascript_it_answers_json(client: Client, person: User, settings: Any) -> None:
    sign_in(client, person)
    response = client.post(EXTEND, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response.json() == {"expires_in": settings.SESSION_COOKIE_AGE}
    assert response.cookies["sessionid"]["max-age"] == settings.SESSION_COOKIE_AGE


def test_without_javascript_it_goes_back_to_a_safe_page(client: Client, person: User) -> None:
    sign_in(client, person)
    assert client.post(EXTEND, {"next": "/accounts/?tab=1"})["Location"] == "/accounts/?tab=1"
    assert client.post(EXTEND, {"next": "https://evil.example/"})["Location"] == reverse("frontend:home")


def test_too_late_it_says_so(client: Client, db: Any) -> None:
    response = client.post(EXTEND, HTTP_ACCEPT="application/json")
    assert response.status_code == 401 and "Sign in again" in response.json()["message"]
    response = client.post(EXTEND, {"next": "/accounts/"})
    assert response["Location"] == reverse("accounts:sign-in") + "?timed_out=1&next=%2Faccounts%2F"


def test_get_is_not_allowed(client: Client, person: User) -> None:
    sign_in(client, person)
    assert client.get(EXTEND).status_code == 405


def test_the_warning_dialog_is_on_signed_in_pages_with_its_timings(client: Client, person: User, settings: Any) -> None:
    sign_in(client, person)
    html = client.get(reverse("accounts:settings")).content.decode()
    assert '<dialog class="tandem-timeout-dialog' in html
    assert f'data-session-seconds="{settings.SESSION_COOKIE_AGE}"' in html
    assert f'data-warning-seconds="{settings.SESSION_WARNING_SECONDS}"' in html
    assert f'data-extend-url="{EXTEND}"' in html
    assert f'data-drafts-url="{reverse("drafts:save")}"' in html
    assert 'name="timed_out" value="1"' in html
    assert "<script>" not in html.split("<dialog", 1)[1].split("</dialog>")[0]
    anonymous = Client().get(reverse("accounts:sign-in")).content.decode()
    assert "tandem-timeout-dialog" not in anonymous
