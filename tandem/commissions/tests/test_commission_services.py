"""Starting a commission, changing its details and moving the "you are here" marker."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from tandem.audit.models import AuditEntry
from tandem.commissions.models import Commission, PartnerFunder, StageProgress, StageStatus, TeamMember, TeamRole
from tandem.commissions.services.commission import (
    PartnerShare,
    commission_create,
    commission_current_stage_set,
    commission_update,
)
from tandem.commissions.tests.builders import details, journey_build
from tandem.core.concurrency import EditConflict
from tandem.core.exceptions import ApplicationError, PermissionDenied
from tandem.frameworks.models import FrameworkVersion
from tandem.notifications.models import Notification
from tandem.organisations.models import Organisation, OrganisationKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def nhs(db: Any) -> Organisation:
    return Organisation.objects.create(
        name="Anyborough NHS Trust", slug="anyborough-nhs", kind=OrganisationKind.NHS_BODY
    )


@pytest.fixture
def pcc(db: Any) -> Organisation:
    return Organisation.objects.create(name="Police and crime office", slug="pcc", kind=OrganisationKind.PCC)


def test_creating_makes_the_creator_lead_and_every_stage_not_started(
    funder_member: Any, funder_org: Organisation, tiny_journey: FrameworkVersion, nhs: Organisation
) -> None:
    commission = commission_create(
        actor=funder_member,
        lead_funder=funder_org,
        framework_version=tiny_journey,
        details=details(
            title="  Domestic   abuse support ",
            estimated_value=Decimal("450000"),
            starts_on=datetime.date(2027, 4, 1),
            ends_on=datetime.date(2030, 3, 31),
            partners=[PartnerShare(organisation_id=nhs.pk, contribution=Decimal("50000"))],
        ),
    )
    assert commission.title == "Domestic abuse support"
    assert commission.lead_funder == funder_org
    assert commission.created_by == funder_member
    assert commission.current_stage == "reflect"
    assert commission.version == 1
    assert TeamMember.objects.get(commission=commission).user == funder_member
    assert TeamMember.objects.get(commission=commission).role == TeamRole.LEAD
    progress = StageProgress.objects.filter(commission=commission)
    assert progress.count() == 7
    assert set(progress.values_list("status", flat=True)) == {StageStatus.NOT_STARTED}
    partner = PartnerFunder.objects.get(commission=commission)
    assert (partner.organisation, partner.contribution) == (nhs, Decimal("50000.00"))
    entry = AuditEntry.objects.get(action="commissions.commission.created")
    assert entry.organisation == funder_org
    assert entry.actor == funder_member
    assert entry.after["title"] == "Domestic abuse support"
    assert entry.after["partner_funders"] == [{"organisation": "Anyborough NHS Trust", "contribution": "50000.00"}]


def test_only_funders_start_commissions(
    provider_member: Any, provider_org: Organisation, funder_member: Any, tiny_journey: FrameworkVersion
) -> None:
    with pytest.raises(PermissionDenied, match="started by funders"):
        commission_create(
            actor=provider_member, lead_funder=provider_org, framework_version=tiny_journey, details=details()
        )
    stranger_funder = Organisation.objects.create(name="Elsewhere", slug="elsewhere", kind=OrganisationKind.PCC)
    with pytest.raises(PermissionDenied, match="not a member of Elsewhere"):
        commission_create(
            actor=funder_member, lead_funder=stranger_funder, framework_version=tiny_journey, details=details()
        )
    assert not Commission.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": "   "}, "title", "Enter a title"),
        ({"title": "x" * 201}, "title", "A title must be 200 characters or fewer"),
        ({"purpose": ""}, "purpose", "Enter the purpose"),
        ({"service_area": ""}, "service_area", "Enter the service area"),
        ({"people_for": "\n"}, "people_for", "Enter who the service is for"),
        ({"estimated_value": Decimal("-1")}, "estimated_value", "The estimated value must be £0 or more"),
        (
            {"starts_on": datetime.date(2027, 4, 1), "ends_on": datetime.date(2027, 4, 1)},
            "ends_on",
            "The end date must be after the start date",
        ),
    ],
)
def test_bad_details_are_explained_beside_the_field(
    funder_member: Any,
    funder_org: Organisation,
    tiny_journey: FrameworkVersion,
    overrides: dict[str, Any],
    field: str,
    message: str,
) -> None:
    with pytest.raises(ApplicationError) as caught:
        commission_create(
            actor=funder_member, lead_funder=funder_org, framework_version=tiny_journey, details=details(**overrides)
        )
    assert (caught.value.field, caught.value.message) == (field, message)
    assert not Commission.objects.exists()


def test_partner_funders_must_be_other_funders_chosen_once(
    funder_member: Any, funder_org: Organisation, provider_org: Organisation, tiny_journey: FrameworkVersion, nhs: Any
) -> None:
    def attempt(*shares: PartnerShare) -> str:
        with pytest.raises(ApplicationError) as caught:
            commission_create(
                actor=funder_member,
                lead_funder=funder_org,
                framework_version=tiny_journey,
                details=details(partners=list(shares)),
            )
        return caught.value.message

    assert "Choose partner funders from the list" in attempt(PartnerShare(provider_org.pk))
    assert "already the lead funder" in attempt(PartnerShare(funder_org.pk))
    assert "once" in attempt(PartnerShare(nhs.pk), PartnerShare(nhs.pk))
    assert "£0 or more" in attempt(PartnerShare(nhs.pk, Decimal("-3")))


def test_partners_cannot_put_in_more_than_the_whole_commission(
    funder_member: Any, funder_org: Organisation, tiny_journey: FrameworkVersion, nhs: Any, pcc: Any
) -> None:
    def attempt(value: str | None, *shares: PartnerShare) -> ApplicationError | None:
        try:
            commission_create(
                actor=funder_member,
                lead_funder=funder_org,
                framework_version=tiny_journey,
                details=details(estimated_value=Decimal(value) if value else None, partners=list(shares)),
            )
        except ApplicationError as error:
            return error
        return None

    one = attempt("450000", PartnerShare(nhs.pk, Decimal("600000"), row=2))
    assert one is not None
    assert one.field == "partner_2_contribution"
    assert one.message == (
        "Anyborough NHS Trust puts in £600,000, which is more than the estimated value of the whole commission "
        "(£450,000). A partner's part cannot be more than the whole, so check both amounts"
    )
    # Together, more than the whole: the message is by the estimated value.
    together = attempt(
        "450000", PartnerShare(nhs.pk, Decimal("300000"), row=1), PartnerShare(pcc.pk, Decimal("200000.50"))
    )
    assert together is not None
    assert together.field == "estimated_value"
    assert together.message.startswith(
        "The partner funders put in £500,000.50 altogether, which is more than the estimated value of the whole "
        "commission (£450,000)."
    )
    # Without a row (a caller that is not the form), the message still has a place.
    unplaced = attempt("10", PartnerShare(nhs.pk, Decimal("11")))
    assert unplaced is not None and unplaced.field == "partners"
    assert not Commission.objects.exists()
    # Up to the whole is fine, and so is any amount when the value is not known yet.
    assert attempt("450000", PartnerShare(nhs.pk, Decimal("300000")), PartnerShare(pcc.pk, Decimal("150000"))) is None
    assert attempt(None, PartnerShare(nhs.pk, Decimal("9000000"))) is None


def test_lowering_the_value_below_what_partners_put_in_is_refused(
    funder_member: Any, funder_org: Organisation, tiny_journey: FrameworkVersion, nhs: Any
) -> None:
    share = PartnerShare(nhs.pk, Decimal("50000"), row=1)
    commission = commission_create(
        actor=funder_member,
        lead_funder=funder_org,
        framework_version=tiny_journey,
        details=details(estimated_value=Decimal("450000"), partners=[share]),
    )
    with pytest.raises(ApplicationError) as caught:
        commission_update(
            actor=funder_member,
            commission=commission,
            details=details(estimated_value=Decimal("40000"), partners=[share]),
            expected_version=commission.version,
        )
    assert caught.value.field == "partner_1_contribution"
    commission.refresh_from_db()
    assert commission.estimated_value == Decimal("450000.00")
    assert not AuditEntry.objects.filter(action="commissions.commission.updated").exists()


def test_only_the_newest_journey_version_can_be_chosen(
    funder_member: Any, funder_org: Organisation, tiny_journey: FrameworkVersion
) -> None:
    FrameworkVersion.objects.create(
        framework=tiny_journey.framework, number=2, content_hash="2" * 64, published_at=timezone.now()
    )
    with pytest.raises(ApplicationError, match="newer version"):
        commission_create(
            actor=funder_member, lead_funder=funder_org, framework_version=tiny_journey, details=details()
        )
    lens_version = FrameworkVersion.objects.get(framework__slug="test-journey-lens")
    with pytest.raises(ApplicationError, match="journey framework"):
        commission_create(
            actor=funder_member, lead_funder=funder_org, framework_version=lens_version, details=details()
        )


def test_update_saves_changed_fields_and_audits_before_and_after(
    commission: Commission, funder_member: Any, nhs: Organisation, pcc: Organisation
) -> None:
    PartnerFunder.objects.create(commission=commission, organisation=nhs, contribution=Decimal("10"))
    updated = commission_update(
        actor=funder_member,
        commission=commission,
        details=details(
            title="Domestic abuse support, refreshed",
            partners=[PartnerShare(nhs.pk, Decimal("20")), PartnerShare(pcc.pk, None)],
        ),
        expected_version=1,
    )
    assert updated.title == "Domestic abuse support, refreshed"
    assert updated.version == 2
    assert dict(PartnerFunder.objects.filter(commission=commission).values_list("organisation", "contribution")) == {
        nhs.pk: Decimal("20.00"),
        pcc.pk: None,
    }
    entry = AuditEntry.objects.get(action="commissions.commission.updated")
    assert entry.before["title"] == "Domestic abuse support"
    assert entry.after["title"] == "Domestic abuse support, refreshed"
    assert "purpose" not in entry.after
    assert entry.before["partner_funders"] == [{"organisation": "Anyborough NHS Trust", "contribution": "10.00"}]
    assert len(entry.after["partner_funders"]) == 2
    assert "title" in entry.summary and "partner funders" in entry.summary

    # Taking a partner away removes it; saving the same again changes nothing and writes nothing.
    commission_update(
        actor=funder_member,
        commission=commission,
        details=details(title="Domestic abuse support, refreshed", partners=[PartnerShare(pcc.pk, None)]),
        expected_version=2,
    )
    assert list(PartnerFunder.objects.filter(commission=commission).values_list("organisation", flat=True)) == [pcc.pk]
    count = AuditEntry.objects.count()
    same = commission_update(
        actor=funder_member,
        commission=commission,
        details=details(title="Domestic abuse support, refreshed", partners=[PartnerShare(pcc.pk, None)]),
        expected_version=3,
    )
    assert same.version == 3
    assert AuditEntry.objects.count() == count


def test_update_refuses_when_someone_else_saved_first(commission: Commission, funder_member: Any) -> None:
    commission_update(actor=funder_member, commission=commission, details=details(title="Theirs"), expected_version=1)
    with pytest.raises(EditConflict) as caught:
        commission_update(actor=funder_member, commission=commission, details=details(title="Mine"), expected_version=1)
    assert caught.value.saved.title == "Theirs"
    commission.refresh_from_db()
    assert commission.title == "Theirs"


def test_who_may_update(
    commission: Commission, funder_admin: Any, provider_member: Any, site_admin: Any, make_member: Any
) -> None:
    commission_update(
        actor=funder_admin, commission=commission, details=details(title="By the admin"), expected_version=1
    )
    for person in (provider_member, site_admin):
        with pytest.raises(PermissionDenied):
            commission_update(actor=person, commission=commission, details=details(), expected_version=2)
    observer = make_member(commission, "olu@example.org", TeamRole.OBSERVER)
    with pytest.raises(PermissionDenied, match="lead"):
        commission_update(actor=observer, commission=commission, details=details(), expected_version=2)


def test_moving_the_current_stage_is_audited_and_tells_the_team(
    commission: Commission, funder_member: Any, make_member: Any
) -> None:
    finance = make_member(commission, "fin@example.org", TeamRole.FINANCE)
    moved = commission_current_stage_set(actor=finance, commission=commission, stage_slug="design")
    assert moved.current_stage == "design"
    entry = AuditEntry.objects.get(action="commissions.commission.stage_moved")
    assert (entry.before, entry.after) == ({"current_stage": "reflect"}, {"current_stage": "design"})
    note = Notification.objects.get(kind="commissions.stage")
    assert note.recipient == funder_member
    assert "Design" in note.title
    # Every stage's status is untouched: moving never closes a stage.
    assert set(StageProgress.objects.filter(commission=commission).values_list("status", flat=True)) == {
        StageStatus.NOT_STARTED
    }
    # Moving back is allowed too; the same stage again changes nothing.
    commission_current_stage_set(actor=finance, commission=commission, stage_slug="reflect")
    commission_current_stage_set(actor=finance, commission=commission, stage_slug="reflect")
    assert AuditEntry.objects.filter(action="commissions.commission.stage_moved").count() == 2


def test_current_stage_must_be_a_stage_and_observers_cannot_move_it(
    commission: Commission, funder_member: Any, make_member: Any
) -> None:
    with pytest.raises(ApplicationError, match="Choose a stage"):
        commission_current_stage_set(actor=funder_member, commission=commission, stage_slug="nowhere")
    lens_stage = "analyse"  # a stage of the lens, not of the commission's journey
    with pytest.raises(ApplicationError):
        commission_current_stage_set(actor=funder_member, commission=commission, stage_slug=lens_stage)
    observer = make_member(commission, "olu@example.org", TeamRole.OBSERVER)
    with pytest.raises(PermissionDenied, match="Observers"):
        commission_current_stage_set(actor=observer, commission=commission, stage_slug="assess")


def test_journey_build_is_reused(tiny_journey: FrameworkVersion) -> None:
    assert journey_build() == tiny_journey
