"""403, 404 and 500 pages say plainly what happened and what to do next."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client, RequestFactory

from tandem.core.exceptions import PermissionDenied
from tandem.frontend.errors import GENERIC_REFUSAL, refusal_reason, server_error
from tandem.frontend.tests.urls_errors import REASON, SERVICE_REASON

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tandem.frontend.tests.urls_errors")]


def text(response: Any) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_403_shows_the_reason_and_what_to_do(role_client: Any) -> None:
    response = role_client("provider_member").get("/test-errors/refuse/")
    assert response.status_code == 403
    body = text(response)
    assert "<title>You cannot see this page \u2013 Tandem</title>" in body
    assert '<h1 class="govuk-heading-l">You cannot see this page</h1>' in body
    assert REASON in body
    assert "What you can do next" in body and 'href="/"' in body
    assert "Who to contact" in body


def test_403_from_a_service_refusal_is_the_same_page_with_its_reason(
    role_client: Any, funder_admin: Any, funder_org: Any
) -> None:
    response = role_client("funder_member").get("/test-errors/refuse-service/")
    assert response.status_code == 403
    body = text(response)
    assert SERVICE_REASON in body
    # Names who can help: the administrators of the organisation they are acting for.
    assert f"ask an administrator of {funder_org.name}" in body
    assert funder_admin.full_name in body


def test_a_refusal_inside_a_form_view_is_the_403_page_not_a_field_error(role_client: Any, funder_org: Any) -> None:
    # No wrapper and no middleware: Django's own handling of PermissionDenied shows the page.
    response = role_client("funder_member").get("/test-errors/refuse-service-form/")
    assert response.status_code == 403
    body = text(response)
    assert SERVICE_REASON in body
    assert "Shown beside the field" not in body
    assert f"ask an administrator of {funder_org.name}" in body


def test_the_reason_shown_is_the_refusals_message() -> None:
    assert refusal_reason(PermissionDenied(SERVICE_REASON)) == SERVICE_REASON
    assert refusal_reason(None) == ""


def test_403_does_not_name_the_person_as_their_own_contact(role_client: Any, funder_admin: Any) -> None:
    body = text(role_client("funder_admin").get("/test-errors/refuse/"))
    assert funder_admin.full_name not in body.split("Who to contact")[1]


def test_403_without_a_reason_gives_a_plain_one(client: Client) -> None:
    response = client.get("/test-errors/refuse-blank/")
    assert response.status_code == 403
    body = text(response)
    assert GENERIC_REFUSAL in body
    assert "/accounts/sign-in/?next=/test-errors/refuse-blank/" in body


def test_404_is_plain_with_links_home_and_to_the_glossary(client: Client) -> None:
    for path in ("/no-such-page/", "/test-errors/missing/"):
        response = client.get(path)
        assert response.status_code == 404
        body = text(response)
        assert '<h1 class="govuk-heading-l">Page not found</h1>' in body
        assert 'href="/"' in body and 'href="/glossary/"' in body
        # What the code said stays in the code: it may name things the person cannot see.
        assert "private to its members" not in body


def test_500_page_is_static(django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    body = text(response)
    assert "Sorry, there is a problem with Tandem" in body
    assert "It was not caused by anything you did." in body
    assert body.count("<h1") == 1
    assert 'href="#main-content"' in body


def test_500_for_an_uncaught_error(client: Client) -> None:
    client.raise_request_exception = False
    response = client.get("/test-errors/broken/")
    assert response.status_code == 500
    body = text(response)
    assert "Sorry, there is a problem with Tandem" in body
    assert "caught fire" not in body
