"""Every organisations form, posted generated values: never a server error, and what was typed
comes back in the page when the form is shown again."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import sign_in
from tandem.organisations.models import Membership, Organisation
from tandem.organisations.services import invitation_create

pytestmark = pytest.mark.django_db

COUNTER = itertools.count()
FUZZ = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

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
def test_create_form(data: dict[str, Any], name: str, role_client: Any) -> None:
    client = role_client("site_admin")
    data = {**data, "name": name}
    response = client.post(reverse("organisations:create"), data)
    assert response.status_code < 500
    assert_kept(response, name)


@FUZZ
@given(data=organisation_fields([]), about=line)
def test_edit_form(data: dict[str, Any], about: str, role_client: Any, funder_org: Organisation) -> None:
    client = role_client("funder_admin")
    response = client.post(reverse("organisations:edit", args=[funder_org.slug]), {**data, "about": about})
    assert response.status_code < 500
    assert_kept(response, about)


@FUZZ
@given(data=st.dictionaries(st.sampled_from(["email", "role", "x"]), anything), email=line)
def test_invite_form(data: dict[str, Any], email: str, role_client: Any, funder_org: Organisation) -> None:
    client = role_client("funder_admin")
    response = client.post(reverse("organisations:invite", args=[funder_org.slug]), {**data, "email": email})
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
def test_membership_form(data: dict[str, Any], role_client: Any, funder_org: Organisation, funder_member: Any) -> None:
    membership = Membership.objects.filter(user=funder_member, organisation=funder_org).first()
    if membership is None:  # an earlier example removed them: put them back
        membership = Membership.objects.create(user=funder_member, organisation=funder_org)
    client = role_client("funder_admin")
    response = client.post(reverse("organisations:membership-edit", args=[funder_org.slug, membership.pk]), data)
    assert response.status_code < 500


@FUZZ
@given(data=st.dictionaries(st.sampled_from(["organisation", "z"]), st.one_of(anything, st.integers().map(str))))
def test_switch_form(data: dict[str, Any], role_client: Any) -> None:
    response = role_client("funder_admin").post(reverse("organisations:switch"), data)
    assert response.status_code < 500


@FUZZ
@given(data=st.dictionaries(st.sampled_from(["full_name", "password1", "password2", "q"]), anything), name=line)
def test_accept_new_account_form(data: dict[str, Any], name: str, funder_org: Organisation, funder_admin: Any) -> None:
    _invitation, token = invitation_create(
        actor=funder_admin, organisation=funder_org, email=f"fuzz{next(COUNTER)}@example.org", role="member"
    )
    response = Client().post(reverse("invitations:accept", args=[token]), {**data, "full_name": name})
    assert response.status_code < 500
    if response.status_code == 200 and len(name) <= 150:
        assert escape(name) in response.content.decode()


@FUZZ
@given(token=st.text(max_size=300).filter(lambda t: "/" not in t and t not in {"", ".", ".."}))
def test_accept_with_any_token(token: str, funder_admin: Any) -> None:
    client = sign_in(Client(), funder_admin)
    response = client.get(f"/invitations/{token}/")
    assert response.status_code < 500
