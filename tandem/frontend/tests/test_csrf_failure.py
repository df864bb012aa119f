"""A form posted without its cookie: a plain page that shows back what was typed."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.accounts.models import User

pytestmark = pytest.mark.django_db


def text(response: Any) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_a_form_posted_with_no_cookies_gets_the_plain_page_and_its_words_back() -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/feedback/",
        {"doing": "Adding a lot", "experience": "It was hard to find.\nThe second line.", "email": ""},
    )
    assert response.status_code == 403
    body = text(response)
    assert "<title>We could not send your form \u2013 Tandem</title>" in body
    assert "your browser did not send it" in body
    assert "Nothing has been saved or changed." in body
    assert ">Doing</label>" in body and ">Adding a lot</textarea>" in body
    assert "It was hard to find.\nThe second line." in response.content.decode()
    assert 'href="/accounts/sign-in/?next=/feedback/"' in body
    # Django's developer help is never shown.
    assert "CSRF" not in body and "Reason given" not in body and "DEBUG" not in body
    assert "no-store" in response["Cache-Control"]


def test_passwords_codes_and_the_forms_own_fields_are_never_shown_back() -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/accounts/sign-in/",
        {
            "username": "sam@example.org",
            "password": "correct horse battery staple",
            "otp_code": "123456",
            "next": "/commissions/",
            "version": "3",
            "form-TOTAL_FORMS": "2",
        },
    )
    assert response.status_code == 403
    body = response.content.decode()
    assert "sam@example.org" in body
    for hidden in ("correct horse", "123456", "/commissions/</textarea>", ">3</textarea>", ">2</textarea>"):
        assert hidden not in body


def test_a_signed_in_person_is_offered_the_form_again(funder_admin: User, funder_org: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(funder_admin)
    path = f"/organisations/{funder_org.slug}/edit/"
    response = client.post(path, {"name": "New name", "about": "Who we are."})
    assert response.status_code == 403
    body = text(response)
    assert f'<a class="govuk-link" href="{path}">Open the form again</a>' in body
    assert ">New name</textarea>" in body and ">About</label>" in body
    assert "Sign in</a>" not in body


def test_a_formset_row_is_labelled_without_its_internal_numbering() -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/feedback/", {"partners-0-contribution": "1200"})
    assert ">Contribution</label>" in text(response)


@settings(max_examples=40)
@given(
    fields=st.dictionaries(
        st.text(min_size=1, max_size=30).filter(lambda name: "\x00" not in name),
        st.text(max_size=200),
        max_size=8,
    )
)
def test_any_form_posted_without_its_cookie_gets_the_page_not_an_error(fields: dict[str, str]) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/feedback/", fields)
    assert response.status_code == 403
    assert "We could not send your form" in response.content.decode()
