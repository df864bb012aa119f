"""Every organisations form, posted generated values: never a server error, and what was typed
comes back in the page when the form is shown again."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import example_rows, sign_in
from tandem.organisations.models import Membership
from tandem.organisations.services import invitation_create

pytestmark = pytest.mark.django_db

# Each example builds its own rows inside ``example_rows()``, rolled back when it ends.
FUZZ = settings(max_examples=30, deadline=None)

# One-line text without characters that HTML forms would not send back unchanged.
line = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=80).filter(
    lambda s: s.strip() == s and s.strip() != ""
)
anything = st.one_of(
    st.text(max_size=300), st.integers().map(str), st.sampled_from(["", " ", "0", "-1", "£", "x" * 2000])
)


def organisation_fields(extra_keys: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    keys = [
        "name", "kind", "charity_number", "company_number", "annual_income", "size_band",
        "areas_served", "specialisms", "about", "version", *extra_keys,
    ]  # fmt: skip
    values = st.one_of(anything, st.lists(anything, max_size=4))
    return st.dictionaries(st.one_of(st.sampled_from(keys), st.text(max_size=10)), values, max_size=12)


def assert_kept(response: Any, field_value: str) -> None:
    if response.status_code == 200:
        assert escape(field_value) in response.content.decode()


@FUZZ
@given(data=organisation_fields([]), name=line)
def test_create_form(data: dict[str, Any], name: str) -> None:
    with example_rows() as roles:
        client = roles.client("site_admin")
        data = {**data, "name": name}
        response = client.post(reverse("organisations:create"), data)
        assert response.status_code < 500
        assert_kept(response, name)


@FUZZ
@given(data=organisation_fields([]), about=line)
def test_edit_form(data: dict[str, Any], about: str) -> None:
    with example_rows() as roles:
        client = roles.client("funder_admin")
        response = client.post(reverse("organisations:edit", args=[roles.funder_org.slug]), {**data, "about": about})
        assert response.status_code < 500
        assert_kept(response, about)


@FUZZ
@given(data=st.dictionaries(st.sampled_from(["email", "role", "x"]), anything), email=line)
def test_invite_form(data: dict[str, Any], email: str) -> None:
    with example_rows() as roles:
        client = roles.client("funder_admin")
        response = client.post(reverse("organisations:invite", args=[roles.funder_org.slug]), {**data, "email": email})
        assert response.status_code < 500
        if response.status_code == 200 and len(email) <= 254:
            page = response.content.decode()
            assert escape(email) in page or escape(email.strip().lower()) in page


@FUZZ
@given(
    data=st.dictionaries(
        st.sampled_from(["action", "role", "y"]),
        st.one_of(anything, st.sampled_from(["remove", "role", "admin", "member"])),
    )
)
def test_membership_form(data: dict[str, Any]) -> None:
    with example_rows() as roles:
        funder_org = roles.funder_org
        membership = Membership.objects.get(user=roles.user("funder_member"), organisation=funder_org)
        client = roles.client("funder_admin")
        response = client.post(reverse("organisations:membership-edit", args=[funder_org.slug, membership.pk]), data)
        assert response.status_code < 500


@FUZZ
@given(data=st.dictionaries(st.sampled_from(["organisation", "z"]), st.one_of(anything, st.integers().map(str))))
def test_switch_form(data: dict[str, Any]) -> None:
    with example_rows() as roles:
        response = roles.client("funder_admin").post(reverse("organisations:switch"), data)
        assert response.status_code < 500


@FUZZ
@given(data=st.dictionaries(st.sampled_from(["full_name", "password1", "password2", "q"]), anything), name=line)
def test_accept_new_account_form(data: dict[str, Any], name: str) -> None:
    with example_rows() as roles:
        _invitation, token = invitation_create(
            actor=roles.user("funder_admin"), organisation=roles.funder_org, email="fuzz@example.org", role="member"
        )
        response = Client().post(reverse("invitations:accept", args=[token]), {**data, "full_name": name})
        assert response.status_code < 500
        if response.status_code == 200 and len(name) <= 150:
            assert escape(name) in response.content.decode()


@FUZZ
@given(token=st.text(max_size=300).filter(lambda t: "/" not in t and t not in {"", ".", ".."}))
def test_accept_with_any_token(token: str) -> None:
    with example_rows() as roles:
        client = sign_in(Client(), roles.user("funder_admin"))
        response = client.get(f"/invitations/{token}/")
        assert response.status_code < 500
