"""Every form of the commission and team pages, posted generated values: never a server error,
and what was typed comes back in the page when the form is shown again."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import Roles, example_rows, make_user
from tandem.commissions.models import Commission, TeamMember, TeamRole
from tandem.commissions.services.team import commission_invitation_create
from tandem.commissions.tests.builders import commission_build, journey_build

pytestmark = pytest.mark.django_db

# Each example builds its own rows inside ``example_rows()``, rolled back when it ends.
FUZZ = settings(max_examples=30, deadline=None)

# One-line text without characters that HTML forms would not send back unchanged.
line = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=80).filter(
    lambda s: s.strip() == s and s.strip() != ""
)
anything = st.one_of(
    st.text(max_size=300),
    st.integers().map(str),
    st.sampled_from(["", " ", "0", "-1", "£", "1.2m", "40k", "x" * 4000, "31", "2", "2027", "feb"]),
)
COMMISSION_KEYS = [
    "title", "purpose", "service_area", "people_for", "estimated_value",
    "starts_on_day", "starts_on_month", "starts_on_year", "ends_on_day", "ends_on_month", "ends_on_year",
    "starts_on", "ends_on", "framework_version", "version",
    "partner_1_organisation", "partner_1_contribution", "partner_2_organisation", "partner_3_contribution",
    "partner_20_organisation", "partner_999_contribution", "partner_x_organisation",
]  # fmt: skip


def commission_fields() -> st.SearchStrategy[dict[str, Any]]:
    values = st.one_of(anything, st.lists(anything, max_size=3))
    return st.dictionaries(st.one_of(st.sampled_from(COMMISSION_KEYS), st.text(max_size=10)), values, max_size=14)


def assert_kept(response: Any, value: str) -> None:
    if response.status_code == 200:
        assert escape(value) in response.content.decode()


def commission_for(roles: Roles) -> Commission:
    """The ``commission`` fixture, for one example: led by funder_org with funder_member as its
    team lead; funder_admin administers funder_org without being on the team."""
    roles.user("funder_admin")
    return commission_build(lead=roles.user("funder_member"), lead_funder=roles.funder_org, version=journey_build())


@FUZZ
@given(data=commission_fields(), title=line)
def test_create_form(data: dict[str, Any], title: str) -> None:
    with example_rows() as roles:
        journey_build()
        response = roles.client("funder_member").post(reverse("commissions:create"), {**data, "title": title})
        assert response.status_code < 500
        assert_kept(response, title)


@FUZZ
@given(data=commission_fields(), purpose=line)
def test_edit_form(data: dict[str, Any], purpose: str) -> None:
    with example_rows() as roles:
        commission = commission_for(roles)
        response = roles.client("funder_admin").post(
            reverse("commissions:edit", args=[commission.pk]), {**data, "purpose": purpose}
        )
        assert response.status_code < 500
        assert_kept(response, purpose)


@FUZZ
@given(data=st.dictionaries(st.sampled_from(["email", "role", "x"]), anything), email=line)
def test_team_add_form(data: dict[str, Any], email: str) -> None:
    with example_rows() as roles:
        commission = commission_for(roles)
        response = roles.client("funder_member").post(
            reverse("commissions:team-add", args=[commission.pk]), {**data, "email": email}
        )
        assert response.status_code < 500
        if response.status_code == 200 and len(email) <= 254:
            page = response.content.decode()
            assert escape(email) in page or escape(email.strip().lower()) in page


@FUZZ
@given(
    data=st.dictionaries(
        st.sampled_from(["action", "role", "y"]),
        st.one_of(anything, st.sampled_from(["remove", "role", *TeamRole.values])),
    )
)
def test_team_member_form(data: dict[str, Any]) -> None:
    with example_rows() as roles:
        commission = commission_for(roles)
        member = TeamMember.objects.create(
            commission=commission, user=make_user("fuzz@example.org", "Fuzz"), role=TeamRole.FINANCE
        )
        response = roles.client("funder_admin").post(
            reverse("commissions:team-member", args=[commission.pk, member.pk]), data
        )
        assert response.status_code < 500
        assert TeamMember.objects.filter(commission=commission, role=TeamRole.LEAD).exists()


@FUZZ
@given(
    data=st.dictionaries(st.sampled_from(["stage", "z"]), st.one_of(anything, st.sampled_from(["assess", "reflect"])))
)
def test_current_stage_form(data: dict[str, Any]) -> None:
    with example_rows() as roles:
        commission = commission_for(roles)
        response = roles.client("funder_member").post(reverse("commissions:current-stage", args=[commission.pk]), data)
        assert response.status_code < 500


@FUZZ
@given(data=st.dictionaries(st.sampled_from(["full_name", "password1", "password2", "q"]), anything), name=line)
def test_invitation_new_account_form(data: dict[str, Any], name: str) -> None:
    with example_rows() as roles:
        commission = commission_for(roles)
        _invitation, token = commission_invitation_create(
            actor=roles.user("funder_member"), commission=commission, email="fuzz@example.org", role="observer"
        )
        response = Client().post(reverse("commissions:invitation-accept", args=[token]), {**data, "full_name": name})
        assert response.status_code < 500
        if response.status_code == 200 and len(name) <= 150:
            assert escape(name) in response.content.decode()


@FUZZ
@given(data=st.dictionaries(st.text(max_size=10), anything))
def test_invitation_revoke_form(data: dict[str, Any]) -> None:
    with example_rows() as roles:
        commission = commission_for(roles)
        invitation, _ = commission_invitation_create(
            actor=roles.user("funder_member"), commission=commission, email="fuzz@example.org", role="observer"
        )
        response = roles.client("funder_member").post(
            reverse("commissions:invitation-revoke", args=[commission.pk, invitation.pk]), data
        )
        assert response.status_code < 500


@FUZZ
@given(token=st.text(max_size=300).filter(lambda t: "/" not in t and t not in {"", ".", ".."}))
def test_accept_with_any_token(token: str) -> None:
    with example_rows() as roles:
        commission_for(roles)
        response = roles.client("funder_member").get(f"/commissions/invitations/{token}/")
        assert response.status_code < 500
