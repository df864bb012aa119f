"""Reads for the commission pages, scoped to the person looking."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from conftest import make_user
from tandem.commissions.models import (
    Commission,
    Response,
    ResponseKind,
    StageProgress,
    StageStatus,
    TeamRole,
)
from tandem.commissions.selectors.commission import (
    commission_get,
    commission_invitation_get_by_token,
    commission_invitation_list_pending,
    commission_journey,
    commission_list_for_user,
    commission_rows,
    funder_organisations,
    journey_versions_current,
    lens_frameworks_for,
    team_member_get,
    team_sorted,
)
from tandem.commissions.services.team import commission_invitation_create, commission_invitation_revoke
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
