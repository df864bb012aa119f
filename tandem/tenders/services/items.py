"""The specification's lists: outcomes, trauma-informed requirements, budget lines and lots.

Every write checks ``can_edit_specification``, runs in one transaction and leaves an audit entry
(``tenders.outcome.added``, ``tenders.budget_line.changed``, ``tenders.lot.removed``,
``tenders.ti_requirements.changed``...). An edit carries the item's ``version`` from when the
person opened it, so a change someone else saved since, or a removal, is told
(``tandem.core.concurrency.EditConflict``) rather than overwritten; the trauma-informed
requirements carry the ``ti-requirements`` section's version.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone

from tandem.audit.services import audit_log
from tandem.core.concurrency import EditConflict, bump, lock_and_compare
from tandem.core.exceptions import ApplicationError
from tandem.core.values import PENCE, pounds_problem, too_long
from tandem.tenders.models import (
    BudgetCategory,
    BudgetLine,
    Lot,
    Outcome,
    Specification,
    TIElement,
    TIRequirement,
)
from tandem.tenders.permissions import can_edit_specification
from tandem.tenders.services.sections import section_bump, section_lock

# How long things may be. The limits are generous; they stop pasted documents, not real answers.
OUTCOME_TEXT_MAX = 1000
INDICATOR_MAX = 1000
COMMITMENTS_MAX = 3000
BUDGET_DESCRIPTION_MAX = 300
LOT_TITLE_MAX = 200
LOT_DESCRIPTION_MAX = 3000
# Each list holds at most this many items: plenty for one specification, and pages stay quick.
ITEMS_MAX = 100
# The section of the specification the trauma-informed requirements page saves.
TI_SECTION = "ti-requirements"

Item = TypeVar("Item", Outcome, BudgetLine, Lot)


@dataclass(frozen=True)
class OutcomeDetails:
    text: str
    kind: str
    indicator_6_months: str = ""
    indicator_2_years: str = ""
    indicator_5_years: str = ""


@dataclass(frozen=True)
class BudgetLineDetails:
    category: str
    description: str
    annual_amount: Decimal | None


@dataclass(frozen=True)
class LotDetails:
    title: str
    description: str = ""
    value: Decimal | None = None


@dataclass(frozen=True)
class TIChange:
    """The elements a save added, removed, or whose commitments it changed."""

    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


# --- checking what was given ---------------------------------------------------------------


def _text(value: str, *, field: str, missing: str, limit: int, what: str, one_line: bool = False) -> str:
    text = " ".join(str(value).split()) if one_line else str(value).replace("\r\n", "\n").strip()
    if "\x00" in text:
        text = text.replace("\x00", "")
    if not text and missing:
        raise ApplicationError(missing, field=field)
    problem = too_long(text, limit, subject=what)
    if problem:
        raise ApplicationError(problem, field=field)
    return text


def _money(value: Decimal | None, *, field: str, subject: str, required: bool) -> Decimal | None:
    problem = pounds_problem(value, subject=subject, required=required)
    if problem:
        raise ApplicationError(problem, field=field)
    return None if value is None else value.quantize(PENCE)


def outcome_values(details: OutcomeDetails) -> dict[str, Any]:
    if details.kind not in Outcome.Kind.values:
        raise ApplicationError("Choose whether the outcome is hard or soft", field="kind")
    values: dict[str, Any] = {
        "text": _text(
            details.text,
            field="text",
            missing="Enter the outcome",
            limit=OUTCOME_TEXT_MAX,
            what="The outcome",
        ),
        "kind": details.kind,
    }
    for name, when in (
        ("indicator_6_months", "6 months"),
        ("indicator_2_years", "2 years"),
        ("indicator_5_years", "5 years"),
    ):
        values[name] = _text(
            getattr(details, name), field=name, missing="", limit=INDICATOR_MAX, what=f"The indicator at {when}"
        )
    return values


def budget_line_values(details: BudgetLineDetails) -> dict[str, Any]:
    if details.category not in BudgetCategory.values:
        raise ApplicationError("Choose what the cost is for", field="category")
    return {
        "category": details.category,
        "description": _text(
            details.description,
            field="description",
            missing="Describe the cost",
            limit=BUDGET_DESCRIPTION_MAX,
            what="The description",
            one_line=True,
        ),
        "annual_amount": _money(
            details.annual_amount, field="annual_amount", subject="The amount each year", required=True
        ),
    }


def lot_values(details: LotDetails) -> dict[str, Any]:
    return {
        "title": _text(
            details.title,
            field="title",
            missing="Enter a title for the lot",
            limit=LOT_TITLE_MAX,
            what="The title",
            one_line=True,
        ),
        "description": _text(
            details.description, field="description", missing="", limit=LOT_DESCRIPTION_MAX, what="The description"
        ),
        "value": _money(details.value, field="value", subject="The value of the lot", required=False),
    }


# --- the shared writers ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Kind:
    noun: str  # the audit noun: tenders.<noun>.added
    what: str  # how messages name one: "outcome"
    plural: str
    describe_field: str  # the field a summary quotes


_OUTCOME = _Kind("outcome", "outcome", "outcomes", "text")
_BUDGET_LINE = _Kind("budget_line", "budget line", "budget lines", "description")
_LOT = _Kind("lot", "lot", "lots", "title")


def _jsonable(values: Mapping[str, Any]) -> dict[str, Any]:
    return {key: (f"{value:.2f}" if isinstance(value, Decimal) else value) for key, value in values.items()}


def _short(text: str) -> str:
    return text if len(text) <= 80 else f"{text[:77]}..."


def _touch(specification: Specification, actor: Any) -> None:
    """Record who last changed the specification (its sections' versions are left alone)."""
    Specification.objects.filter(pk=specification.pk).update(
        updated_by=actor if getattr(actor, "is_authenticated", False) else None, updated_at=timezone.now()
    )


def _add(*, actor: Any, specification: Specification, model: type[Item], kind: _Kind, values: dict[str, Any]) -> Item:
    commission = specification.commission
    can_edit_specification(actor, commission).require()
    with transaction.atomic():
        Specification.objects.select_for_update().filter(pk=specification.pk).first()
        rows = model.objects.filter(specification_id=specification.pk)
        if rows.count() >= ITEMS_MAX:
            raise ApplicationError(
                f"A specification can have up to {ITEMS_MAX} {kind.plural}. Change or remove one first",
                field=None,
            )
        last = rows.aggregate(last=Max("order"))["last"] or 0
        item = model.objects.create(specification_id=specification.pk, order=last + 1, **values)
        _touch(specification, actor)
        audit_log(
            actor=actor,
            action=f"tenders.{kind.noun}.added",
            obj=item,
            organisation=commission.lead_funder,
            after=_jsonable(values),
            summary=f"Added the {kind.what} “{_short(values[kind.describe_field])}” to the specification "
            f"for {commission.title}",
        )
    return item


def _locked(
    model: type[Item], specification: Specification, item_pk: int, kind: _Kind, expected_version: int | None
) -> Item:
    """The item, locked, when it is still there and at ``expected_version``; else ``EditConflict``."""
    return lock_and_compare(
        model.objects.filter(specification_id=specification.pk),
        pk=item_pk,
        expected_version=expected_version,
        what=f"this {kind.what}",
    )


def _update(
    *,
    actor: Any,
    specification: Specification,
    model: type[Item],
    kind: _Kind,
    item_pk: int,
    values: dict[str, Any],
    expected_version: int | None,
) -> Item:
    commission = specification.commission
    can_edit_specification(actor, commission).require()
    with transaction.atomic():
        item = _locked(model, specification, item_pk, kind, expected_version)
        before = {name: getattr(item, name) for name in values}
        changed: list[str] = [name for name, value in values.items() if before[name] != value]
        if not changed:
            return item
        for name in changed:
            setattr(item, name, values[name])
        item.save(update_fields=[*changed, bump(item), "updated_at"])
        _touch(specification, actor)
        audit_log(
            actor=actor,
            action=f"tenders.{kind.noun}.changed",
            obj=item,
            organisation=commission.lead_funder,
            before=_jsonable({name: before[name] for name in changed}),
            after=_jsonable({name: values[name] for name in changed}),
            summary=f"Changed the {kind.what} “{_short(str(getattr(item, kind.describe_field)))}” in the "
            f"specification for {commission.title}",
        )
    return item


def _remove(*, actor: Any, specification: Specification, model: type[Item], kind: _Kind, item_pk: int) -> None:
    commission = specification.commission
    can_edit_specification(actor, commission).require()
    with transaction.atomic():
        item = model.objects.select_for_update().filter(specification_id=specification.pk, pk=item_pk).first()
        if item is None:
            raise EditConflict(what=f"this {kind.what}", saved=None, version=None)
        fields = [f.name for f in model._meta.concrete_fields if not isinstance(f, models.AutoField)]
        before = {
            name: getattr(item, name)
            for name in fields
            if name not in {"specification", "created_at", "updated_at", "order", "version"}
        }
        audit_log(
            actor=actor,
            action=f"tenders.{kind.noun}.removed",
            obj=item,
            organisation=commission.lead_funder,
            before=_jsonable(before),
            summary=f"Removed the {kind.what} “{_short(str(getattr(item, kind.describe_field)))}” from the "
            f"specification for {commission.title}",
        )
        item.delete()
        _touch(specification, actor)


# --- outcomes --------------------------------------------------------------------------------


def outcome_add(*, actor: Any, specification: Specification, details: OutcomeDetails) -> Outcome:
    """Add an outcome, hard or soft, with its indicators at 6 months, 2 years and 5 years."""
    return _add(actor=actor, specification=specification, model=Outcome, kind=_OUTCOME, values=outcome_values(details))


def outcome_update(
    *, actor: Any, specification: Specification, item_pk: int, details: OutcomeDetails, expected_version: int | None
) -> Outcome:
    return _update(
        actor=actor,
        specification=specification,
        model=Outcome,
        kind=_OUTCOME,
        item_pk=item_pk,
        values=outcome_values(details),
        expected_version=expected_version,
    )


def outcome_remove(*, actor: Any, specification: Specification, item_pk: int) -> None:
    _remove(actor=actor, specification=specification, model=Outcome, kind=_OUTCOME, item_pk=item_pk)


# --- budget lines ----------------------------------------------------------------------------


def budget_line_add(*, actor: Any, specification: Specification, details: BudgetLineDetails) -> BudgetLine:
    return _add(
        actor=actor,
        specification=specification,
        model=BudgetLine,
        kind=_BUDGET_LINE,
        values=budget_line_values(details),
    )


def budget_line_update(
    *, actor: Any, specification: Specification, item_pk: int, details: BudgetLineDetails, expected_version: int | None
) -> BudgetLine:
    return _update(
        actor=actor,
        specification=specification,
        model=BudgetLine,
        kind=_BUDGET_LINE,
        item_pk=item_pk,
        values=budget_line_values(details),
        expected_version=expected_version,
    )


def budget_line_remove(*, actor: Any, specification: Specification, item_pk: int) -> None:
    _remove(actor=actor, specification=specification, model=BudgetLine, kind=_BUDGET_LINE, item_pk=item_pk)


# --- lots ------------------------------------------------------------------------------------


def lot_add(*, actor: Any, specification: Specification, details: LotDetails) -> Lot:
    return _add(actor=actor, specification=specification, model=Lot, kind=_LOT, values=lot_values(details))


def lot_update(
    *, actor: Any, specification: Specification, item_pk: int, details: LotDetails, expected_version: int | None
) -> Lot:
    return _update(
        actor=actor,
        specification=specification,
        model=Lot,
        kind=_LOT,
        item_pk=item_pk,
        values=lot_values(details),
        expected_version=expected_version,
    )


def lot_remove(*, actor: Any, specification: Specification, item_pk: int) -> None:
    _remove(actor=actor, specification=specification, model=Lot, kind=_LOT, item_pk=item_pk)


# --- trauma-informed requirements ------------------------------------------------------------


def ti_commitments_clean(commitments: Mapping[str, str]) -> dict[str, str]:
    """Each chosen element with its commitments, checked; the message sits beside that box."""
    cleaned: dict[str, str] = {}
    for element, text in commitments.items():
        if element not in TIElement.values:
            raise ApplicationError("Choose trauma-informed elements from the list", field="elements")
        label = TIElement(element).label
        cleaned[element] = _text(
            text,
            field=f"commit_{element}",
            missing=f"Say what providers must commit to for “{label}”, or untick it",
            limit=COMMITMENTS_MAX,
            what="What providers must commit to",
        )
    return cleaned


def ti_requirements_set(
    *, actor: Any, specification: Specification, commitments: Mapping[str, str], expected_version: int | None
) -> TIChange:
    """Make the required elements exactly those in ``commitments`` (element -> what providers
    must commit to). Elements left out are no longer required. Raises ``EditConflict``, carrying
    each element required now with its commitments, when someone saved the page since
    ``expected_version``."""
    commission = specification.commission
    can_edit_specification(actor, commission).require()
    wanted = ti_commitments_clean(commitments)
    with transaction.atomic():
        locked = Specification.objects.select_for_update().get(pk=specification.pk)
        existing = {row.element: row for row in TIRequirement.objects.filter(specification=locked)}
        section_row = section_lock(
            locked,
            TI_SECTION,
            expected_version=expected_version,
            what="the trauma-informed requirements",
            saved=lambda: {element: row.commitments for element, row in existing.items()},
        )
        added = tuple(e for e in TIElement.values if e in wanted and e not in existing)
        removed = tuple(e for e in TIElement.values if e in existing and e not in wanted)
        changed = tuple(
            e for e in TIElement.values if e in wanted and e in existing and existing[e].commitments != wanted[e]
        )
        change = TIChange(added=added, removed=removed, changed=changed)
        if not change:
            return change
        before = {e: existing[e].commitments for e in (*removed, *changed)}
        TIRequirement.objects.filter(specification=locked, element__in=removed).delete()
        for element in changed:
            row = existing[element]
            row.commitments = wanted[element]
            row.save(update_fields=["commitments", "updated_at"])
        TIRequirement.objects.bulk_create(
            [TIRequirement(specification=locked, element=e, commitments=wanted[e]) for e in added]
        )
        section_bump(section_row, specification)
        locked.updated_by = actor if getattr(actor, "is_authenticated", False) else None
        locked.save(update_fields=["updated_by", "updated_at"])
        parts = []
        for verb, elements in (("added", added), ("removed", removed), ("changed", changed)):
            if elements:
                parts.append(f"{verb} {', '.join(TIElement(e).label.lower() for e in elements)}")
        audit_log(
            actor=actor,
            action="tenders.ti_requirements.changed",
            obj=locked,
            organisation=commission.lead_funder,
            before=before,
            after={e: wanted[e] for e in (*added, *changed)},
            summary=f"Trauma-informed requirements for {commission.title}: {'; '.join(parts)}",
        )
    return change
