"""Starting a commission, changing its details, and saying which stage the team is in now."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.urls import reverse

from tandem.audit.services import audit_log
from tandem.commissions.hooks import on_commission_created
from tandem.commissions.models import (
    Commission,
    PartnerFunder,
    StageProgress,
    StageStatus,
    TeamMember,
    TeamRole,
)
from tandem.commissions.permissions import can_contribute, can_create_commission, can_manage_commission
from tandem.core.concurrency import bump, lock_and_compare
from tandem.core.exceptions import ApplicationError
from tandem.core.values import PENCE, pounds_display, pounds_problem
from tandem.frameworks.models import FrameworkKind, FrameworkVersion, Stage
from tandem.notifications.services import notify
from tandem.organisations.models import FUNDER_KINDS, Organisation

TITLE_MAX = 200
SERVICE_AREA_MAX = 200
PURPOSE_MAX = 3000
PEOPLE_FOR_MAX = 3000
# Partner funders a commission can name (the form shows the existing ones and three empty rows).
PARTNERS_MAX = 20
DETAIL_FIELDS = (
    "title",
    "purpose",
    "service_area",
    "people_for",
    "estimated_value",
    "starts_on",
    "ends_on",
)
FIELD_LABELS = {
    "title": "title",
    "purpose": "purpose",
    "service_area": "service area",
    "people_for": "the people it is for",
    "estimated_value": "estimated value",
    "starts_on": "start date",
    "ends_on": "end date",
    "partner_funders": "partner funders",
}


@dataclass(frozen=True)
class PartnerShare:
    """A partner funder and what it puts in (None when not known yet). ``row`` is the partner
    funder's number on the form, so a message about what it puts in is shown beside that box."""

    organisation_id: int
    contribution: Decimal | None = None
    row: int | None = None

    @property
    def contribution_field(self) -> str:
        return f"partner_{self.row}_contribution" if self.row else "partners"


@dataclass(frozen=True)
class CommissionDetails:
    """What a person can say about a commission. Blank strings and None mean "not given"."""

    title: str
    purpose: str
    service_area: str
    people_for: str
    estimated_value: Decimal | None = None
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    partners: Sequence[PartnerShare] = field(default_factory=tuple)


def _text(value: str, *, name: str, label: str, limit: int, one_line: bool) -> str:
    text = " ".join(value.split()) if one_line else value.strip()
    if not text:
        raise ApplicationError(f"Enter {label}", field=name)
    if len(text) > limit:
        raise ApplicationError(f"{label[0].upper()}{label[1:]} must be {limit} characters or fewer", field=name)
    return text


def _money(value: Decimal | None, *, name: str, subject: str) -> Decimal | None:
    problem = pounds_problem(value, subject=subject)
    if problem:
        raise ApplicationError(problem, field=name)
    return None if value is None else value.quantize(PENCE)


def _details_clean(details: CommissionDetails, *, lead_funder: Organisation) -> dict[str, Any]:
    """Check and tidy the details; raise ApplicationError beside the field that is wrong."""
    values: dict[str, Any] = {
        "title": _text(details.title, name="title", label="a title", limit=TITLE_MAX, one_line=True),
        "purpose": _text(details.purpose, name="purpose", label="the purpose", limit=PURPOSE_MAX, one_line=False),
        "service_area": _text(
            details.service_area, name="service_area", label="the service area", limit=SERVICE_AREA_MAX, one_line=True
        ),
        "people_for": _text(
            details.people_for,
            name="people_for",
            label="who the service is for",
            limit=PEOPLE_FOR_MAX,
            one_line=False,
        ),
        "estimated_value": _money(details.estimated_value, name="estimated_value", subject="The estimated value"),
        "starts_on": details.starts_on,
        "ends_on": details.ends_on,
    }
    if details.starts_on and details.ends_on and details.ends_on <= details.starts_on:
        raise ApplicationError("The end date must be after the start date", field="ends_on")
    if len(details.partners) > PARTNERS_MAX:
        raise ApplicationError(f"A commission can have up to {PARTNERS_MAX} partner funders", field="partners")
    ids = [share.organisation_id for share in details.partners]
    if len(set(ids)) != len(ids):
        raise ApplicationError("Choose each partner funder once", field="partners")
    funders = {org.pk: org for org in Organisation.objects.filter(pk__in=ids, kind__in=FUNDER_KINDS).only("pk", "name")}
    partners: dict[int, Decimal | None] = {}
    for share in details.partners:
        if share.organisation_id not in funders:
            raise ApplicationError("Choose partner funders from the list", field="partners")
        if share.organisation_id == lead_funder.pk:
            raise ApplicationError(
                f"{lead_funder.name} is already the lead funder. Choose other funders as partners", field="partners"
            )
        partners[share.organisation_id] = _money(
            share.contribution, name=share.contribution_field, subject="A contribution"
        )
    if values["estimated_value"] is not None:
        _contributions_check(details.partners, partners, funders, values["estimated_value"])
    values["partners"] = partners
    values["partner_names"] = {pk: org.name for pk, org in funders.items()}
    return values


def _contributions_check(
    shares: Sequence[PartnerShare],
    amounts: dict[int, Decimal | None],
    funders: dict[int, Organisation],
    total: Decimal,
) -> None:
    """Partners cannot put in more than the whole commission is worth: the estimated value is the
    whole value over the life of the contract or grant, so more is a mistyped amount."""
    for share in shares:
        amount = amounts[share.organisation_id]
        if amount is not None and amount > total:
            raise ApplicationError(
                f"{funders[share.organisation_id].name} puts in {pounds_display(amount)}, which is more than the "
                f"estimated value of the whole commission ({pounds_display(total)}). A partner's part cannot be "
                "more than the whole, so check both amounts",
                field=share.contribution_field,
            )
    together = sum((amount for amount in amounts.values() if amount is not None), Decimal(0))
    if together > total:
        raise ApplicationError(
            f"The partner funders put in {pounds_display(together)} altogether, which is more than the estimated "
            f"value of the whole commission ({pounds_display(total)}). Check what each partner puts in, and that "
            "the estimated value is the whole value over the life of the contract or grant",
            field="estimated_value",
        )


def _partners_snapshot(partners: dict[int, Decimal | None], names: dict[int, str]) -> list[dict[str, Any]]:
    return [
        {"organisation": names.get(pk, str(pk)), "contribution": None if amount is None else str(amount)}
        for pk, amount in sorted(partners.items(), key=lambda item: (names.get(item[0], ""), item[0]))
    ]


def _snapshot(commission: Commission, names: Sequence[str]) -> dict[str, Any]:
    return {name: getattr(commission, name) for name in names}


def commission_create(
    *,
    actor: Any,
    lead_funder: Organisation,
    framework_version: FrameworkVersion,
    details: CommissionDetails,
) -> Commission:
    """Start a commission led by ``lead_funder`` (the funder the person is acting for). The person
    becomes its lead, and every stage of the framework starts as not started."""
    can_create_commission(actor, lead_funder).require()
    if framework_version.framework.kind != FrameworkKind.JOURNEY:
        raise ApplicationError("Choose a commissioning journey framework", field="framework_version")
    newest = FrameworkVersion.objects.filter(framework_id=framework_version.framework_id).order_by("-number").first()
    if newest is None or newest.pk != framework_version.pk:
        raise ApplicationError(
            "A newer version of this framework has been published. Choose the framework again",
            field="framework_version",
        )
    values = _details_clean(details, lead_funder=lead_funder)
    partners: dict[int, Decimal | None] = values.pop("partners")
    names: dict[int, str] = values.pop("partner_names")
    stages = list(Stage.objects.filter(version=framework_version).order_by("order", "pk"))
    with transaction.atomic():
        commission = Commission.objects.create(
            lead_funder=lead_funder,
            framework_version=framework_version,
            created_by=actor,
            current_stage=stages[0].slug if stages else "",
            **values,
        )
        PartnerFunder.objects.bulk_create(
            [
                PartnerFunder(commission=commission, organisation_id=pk, contribution=amount)
                for pk, amount in partners.items()
            ]
        )
        TeamMember.objects.create(commission=commission, user=actor, role=TeamRole.LEAD)
        StageProgress.objects.bulk_create(
            [StageProgress(commission=commission, stage=stage, status=StageStatus.NOT_STARTED) for stage in stages]
        )
        audit_log(
            actor=actor,
            action="commissions.commission.created",
            obj=commission,
            organisation=lead_funder,
            after={
                **_snapshot(commission, DETAIL_FIELDS),
                "lead_funder": lead_funder.name,
                "framework_version": str(framework_version),
                "partner_funders": _partners_snapshot(partners, names),
                "lead": str(actor),
            },
            summary=f"Started the commission {commission.title}, led by {lead_funder.name}",
        )
        # Apps above commissions react here: tenders starts the specification (commissions.hooks).
        for hook in on_commission_created():
            hook(actor=actor, commission=commission)
    return commission


def commission_update(
    *, actor: Any, commission: Commission, details: CommissionDetails, expected_version: int | None
) -> Commission:
    """Save new details. When someone else saved since ``expected_version``, raise
    ``EditConflict`` carrying what they saved (with its partner funders), and change nothing."""
    can_manage_commission(actor, commission).require()
    values = _details_clean(details, lead_funder=commission.lead_funder)
    partners: dict[int, Decimal | None] = values.pop("partners")
    names: dict[int, str] = values.pop("partner_names")
    with transaction.atomic():
        current = lock_and_compare(
            Commission.objects.select_related("lead_funder"),
            pk=commission.pk,
            expected_version=expected_version,
            what="this commission's details",
            saved=lambda row: commission_refetch(row.pk),
        )
        existing = {
            row.organisation_id: row
            for row in PartnerFunder.objects.filter(commission=current).select_related("organisation")
        }
        before_partners = {pk: row.contribution for pk, row in existing.items()}
        before_names = {pk: row.organisation.name for pk, row in existing.items()}
        changed = [name for name in DETAIL_FIELDS if getattr(current, name) != values[name]]
        partners_changed = before_partners != partners
        if not changed and not partners_changed:
            return current
        before = _snapshot(current, changed)
        for name in changed:
            setattr(current, name, values[name])
        current.save(update_fields=[*changed, bump(current), "updated_at"])
        after = _snapshot(current, changed)
        if partners_changed:
            gone = [row.pk for pk, row in existing.items() if pk not in partners]
            PartnerFunder.objects.filter(pk__in=gone).delete()
            for pk, amount in partners.items():
                row = existing.get(pk)
                if row is None:
                    PartnerFunder.objects.create(commission=current, organisation_id=pk, contribution=amount)
                elif row.contribution != amount:
                    row.contribution = amount
                    row.save(update_fields=["contribution", "updated_at"])
            before["partner_funders"] = _partners_snapshot(before_partners, before_names)
            after["partner_funders"] = _partners_snapshot(partners, names)
        what = [FIELD_LABELS[name] for name in [*changed, *(["partner_funders"] if partners_changed else [])]]
        audit_log(
            actor=actor,
            action="commissions.commission.updated",
            obj=current,
            organisation=current.lead_funder,
            before=before,
            after=after,
            summary=f"Changed the {', '.join(what)} of {current.title}",
        )
    return current


def commission_refetch(pk: int) -> Commission:
    """The commission as saved now, with its partner funders, for showing a clash."""
    return (
        Commission.objects.select_related("lead_funder", "framework_version__framework")
        .prefetch_related("partner_funders__organisation")
        .get(pk=pk)
    )


def commission_current_stage_set(*, actor: Any, commission: Commission, stage_slug: str) -> Commission:
    """Say which stage the team is in now. This only moves the "you are here" marker: every stage
    stays open, whatever its status."""
    can_contribute(actor, commission).require()
    stage = Stage.objects.filter(version_id=commission.framework_version_id, slug=stage_slug).first()
    if stage is None:
        raise ApplicationError("Choose a stage from the list", field="stage")
    with transaction.atomic():
        current = Commission.objects.select_for_update().get(pk=commission.pk)
        if current.current_stage == stage.slug:
            return current
        before = {"current_stage": current.current_stage}
        current.current_stage = stage.slug
        current.save(update_fields=["current_stage", "updated_at"])
        audit_log(
            actor=actor,
            action="commissions.commission.stage_moved",
            obj=current,
            organisation=commission.lead_funder,
            before=before,
            after={"current_stage": stage.slug},
            summary=f"{current.title} is now in the {stage.name} stage",
        )
        others = [m.user for m in commission.team.all() if m.user_id != getattr(actor, "pk", None)]
        notify(
            recipients=[user for user in others if user.is_active],
            kind="commissions.stage",
            title=f"{current.title} has moved to the {stage.name} stage",
            body=(
                f"{actor} says the team is now in the {stage.name} stage. "
                "You can still go back to any stage at any time."
            ),
            url=reverse("commissions:detail", args=[current.pk]),
            organisation=commission.lead_funder,
            actor=actor,
        )
    return current
