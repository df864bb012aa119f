"""The services for outcomes, trauma-informed requirements, budget lines and lots."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from conftest import make_user
from tandem.audit.models import AuditEntry
from tandem.commissions.models import TeamMember, TeamRole
from tandem.core.concurrency import EditConflict
from tandem.core.exceptions import ApplicationError, PermissionDenied
from tandem.tenders.models import BudgetLine, Lot, Outcome, Specification, TIRequirement
from tandem.tenders.services import items as services
from tandem.tenders.services.items import (
    BudgetLineDetails,
    LotDetails,
    OutcomeDetails,
)
from tandem.tenders.tests.builders import sections_saved, specification_build

pytestmark = pytest.mark.django_db


@pytest.fixture
def spec(funder_member: Any, funder_org: Any) -> Specification:
    return specification_build(lead=funder_member, lead_funder=funder_org)


@pytest.fixture
def observer(spec: Specification) -> Any:
    user = make_user("olive.observer@example.org", "Olive Observer")
    TeamMember.objects.create(commission=spec.commission, user=user, role=TeamRole.OBSERVER)
    return user


def actions() -> list[str]:
    return list(
        AuditEntry.objects.filter(action__startswith="tenders.")
        .exclude(action="tenders.specification.started")
        .order_by("sequence")
        .values_list("action", flat=True)
    )


def test_outcomes_are_added_in_order_changed_and_removed_with_an_audit_trail(spec, funder_member):
    first = services.outcome_add(
        actor=funder_member, specification=spec, details=OutcomeDetails(text="  People feel safer  ", kind="soft")
    )
    second = services.outcome_add(
        actor=funder_member,
        specification=spec,
        details=OutcomeDetails(text="Fewer repeat referrals", kind="hard", indicator_5_years="Half as many"),
    )
    assert (first.text, first.order, second.order) == ("People feel safer", 1, 2)
    changed = services.outcome_update(
        actor=funder_member,
        specification=spec,
        item_pk=first.pk,
        details=OutcomeDetails(text="People feel safer at home", kind="soft"),
        expected_version=first.version,
    )
    assert changed.text == "People feel safer at home"
    assert (first.version, changed.version) == (1, 2)
    services.outcome_remove(actor=funder_member, specification=spec, item_pk=second.pk)
    assert list(Outcome.objects.filter(specification=spec).values_list("text", flat=True)) == [
        "People feel safer at home"
    ]
    assert actions() == ["tenders.outcome.added", "tenders.outcome.added", "tenders.outcome.changed",
                         "tenders.outcome.removed"]  # fmt: skip
    entry = AuditEntry.objects.get(action="tenders.outcome.changed")
    assert entry.before == {"text": "People feel safer"} and entry.after == {"text": "People feel safer at home"}
    spec.refresh_from_db()
    assert spec.updated_by == funder_member


def test_saving_without_a_change_writes_nothing(spec, funder_member):
    outcome = services.outcome_add(
        actor=funder_member, specification=spec, details=OutcomeDetails(text="People feel safer", kind="soft")
    )
    services.outcome_update(
        actor=funder_member,
        specification=spec,
        item_pk=outcome.pk,
        details=OutcomeDetails(text="People feel safer", kind="soft"),
        expected_version=outcome.version,
    )
    assert actions() == ["tenders.outcome.added"]
    assert Outcome.objects.get(pk=outcome.pk).version == 1


def test_an_edit_after_someone_else_saved_is_refused_with_what_is_saved_now(spec, funder_member, funder_admin):
    outcome = services.outcome_add(
        actor=funder_member, specification=spec, details=OutcomeDetails(text="People feel safer", kind="soft")
    )
    opened = outcome.version
    services.outcome_update(
        actor=funder_admin,
        specification=spec,
        item_pk=outcome.pk,
        details=OutcomeDetails(text="People feel safe", kind="soft"),
        expected_version=opened,
    )
    with pytest.raises(EditConflict) as clash:
        services.outcome_update(
            actor=funder_member,
            specification=spec,
            item_pk=outcome.pk,
            details=OutcomeDetails(text="Mine", kind="hard"),
            expected_version=opened,
        )
    assert clash.value.saved.text == "People feel safe"
    assert clash.value.version == 2
    assert clash.value.message == "Someone else changed this outcome while you were editing"
    with pytest.raises(EditConflict):
        services.outcome_update(
            actor=funder_member,
            specification=spec,
            item_pk=outcome.pk,
            details=OutcomeDetails(text="Mine", kind="hard"),
            expected_version=None,
        )
    assert Outcome.objects.get(pk=outcome.pk).text == "People feel safe"


def test_an_edit_or_removal_of_something_already_removed_is_told(spec, funder_member):
    line = services.budget_line_add(
        actor=funder_member,
        specification=spec,
        details=BudgetLineDetails(category="training", description="Training", annual_amount=Decimal("100")),
    )
    opened = line.version
    services.budget_line_remove(actor=funder_member, specification=spec, item_pk=line.pk)
    with pytest.raises(EditConflict, match="removed this budget line") as gone:
        services.budget_line_update(
            actor=funder_member,
            specification=spec,
            item_pk=line.pk,
            details=BudgetLineDetails(category="training", description="More", annual_amount=Decimal("1")),
            expected_version=opened,
        )
    assert gone.value.removed and gone.value.saved is None and gone.value.version is None
    assert gone.value.message == (
        "Someone else removed this budget line while you were editing. Nothing you typed has been lost"
    )
    with pytest.raises(EditConflict) as again:
        services.budget_line_remove(actor=funder_member, specification=spec, item_pk=line.pk)
    assert again.value.removed


def test_items_of_another_specification_cannot_be_reached(spec, funder_member, funder_org):
    other = specification_build(lead=funder_member, lead_funder=funder_org, title="Another commission")
    lot = services.lot_add(actor=funder_member, specification=other, details=LotDetails(title="North"))
    with pytest.raises(EditConflict):
        services.lot_remove(actor=funder_member, specification=spec, item_pk=lot.pk)
    assert Lot.objects.filter(pk=lot.pk).exists()


@pytest.mark.parametrize(
    ("details", "field", "message"),
    [
        (OutcomeDetails(text="   ", kind="soft"), "text", "Enter the outcome"),
        (OutcomeDetails(text="x", kind="medium"), "kind", "hard or soft"),
        (OutcomeDetails(text="x" * 1001, kind="hard"), "text", "1,000 characters or fewer"),
        (OutcomeDetails(text="x", kind="hard", indicator_2_years="y" * 1001), "indicator_2_years", "at 2 years"),
    ],
)
def test_outcome_rules(spec, funder_member, details, field, message):
    with pytest.raises(ApplicationError, match=message) as error:
        services.outcome_add(actor=funder_member, specification=spec, details=details)
    assert error.value.field == field
    assert not Outcome.objects.exists()


@pytest.mark.parametrize(
    ("details", "field", "message"),
    [
        (BudgetLineDetails(category="beer", description="x", annual_amount=Decimal(1)), "category", "Choose"),
        (BudgetLineDetails(category="staff", description=" ", annual_amount=Decimal(1)), "description", "Describe"),
        (BudgetLineDetails(category="staff", description="x", annual_amount=None), "annual_amount", "Enter"),
        (BudgetLineDetails(category="staff", description="x", annual_amount=Decimal(-1)), "annual_amount", "£0"),
        (
            BudgetLineDetails(category="staff", description="x", annual_amount=Decimal("1e13")),
            "annual_amount",
            "trillion",
        ),
    ],
)
def test_budget_line_rules(spec, funder_member, details, field, message):
    with pytest.raises(ApplicationError, match=message) as error:
        services.budget_line_add(actor=funder_member, specification=spec, details=details)
    assert error.value.field == field
    assert not BudgetLine.objects.exists()


def test_lot_rules_and_an_optional_value(spec, funder_member):
    lot = services.lot_add(
        actor=funder_member, specification=spec, details=LotDetails(title=" North  area ", value=Decimal("1.234"))
    )
    assert (lot.title, lot.value) == ("North area", Decimal("1.23"))
    with pytest.raises(ApplicationError, match="Enter a title") as error:
        services.lot_add(actor=funder_member, specification=spec, details=LotDetails(title=""))
    assert error.value.field == "title"


def test_a_list_has_a_limit(spec, funder_member):
    Lot.objects.bulk_create([Lot(specification=spec, order=n, title=f"Lot {n}") for n in range(services.ITEMS_MAX)])
    with pytest.raises(ApplicationError, match="up to 100 lots"):
        services.lot_add(actor=funder_member, specification=spec, details=LotDetails(title="One more"))


def test_observers_and_outsiders_cannot_change_anything(spec, observer, provider_member, funder_member):
    outcome = services.outcome_add(
        actor=funder_member, specification=spec, details=OutcomeDetails(text="People feel safer", kind="soft")
    )
    for person in (observer, provider_member):
        with pytest.raises(PermissionDenied):
            services.outcome_add(actor=person, specification=spec, details=OutcomeDetails(text="x", kind="soft"))
        with pytest.raises(PermissionDenied):
            services.outcome_remove(actor=person, specification=spec, item_pk=outcome.pk)
        with pytest.raises(PermissionDenied):
            services.ti_requirements_set(
                actor=person, specification=spec, commitments={"training": "Yearly"}, expected_version=0
            )
    assert Outcome.objects.count() == 1


def test_trauma_informed_requirements_are_replaced_as_a_set(spec, funder_member):
    change = services.ti_requirements_set(
        actor=funder_member,
        specification=spec,
        commitments={"training": "Training every year", "supervision": "Monthly supervision"},
        expected_version=0,
    )
    assert (change.added, change.removed, change.changed) == (("training", "supervision"), (), ())
    assert sections_saved(spec)[services.TI_SECTION] == 1
    change = services.ti_requirements_set(
        actor=funder_member,
        specification=spec,
        commitments={"training": "Training twice a year", "coproduction": "A paid panel"},
        expected_version=1,
    )
    assert (change.added, change.removed, change.changed) == (("coproduction",), ("supervision",), ("training",))
    assert dict(TIRequirement.objects.filter(specification=spec).values_list("element", "commitments")) == {
        "training": "Training twice a year",
        "coproduction": "A paid panel",
    }
    entries = AuditEntry.objects.filter(action="tenders.ti_requirements.changed").order_by("sequence")
    assert entries.count() == 2
    last = entries.last()
    assert last is not None and last.before == {"supervision": "Monthly supervision", "training": "Training every year"}
    # Saving the same again changes nothing and leaves no entry.
    assert not services.ti_requirements_set(
        actor=funder_member,
        specification=spec,
        commitments={"training": "Training twice a year", "coproduction": "A paid panel"},
        expected_version=2,
    )
    assert AuditEntry.objects.filter(action="tenders.ti_requirements.changed").count() == 2


def test_trauma_informed_requirements_need_commitments_and_known_elements(spec, funder_member):
    with pytest.raises(ApplicationError, match="commit to for") as error:
        services.ti_requirements_set(
            actor=funder_member, specification=spec, commitments={"cultural": "  "}, expected_version=0
        )
    assert error.value.field == "commit_cultural"
    with pytest.raises(ApplicationError, match="from the list"):
        services.ti_requirements_set(
            actor=funder_member, specification=spec, commitments={"yoga": "Daily"}, expected_version=0
        )
    assert not TIRequirement.objects.exists()


def test_trauma_informed_requirements_saved_by_someone_else_meanwhile_are_told(spec, funder_member, funder_admin):
    services.ti_requirements_set(
        actor=funder_admin, specification=spec, commitments={"training": "Theirs"}, expected_version=0
    )
    with pytest.raises(EditConflict) as clash:
        services.ti_requirements_set(
            actor=funder_member, specification=spec, commitments={"training": "Mine"}, expected_version=0
        )
    assert clash.value.saved == {"training": "Theirs"} and clash.value.version == 1
    assert clash.value.message == "Someone else changed the trauma-informed requirements while you were editing"
    assert TIRequirement.objects.get().commitments == "Theirs"
