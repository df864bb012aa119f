"""Saving the timeline (tandem/tenders/services/timeline.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from conftest import make_user
from tandem.audit.models import AuditEntry
from tandem.commissions.models import TeamMember, TeamRole
from tandem.core.concurrency import EditConflict
from tandem.core.exceptions import ApplicationError, PermissionDenied
from tandem.tenders.models import Specification, SpecificationSection
from tandem.tenders.services.sections import section_version
from tandem.tenders.services.timeline import (
    specification_timeline_update,
    timeline_findings,
    timeline_rules,
)
from tandem.tenders.tests.builders import sections_saved, specification_build

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def specification(funder_member, funder_org):
    return specification_build(lead=funder_member, lead_funder=funder_org)


def test_saving_dates_bumps_the_section_version_and_audits_before_and_after(specification, funder_member):
    saved = specification_timeline_update(
        actor=funder_member,
        specification=specification,
        dates={"publication_on": D(2027, 9, 6), "submission_deadline": D(2027, 10, 18)},
        expected_version=0,
    )
    assert saved.publication_on == D(2027, 9, 6)
    assert section_version(saved, "timeline") == 1
    entry = AuditEntry.objects.get(action="tenders.timeline.changed")
    assert entry.before == {"publication_on": None, "submission_deadline": None}
    assert entry.after == {"publication_on": "2027-09-06", "submission_deadline": "2027-10-18"}
    assert "publication date" in entry.summary

    specification_timeline_update(
        actor=funder_member,
        specification=specification,
        dates={"publication_on": D(2027, 9, 1), "submission_deadline": D(2027, 10, 18)},
        expected_version=1,
    )
    latest = AuditEntry.objects.filter(action="tenders.timeline.changed").order_by("-sequence")[0]
    assert latest.before == {"publication_on": "2027-09-06"}
    assert latest.after == {"publication_on": "2027-09-01"}
    assert sections_saved(specification) == {"timeline": 2}


def test_saving_the_same_dates_changes_nothing(specification, funder_member):
    specification_timeline_update(actor=funder_member, specification=specification, dates={}, expected_version=0)
    assert not AuditEntry.objects.filter(action="tenders.timeline.changed").exists()
    assert section_version(Specification.objects.get(pk=specification.pk), "timeline") == 0


def test_other_sections_versions_are_kept(specification, funder_member):
    SpecificationSection.objects.create(specification=specification, key="about", version=4)
    specification_timeline_update(
        actor=funder_member, specification=specification, dates={"award_on": D(2027, 11, 24)}, expected_version=0
    )
    assert sections_saved(specification) == {"about": 4, "timeline": 1}


def test_dates_out_of_order_are_refused_beside_the_later_date(specification, funder_member):
    with pytest.raises(ApplicationError) as caught:
        specification_timeline_update(
            actor=funder_member,
            specification=specification,
            dates={"publication_on": D(2027, 9, 6), "submission_deadline": D(2027, 9, 1)},
            expected_version=0,
        )
    assert caught.value.field == "submission_deadline"
    assert Specification.objects.get(pk=specification.pk).publication_on is None


def test_someone_else_saving_first_is_a_clash_not_an_overwrite(specification, funder_member, funder_admin):
    specification_timeline_update(
        actor=funder_admin, specification=specification, dates={"award_on": D(2027, 11, 24)}, expected_version=0
    )
    with pytest.raises(EditConflict) as caught:
        specification_timeline_update(
            actor=funder_member, specification=specification, dates={"award_on": D(2027, 12, 1)}, expected_version=0
        )
    assert caught.value.saved.award_on == D(2027, 11, 24)
    assert caught.value.version == 1
    assert caught.value.message == "Someone else changed the timeline while you were editing"
    assert Specification.objects.get(pk=specification.pk).award_on == D(2027, 11, 24)


def test_observers_and_outsiders_cannot_save(specification, provider_member):
    observer = make_user("olive.observer@example.org", "Olive Observer")
    TeamMember.objects.create(commission=specification.commission, user=observer, role=TeamRole.OBSERVER)
    for person in (observer, provider_member):
        with pytest.raises(PermissionDenied):
            specification_timeline_update(
                actor=person, specification=specification, dates={"award_on": D(2027, 11, 24)}, expected_version=0
            )
    assert not AuditEntry.objects.filter(action="tenders.timeline.changed").exists()


def test_findings_use_the_value_and_consortium_choice_saved(specification, funder_member, settings):
    Specification.objects.filter(pk=specification.pk).update(
        publication_on=D(2027, 9, 6),
        submission_deadline=D(2027, 10, 11),  # 35 days
        consortium_welcome=True,
        value_including_vat=Decimal("1200000"),
    )
    saved = Specification.objects.get(pk=specification.pk)
    assert [f.code for f in timeline_findings(saved)] == ["response_window_short"]
    settings.TENDER_CONSORTIUM_EXTRA_DAYS = 0
    settings.TENDER_MIN_RESPONSE_DAYS = 20
    assert timeline_rules().min_response_days == 20
    assert timeline_findings(saved) == []
