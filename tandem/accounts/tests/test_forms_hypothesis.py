"""Every accounts form, fed generated input: never a server error, never a password echoed."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import PASSWORD, example_rows, sign_in
from tandem.accounts.tests.conftest import enable_two_factor, person_build

pytestmark = pytest.mark.django_db

# Each example builds its own rows inside ``example_rows()``, rolled back when it ends (with the
# throttling cache emptied), so no example is locked out by another's failures.
HYPOTHESIS = settings(max_examples=30, deadline=None)
FIELDS = ("email", "password", "code", "next", "new_password1", "new_password2", "timed_out")


def payloads() -> st.SearchStrategy[dict[str, str]]:
    return st.dictionaries(
        keys=st.one_of(st.sampled_from(FIELDS), st.text(min_size=1, max_size=12)),
        values=st.one_of(st.text(max_size=300), st.sampled_from(["", " ", "123456", "abcde-23456", "a@b.co"])),
        max_size=6,
    )


def assert_fine(response: Any, data: dict[str, str]) -> None:
    assert response.status_code < 500
    password = data.get("password", "")
    others = [value for key, value in data.items() if key != "password"]
    if response.status_code == 200 and len(password) >= 6 and not any(password in value for value in others):
        assert f'value="{password}"' not in response.content.decode()


def pending_client_build() -> Client:
    """A browser part-way through signing in: password typed, two-factor code still to come."""
    user = person_build()
    enable_two_factor(user)
    client = Client()
    client.post(reverse("accounts:sign-in"), {"email": user.email, "password": PASSWORD})
    return client


@HYPOTHESIS
@given(data=payloads())
def test_sign_in(data: dict[str, str]) -> None:
    with example_rows():
        person_build()
        assert_fine(Client().post(reverse("accounts:sign-in"), data), data)


@HYPOTHESIS
@given(data=payloads())
def test_two_factor_code(data: dict[str, str]) -> None:
    with example_rows():
        pending_client = pending_client_build()
        assert_fine(pending_client.post(reverse("accounts:two-factor"), data), data)


@HYPOTHESIS
@given(data=payloads())
def test_recovery_code(data: dict[str, str]) -> None:
    with example_rows():
        pending_client = pending_client_build()
        assert_fine(pending_client.post(reverse("accounts:recovery-code"), data), data)


@HYPOTHESIS
@given(data=payloads())
def test_two_factor_setup(data: dict[str, str]) -> None:
    with example_rows():
        client = Client()
        client.force_login(person_build())
        assert_fine(client.post(reverse("accounts:two-factor-setup"), data), data)


@HYPOTHESIS
@given(data=payloads())
def test_two_factor_disable(data: dict[str, str]) -> None:
    with example_rows():
        person = person_build()
        enable_two_factor(person)
        client = sign_in(Client(), person)
        data = {**data, "password": data.get("password", "") if data.get("password") != PASSWORD else "x"}
        assert_fine(client.post(reverse("accounts:two-factor-disable"), data), data)


@HYPOTHESIS
@given(data=payloads())
def test_password_reset_request(data: dict[str, str]) -> None:
    with example_rows():
        person_build()
        assert_fine(Client().post(reverse("accounts:password-reset"), data), data)


@HYPOTHESIS
@given(data=payloads())
def test_set_new_password(data: dict[str, str]) -> None:
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    with example_rows():
        person = person_build()
        client = Client()
        uid = urlsafe_base64_encode(force_bytes(person.pk))
        link = reverse(
            "accounts:password-reset-confirm",
            kwargs={"uidb64": uid, "token": default_token_generator.make_token(person)},
        )
        form_url = client.get(link)["Location"]
        assert_fine(client.post(form_url, data), data)


@HYPOTHESIS
@given(data=payloads())
def test_sign_out_and_session_extend(data: dict[str, str]) -> None:
    with example_rows():
        client = sign_in(Client(), person_build())
        assert_fine(client.post(reverse("accounts:session-extend"), data), data)
        assert_fine(client.post(reverse("accounts:sign-out"), data), data)


@HYPOTHESIS
@given(uid=st.text(max_size=40), token=st.text(max_size=60))
def test_reset_links_of_any_shape(uid: str, token: str) -> None:
    from urllib.parse import quote

    with example_rows():
        response = Client().get(f"/accounts/password-reset/{quote(uid, safe='')}/{quote(token, safe='')}/")
        assert response.status_code < 500


@HYPOTHESIS
@given(data=payloads())
def test_confirm_password(data: dict[str, str]) -> None:
    with example_rows():  # empties the cache too, so the examples are checked, not only told to wait
        client = sign_in(Client(), person_build())
        data = {**data, "password": data.get("password", "") if data.get("password") != PASSWORD else "x"}
        assert_fine(client.post(reverse("accounts:confirm-password"), data), data)
