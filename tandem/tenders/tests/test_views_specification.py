"""The specification's overview (task list) and its core sections: about, agreement, route."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import example_rows, make_user, sign_in
from tandem.audit.models import AuditEntry
from tandem.commissions.models import TeamMember, TeamRole
from tandem.core.drafts import draft_save
from tandem.tenders.models import Outcome, Question, Specification
from tandem.tenders.services.specification import specification_section_save
from tandem.tenders.tests.builders import sections_saved, specification_build

pytestmark = pytest.mark.django_db


@pytest.fixture
def spec(funder_member: Any, funder_org: Any) -> Specification:
    return specification_build(lead=funder_member, lead_funder=funder_org)


@pytest.fixture
def lead(client: Client, funder_member: Any, funder_org: Any) -> Client:
    return sign_in(client, funder_member, funder_org)


def overview_url(spec: Specification) -> str:
    return reverse("tenders:overview", kwargs={"pk": spec.commission.pk})


def section_url(spec: Specification, section: str) -> str:
    return reverse("tenders:section", kwargs={"pk": spec.commission.pk, "section": section})


def route_post(**overrides: Any) -> dict[str, Any]:
    data = {
        "route": "open",
        "second_stage": "",
        "direct_award_justification": "",
        "cpv_code": "85312000",
        "light_touch": "yes",
        "value_including_vat": "£450,000",
        "version": "0",
    }
    data.update(overrides)
    return data


def agreement_post(**overrides: Any) -> dict[str, Any]:
    data = {
        "agreement_kind": "contract",
        "agreement_reason": "",
        "term_months": "36",
        "extension_months": "12",
        "consortium_welcome": "yes",
        "cost_review": "A yearly review for the cost of living.",
        "version": "0",
    }
    data.update(overrides)
    return data


# ----------------------------------------------------------------------------------------------
# The overview


def test_the_overview_lists_every_part_with_its_status_and_what_stops_publishing(
    lead: Client, spec: Specification
) -> None:
    page = lead.get(overview_url(spec)).content.decode()
    pk = spec.commission.pk
    for title in (
        "About the service",
        "Agreement",
        "Route and regime",
        "Outcomes",
        "Trauma-informed requirements",
        "Budget",
        "Lots",
        "Award criteria",
        "Questions for bidders",
        "Timeline",
        "Co-production",
        "Check with the tender lens",
        "Versions",
    ):
        assert f">{title}</a>" in page, title
    assert 'class="govuk-task-list"' in page
    # The purpose and people came from the commission, so About is under way; most parts are not.
    # Each status has the colour it has on the journey's task list too (issue 10, item 15).
    assert '<strong class="govuk-tag govuk-tag--blue">In progress</strong>' in page
    assert '<strong class="govuk-tag govuk-tag--grey">Not started</strong>' in page
    assert f'href="/commissions/{pk}/specification/criteria/">Add at least one award criterion' in page
    assert f'href="/commissions/{pk}/specification/sections/route/">Choose a route' in page
    assert f'href="/commissions/{pk}/specification/timeline/">Set the submission deadline' in page
    for name in ("pack.docx", "pack.pdf", "evaluation-plan.xlsx"):
        assert f"/commissions/{pk}/specification/export/{name}/" in page
    assert reverse("tenders:tender-lens", kwargs={"pk": pk}) in page


def _grow(spec: Specification, rows: int) -> None:
    Outcome.objects.bulk_create(
        [Outcome(specification=spec, text=f"Outcome {n}", kind="soft", order=n) for n in range(rows)]
    )
    Question.objects.bulk_create(
        [Question(specification=spec, text=f"Question {n}", why_we_ask="", how_we_use="", order=n) for n in range(rows)]
    )


def test_the_overview_makes_the_same_number_of_queries_for_2_and_40_rows(
    lead: Client, spec: Specification, django_assert_max_num_queries: Any
) -> None:
    _grow(spec, 2)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert lead.get(overview_url(spec)).status_code == 200
    _grow(spec, 38)
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = lead.get(overview_url(spec)).content.decode()
    assert "40 outcomes" in page
    # The open question comes last and is complete, so the 40 added ones are each listed.
    assert "Question 40 (" in page and "Question 41 (" not in page


def test_the_overview_says_when_nothing_stands_in_the_way(lead: Client, spec: Specification) -> None:
    from tandem.tenders.tests.test_services_specification import make_publishable

    make_publishable(spec, spec.commission.team.get().user)
    page = lead.get(overview_url(spec)).content.decode()
    assert "Nothing stands in the way of publishing" in page


def test_the_overview_lists_the_warnings_and_does_not_say_nothing_stands_in_the_way(
    lead: Client, spec: Specification
) -> None:
    from tandem.tenders.tests.test_services_specification import make_publishable

    make_publishable(spec, spec.commission.team.get().user, warnings=True)
    page = lead.get(overview_url(spec)).content.decode()
    assert "Nothing stands in the way" not in page
    assert "No rule stops you publishing, but Tandem has" in page and "4 warnings to look at first" in page
    pk = spec.commission.pk
    warnings = page.split('id="warnings"')[1].split("</ul>")[0]
    assert f'href="/commissions/{pk}/specification/timeline/">A short time to bid (Submission deadline)' in warnings
    assert f'href="/commissions/{pk}/specification/lens/">Too little time to respond (Submission deadline)' in warnings


# ----------------------------------------------------------------------------------------------
# The sections


def test_an_unknown_section_is_not_found(lead: Client, spec: Specification) -> None:
    assert lead.get(section_url(spec, "budget")).status_code == 404


@pytest.mark.parametrize(("section", "questions"), [("about", 5), ("agreement", 7), ("route", 6)])
def test_each_section_asks_with_hints_why_we_ask_and_autosave(
    lead: Client, spec: Specification, section: str, questions: int
) -> None:
    page = lead.get(section_url(spec, section)).content.decode()
    assert page.count("Why we ask") == questions
    assert "data-autosave" in page
    assert "Back to the specification" in page
    assert spec.commission.title in page


def test_the_agreement_page_shows_tandems_suggestion_above_the_choice(lead: Client, spec: Specification) -> None:
    Specification.objects.filter(pk=spec.pk).update(value_including_vat=Decimal("60000"))
    page = lead.get(section_url(spec, "agreement")).content.decode()
    assert page.index("Tandem suggests <strong>a grant</strong>") < page.index('name="agreement_kind"')
    assert "Tandem's own suggestion, not a legal rule" in page and "£100,000" in page


def test_choosing_against_the_suggestion_asks_for_a_reason_and_keeps_what_was_typed(
    lead: Client, spec: Specification
) -> None:
    Specification.objects.filter(pk=spec.pk).update(value_including_vat=Decimal("60000"))
    response = lead.post(section_url(spec, "agreement"), agreement_post(term_months="36", cost_review="Kept"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_agreement_reason-error"' in page
    assert "Say why you chose differently from Tandem" in page
    assert "Kept</textarea>" in page
    assert (
        lead.post(section_url(spec, "agreement"), agreement_post(agreement_reason="We need clear terms.")).status_code
        == 302
    )
    spec.refresh_from_db()
    assert (spec.agreement_kind, spec.agreement_reason, spec.consortium_welcome) == (
        "contract",
        "We need clear terms.",
        True,
    )


def test_saving_the_route_shows_the_threshold_and_returns_to_the_overview(lead: Client, spec: Specification) -> None:
    response = lead.post(section_url(spec, "route"), route_post(), follow=True)
    assert response.redirect_chain == [(overview_url(spec), 302)]
    page = response.content.decode()
    assert "Route and regime has been saved." in page
    assert "below the threshold for light-touch services (£663,540)" in page
    spec.refresh_from_db()
    assert (spec.value_including_vat, spec.light_touch, sections_saved(spec)) == (
        Decimal("450000.00"),
        True,
        {"route": 1},
    )
    assert AuditEntry.objects.filter(action="tenders.specification.changed").count() == 1
    again = lead.get(section_url(spec, "route")).content.decode()
    assert 'value="450000"' in again
    assert "Confirm it with your procurement adviser" in again
    assert "£207,720" in again and "1 January 2026" in again


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"cpv_code": "8531"}, "cpv_code", "Enter the CPV code as 8 digits"),
        ({"value_including_vat": "lots"}, "value_including_vat", "The value must be an amount in pounds"),
        ({"route": "two_stage"}, "second_stage", "Choose what the second stage is"),
        ({"route": "direct_award"}, "direct_award_justification", "Give the justification for a direct award"),
        ({"route": "lottery"}, "route", "Choose a route from the list"),
    ],
)
def test_bad_route_input_gets_a_message_beside_the_field(
    lead: Client, spec: Specification, overrides: dict[str, str], field: str, message: str
) -> None:
    response = lead.post(section_url(spec, "route"), route_post(**overrides))
    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="id_{field}-error"' in page
    assert message in page
    assert "<title>Error:" in page.replace("\n", "").replace("  ", "")
    assert sections_saved(spec) == {}


def test_a_clash_shows_the_banner_and_keeps_what_was_typed(
    lead: Client, spec: Specification, funder_admin: Any
) -> None:
    specification_section_save(
        actor=funder_admin,
        specification=spec,
        section="route",
        values={"route": "open", "cpv_code": "85000000", "light_touch": None, "value_including_vat": None},
        expected_version=0,
    )
    response = lead.post(section_url(spec, "route"), route_post(cpv_code="85312000-9"))
    page = response.content.decode()
    assert "Someone else changed this part of the specification while you were editing" in page
    assert 'value="85312000-9"' in page
    assert 'name="version" value="1"' in page
    assert Specification.objects.get(pk=spec.pk).cpv_code == "85000000"
    # Saving again, having seen it, goes through.
    assert lead.post(section_url(spec, "route"), route_post(cpv_code="85312000-9", version="1")).status_code == 302


def test_a_draft_is_shown_again_and_cleared_after_saving(lead: Client, spec: Specification, funder_member: Any) -> None:
    url = section_url(spec, "about")
    draft_save(user=funder_member, path=url, data={"reporting": "Quarterly, typed before the timeout"})
    page = lead.get(url).content.decode()
    assert "Quarterly, typed before the timeout" in page
    assert "We kept what you typed" in page
    data = {
        "purpose": "P",
        "people_for": "People",
        "services_required": "S",
        "reporting": "R",
        "ending_plan": "E",
        "version": "0",
    }
    assert lead.post(url, data).status_code == 302
    assert "typed before the timeout" not in lead.get(url).content.decode()


def test_observers_read_the_section_with_the_reason_and_cannot_save(client: Client, spec: Specification) -> None:
    observer = make_user("olive.observer@example.org", "Olive Observer")
    TeamMember.objects.create(commission=spec.commission, user=observer, role=TeamRole.OBSERVER)
    sign_in(client, observer)
    page = client.get(section_url(spec, "about")).content.decode()
    assert "Observers can read the commission but not change it" in page
    assert "data-autosave" not in page
    assert spec.purpose in page
    route = client.get(section_url(spec, "route")).content.decode()
    assert "Above the threshold or not" in route
    assert client.post(section_url(spec, "about"), {"purpose": "x", "version": "0"}).status_code == 403
    assert "You can read the specification but not change it" in client.get(overview_url(spec)).content.decode()


text = st.text(max_size=60)


@settings(max_examples=25, deadline=None)
@given(
    data=st.fixed_dictionaries(
        {
            "route": st.sampled_from(["", "open", "two_stage", "direct_award", "x"]) | text,
            "second_stage": st.sampled_from(["", "dialogue", "assurance"]) | text,
            "direct_award_justification": text,
            "cpv_code": text,
            "light_touch": st.sampled_from(["", "yes", "no", "not_sure"]) | text,
            "value_including_vat": text,
            "version": st.sampled_from(["", "0", "-1", "99999999999"]) | text,
        }
    )
)
def test_any_route_post_is_answered_without_a_server_error(data: Any) -> None:
    with example_rows() as roles:
        funder_member, funder_org = roles.user("funder_member"), roles.funder_org
        spec = specification_build(lead=funder_member, lead_funder=funder_org)
        lead = sign_in(Client(), funder_member, funder_org)
        clean = {key: value.replace("\x00", "") for key, value in data.items()}
        assert lead.post(section_url(spec, "route"), clean).status_code in {200, 302}


@settings(max_examples=25, deadline=None)
@given(
    data=st.fixed_dictionaries(
        {
            "agreement_kind": st.sampled_from(["", "contract", "grant"]) | text,
            "agreement_reason": text,
            "term_months": st.sampled_from(["", "0", "36", "601", "1e9"]) | text,
            "extension_months": text,
            "consortium_welcome": st.sampled_from(["", "yes", "no"]) | text,
            "cost_review": text,
            "version": st.sampled_from(["0", ""]) | text,
        }
    )
)
def test_any_agreement_post_is_answered_without_a_server_error(data: Any) -> None:
    with example_rows() as roles:
        funder_member, funder_org = roles.user("funder_member"), roles.funder_org
        spec = specification_build(lead=funder_member, lead_funder=funder_org)
        lead = sign_in(Client(), funder_member, funder_org)
        clean = {key: value.replace("\x00", "") for key, value in data.items()}
        assert lead.post(section_url(spec, "agreement"), clean).status_code in {200, 302}


def test_the_commission_page_links_to_the_specification(lead: Client, spec: Specification) -> None:
    page = lead.get(reverse("commissions:detail", kwargs={"pk": spec.commission.pk})).content.decode()
    assert f'href="{overview_url(spec)}">The specification</a>' in page


def test_saying_it_is_specialist_work_changes_the_suggestion_on_the_same_form(
    lead: Client, spec: Specification
) -> None:
    """A large sum suggests a contract; saying it is specialist work turns the suggestion to a grant,
    so choosing a grant then needs no reason (seed 004, chapter 4)."""
    from decimal import Decimal

    Specification.objects.filter(pk=spec.pk).update(value_including_vat=Decimal("900000"))
    data = {
        "specialist_work": "no",
        "agreement_kind": "grant",
        "agreement_reason": "",
        "term_months": "36",
        "extension_months": "",
        "consortium_welcome": "no",
        "cost_review": "",
        "version": "0",
    }
    refused = lead.post(section_url(spec, "agreement"), data)
    assert refused.status_code == 200
    assert "Say why you chose differently from Tandem&#x27;s suggestion" in refused.content.decode()
    saved = lead.post(section_url(spec, "agreement"), {**data, "specialist_work": "yes"})
    assert saved.status_code == 302
    spec.refresh_from_db()
    assert spec.specialist_work is True
    assert spec.agreement_kind == "grant"
    assert spec.agreement_reason == ""
