"""drafts:save (autosave) and the rescue of a form posted after the session ended."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import PASSWORD, example_rows, make_user, sign_in
from tandem.accounts import totp
from tandem.accounts.services import two_factor_enable
from tandem.core.drafts import draft_form_data
from tandem.core.middleware import RESCUE_SESSION_KEY
from tandem.core.models import Draft
from tandem.core.tests.test_drafts import _request

SAVE = reverse("drafts:save")
PAGE = "/accounts/"


def test_save_keeps_the_fields_and_answers_204(client: Client, db: Any) -> None:
    user = make_user("d@example.org", "Dee")
    sign_in(client, user)
    response = client.post(
        SAVE, {"draft_path": PAGE, "about": "Lunch club", "password": "hunter22", "areas": ["n", "s"]}
    )
    assert response.status_code == 204
    draft = Draft.objects.get(user=user, path=PAGE)
    assert draft.data == {"about": ["Lunch club"], "areas": ["n", "s"]}


def test_bad_paths_get_400_with_a_message(client: Client, db: Any) -> None:
    sign_in(client, make_user("d@example.org", "Dee"))
    for path in ("", "https://evil.example/", "//evil.example/", "relative/", "/no-such-page/"):
        response = client.post(SAVE, {"draft_path": path, "about": "x"})
        assert response.status_code == 400, path
        assert response.json()["message"]
    assert client.post(SAVE, {"about": "x"}).json() == {"message": "Say which page the draft is for"}
    assert not Draft.objects.exists()


def test_signed_out_gets_401_and_get_is_not_allowed(client: Client, db: Any) -> None:
    response = client.post(SAVE, {"draft_path": PAGE})
    assert response.status_code == 401 and "Sign in again" in response.json()["message"]
    sign_in(client, make_user("d@example.org", "Dee"))
    assert client.get(SAVE).status_code == 405


def test_csrf_is_checked(db: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    sign_in(client, make_user("d@example.org", "Dee"))
    assert client.post(SAVE, {"draft_path": PAGE}).status_code == 403
    client.get(reverse("accounts:settings"))
    token = client.cookies["csrftoken"].value
    assert client.post(SAVE, {"draft_path": PAGE, "about": "x"}, HTTP_X_CSRFTOKEN=token).status_code == 204


@pytest.mark.django_db
@settings(max_examples=30, deadline=None)
@given(
    data=st.dictionaries(
        st.one_of(st.just("draft_path"), st.text(min_size=1, max_size=20)),
        st.one_of(st.text(max_size=200), st.sampled_from(["/accounts/", "/", "//x", "/glossary/"])),
        max_size=8,
    )
)
def test_any_input_never_breaks_it(data: dict[str, str]) -> None:
    with example_rows():
        client = sign_in(Client(), make_user("h@example.org", "H"))
        response = client.post(SAVE, data)
        assert response.status_code in (204, 400)


def test_a_form_posted_after_the_session_ended_is_kept_through_sign_in(db: Any) -> None:
    user = make_user("d@example.org", "Dee")
    client = Client()  # the session has ended: nobody is signed in
    page = "/organisations/new/"
    response = client.post(page, {"name": "Lunch club", "about": "We meet on Tuesdays", "password": "x"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:sign-in") + "?next=%2Forganisations%2Fnew%2F&timed_out=1"
    assert RESCUE_SESSION_KEY in client.session
    sign_in_page = client.get(response["Location"]).content.decode()
    assert "Anything you had typed has been kept" in sign_in_page
    done = client.post(reverse("accounts:sign-in"), {"email": user.email, "password": PASSWORD, "next": page})
    assert done.status_code == 302 and done["Location"] == page
    draft = Draft.objects.get(user=user, path=page)
    assert draft.data == {"name": ["Lunch club"], "about": ["We meet on Tuesdays"]}
    assert RESCUE_SESSION_KEY not in client.session
    data, restored = draft_form_data(_request(user, page))
    assert restored and data is not None and data["about"] == "We meet on Tuesdays"


def test_rescue_survives_the_two_factor_step(db: Any) -> None:
    user = make_user("d@example.org", "Dee")
    secret = totp.secret_new()
    now = time.time()
    two_factor_enable(actor=user, secret=secret, code=totp.code_for_step(secret, totp.step_for(now) - 1), now=now)
    client = Client()
    client.post("/organisations/new/", {"about": "Kept through the code step"})
    client.post(reverse("accounts:sign-in"), {"email": user.email, "password": PASSWORD, "next": "/organisations/new/"})
    assert not Draft.objects.exists()
    response = client.post(
        reverse("accounts:two-factor"),
        {"code": totp.code_for_step(secret, totp.step_for(time.time())), "next": "/organisations/new/"},
    )
    assert response["Location"] == "/organisations/new/"
    assert Draft.objects.get(user=user).data == {"about": ["Kept through the code step"]}


def test_posts_to_sign_in_pages_are_not_rescued(db: Any) -> None:
    client = Client()
    client.post(reverse("accounts:sign-in"), {"email": "a@example.org", "password": "x"})
    client.post(SAVE, {"draft_path": PAGE})
    assert RESCUE_SESSION_KEY not in client.session


def test_public_pages_and_unknown_addresses_are_not_rescued(db: Any) -> None:
    client = Client()
    assert client.post("/no-such-page/", {"about": "x"}).status_code == 404
    client.post(reverse("frontend:feedback"), {"about": "x"})
    assert RESCUE_SESSION_KEY not in client.session


def test_views_marked_login_not_required_are_not_rescued(db: Any) -> None:
    from django.contrib.auth.decorators import login_not_required
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.sessions.backends.cache import SessionStore
    from django.http import HttpRequest, HttpResponse
    from django.test import RequestFactory
    from django.urls import resolve

    from tandem.core.middleware import RescueExpiredPostMiddleware

    @login_not_required
    def public(request: HttpRequest) -> HttpResponse:
        return HttpResponse("ok")

    def private(request: HttpRequest) -> HttpResponse:
        return HttpResponse("ok")

    middleware = RescueExpiredPostMiddleware(public)
    for view, rescued in ((public, False), (private, True)):
        request = RequestFactory().post("/glossary/", {"about": "x"})
        request.user = AnonymousUser()
        request.session = SessionStore()
        request.resolver_match = resolve("/glossary/")
        response = middleware.process_view(request, view, (), {})
        assert (response is not None) is rescued
        assert (RESCUE_SESSION_KEY in request.session) is rescued
