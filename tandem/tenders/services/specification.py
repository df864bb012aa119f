"""Starting a commission's specification, saving its core sections, and its versions."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from tandem.audit.services import audit_log
from tandem.core.exceptions import ApplicationError
from tandem.core.values import PENCE, money_message, pounds_problem, too_long
from tandem.notifications.services import notify
from tandem.tenders.models import (
    AgreementKind,
    Question,
    QuestionPhase,
    Route,
    SecondStage,
    Specification,
    SpecificationVersion,
)
from tandem.tenders.permissions import can_edit_specification, can_publish_specification
from tandem.tenders.rules import agreement, open_question
from tandem.tenders.rules.fields import ABOUT, AGREEMENT, ROUTE, Field, field_named
from tandem.tenders.rules.readiness import Problem, PublishWarning, publish_problems
from tandem.tenders.selectors.versions import later_published_version, version_warnings
from tandem.tenders.services.sections import section_bump, section_lock
from tandem.tenders.snapshot import specification_snapshot


def specification_start(*, actor: Any, commission: Any) -> Specification:
    """Make the commission's specification, seeded with its purpose and the people it is for, and
    the open question for bidders switched on. Called inside ``commission_create``'s transaction."""
    specification = Specification.objects.create(
        commission=commission,
        purpose=commission.purpose,
        people_for=commission.people_for,
        value_including_vat=commission.estimated_value,
        updated_by=actor,
    )
    Question.objects.create(
        specification=specification,
        order=1000,
        text=open_question.TEXT,
        guidance=open_question.GUIDANCE,
        word_limit=open_question.WORD_LIMIT,
        phase=QuestionPhase.FIRST_STAGE,
        why_we_ask=open_question.WHY_WE_ASK,
        how_we_use=open_question.HOW_WE_USE,
        is_open=True,
    )
    audit_log(
        actor=actor,
        action="tenders.specification.started",
        obj=specification,
        organisation=commission.lead_funder,
        summary=f"Started the specification for {commission.title}, with the open question for bidders",
    )
    return specification


# ----------------------------------------------------------------------------------------------
# The core sections: about, agreement, route and regime


SECTIONS: dict[str, tuple[str, ...]] = {
    "about": ("purpose", "people_for", "services_required", "reporting", "ending_plan"),
    "agreement": (
        "agreement_kind",
        "specialist_work",
        "agreement_reason",
        "term_months",
        "extension_months",
        "consortium_welcome",
        "cost_review",
    ),
    "route": ("route", "second_stage", "direct_award_justification", "cpv_code", "light_touch", "value_including_vat"),
}
SECTION_NAMES = {"about": "about the service", "agreement": "agreement", "route": "route and regime"}
TEXT_MAX = 10_000
MONTHS_MAX = 600
CPV_PATTERN = re.compile(r"[0-9]{8}(-[0-9])?")
CPV_MESSAGE = "Enter the CPV code as 8 digits, with or without a check digit, like 85312000 or 85312000-9"
NO_SECOND_STAGE = "Choose what the second stage is: dialogue or assurance"
NO_JUSTIFICATION = "Give the justification for a direct award"
NO_AGREEMENT_REASON = "Say why you chose differently from Tandem's suggestion"


class PublishBlockedError(ApplicationError):
    """The version cannot be published yet; ``problems`` says what is missing."""

    def __init__(self, problems: list[Problem]):
        super().__init__("This version cannot be published yet")
        self.problems = problems


def _clean_text(values: Mapping[str, Any], name: str, label: str) -> str:
    text = str(values.get(name) or "").replace("\r\n", "\n").strip()
    problem = too_long(text, TEXT_MAX, subject=label)
    if problem:
        raise ApplicationError(problem, field=name)
    return text


def _clean_months(values: Mapping[str, Any], name: str, label: str, *, least: int) -> int | None:
    value = values.get(name)
    if value is None or value == "":
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not least <= value <= MONTHS_MAX:
        raise ApplicationError(f"{label} must be a whole number of months from {least} to {MONTHS_MAX}", field=name)
    return value


def _clean_about(values: Mapping[str, Any]) -> dict[str, Any]:
    return {field.name: _clean_text(values, field.name, field.subject) for field in ABOUT}


def _subject(fields: tuple[Field, ...], name: str) -> str:
    return field_named(fields, name).subject


def _clean_agreement(values: Mapping[str, Any], specification: Specification) -> dict[str, Any]:
    kind = str(values.get("agreement_kind") or "")
    if kind and kind not in AgreementKind.values:
        raise ApplicationError("Choose a contract or a grant", field="agreement_kind")
    term = _clean_months(values, "term_months", _subject(AGREEMENT, "term_months"), least=1)
    cleaned: dict[str, Any] = {
        "agreement_kind": kind,
        "specialist_work": bool(values.get("specialist_work")),
        "term_months": term,
        "extension_months": _clean_months(values, "extension_months", _subject(AGREEMENT, "extension_months"), least=0),
        "consortium_welcome": bool(values.get("consortium_welcome")),
        "cost_review": _clean_text(values, "cost_review", _subject(AGREEMENT, "cost_review")),
        "agreement_reason": _clean_text(values, "agreement_reason", _subject(AGREEMENT, "agreement_reason")),
    }
    suggestion = agreement.recommend(specification.value_including_vat, cleaned["specialist_work"], term)
    if suggestion.differs(kind):
        if not cleaned["agreement_reason"]:
            raise ApplicationError(NO_AGREEMENT_REASON, field="agreement_reason")
    else:
        # The model keeps a reason only when the team chose differently from the suggestion.
        cleaned["agreement_reason"] = ""
    return cleaned


def cpv_clean(value: str) -> str:
    """A CPV code as stored: 8 digits and an optional check digit ("85312000-9")."""
    code = "".join(value.split())
    if code and not CPV_PATTERN.fullmatch(code):
        raise ApplicationError(CPV_MESSAGE, field="cpv_code")
    return code


def _clean_route(values: Mapping[str, Any]) -> dict[str, Any]:
    route = str(values.get("route") or "")
    if route and route not in Route.values:
        raise ApplicationError("Choose a route from the list", field="route")
    second_stage = str(values.get("second_stage") or "") if route == Route.TWO_STAGE else ""
    if route == Route.TWO_STAGE and second_stage not in SecondStage.values:
        raise ApplicationError(NO_SECOND_STAGE, field="second_stage")
    justification = (
        _clean_text(values, "direct_award_justification", _subject(ROUTE, "direct_award_justification"))
        if route == Route.DIRECT_AWARD
        else ""
    )
    if route == Route.DIRECT_AWARD and not justification:
        raise ApplicationError(NO_JUSTIFICATION, field="direct_award_justification")
    light_touch = values.get("light_touch")
    if light_touch is not None and not isinstance(light_touch, bool):
        raise ApplicationError("Say whether it is a light-touch service", field="light_touch")
    value = values.get("value_including_vat")
    if value is not None:
        problem = pounds_problem(value, subject="The value") if isinstance(value, Decimal) else None
        if not isinstance(value, Decimal) or problem:
            raise ApplicationError(problem or money_message("negative", "The value"), field="value_including_vat")
        value = value.quantize(PENCE)
    return {
        "route": route,
        "second_stage": second_stage,
        "direct_award_justification": justification,
        "cpv_code": cpv_clean(str(values.get("cpv_code") or "")),
        "light_touch": light_touch,
        "value_including_vat": value,
    }


def _audit_value(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def specification_section_save(
    *,
    actor: Any,
    specification: Specification,
    section: str,
    values: Mapping[str, Any],
    expected_version: int | None,
) -> Specification:
    """Save one section (``about``, ``agreement`` or ``route``) of the working copy.

    When someone else saved the same section since ``expected_version``, raise ``EditConflict``
    carrying the specification as saved now, and change nothing. Editing different sections never
    clashes.
    """
    commission = specification.commission
    can_edit_specification(actor, commission).require()
    if section not in SECTIONS:
        raise ApplicationError("There is no such part of the specification")
    with transaction.atomic():
        current = Specification.objects.select_for_update().get(pk=specification.pk)
        current.commission = commission
        section_row = section_lock(
            current,
            section,
            expected_version=expected_version,
            what="this part of the specification",
            saved=lambda: current,
        )
        if section == "about":
            cleaned = _clean_about(values)
        elif section == "agreement":
            cleaned = _clean_agreement(values, current)
        else:
            cleaned = _clean_route(values)
        changed = [name for name in SECTIONS[section] if getattr(current, name) != cleaned[name]]
        if not changed:
            return current
        before = {name: _audit_value(getattr(current, name)) for name in changed}
        for name in changed:
            setattr(current, name, cleaned[name])
        section_bump(section_row, current)
        current.updated_by = actor
        current.save(update_fields=[*changed, "updated_by", "updated_at"])
        audit_log(
            actor=actor,
            action="tenders.specification.changed",
            obj=current,
            organisation=commission.lead_funder,
            before=before,
            after={name: _audit_value(getattr(current, name)) for name in changed},
            summary=f"Changed the {SECTION_NAMES[section]} part of the specification for {commission.title}",
        )
    return current


# ----------------------------------------------------------------------------------------------
# Versions


NOTE_MAX = 300


def _team_except(commission: Any, actor: Any) -> list[Any]:
    actor_pk = getattr(actor, "pk", None)
    return [m.user for m in commission.team.all() if m.user_id != actor_pk and m.user.is_active]


def specification_version_save(*, actor: Any, specification: Specification, note: str = "") -> SpecificationVersion:
    """Freeze the working copy as the next numbered version, and tell the rest of the team."""
    commission = specification.commission
    can_edit_specification(actor, commission).require()
    note = " ".join(str(note).split())
    if len(note) > NOTE_MAX:
        raise ApplicationError(f"The note must be {NOTE_MAX} characters or fewer", field="note")
    with transaction.atomic():
        # Locking the specification row means two people saving at once get numbers in turn.
        current = Specification.objects.select_for_update().get(pk=specification.pk)
        current.commission = commission
        latest = SpecificationVersion.objects.filter(specification=current).aggregate(latest=Max("number"))["latest"]
        number = (latest or 0) + 1
        version = SpecificationVersion.objects.create(
            specification=current,
            number=number,
            note=note,
            snapshot=specification_snapshot(current),
            created_by=actor,
        )
        audit_log(
            actor=actor,
            action="tenders.version.saved",
            obj=version,
            organisation=commission.lead_funder,
            after={"number": number, "note": note},
            summary=f"Saved version {number} of the specification for {commission.title}",
        )
        notify(
            recipients=_team_except(commission, actor),
            kind="tenders.specification",
            title=f"Version {number} of the specification for {commission.title} has been saved",
            body=f"{actor} saved version {number}." + (f" Their note: {note}" if note else ""),
            url=reverse("tenders:version", kwargs={"pk": commission.pk, "number": number}),
            organisation=commission.lead_funder,
            actor=actor,
        )
    return version


PUBLISH_REASON_MAX = 1000


class PublishReasonsError(ApplicationError):
    """A warning the version would be published with has no reason, or too long a one. ``problems``
    holds each one's message by the warning's key; the first is also the error's own message."""

    def __init__(self, problems: dict[str, str]):
        key, message = next(iter(problems.items()))
        super().__init__(message, field=key)
        self.problems = problems


def reason_needed(warning: PublishWarning) -> str:
    """What the page and the service say when a warning has no reason."""
    return f"Give your reason for publishing with “{warning.heading}”"


def reason_too_long(warning: PublishWarning) -> str:
    return f"The reason for “{warning.heading}” must be {PUBLISH_REASON_MAX:,} characters or fewer"


def later_published_message(number: int, later: int) -> str:
    return (
        f"Version {later} has been published, so version {number} cannot be published now: bidders would be sent "
        "an older specification. Publish a newer version instead."
    )


def _reasons_for(warnings: list[PublishWarning], reasons: Mapping[str, str]) -> list[dict[str, str]]:
    """One recorded reason for each warning, or ``PublishReasonsError`` naming each one missing."""
    recorded: list[dict[str, str]] = []
    problems: dict[str, str] = {}
    for warning in warnings:
        reason = str(reasons.get(warning.key) or "").replace("\r\n", "\n").strip()
        if not reason:
            problems[warning.key] = reason_needed(warning)
        elif too_long(reason, PUBLISH_REASON_MAX, subject="The reason"):
            problems[warning.key] = reason_too_long(warning)
        else:
            recorded.append({"key": warning.key, "warning": warning.heading, "said": warning.message, "reason": reason})
    if problems:
        raise PublishReasonsError(problems)
    return recorded


def specification_version_publish(
    *, actor: Any, specification: Specification, number: int, reasons: Mapping[str, str] | None = None
) -> SpecificationVersion:
    """Publish a saved version to bidders.

    Refused while a rule blocks it (``publish_problems``, as ``PublishBlockedError``), once it or a
    later version is published, and until every open warning on it (the timeline's and the tender
    lens's, ``version_warnings``) has a reason in ``reasons``, keyed by the warning's key (as
    ``PublishReasonsError``). The reasons are kept with the version and in the audit entry.
    """
    commission = specification.commission
    can_publish_specification(actor, commission).require()
    with transaction.atomic():
        # Locking the specification row means two versions are never published at the same moment.
        Specification.objects.select_for_update().filter(pk=specification.pk).first()
        version = (
            SpecificationVersion.objects.select_for_update().filter(specification=specification, number=number).first()
        )
        if version is None:
            raise ApplicationError(f"There is no version {number} of this specification")
        if version.published_at is not None:
            raise ApplicationError(f"Version {number} has already been published")
        later = later_published_version(specification=specification, number=number)
        if later is not None:
            raise ApplicationError(later_published_message(number, later.number))
        problems = publish_problems(version.snapshot)
        if problems:
            raise PublishBlockedError(problems)
        recorded = _reasons_for(version_warnings(version.snapshot), reasons or {})
        version.published_at = timezone.now()
        version.published_by = actor
        version.publish_reasons = recorded
        version.save(update_fields=["published_at", "published_by", "publish_reasons", "updated_at"])
        after: dict[str, Any] = {"published": True, "number": number}
        if recorded:
            after["reasons"] = recorded
        audit_log(
            actor=actor,
            action="tenders.version.published",
            obj=version,
            organisation=commission.lead_funder,
            before={"published": False},
            after=after,
            summary=f"Published version {number} of the specification for {commission.title} to bidders"
            + (f", with a reason for publishing with {_warnings(len(recorded))}" if recorded else ""),
        )
        reasons_said = (
            f" They gave a reason for publishing with {_warnings(len(recorded))}: read them on the version's page."
            if recorded
            else ""
        )
        notify(
            recipients=_team_except(commission, actor),
            kind="tenders.specification",
            title=f"Version {number} of the specification for {commission.title} has been published",
            body=f"{actor} published version {number} to bidders, with its award criteria and weights.{reasons_said}",
            url=reverse("tenders:version", kwargs={"pk": commission.pk, "number": number}),
            organisation=commission.lead_funder,
            actor=actor,
        )
    return version


def _warnings(count: int) -> str:
    return "1 warning" if count == 1 else f"{count} warnings"
