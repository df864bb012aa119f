"""Reads for the commission pages, scoped to the person looking."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import make_user
from tandem.commissions.models import (
    Commission,
    CommissionInvitation,
    Response,
    ResponseKind,
    StageProgress,
    StageStatus,
    TeamMember,
    TeamRole,
)
from tandem.commissions.selectors.commission import (
    NO_NAME,
    commission_get,
    commission_invitation_get_by_token,
    commission_invitation_list_open,
    commission_invitation_list_pending,
    commission_journey,
    commission_list_for_user,
    commission_rows,
    funder_organisations,
    journey_versions_current,
    lens_frameworks_for,
    team_contact_places,
    team_member_get,
    team_rows,
    team_sorted,
    team_welcomes_for,
)
from tandem.commissions.services.team import (
    ROLE_CAN_DO,
    commission_invitation_create,
    commission_invitation_revoke,
)
from tandem.commissions.tests.builders import commission_build, journey_build
from tandem.core.exceptions import PermissionDenied
from tandem.frameworks.models import FrameworkVersion, Prompt
from tandem.organisations.models import Membership, MembershipRole, Organisation, OrganisationKind

pytestmark = pytest.mark.django_db


def test_current_journey_versions_are_the_newest_of_each_journey(tiny_journey: FrameworkVersion) -> None:
    newer = FrameworkVersion.objects.create(
        framework=tiny_journey.framework, number=2, content_hash="9" * 64, published_at=timezone.now()
    )
    other = journey_build(slug="other-journey", name="Another journey")
    assert journey_versions_current() == [other, newer]  # by name; lenses are left out


def test_funder_organisations_lists_only_funders(funder_org: Organisation, provider_org: Organisation) -> None:
    assert funder_organisations() == [(funder_org.pk, funder_org.name)]


def test_lenses_for_a_journey(tiny_journey: FrameworkVersion) -> None:
    assert [lens.slug for lens in lens_frameworks_for(version=tiny_journey)] == ["test-journey-lens"]


def test_commission_get_is_scoped_to_the_team_and_lead_funder_admins(
    commission: Commission, funder_member: Any, funder_admin: Any, provider_member: Any, site_admin: Any
) -> None:
    assert commission_get(viewer=funder_member, pk=commission.pk) == commission
    assert commission_get(viewer=funder_admin, pk=commission.pk) == commission
    for person in (provider_member, site_admin):
        with pytest.raises(PermissionDenied):
            commission_get(viewer=person, pk=commission.pk)
    assert commission_get(viewer=funder_member, pk=commission.pk + 99) is None


def test_a_plain_member_of_the_lead_funder_does_not_see_it(commission: Commission, funder_org: Organisation) -> None:
    colleague = make_user("col@example.org", "Colleague")
    Membership.objects.create(user=colleague, organisation=funder_org, role=MembershipRole.MEMBER)
    with pytest.raises(PermissionDenied):
        commission_get(viewer=colleague, pk=commission.pk)
    assert list(commission_list_for_user(user=colleague)) == []


def test_list_for_user(
    commission: Commission, funder_member: Any, funder_admin: Any, provider_member: Any, site_admin: Any,
    tiny_journey: FrameworkVersion, make_member: Any,
) -> None:  # fmt: skip
    elsewhere = Organisation.objects.create(name="Elsewhere", slug="elsewhere", kind=OrganisationKind.PCC)
    elsewhere_lead = make_user("else@example.org", "Else Where")
    Membership.objects.create(user=elsewhere_lead, organisation=elsewhere, role=MembershipRole.MEMBER)
    other = commission_build(lead=elsewhere_lead, lead_funder=elsewhere, version=tiny_journey, title="Elsewhere's")
    make_member(other, "lx@example.org", TeamRole.LIVED_EXPERIENCE)
    assert list(commission_list_for_user(user=funder_member)) == [commission]
    assert list(commission_list_for_user(user=funder_admin)) == [commission]
    assert list(commission_list_for_user(user=provider_member)) == []
    assert list(commission_list_for_user(user=site_admin)) == []
    assert list(commission_list_for_user(user=elsewhere_lead)) == [other]
    StageProgress.objects.filter(commission=commission, stage__slug="design").update(status=StageStatus.CONSIDERED)
    Commission.objects.filter(pk=commission.pk).update(current_stage="design")
    rows = commission_rows(list(commission_list_for_user(user=funder_member)))
    assert (rows[0].current_stage, rows[0].current_status, rows[0].considered, rows[0].stages) == (
        "Design",
        "Considered",
        1,
        7,
    )
    assert rows[0].current_tag == "govuk-tag--green"
    assert rows[0].my_role == "Lead"
    assert commission_rows(list(commission_list_for_user(user=funder_admin)))[0].my_role == "Lead funder administrator"


def test_journey_counts_current_answers_per_stage(commission: Commission, funder_member: Any) -> None:
    prompts = list(Prompt.objects.filter(stage__version=commission.framework_version, stage__slug="reflect"))
    Response.objects.create(
        commission=commission, prompt=prompts[0], kind=ResponseKind.ANSWER, text="Old", author=funder_member,
        revision=1, is_current=False,
    )  # fmt: skip
    Response.objects.create(
        commission=commission, prompt=prompts[0], kind=ResponseKind.ANSWER, text="New", author=funder_member, revision=2
    )
    Response.objects.create(
        commission=commission, prompt=prompts[1], kind=ResponseKind.NOT_RELEVANT, reason="Because", author=funder_member
    )
    StageProgress.objects.filter(commission=commission, stage__slug="reflect").update(status=StageStatus.REVISIT)
    journey = commission_journey(viewer=funder_member, commission=commission)
    assert [row.stage.slug for row in journey.stages] == [
        "reflect", "assess", "design", "procure", "relate", "evaluate", "sustain",
    ]  # fmt: skip
    reflect = journey.stages[0]
    assert (reflect.answered, reflect.prompts, reflect.status, reflect.tag_class) == (
        2,
        2,
        "revisit",
        "govuk-tag--yellow",
    )
    assert reflect.is_current and journey.current == reflect
    assert (journey.answered, journey.prompts) == (2, 14)
    assert journey.stages[1].status_label == "Not started"


def test_journey_counts_answers_without_joining_or_grouping_in_the_database(
    commission: Commission, funder_member: Any
) -> None:
    # Each current response's prompt is placed in its stage from the kept outline: the read needs no
    # join to the prompts and no GROUP BY, and reads at most one row per prompt.
    prompts = list(Prompt.objects.filter(stage__version=commission.framework_version).order_by("pk"))
    for prompt in prompts[:3]:
        Response.objects.create(
            commission=commission, prompt=prompt, kind=ResponseKind.ANSWER, text="Yes", author=funder_member
        )
    commission_journey(viewer=funder_member, commission=commission)  # keeps the outline
    with CaptureQueriesContext(connection) as queries:
        journey = commission_journey(viewer=funder_member, commission=commission)
    reads = [q["sql"] for q in queries.captured_queries if 'FROM "commissions_response"' in q["sql"]]
    assert len(reads) == 1
    assert "JOIN" not in reads[0] and "GROUP BY" not in reads[0]
    by_stage: dict[str, int] = {}
    for prompt in prompts[:3]:
        by_stage[prompt.stage.slug] = by_stage.get(prompt.stage.slug, 0) + 1
    assert {row.stage.slug: row.answered for row in journey.stages if row.answered} == by_stage
    assert journey.answered == 3


def test_journey_is_scoped(commission: Commission, provider_member: Any) -> None:
    with pytest.raises(PermissionDenied):
        commission_journey(viewer=provider_member, commission=commission)


def test_team_sorted_and_member_get(commission: Commission, funder_member: Any, make_member: Any) -> None:
    make_member(commission, "zed@example.org", TeamRole.OBSERVER)
    make_member(commission, "amy@example.org", TeamRole.FINANCE)
    loaded = commission_get(viewer=funder_member, pk=commission.pk)
    assert loaded is not None
    assert [m.role for m in team_sorted(loaded)] == ["lead", "finance", "observer"]
    member = team_sorted(loaded)[1]
    assert team_member_get(viewer=funder_member, commission=loaded, member_pk=member.pk) == member
    assert team_member_get(viewer=funder_member, commission=loaded, member_pk=0) is None


def test_pending_invitations_and_tokens(commission: Commission, funder_member: Any, make_member: Any) -> None:
    waiting, token = commission_invitation_create(
        actor=funder_member, commission=commission, email="a@example.org", role="observer"
    )
    cancelled, _ = commission_invitation_create(
        actor=funder_member, commission=commission, email="b@example.org", role="observer"
    )
    commission_invitation_revoke(actor=funder_member, commission=commission, invitation=cancelled)
    assert commission_invitation_list_pending(viewer=funder_member, commission=commission) == [waiting]
    finance = make_member(commission, "fin@example.org", TeamRole.FINANCE)
    with pytest.raises(PermissionDenied):
        commission_invitation_list_pending(viewer=finance, commission=commission)
    assert commission_invitation_get_by_token(token=token) == waiting
    assert commission_invitation_get_by_token(token="nope") is None
    assert commission_invitation_get_by_token(token="") is None
    assert commission_invitation_get_by_token(token="x" * 300) is None


# ----------------------------------------------------------------------------------------------
# Issue 10: what each viewer sees of the team, open invitations, and what other apps' pages show


def test_team_rows_show_an_email_only_to_its_owner_unless_shared(
    commission: Commission, funder_member: Any, make_member: Any
) -> None:
    kit = make_member(commission, "kit@example.org", TeamRole.LIVED_EXPERIENCE)
    loaded = commission_get(viewer=funder_member, pk=commission.pk)
    assert loaded is not None
    rows = {row.member.user_id: row for row in team_rows(viewer=funder_member, commission=loaded)}
    assert (rows[kit.pk].name, rows[kit.pk].email, rows[kit.pk].is_you) == ("Kit", "", False)
    assert (rows[funder_member.pk].email, rows[funder_member.pk].is_you) == (funder_member.email, True)

    # Someone with no name whose address is not shared is never named by it.
    kit.full_name = ""
    kit.save()
    loaded = commission_get(viewer=funder_member, pk=commission.pk)
    assert loaded is not None
    row = next(r for r in team_rows(viewer=funder_member, commission=loaded) if r.member.user_id == kit.pk)
    assert (row.name, row.email) == (NO_NAME, "")
    TeamMember.objects.filter(user=kit).update(shares_email=True)
    loaded = commission_get(viewer=funder_member, pk=commission.pk)
    assert loaded is not None
    row = next(r for r in team_rows(viewer=funder_member, commission=loaded) if r.member.user_id == kit.pk)
    assert (row.name, row.email) == ("kit@example.org", "kit@example.org")


def test_open_invitations_are_waiting_or_expired_and_the_newest_to_each_address(
    commission: Commission, funder_member: Any, make_member: Any
) -> None:
    def create(email: str) -> CommissionInvitation:
        return commission_invitation_create(actor=funder_member, commission=commission, email=email, role="observer")[0]

    waiting = create("a@example.org")
    expired = create("b@example.org")
    CommissionInvitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(days=1))
    replaced = create("c@example.org")
    CommissionInvitation.objects.filter(pk=replaced.pk).update(expires_at=timezone.now() - timedelta(days=1))
    replacement = create("c@example.org")
    cancelled = create("d@example.org")
    commission_invitation_revoke(actor=funder_member, commission=commission, invitation=cancelled)
    joined_otherwise = create("e@example.org")
    make_member(commission, "e@example.org", TeamRole.FINANCE)

    loaded = commission_get(viewer=funder_member, pk=commission.pk)
    assert loaded is not None
    listed = commission_invitation_list_open(viewer=funder_member, commission=loaded)
    assert {i.pk for i in listed} == {waiting.pk, expired.pk, replacement.pk}
    assert joined_otherwise.pk not in {i.pk for i in listed}
    finance = make_member(commission, "fin@example.org", TeamRole.FINANCE)
    with pytest.raises(PermissionDenied):
        commission_invitation_list_open(viewer=finance, commission=loaded)


def test_the_account_page_and_the_home_page_read_a_persons_teams(
    commission: Commission, funder_member: Any, make_member: Any, django_assert_num_queries: Any
) -> None:
    kit = make_member(commission, "kit@example.org", TeamRole.LIVED_EXPERIENCE)
    other = commission_build(lead=funder_member, lead_funder=commission.lead_funder, title="Young carers")
    TeamMember.objects.create(commission=other, user=kit, role=TeamRole.OBSERVER, shares_email=True)

    request = RequestFactory().get("/")
    request.user = kit
    places = team_contact_places(request)
    assert [(p.name, p.shares_email) for p in places] == [
        ("the team for Domestic abuse support", False),
        ("the team for Young carers", True),
    ]
    assert places[0].change_url == f"/commissions/{commission.pk}/team/your-details/"

    with django_assert_num_queries(2):
        welcomes = team_welcomes_for(kit)
    first = welcomes[0]
    assert first.title == "Domestic abuse support"
    assert first.role_article == "a lived-experience member"
    assert first.role_words.startswith("Brings what it is like to use services like this")
    assert "Choose which questions you answer: you do not have to answer all of them" in first.can_do
    assert first.contacts == ("Fran Funder",)
    assert first.leave_url == f"/commissions/{commission.pk}/team/leave/"
    assert welcomes[1].can_do == ("Read everything the team has written", ROLE_CAN_DO["observer"][1])
    # A lead's contacts are the other leads, and never themselves.
    assert team_welcomes_for(funder_member)[0].contacts == ()
