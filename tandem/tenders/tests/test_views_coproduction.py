"""The co-production sizing page (tandem/tenders/views/timeline.py, coproduction_view)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import make_user, sign_in
from tandem.audit.models import AuditEntry
from tandem.commissions.models import TeamMember, TeamRole
from tandem.tenders.forms.coproduction import CoproductionForm
from tandem.tenders.models import Specification
from tandem.tenders.tests.builders import specification_build

pytestmark = pytest.mark.django_db


@pytest.fixture
def specification(funder_member, funder_org):
    """£500,000 over 3 years: with moderate vulnerability Tandem suggests Involve."""
    built = specification_build(lead=funder_member, lead_funder=funder_org)
    Specification.objects.filter(pk=built.pk).update(value_including_vat=Decimal("500000"), term_months=36)
    return built


def url(specification):
    return reverse("tenders:coproduction", kwargs={"pk": specification.commission_id})


def test_the_page_shows_the_suggestion_as_tandems_own_proposal(specification, funder_member, funder_org):
    response = sign_in(Client(), funder_member, funder_org).get(url(specification))
    page = response.content.decode()
    assert response.status_code == 200
    assert "£500,000" in page and "3 years" in page
    assert "Tandem's own proposal, not a legal rule" in page
    assert "Tandem does not know how vulnerable the people are yet" in page
    for stage in ("Reflect", "Assess", "Design", "Procure", "Relate", "Evaluate", "Sustain"):
        assert f'<h3 class="govuk-heading-s">{stage}</h3>' in page
    assert "data-autosave" in page
    assert page.count("Why we ask") == 3


def test_missing_value_and_term_are_shown_as_not_given(funder_member, funder_org):
    built = specification_build(lead=funder_member, lead_funder=funder_org)
    Specification.objects.filter(pk=built.pk).update(value_including_vat=None, term_months=None)
    page = sign_in(Client(), funder_member, funder_org).get(url(built)).content.decode()
    assert page.count("Not given yet") == 3
    assert "Tandem does not know the value, the term, how vulnerable the people are yet" in page


def test_choosing_less_without_a_reason_asks_for_one_beside_the_box(specification, funder_member, funder_org):
    client = sign_in(Client(), funder_member, funder_org)
    response = client.post(
        url(specification), {"version": "0", "vulnerability": "moderate", "engagement_level": "consult"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Error:" in page
    assert "Say why you chose Consult when Tandem suggests at least Involve" in page
    assert 'id="id_engagement_reason-error"' in page
    assert re.search(r'value="consult"\s+checked', page)
    assert re.search(r'value="moderate"\s+checked', page)
    assert Specification.objects.get(pk=specification.pk).engagement_level == ""


def test_choosing_less_with_a_reason_is_saved_and_shown(specification, funder_member, funder_org):
    client = sign_in(Client(), funder_member, funder_org)
    response = client.post(
        url(specification),
        {
            "version": "0",
            "vulnerability": "moderate",
            "engagement_level": "consult",
            "engagement_reason": "The survivors' panel asked for a lighter role this year.",
        },
    )
    assert response.status_code == 302 and response["Location"] == url(specification)
    assert AuditEntry.objects.filter(action="tenders.coproduction.changed").count() == 1
    page = client.get(url(specification)).content.decode()
    assert "Your co-production choices have been saved" in page
    assert "below Tandem&#x27;s suggested minimum of Involve" in page
    assert "lighter role this year" in page


def test_the_suggestion_follows_the_vulnerability_chosen_when_the_form_comes_back(
    specification, funder_member, funder_org
):
    client = sign_in(Client(), funder_member, funder_org)
    response = client.post(url(specification), {"version": "0", "vulnerability": "high", "engagement_level": "inform"})
    page = response.content.decode()
    assert "Tandem suggests at least: Collaborate" in page
    assert "Say why you chose Inform when Tandem suggests at least Collaborate" in page


def test_a_clash_shows_the_banner(specification, funder_member, funder_org, funder_admin):
    good = {"version": "0", "vulnerability": "high", "engagement_level": "empower"}
    assert sign_in(Client(), funder_admin, funder_org).post(url(specification), good).status_code == 302
    response = sign_in(Client(), funder_member, funder_org).post(
        url(specification), {**good, "engagement_level": "collaborate"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed the co-production choices while you were editing" in page
    assert Specification.objects.get(pk=specification.pk).engagement_level == "empower"


def test_observers_see_the_page_read_only_and_cannot_save(specification):
    observer = make_user("olive.observer@example.org", "Olive Observer")
    TeamMember.objects.create(commission=specification.commission, user=observer, role=TeamRole.OBSERVER)
    client = sign_in(Client(), observer)
    page = client.get(url(specification)).content.decode()
    assert "data-autosave" not in page
    assert "Observers can read the commission but not change it" in page
    assert "Not chosen yet" in page
    data = {"version": "0", "vulnerability": "high", "engagement_level": "empower"}
    assert client.post(url(specification), data).status_code == 403


COPRODUCTION_PAGE_QUERIES = 12


@pytest.mark.parametrize("team_size", [2, 40])
def test_the_page_runs_a_fixed_number_of_queries(
    specification, funder_member, funder_org, django_assert_num_queries, team_size
):
    for number in range(team_size):
        person = make_user(f"member{number}@example.org", f"Member {number}")
        TeamMember.objects.create(commission=specification.commission, user=person, role=TeamRole.FINANCE)
    client = sign_in(Client(), funder_member, funder_org)
    client.get(url(specification))
    with django_assert_num_queries(COPRODUCTION_PAGE_QUERIES):
        response = client.get(url(specification))
    assert response.status_code == 200


@settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.fixed_dictionaries(
        {},
        optional={
            "vulnerability": st.sampled_from(["low", "moderate", "high"]) | st.text(max_size=10),
            "engagement_level": st.sampled_from(["inform", "consult", "involve", "collaborate", "empower"])
            | st.text(max_size=10),
            "engagement_reason": st.text(max_size=50),
            "version": st.text(max_size=5),
        },
    ),
    st.none() | st.decimals(allow_nan=True, allow_infinity=True),
    st.none() | st.integers(0, 1000),
)
def test_any_input_gives_a_form_answer_never_an_exception(data, value, term):
    form = CoproductionForm(data, value=value, term_months=term)
    assert form.is_valid() or form.errors
