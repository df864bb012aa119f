"""The "typed the password recently" check and its decorator, on a small view of its own."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django.utils import timezone

from tandem.accounts.elevation import (
    confirm_password_url,
    password_confirmation_record,
    password_confirmed_recently,
    password_recently_confirmed,
)
from tandem.accounts.models import User
from tandem.accounts.sessions import PASSWORD_CONFIRMED_SESSION_KEY
from tandem.core.models import Draft

CONFIRM = reverse("accounts:confirm-password")
PAGE = reverse("accounts:person-two-factor-reset", args=[1])
ran: list[str] = []


@password_confirmed_recently
def sensitive(request: HttpRequest) -> HttpResponse:
    """Stands in for any sensitive page: says it ran."""
    ran.append(request.method or "")
    return HttpResponse("done")


@pytest.fixture(autouse=True)
def _nothing_ran() -> None:
    ran.clear()


def _request(
    user: Any, method: str = "get", data: dict[str, str] | None = None, minutes_ago: float | None = None
) -> Any:
    request = getattr(RequestFactory(), method)(PAGE + "?next=/glossary/", data or {})
    request.user = user
    request.session = SessionStore()
    if minutes_ago is not None:
        typed = timezone.now() - timedelta(minutes=minutes_ago)
        request.session[PASSWORD_CONFIRMED_SESSION_KEY] = typed.isoformat()
    return request


def _next_of(response: Any) -> str:
    parts = urlsplit(response["Location"])
    assert parts.path == CONFIRM
    return parse_qs(parts.query)["next"][0]


def test_inside_the_window_the_view_runs(person: User) -> None:
    assert sensitive(_request(person, minutes_ago=2)).content == b"done"
    assert sensitive(_request(person, "post", {"reason": "x"}, minutes_ago=9)).content == b"done"
    assert ran == ["GET", "POST"]


def test_outside_the_window_a_get_is_sent_to_confirm_and_back(person: User) -> None:
    for request in (_request(person, minutes_ago=11), _request(person), _request(person, minutes_ago=-5)):
        response = sensitive(request)
        assert response.status_code == 302
        assert _next_of(response) == PAGE + "?next=/glossary/"
    assert ran == []


def test_outside_the_window_a_post_does_nothing_but_keeps_what_was_typed(person: User) -> None:
    data = {"reason": "Lost their phone", "password": "secret words", "csrfmiddlewaretoken": "abc"}
    response = sensitive(_request(person, "post", data, minutes_ago=30))
    assert response.status_code == 302 and _next_of(response) == PAGE + "?next=/glossary/"
    assert ran == []
    draft = Draft.objects.get(user=person, path=PAGE)
    assert draft.data == {"reason": ["Lost their phone"]}


def test_a_post_with_nothing_worth_keeping_leaves_no_draft(person: User) -> None:
    sensitive(_request(person, "post", {"csrfmiddlewaretoken": "abc", "code": "123456"}, minutes_ago=30))
    assert not Draft.objects.filter(user=person).exists()


def test_signed_out_people_pass_through_to_the_views_own_sign_in_check(db: Any) -> None:
    assert sensitive(_request(AnonymousUser())).content == b"done"
    assert not password_recently_confirmed(_request(AnonymousUser(), minutes_ago=0))


@override_settings(PASSWORD_CONFIRM_SECONDS=120)
def test_the_window_comes_from_settings_and_recording_restarts_it(person: User) -> None:
    request = _request(person, minutes_ago=3)
    assert not password_recently_confirmed(request)
    password_confirmation_record(request)
    assert password_recently_confirmed(request)
    assert not password_recently_confirmed(request, now=time.time() + 121)


def test_confirm_url_carries_next_only_when_there_is_one() -> None:
    assert confirm_password_url("") == CONFIRM
    assert confirm_password_url("/a/?b=c") == CONFIRM + "?next=%2Fa%2F%3Fb%3Dc"
