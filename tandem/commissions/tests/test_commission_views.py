"""The commission pages: list, start, journey, change the details, and the stage we are in."""

from __future__ import annotations

from decimal import Decimal
from html import unescape
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from conftest import sign_in
from tandem.audit.models import AuditEntry
from tandem.commissions.models import (
    Comment,
    Commission,
    PartnerFunder,
    Response,
    ResponseKind,
    StageProgress,
    StageStatus,
    TeamMember,
    TeamRole,
)
from tandem.commissions.services.commission import commission_update
from tandem.commissions.tests.builders import commission_build, details
from tandem.core.drafts import draft_save
from tandem.frameworks.models import Framework, FrameworkKind, FrameworkVersion, Prompt, Stage
from tandem.organisations.models import Organisation, OrganisationKind

pytestmark = pytest.mark.django_db

CREATE = reverse("commissions:create")


@pytest.fixture
def nhs(db: Any) -> Organisation:
    return Organisation.objects.create(
        name="Anyborough NHS Trust", slug="anyborough-nhs", kind=OrganisationKind.NHS_BODY
    )


def valid_post(**overrides: Any) -> dict[str, Any]:
    data = {
        "title": "Young people's mental health",
        "purpose": "Earlier help for young people who are struggling.",
        "service_area": "Mental health",
        "people_for": "People aged 11 to 25 in Anyborough.",
        "estimated_value": "£1,200,000",
        "starts_on_day": "1",
        "starts_on_month": "4",
        "starts_on_year": "2027",
        "ends_on_day": "31",
        "ends_on_month": "3",
        "ends_on_year": "2030",
    }
    data.update(overrides)
    return data


# ----------------------------------------------------------------------------------------------
# Starting a commission


def test_create_page_shows_the_lead_funder_and_framework_and_why_we_ask(
    role_client: Any, tiny_journey: FrameworkVersion, nhs: Organisation
) -> None:
    page = role_client("funder_member").get(CREATE).content.decode()
    assert "Start a commission" in page
    assert "Anyborough Borough Council" in page  # the lead funder, shown not asked
    assert 'name="lead_funder"' not in page
    assert "Test journey, version 1" in page
    assert 'name="framework_version"' not in page  # only one journey: shown, not asked
    assert page.count("Why we ask") >= 8
    assert "data-autosave" in page
    # Three empty partner rows, choosing from funders other than the lead funder.
    assert 'name="partner_3_organisation"' in page and 'name="partner_4_organisation"' not in page
    assert ">Anyborough NHS Trust</option>" in page
    assert ">Anyborough Borough Council</option>" not in page
    assert ">Riverside Women&#x27;s Aid</option>" not in page
    assert 'name="starts_on_day"' in page


def test_create_makes_the_commission_and_goes_to_its_journey(
    role_client: Any, funder_member: Any, funder_org: Organisation, tiny_journey: FrameworkVersion, nhs: Organisation
) -> None:
    client = role_client("funder_member")
    response = client.post(CREATE, valid_post(partner_2_organisation=str(nhs.pk), partner_2_contribution="250k"))
    commission = Commission.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("commissions:detail", args=[commission.pk])
    assert commission.lead_funder == funder_org
    assert commission.estimated_value == Decimal("1200000.00")
    assert str(commission.starts_on) == "2027-04-01" and str(commission.ends_on) == "2030-03-31"
    assert commission.framework_version == tiny_journey
    assert PartnerFunder.objects.get().contribution == Decimal("250000.00")
    assert TeamMember.objects.get().user == funder_member
    assert StageProgress.objects.filter(commission=commission).count() == 7
    page = client.get(response["Location"]).content.decode()
    assert "You have started Young people&#x27;s mental health" in page


def test_create_explains_mistakes_and_keeps_what_was_typed(
    role_client: Any, tiny_journey: FrameworkVersion, nhs: Organisation
) -> None:
    response = role_client("funder_member").post(
        CREATE,
        valid_post(
            title="",
            estimated_value="lots",
            ends_on_year="2026",
            partner_1_contribution="5000",
            partner_2_organisation=str(nhs.pk),
            partner_3_organisation=str(nhs.pk),
            partner_3_contribution="-4",
        ),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Enter a title" in page
    assert "The estimated value must be an amount in pounds" in page
    assert "The end date must be after the start date" in page
    assert "Choose partner funder 1, or clear what they put in" in page
    assert "This funder is already partner funder 2. Choose it once" in page
    assert "What partner funder 3 puts in must be £0 or more" in page
    assert 'value="lots"' in page
    assert "Earlier help for young people who are struggling." in page
    assert not Commission.objects.exists()


def test_a_partner_putting_in_more_than_the_whole_is_refused_beside_its_box(
    role_client: Any, tiny_journey: FrameworkVersion, nhs: Organisation
) -> None:
    response = role_client("funder_member").post(
        CREATE,
        valid_post(estimated_value="450000", partner_2_organisation=str(nhs.pk), partner_2_contribution="£600,000"),
    )
    assert response.status_code == 200
    page = " ".join(unescape(response.content.decode()).split())
    message = (
        "Anyborough NHS Trust puts in £600,000, which is more than the estimated value of the whole commission "
        "(£450,000). A partner's part cannot be more than the whole, so check both amounts"
    )
    assert f'<a href="#id_partner_2_contribution">{message}</a>' in page
    beside = page[page.index('id="id_partner_2_contribution-error"') :]
    assert message in beside[: beside.index("</p>")]
    assert 'value="£600,000"' in page and 'value="450000"' in page
    assert not Commission.objects.exists()


def test_partners_together_putting_in_more_than_the_whole_is_refused_beside_the_value(
    role_client: Any, commission: Commission, nhs: Organisation
) -> None:
    pcc = Organisation.objects.create(name="Police and crime office", slug="pcc", kind=OrganisationKind.PCC)
    response = role_client("funder_member").post(
        reverse("commissions:edit", args=[commission.pk]),
        valid_post(
            version=str(commission.version),
            estimated_value="100k",
            partner_1_organisation=str(nhs.pk),
            partner_1_contribution="60000",
            partner_2_organisation=str(pcc.pk),
            partner_2_contribution="50000",
        ),
    )
    assert response.status_code == 200
    page = " ".join(unescape(response.content.decode()).split())
    assert '<a href="#id_estimated_value">The partner funders put in £110,000 altogether' in page
    beside = page[page.index('id="id_estimated_value-error"') :]
    assert "which is more than the estimated value of the whole commission (£100,000)" in beside[: beside.index("</p>")]
    assert not PartnerFunder.objects.filter(commission=commission).exists()


def test_create_needs_a_funder(role_client: Any, tiny_journey: FrameworkVersion) -> None:
    response = role_client("provider_member").get(CREATE)
    assert response.status_code == 403
    assert "started by funders" in response.content.decode()
    assert role_client("site_admin").get(CREATE).status_code == 403


def test_create_without_a_framework_says_what_to_do(role_client: Any) -> None:
    response = role_client("funder_member").get(CREATE)
    assert response.status_code == 200
    page = response.content.decode()
    assert "You cannot start a commission yet" in page
    assert "<form" not in page.split("<main", 1)[1].split("</main>")[0] or "Start the commission" not in page


def test_several_journeys_are_offered_as_radios(
    role_client: Any, tiny_journey: FrameworkVersion, funder_org: Organisation
) -> None:
    other = Framework.objects.create(slug="another", kind=FrameworkKind.JOURNEY, name="Another journey")
    other_version = FrameworkVersion.objects.create(
        framework=other, number=3, content_hash="3" * 64, published_at=timezone.now()
    )
    Stage.objects.create(version=other_version, slug="only", name="Only", order=1)
    client = role_client("funder_member")
    page = client.get(CREATE).content.decode()
    assert 'name="framework_version"' in page
    assert "Another journey (version 3)" in page and "Test journey (version 1)" in page
    response = client.post(CREATE, valid_post(framework_version=str(other_version.pk)))
    assert response.status_code == 302
    assert Commission.objects.get().framework_version == other_version
    assert Commission.objects.get().current_stage == "only"
    response = client.post(CREATE, valid_post(framework_version="999999"))
    assert "Choose a framework from the list" in response.content.decode()


def test_create_restores_a_draft(
    role_client: Any, funder_member: Any, tiny_journey: FrameworkVersion, nhs: Organisation
) -> None:
    draft_save(user=funder_member, path=CREATE, data={"title": "Half-typed title", "partner_5_contribution": "10"})
    page = role_client("funder_member").get(CREATE).content.decode()
    assert "We kept what you typed last time" in page
    assert 'value="Half-typed title"' in page
    assert 'name="partner_5_contribution"' in page  # enough rows for the draft


# ----------------------------------------------------------------------------------------------
# The list


def test_list_shows_the_commissions_the_person_can_see(
    role_client: Any, commission: Commission, funder_org: Organisation, provider_member: Any
) -> None:
    page = role_client("funder_member").get(reverse("commissions:list")).content.decode()
    assert "Domestic abuse support" in page
    assert "Reflect" in page and "Not started" in page
    assert "0 of 7" in page
    assert "Lead" in page
    admin_page = role_client("funder_admin").get(reverse("commissions:list")).content.decode()
    assert "Domestic abuse support" in admin_page
    assert "Lead funder administrator" in admin_page
    for role in ("provider_member", "site_admin"):
        page = role_client(role).get(reverse("commissions:list")).content.decode()
        assert "Domestic abuse support" not in page
        assert "You are not on the team of any commission yet" in page


def test_list_runs_a_fixed_number_of_queries(
    role_client: Any, funder_member: Any, funder_org: Organisation, tiny_journey: FrameworkVersion,
    django_assert_num_queries: Any,
) -> None:  # fmt: skip
    client = role_client("funder_member")
    commission_build(lead=funder_member, lead_funder=funder_org, version=tiny_journey)
    url = reverse("commissions:list")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(12):
        commission_build(lead=funder_member, lead_funder=funder_org, version=tiny_journey, title=f"Commission {n}")
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(url)


# ----------------------------------------------------------------------------------------------
# The journey page


def test_journey_page_shows_stages_in_order_with_status_and_links(
    role_client: Any, commission: Commission, funder_member: Any
) -> None:
    prompt = Prompt.objects.filter(stage__version=commission.framework_version, stage__slug="assess").first()
    assert prompt is not None
    Response.objects.create(
        commission=commission, prompt=prompt, kind=ResponseKind.ANSWER, text="Yes", author=funder_member
    )
    StageProgress.objects.filter(commission=commission, stage__slug="assess").update(status=StageStatus.IN_PROGRESS)
    StageProgress.objects.filter(commission=commission, stage__slug="design").update(status=StageStatus.CONSIDERED)
    StageProgress.objects.filter(commission=commission, stage__slug="procure").update(status=StageStatus.REVISIT)
    page = role_client("funder_member").get(reverse("commissions:detail", args=[commission.pk])).content.decode()
    assert 'class="govuk-task-list"' in page
    positions = [page.index(f"{n}. {name}</a>") for n, name in enumerate(
        ("Reflect", "Assess", "Design", "Procure", "Relate", "Evaluate", "Sustain"), start=1
    )]  # fmt: skip
    assert positions == sorted(positions)
    for slug in ("reflect", "assess", "sustain"):
        assert reverse("commissions:stage", args=[commission.pk, slug]) in page
    assert 'govuk-tag govuk-tag--grey">Not started' in page
    assert 'govuk-tag govuk-tag--blue">In progress' in page
    assert 'govuk-tag govuk-tag--green">Considered' in page
    assert 'govuk-tag govuk-tag--yellow">Revisit' in page
    assert "1 of 2 prompts answered" in page
    assert "answered 1 of 14 prompts" in page
    assert "You are here: <strong>Reflect</strong>" in page
    assert "any order" in page and "never closes a stage" in page
    assert reverse("commissions:coverage", args=[commission.pk]) in page
    assert reverse("commissions:export", args=[commission.pk, "pdf"]) in page
    assert reverse("commissions:export", args=[commission.pk, "docx"]) in page
    assert reverse("commissions:lens", args=[commission.pk, "test-journey-lens"]) in page
    assert reverse("commissions:current-stage", args=[commission.pk]) in page
    assert reverse("commissions:edit", args=[commission.pk]) in page
    # The summary and the team.
    assert "Safe, steady support for people leaving abuse." in page
    assert "Fran Funder (you): Lead" in page
    assert "Not known yet" in page  # no estimated value


def test_journey_page_for_an_observer_has_no_stage_form_or_change_link(
    commission: Commission, make_member: Any
) -> None:
    observer = make_member(commission, "olu@example.org", TeamRole.OBSERVER)
    page = sign_in(Client(), observer).get(reverse("commissions:detail", args=[commission.pk])).content.decode()
    assert reverse("commissions:current-stage", args=[commission.pk]) not in page
    assert reverse("commissions:edit", args=[commission.pk]) not in page
    assert "See the team and what each role does" in page


def test_journey_page_is_private(role_client: Any, commission: Commission) -> None:
    url = reverse("commissions:detail", args=[commission.pk])
    response = role_client("provider_member").get(url)
    assert response.status_code == 403
    assert "Only the commission&#x27;s team" in response.content.decode()
    assert role_client("site_admin").get(url).status_code == 403
    assert (
        role_client("funder_member").get(reverse("commissions:detail", args=[commission.pk + 1000])).status_code == 404
    )


def _responses_and_comments(commission: Commission, author: Any, count: int) -> None:
    """``count`` responses (revisions; the newest of each prompt is current) and ``count`` comments."""
    prompts = list(Prompt.objects.filter(stage__version=commission.framework_version).order_by("pk"))
    rows = []
    for n in range(count):
        prompt = prompts[n % len(prompts)]
        rows.append((prompt, n // len(prompts) + 1))
    last = {prompt.pk: revision for prompt, revision in rows}
    Response.objects.bulk_create(
        [
            Response(
                commission=commission,
                prompt=prompt,
                kind=ResponseKind.ANSWER,
                text=f"Answer {revision}",
                author=author,
                revision=revision,
                is_current=last[prompt.pk] == revision,
            )
            for prompt, revision in rows
        ]
    )
    Comment.objects.bulk_create(
        [
            Comment(commission=commission, prompt=prompts[n % len(prompts)], author=author, text="A thought")
            for n in range(count)
        ]
    )


def test_journey_page_runs_the_same_queries_for_5_and_500_answers(
    role_client: Any, funder_member: Any, funder_org: Organisation, tiny_journey: FrameworkVersion,
    django_assert_num_queries: Any, make_member: Any,
) -> None:  # fmt: skip
    few = commission_build(lead=funder_member, lead_funder=funder_org, version=tiny_journey, title="Few")
    many = commission_build(lead=funder_member, lead_funder=funder_org, version=tiny_journey, title="Many")
    _responses_and_comments(few, funder_member, 5)
    _responses_and_comments(many, funder_member, 500)
    for n in range(6):
        make_member(many, f"member{n}@example.org", TeamRole.FINANCE)
    client = role_client("funder_member")
    client.get(reverse("commissions:detail", args=[few.pk]))  # warm the session
    with CaptureQueriesContext(connection) as counted:
        response = client.get(reverse("commissions:detail", args=[few.pk]))
    assert response.status_code == 200
    assert "answered 5 of 14 prompts" in response.content.decode()
    expected = len(counted.captured_queries)
    with django_assert_num_queries(expected):
        response = client.get(reverse("commissions:detail", args=[many.pk]))
    assert "answered 14 of 14 prompts" in response.content.decode()
    assert expected <= 16, [q["sql"] for q in counted.captured_queries]


# ----------------------------------------------------------------------------------------------
# The stage we are in now


def test_setting_the_current_stage(role_client: Any, commission: Commission) -> None:
    client = role_client("funder_member")
    url = reverse("commissions:current-stage", args=[commission.pk])
    response = client.post(url, {"stage": "evaluate"})
    assert response.status_code == 302
    assert response["Location"] == reverse("commissions:detail", args=[commission.pk])
    commission.refresh_from_db()
    assert commission.current_stage == "evaluate"
    page = client.get(response["Location"]).content.decode()
    assert "You are now in the Evaluate stage" in page
    assert "You are here: <strong>Evaluate</strong>" in page
    assert AuditEntry.objects.filter(action="commissions.commission.stage_moved").exists()
    response = client.post(url, {"stage": "nowhere"})
    assert response.status_code == 200
    assert "Choose a stage from the list" in response.content.decode()
    assert client.get(url).status_code == 405


def test_observers_cannot_set_the_current_stage(commission: Commission, make_member: Any) -> None:
    observer = make_member(commission, "olu@example.org", TeamRole.OBSERVER)
    response = sign_in(Client(), observer).post(
        reverse("commissions:current-stage", args=[commission.pk]), {"stage": "assess"}
    )
    assert response.status_code == 403


# ----------------------------------------------------------------------------------------------
# Changing the details


def test_edit_shows_saved_details_and_saves_changes(
    role_client: Any, commission: Commission, nhs: Organisation
) -> None:
    PartnerFunder.objects.create(commission=commission, organisation=nhs, contribution=Decimal("75000.50"))
    client = role_client("funder_admin")
    url = reverse("commissions:edit", args=[commission.pk])
    page = client.get(url).content.decode()
    assert 'value="Domestic abuse support"' in page
    assert 'value="75000.50"' in page
    assert 'name="partner_4_organisation"' in page and 'name="partner_5_organisation"' not in page
    assert 'name="version" value="1"' in page
    assert "data-autosave" in page
    response = client.post(
        url,
        valid_post(
            title="Domestic abuse support, second try",
            version="1",
            partner_1_organisation=str(nhs.pk),
            partner_1_contribution="80000",
        ),
    )
    assert response.status_code == 302
    commission.refresh_from_db()
    assert commission.title == "Domestic abuse support, second try"
    assert commission.version == 2
    assert PartnerFunder.objects.get(commission=commission).contribution == Decimal("80000.00")
    assert AuditEntry.objects.filter(action="commissions.commission.updated").exists()


def test_edit_warns_when_someone_else_saved_and_keeps_what_was_typed(
    role_client: Any, commission: Commission, funder_admin: Any
) -> None:
    client = role_client("funder_member")
    url = reverse("commissions:edit", args=[commission.pk])
    commission_update(
        actor=funder_admin, commission=commission, details=details(title="Their title"), expected_version=1
    )
    response = client.post(url, valid_post(title="My title", version="1"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone else changed this commission" in page
    assert "Their title" in page
    assert 'value="My title"' in page
    assert 'name="version" value="2"' in page
    assert "Different from yours" in page
    commission.refresh_from_db()
    assert commission.title == "Their title"
    # Saving again, having seen the other changes, goes through.
    response = client.post(url, valid_post(title="My title", version="2"))
    assert response.status_code == 302
    commission.refresh_from_db()
    assert commission.title == "My title"


def test_edit_without_a_version_is_treated_as_a_clash(role_client: Any, commission: Commission) -> None:
    response = role_client("funder_member").post(reverse("commissions:edit", args=[commission.pk]), valid_post())
    assert "Someone else changed this commission" in response.content.decode()


def test_edit_is_for_leads_and_lead_funder_admins(commission: Commission, make_member: Any) -> None:
    finance = make_member(commission, "fin@example.org", TeamRole.FINANCE)
    response = sign_in(Client(), finance).get(reverse("commissions:edit", args=[commission.pk]))
    assert response.status_code == 403
    assert escape("Only the commission's lead") in response.content.decode()


def test_with_no_other_funders_there_are_no_partner_rows(role_client: Any, tiny_journey: FrameworkVersion) -> None:
    client = role_client("funder_member")
    page = client.get(CREATE).content.decode()
    assert "There are no other funders on Tandem yet" in page
    assert 'name="partner_1_organisation"' not in page
    response = client.post(CREATE, valid_post(partner_1_organisation="1", partner_1_contribution="5"))
    assert response.status_code == 302
    assert not PartnerFunder.objects.exists()
