"""Saving the co-production choices (tandem/tenders/services/coproduction.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import make_user
from tandem.audit.models import AuditEntry
from tandem.commissions.models import TeamMember, TeamRole
from tandem.core.concurrency import EditConflict
from tandem.core.exceptions import ApplicationError, PermissionDenied
from tandem.tenders.models import Specification
from tandem.tenders.services.coproduction import (
    specification_coproduction_update,
    specification_suggestion,
)
from tandem.tenders.services.sections import section_version
from tandem.tenders.tests.builders import specification_build

pytestmark = pytest.mark.django_db


@pytest.fixture
def specification(funder_member, funder_org):
    """£500,000 over 3 years: with moderate vulnerability Tandem suggests Involve."""
    built = specification_build(lead=funder_member, lead_funder=funder_org)
    Specification.objects.filter(pk=built.pk).update(value_including_vat=Decimal("500000"), term_months=36)
    built.value_including_vat = Decimal("500000")
    built.term_months = 36
    return built


def save(specification, actor, *, level, reason="", vulnerability="moderate", version=0):
    return specification_coproduction_update(
        actor=actor,
        specification=specification,
        vulnerability=vulnerability,
        engagement_level=level,
        engagement_reason=reason,
        expected_version=version,
    )


def test_the_suggestion_uses_the_saved_value_and_term(specification):
    assert specification_suggestion(specification, "moderate").level == "involve"


def test_choosing_less_without_a_reason_is_refused_beside_the_reason(specification, funder_member):
    with pytest.raises(ApplicationError) as caught:
        save(specification, funder_member, level="consult", reason="   ")
    assert caught.value.field == "engagement_reason"
    assert "Involve" in caught.value.message
    assert Specification.objects.get(pk=specification.pk).engagement_level == ""


def test_choosing_less_with_a_reason_is_saved_and_audited(specification, funder_member):
    saved = save(specification, funder_member, level="consult", reason="  People asked for a lighter touch this year. ")
    assert saved.engagement_level == "consult"
    assert saved.engagement_reason == "People asked for a lighter touch this year."
    assert section_version(saved, "coproduction") == 1
    entry = AuditEntry.objects.get(action="tenders.coproduction.changed")
    assert entry.before == {"vulnerability": "", "engagement_level": "", "engagement_reason": ""}
    assert entry.after["engagement_level"] == "consult"
    assert entry.after["suggested_level"] == "involve"


def test_meeting_the_suggestion_keeps_no_reason(specification, funder_member):
    save(specification, funder_member, level="consult", reason="A lighter touch this year.")
    saved = save(specification, funder_member, level="collaborate", reason="A lighter touch this year.", version=1)
    assert saved.engagement_reason == ""


def test_choices_not_on_the_list_are_refused(specification, funder_member):
    with pytest.raises(ApplicationError) as caught:
        save(specification, funder_member, level="involve", vulnerability="extreme")
    assert caught.value.field == "vulnerability"
    with pytest.raises(ApplicationError) as caught:
        save(specification, funder_member, level="everything")
    assert caught.value.field == "engagement_level"


def test_someone_else_saving_first_is_a_clash(specification, funder_member, funder_admin):
    save(specification, funder_admin, level="empower")
    with pytest.raises(EditConflict) as caught:
        save(specification, funder_member, level="involve")
    assert caught.value.saved.engagement_level == "empower"
    assert caught.value.version == 1
    assert caught.value.message == "Someone else changed the co-production choices while you were editing"


def test_observers_cannot_save(specification):
    observer = make_user("olive.observer@example.org", "Olive Observer")
    TeamMember.objects.create(commission=specification.commission, user=observer, role=TeamRole.OBSERVER)
    with pytest.raises(PermissionDenied):
        save(specification, observer, level="involve")
    assert not AuditEntry.objects.filter(action="tenders.coproduction.changed").exists()
