"""Saving the specification's core sections, saving versions and publishing them."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest

from conftest import make_user
from tandem.audit.models import AuditEntry
from tandem.commissions.models import TeamMember, TeamRole
from tandem.core.concurrency import EditConflict
from tandem.core.exceptions import ApplicationError, PermissionDenied
from tandem.notifications.models import Notification
from tandem.tenders.models import (
    AwardCriterion,
    CriterionGroup,
    Question,
    Specification,
    SpecificationVersion,
    TIElement,
    TIRequirement,
)
from tandem.tenders.services.specification import (
    NO_AGREEMENT_REASON,
    PUBLISH_REASON_MAX,
    PublishBlockedError,
    PublishReasonsError,
    later_published_message,
    specification_section_save,
    specification_version_publish,
    specification_version_save,
)
from tandem.tenders.tests.builders import sections_saved, specification_build

pytestmark = pytest.mark.django_db

ABOUT = {
    "purpose": "Safe, steady support for people leaving abuse.",
    "people_for": "Adults in Anyborough.",
    "services_required": "Advocacy and refuge.",
    "reporting": "Two quarterly reports the provider already writes.",
    "ending_plan": "Six months' notice and a planned handover.",
}
ROUTE = {
    "route": "open",
    "second_stage": "",
    "direct_award_justification": "",
    "cpv_code": "85312000",
    "light_touch": True,
    "value_including_vat": Decimal("450000"),
}


def agreement(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "agreement_kind": "contract",
        "agreement_reason": "",
        "term_months": 36,
        "extension_months": 12,
        "consortium_welcome": True,
        "cost_review": "A yearly review for the cost of living and pay awards.",
    }
    values.update(overrides)
    return values


@pytest.fixture
def spec(funder_member: Any, funder_org: Any) -> Specification:
    return specification_build(lead=funder_member, lead_funder=funder_org)


def save(spec: Specification, actor: Any, section: str, values: dict[str, Any], version: int = 0) -> Specification:
    return specification_section_save(
        actor=actor, specification=spec, section=section, values=values, expected_version=version
    )


def test_saving_a_section_bumps_its_version_and_audits_what_changed(spec: Specification, funder_member: Any) -> None:
    saved = save(spec, funder_member, "about", {**ABOUT, "purpose": spec.purpose, "people_for": spec.people_for})
    assert sections_saved(saved) == {"about": 1}
    assert saved.services_required == "Advocacy and refuge."
    entry = AuditEntry.objects.get(action="tenders.specification.changed")
    assert set(entry.before) == {"services_required", "reporting", "ending_plan"}
    assert entry.before["reporting"] == "" and entry.after["reporting"] == ABOUT["reporting"]
    assert "about the service" in entry.summary
    # Saving the same again changes nothing and writes nothing.
    save(spec, funder_member, "about", {**ABOUT, "purpose": spec.purpose, "people_for": spec.people_for}, version=1)
    assert AuditEntry.objects.filter(action="tenders.specification.changed").count() == 1


def test_someone_else_saving_first_is_a_clash_and_nothing_is_overwritten(
    spec: Specification, funder_member: Any, funder_admin: Any
) -> None:
    save(spec, funder_admin, "about", ABOUT)
    with pytest.raises(EditConflict) as clash:
        save(spec, funder_member, "about", {**ABOUT, "purpose": "Mine"}, version=0)
    assert clash.value.saved.purpose == ABOUT["purpose"]
    assert clash.value.version == 1
    assert clash.value.message == "Someone else changed this part of the specification while you were editing"
    assert Specification.objects.get(pk=spec.pk).purpose == ABOUT["purpose"]
    # Another section does not clash.
    assert sections_saved(save(spec, funder_member, "route", ROUTE)) == {"about": 1, "route": 1}


def test_observers_and_strangers_cannot_save(spec: Specification, provider_member: Any) -> None:
    observer = make_user("olive.observer@example.org", "Olive Observer")
    TeamMember.objects.create(commission=spec.commission, user=observer, role=TeamRole.OBSERVER)
    for person in (observer, provider_member):
        with pytest.raises(PermissionDenied):
            save(spec, person, "about", ABOUT)


def test_an_unknown_section_is_refused(spec: Specification, funder_member: Any) -> None:
    with pytest.raises(ApplicationError, match="no such part"):
        save(spec, funder_member, "budget", {})


def test_choosing_against_the_suggestion_needs_a_reason(spec: Specification, funder_member: Any) -> None:
    # The commission has no value yet, so: give one over the grant ceiling; Tandem suggests a contract.
    spec = save(spec, funder_member, "route", ROUTE)
    with pytest.raises(ApplicationError) as missing:
        save(spec, funder_member, "agreement", agreement(agreement_kind="grant"))
    assert missing.value.field == "agreement_reason" and missing.value.message == NO_AGREEMENT_REASON
    saved = save(spec, funder_member, "agreement", agreement(agreement_kind="grant", agreement_reason="Specialist."))
    assert saved.agreement_reason == "Specialist."
    # Agreeing with the suggestion clears the old reason.
    assert save(spec, funder_member, "agreement", agreement(agreement_reason="Old"), version=1).agreement_reason == ""


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"term_months": 0}, "term_months"),
        ({"term_months": 601}, "term_months"),
        ({"extension_months": -1}, "extension_months"),
        ({"agreement_kind": "loan"}, "agreement_kind"),
        ({"cost_review": "x" * 10_001}, "cost_review"),
    ],
)
def test_bad_agreement_values_are_named(spec: Specification, funder_member: Any, values: Any, field: str) -> None:
    with pytest.raises(ApplicationError) as error:
        save(spec, funder_member, "agreement", agreement(**values))
    assert error.value.field == field


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"route": "two_stage"}, "second_stage"),
        ({"route": "direct_award", "direct_award_justification": "  "}, "direct_award_justification"),
        ({"route": "auction"}, "route"),
        ({"cpv_code": "8531200"}, "cpv_code"),
        ({"cpv_code": "85312000-99"}, "cpv_code"),
        ({"value_including_vat": Decimal("-1")}, "value_including_vat"),
        ({"value_including_vat": Decimal("1000000000000")}, "value_including_vat"),
        ({"light_touch": "perhaps"}, "light_touch"),
    ],
)
def test_bad_route_values_are_named(spec: Specification, funder_member: Any, values: Any, field: str) -> None:
    with pytest.raises(ApplicationError) as error:
        save(spec, funder_member, "route", {**ROUTE, **values})
    assert error.value.field == field


def test_the_route_keeps_only_what_fits_it(spec: Specification, funder_member: Any) -> None:
    saved = save(
        spec,
        funder_member,
        "route",
        {**ROUTE, "second_stage": "dialogue", "direct_award_justification": "Only one", "cpv_code": " 85312000-9 "},
    )
    assert (saved.second_stage, saved.direct_award_justification, saved.cpv_code) == ("", "", "85312000-9")
    saved = save(
        spec,
        funder_member,
        "route",
        {**ROUTE, "route": "two_stage", "second_stage": "assurance", "cpv_code": "85312000-9"},
        1,
    )
    assert saved.second_stage == "assurance"
    entry = AuditEntry.objects.filter(action="tenders.specification.changed").order_by("-sequence").first()
    assert entry is not None and entry.after == {"route": "two_stage", "second_stage": "assurance"}


def _team(spec: Specification) -> Any:
    colleague = make_user("fin.finance@example.org", "Fin Finance")
    TeamMember.objects.create(commission=spec.commission, user=colleague, role=TeamRole.FINANCE)
    return colleague


def test_saving_versions_numbers_them_and_tells_the_rest_of_the_team(spec: Specification, funder_member: Any) -> None:
    colleague = _team(spec)
    first = specification_version_save(actor=funder_member, specification=spec, note="  For the   panel ")
    second = specification_version_save(actor=funder_member, specification=spec)
    assert (first.number, first.note, second.number) == (1, "For the panel", 2)
    assert first.snapshot["about"]["purpose"] == spec.purpose
    assert AuditEntry.objects.filter(action="tenders.version.saved").count() == 2
    notes = Notification.objects.filter(kind="tenders.specification")
    assert {n.recipient_id for n in notes} == {colleague.pk}
    assert notes.count() == 2
    assert notes.order_by("pk").first().url == f"/commissions/{spec.commission.pk}/specification/versions/1/"  # type: ignore[union-attr]


def test_a_version_note_has_a_limit_and_observers_cannot_save(spec: Specification, funder_member: Any) -> None:
    with pytest.raises(ApplicationError) as error:
        specification_version_save(actor=funder_member, specification=spec, note="x" * 301)
    assert error.value.field == "note"
    observer = make_user("olive.observer@example.org", "Olive Observer")
    TeamMember.objects.create(commission=spec.commission, user=observer, role=TeamRole.OBSERVER)
    with pytest.raises(PermissionDenied):
        specification_version_save(actor=observer, specification=spec)


def make_publishable(spec: Specification, actor: Any, *, warnings: bool = False) -> Specification:
    """A specification nothing stands in the way of publishing: no rule blocks it, and neither the
    timeline nor the tender lens warns about it. With ``warnings``, the rules still pass but the
    tender lens and the timeline both have something to say (a 17-day window closing on 23 December)."""
    spec = save(spec, actor, "route", ROUTE)
    spec = save(spec, actor, "about", ABOUT, 0)
    AwardCriterion.objects.create(specification=spec, group=CriterionGroup.QUALITY, title="Quality", weight=90)
    AwardCriterion.objects.create(specification=spec, group=CriterionGroup.SOCIAL_VALUE, title="Social", weight=10)
    TIRequirement.objects.bulk_create(
        [TIRequirement(specification=spec, element=element, commitments="We will do this.") for element in TIElement]
    )
    dates = (
        {"publication_on": datetime.date(2027, 12, 6), "submission_deadline": datetime.date(2027, 12, 23)}
        if warnings
        else {"publication_on": datetime.date(2027, 5, 4), "submission_deadline": datetime.date(2027, 6, 15)}
    )
    Specification.objects.filter(pk=spec.pk).update(**dates)
    spec.refresh_from_db()
    return spec


def test_publishing_is_refused_with_what_is_missing(spec: Specification, funder_member: Any) -> None:
    specification_version_save(actor=funder_member, specification=spec)
    with pytest.raises(PublishBlockedError) as blocked:
        specification_version_publish(actor=funder_member, specification=spec, number=1)
    assert [p.part for p in blocked.value.problems] == ["criteria", "route", "timeline"]
    assert not AuditEntry.objects.filter(action="tenders.version.published").exists()


def test_publishing_a_ready_version_audits_and_tells_the_team(spec: Specification, funder_member: Any) -> None:
    colleague = _team(spec)
    spec = make_publishable(spec, funder_member)
    Question.objects.create(specification=spec, text="Safety?", why_we_ask="Safety.", how_we_use="Scored.")
    specification_version_save(actor=funder_member, specification=spec)
    version = specification_version_publish(actor=funder_member, specification=spec, number=1)
    assert version.published_at is not None and version.published_by == funder_member
    assert AuditEntry.objects.get(action="tenders.version.published").after == {"published": True, "number": 1}
    assert Notification.objects.filter(recipient=colleague, title__contains="has been published").exists()
    with pytest.raises(ApplicationError, match="already been published"):
        specification_version_publish(actor=funder_member, specification=spec, number=1)
    with pytest.raises(ApplicationError, match="no version 9"):
        specification_version_publish(actor=funder_member, specification=spec, number=9)


def test_only_the_lead_and_lead_funder_admins_publish(spec: Specification, funder_member: Any) -> None:
    colleague = _team(spec)
    spec = make_publishable(spec, funder_member)
    specification_version_save(actor=funder_member, specification=spec)
    with pytest.raises(PermissionDenied, match="Only the commission's lead"):
        specification_version_publish(actor=colleague, specification=spec, number=1)


# Publishing past Tandem's warnings, each with a reason (issue 10, item 2)

WINDOW_WARNINGS = [
    "timeline:response_window_short:publication_on,submission_deadline",
    "timeline:holiday:publication_on,submission_deadline",
    "lens:TL07:timeline.submission_deadline:0-0",
    "lens:TL08:timeline.submission_deadline:0-0",
]


def test_a_version_with_warnings_is_refused_until_each_has_a_reason(spec: Specification, funder_member: Any) -> None:
    spec = make_publishable(spec, funder_member, warnings=True)
    specification_version_save(actor=funder_member, specification=spec)
    with pytest.raises(PublishReasonsError) as refused:
        specification_version_publish(actor=funder_member, specification=spec, number=1)
    assert list(refused.value.problems) == WINDOW_WARNINGS
    assert refused.value.field == WINDOW_WARNINGS[0]
    assert refused.value.problems[WINDOW_WARNINGS[0]] == (
        "Give your reason for publishing with “A short time to bid (Submission deadline)”"
    )
    reasons = {key: "The funding ends in March." for key in WINDOW_WARNINGS}
    reasons[WINDOW_WARNINGS[2]] = "   "
    reasons[WINDOW_WARNINGS[3]] = "x" * (PUBLISH_REASON_MAX + 1)
    with pytest.raises(PublishReasonsError) as refused:
        specification_version_publish(actor=funder_member, specification=spec, number=1, reasons=reasons)
    assert list(refused.value.problems) == WINDOW_WARNINGS[2:]
    assert refused.value.problems[WINDOW_WARNINGS[3]].endswith("must be 1,000 characters or fewer")
    assert SpecificationVersion.objects.get().published_at is None
    assert not AuditEntry.objects.filter(action="tenders.version.published").exists()


def test_the_reasons_are_kept_with_the_version_audited_and_told_to_the_team(
    spec: Specification, funder_member: Any
) -> None:
    colleague = _team(spec)
    spec = make_publishable(spec, funder_member, warnings=True)
    specification_version_save(actor=funder_member, specification=spec)
    reasons = {key: f"  Reason {number}.\r\nSecond line. " for number, key in enumerate(WINDOW_WARNINGS, start=1)}
    reasons["not a warning"] = "ignored"
    version = specification_version_publish(actor=funder_member, specification=spec, number=1, reasons=reasons)
    assert version.published_at is not None
    kept = SpecificationVersion.objects.get(pk=version.pk).publish_reasons
    assert [row["key"] for row in kept] == WINDOW_WARNINGS
    assert kept[0]["warning"] == "A short time to bid (Submission deadline)"
    assert kept[0]["said"].startswith("Bidders have 17 days from publication")
    assert kept[0]["reason"] == "Reason 1.\nSecond line."
    entry = AuditEntry.objects.get(action="tenders.version.published")
    assert entry.after == {"published": True, "number": 1, "reasons": kept}
    assert "with a reason for publishing with 4 warnings" in entry.summary
    told = Notification.objects.get(recipient=colleague, title__contains="has been published")
    assert "gave a reason for publishing with 4 warnings" in told.body


def test_an_older_version_cannot_be_published_once_a_later_one_is(spec: Specification, funder_member: Any) -> None:
    spec = make_publishable(spec, funder_member)
    specification_version_save(actor=funder_member, specification=spec)
    specification_version_save(actor=funder_member, specification=spec)
    specification_version_save(actor=funder_member, specification=spec)
    specification_version_publish(actor=funder_member, specification=spec, number=2)
    with pytest.raises(ApplicationError) as refused:
        specification_version_publish(actor=funder_member, specification=spec, number=1)
    assert refused.value.message == later_published_message(1, 2)
    assert "Version 2 has been published, so version 1 cannot be published now" in refused.value.message
    assert SpecificationVersion.objects.get(number=1).published_at is None
    # A newer version can still be published after an older one.
    assert specification_version_publish(actor=funder_member, specification=spec, number=3).published_at is not None
    assert AuditEntry.objects.filter(action="tenders.version.published").count() == 2
