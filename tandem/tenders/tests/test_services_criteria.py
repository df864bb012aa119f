"""Award criteria services: permission, rules, version clashes, audit."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from conftest import make_user
from tandem.audit.models import AuditEntry
from tandem.commissions.services.team import team_member_add
from tandem.core.concurrency import EditConflict
from tandem.core.exceptions import ApplicationError, PermissionDenied
from tandem.tenders.models import AwardCriterion, Question, Specification
from tandem.tenders.services.criteria import (
    SOCIAL_VALUE_SECTION,
    CriterionDetails,
    criterion_add,
    criterion_remove,
    criterion_update,
    social_value_reason_set,
)
from tandem.tenders.services.sections import section_version
from tandem.tenders.tests.builders import specification_build

pytestmark = pytest.mark.django_db


@pytest.fixture
def spec(funder_member: Any, funder_org: Any) -> Specification:
    return specification_build(lead=funder_member, lead_funder=funder_org)


def details(**overrides: Any) -> CriterionDetails:
    values: dict[str, Any] = {"group": "quality", "title": "Safety and choice", "weight": 60}
    values.update(overrides)
    return CriterionDetails(**values)


def test_add_keeps_order_scale_and_audits(spec: Specification, funder_member: Any) -> None:
    first = criterion_add(actor=funder_member, specification=spec, details=details())
    second = criterion_add(
        actor=funder_member, specification=spec, details=details(group="price", title="  Price  ", weight=40)
    )
    assert (first.order, second.order) == (1, 2)
    assert second.title == "Price"
    assert [p["score"] for p in first.scale] == [0, 1, 2, 3, 4]
    entry = AuditEntry.objects.filter(action="tenders.criterion.added").order_by("-sequence").first()
    assert entry is not None and entry.after["title"] == "Price"
    assert first.version == AwardCriterion.objects.get(pk=first.pk).version == 1


def test_a_partial_total_can_be_saved(spec: Specification, funder_member: Any) -> None:
    criterion_add(actor=funder_member, specification=spec, details=details(weight=85))
    assert AwardCriterion.objects.filter(specification=spec).count() == 1


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"group": "luck"}, "group", "Choose which group"),
        ({"title": "   "}, "title", "Enter a title"),
        ({"title": "x" * 201}, "title", "200 characters"),
        ({"weight": 101}, "weight", "between 0% and 100%"),
        ({"evaluator_guidance": "x" * 5001}, "evaluator_guidance", "5,000 characters"),
        ({"scale": [{"score": 0, "descriptor": "Only one"}]}, "scale", "at least 2 points"),
    ],
)
def test_bad_details_are_refused_beside_the_field(
    spec: Specification, funder_member: Any, overrides: dict[str, Any], field: str, message: str
) -> None:
    with pytest.raises(ApplicationError) as caught:
        criterion_add(actor=funder_member, specification=spec, details=details(**overrides))
    assert caught.value.field == field and message in caught.value.message


def test_observers_and_outsiders_cannot_add(spec: Specification, funder_member: Any, provider_member: Any) -> None:
    observer = make_user("observer@example.org", "Olu Observer")
    team_member_add(actor=funder_member, commission=spec.commission, user=observer, role="observer")
    for person in (observer, provider_member):
        with pytest.raises(PermissionDenied):
            criterion_add(actor=person, specification=spec, details=details())


def test_update_checks_the_version(spec: Specification, funder_member: Any, funder_admin: Any) -> None:
    criterion = criterion_add(actor=funder_member, specification=spec, details=details())
    criterion.specification = spec
    saved = criterion_update(
        actor=funder_admin, criterion=criterion, details=details(title="Safety first", weight=50), expected_version=1
    )
    assert (saved.title, saved.weight) == ("Safety first", 50)
    with pytest.raises(EditConflict) as caught:
        criterion_update(actor=funder_member, criterion=criterion, details=details(title="Mine"), expected_version=1)
    assert caught.value.saved is not None and caught.value.saved.title == "Safety first"
    assert caught.value.version == 2
    assert caught.value.message == "Someone else changed this criterion while you were editing"
    entry = AuditEntry.objects.get(action="tenders.criterion.changed")
    assert entry.before["title"] == "Safety and choice" and entry.after["title"] == "Safety first"


def test_editing_one_criterion_does_not_clash_with_another(spec: Specification, funder_member: Any) -> None:
    a = criterion_add(actor=funder_member, specification=spec, details=details())
    b = criterion_add(actor=funder_member, specification=spec, details=details(title="Other", group="other", weight=5))
    criterion_update(actor=funder_member, criterion=a, details=details(weight=55), expected_version=1)
    criterion_update(actor=funder_member, criterion=b, details=details(title="Other", weight=10), expected_version=1)
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.title, a.weight) == ("Safety and choice", 55)
    assert (b.title, b.weight) == ("Other", 10)
    # Each was saved once, from the version its editor saw: editing one left the other's alone.
    criterion_update(actor=funder_member, criterion=b, details=details(title="Other", weight=12), expected_version=2)
    with pytest.raises(EditConflict):
        criterion_update(actor=funder_member, criterion=a, details=details(weight=60), expected_version=1)
    assert AuditEntry.objects.filter(action="tenders.criterion.changed").count() == 3


def test_remove_unlinks_questions_and_audits(spec: Specification, funder_member: Any) -> None:
    criterion = criterion_add(actor=funder_member, specification=spec, details=details())
    question = Question.objects.create(
        specification=spec, text="Q", why_we_ask="Why", how_we_use="How", criterion=criterion
    )
    assert criterion_remove(actor=funder_member, criterion=criterion) == 1
    question.refresh_from_db()
    assert question.criterion_id is None
    entry = AuditEntry.objects.get(action="tenders.criterion.removed")
    assert entry.after == {"questions_unlinked": 1}
    assert not AwardCriterion.objects.filter(pk=criterion.pk).exists()


def test_changing_a_criterion_someone_removed_says_it_was_removed(spec: Specification, funder_member: Any) -> None:
    criterion = criterion_add(actor=funder_member, specification=spec, details=details())
    criterion_remove(actor=funder_member, criterion=criterion)
    with pytest.raises(EditConflict) as caught:
        criterion_update(actor=funder_member, criterion=criterion, details=details(title="Mine"), expected_version=1)
    assert caught.value.removed and caught.value.saved is None and caught.value.version is None
    assert caught.value.message == (
        "Someone else removed this criterion while you were editing. Nothing you typed has been lost"
    )
    assert not AuditEntry.objects.filter(action="tenders.criterion.changed").exists()


def test_social_value_reason_record_and_clear(spec: Specification, funder_member: Any) -> None:
    criterion_add(actor=funder_member, specification=spec, details=details(weight=95))
    criterion_add(actor=funder_member, specification=spec, details=details(group="social_value", weight=5))
    social_value_reason_set(actor=funder_member, specification=spec, reason=" Scored elsewhere ", expected_version=0)
    spec.refresh_from_db()
    assert spec.social_value_reason == "Scored elsewhere"
    assert section_version(spec, SOCIAL_VALUE_SECTION) == 1
    # Cannot be cleared while social value is still below 10%.
    with pytest.raises(ApplicationError) as caught:
        social_value_reason_set(actor=funder_member, specification=spec, reason="", expected_version=1)
    assert caught.value.field == "reason"
    # A stale version is a clash, not an overwrite.
    with pytest.raises(EditConflict) as clash:
        social_value_reason_set(actor=funder_member, specification=spec, reason="Other", expected_version=0)
    assert clash.value.saved == "Scored elsewhere"
    assert clash.value.version == 1
    assert clash.value.message == "Someone else changed the reason while you were editing"
    assert AuditEntry.objects.filter(action="tenders.social_value_reason.changed").count() == 1


def test_social_value_reason_can_be_cleared_once_it_has_weight(spec: Specification, funder_member: Any) -> None:
    criterion_add(actor=funder_member, specification=spec, details=details(group="social_value", weight=20))
    social_value_reason_set(actor=funder_member, specification=spec, reason="Old", expected_version=0)
    social_value_reason_set(actor=funder_member, specification=spec, reason="", expected_version=1)
    spec.refresh_from_db()
    assert spec.social_value_reason == ""


def test_every_criteria_write_says_when_the_specification_last_changed(spec: Specification, funder_member: Any) -> None:
    """Writes made with QuerySet.update() do not move auto_now fields; these set it themselves,
    so 'last changed' (and anything keyed on it) is never older than the last save."""
    long_ago = timezone.now() - timedelta(days=30)
    Specification.objects.filter(pk=spec.pk).update(updated_at=long_ago)
    criterion_add(actor=funder_member, specification=spec, details=details(weight=95))
    criterion_add(actor=funder_member, specification=spec, details=details(group="social_value", weight=5))
    Specification.objects.filter(pk=spec.pk).update(updated_at=long_ago)
    social_value_reason_set(actor=funder_member, specification=spec, reason="Scored elsewhere", expected_version=0)
    spec.refresh_from_db()
    assert spec.updated_at > long_ago
