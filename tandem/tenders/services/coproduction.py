"""Saving how a specification sizes co-production: how vulnerable the people are, the level of
engagement the team chose, and why when it is below Tandem's suggestion."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from tandem.audit.services import audit_log
from tandem.core.exceptions import ApplicationError
from tandem.tenders.models import Specification
from tandem.tenders.permissions import can_edit_specification
from tandem.tenders.rules import coproduction
from tandem.tenders.services.sections import section_bump, section_lock

SECTION = "coproduction"
REASON_MAX = 3000
FIELDS = ("vulnerability", "engagement_level", "engagement_reason")
VULNERABILITY_REQUIRED = "Choose how vulnerable the people using the service are likely to be"
LEVEL_REQUIRED = "Choose the level of engagement you plan"


def specification_suggestion(specification: Specification, vulnerability: str | None = None) -> coproduction.Suggestion:
    """Tandem's suggestion for the specification's value and term, and ``vulnerability`` (or the
    one saved)."""
    return coproduction.suggest(
        specification.value_including_vat,
        specification.term_months,
        specification.vulnerability if vulnerability is None else vulnerability,
    )


def reason_message(chosen: str, suggestion: coproduction.Suggestion) -> str:
    chosen_name = coproduction.LEVEL_NAMES.get(chosen, chosen)
    return (
        f"Say why you chose {chosen_name} when Tandem suggests at least {suggestion.level_name}. "
        "It is your decision; the reason keeps it on record."
    )


def specification_coproduction_update(
    *,
    actor: Any,
    specification: Specification,
    vulnerability: str,
    engagement_level: str,
    engagement_reason: str,
    expected_version: int | None,
) -> Specification:
    """Save the co-production choices. Choosing a level below Tandem's suggestion (worked out from
    the value and term saved now) needs a reason; at or above it, no reason is kept. When someone
    else saved these choices since ``expected_version``, raise ``EditConflict`` carrying the
    specification as saved now."""
    can_edit_specification(actor, specification.commission).require()
    if vulnerability not in coproduction.VULNERABILITIES:
        raise ApplicationError(VULNERABILITY_REQUIRED, field="vulnerability")
    if engagement_level not in coproduction.LEVELS:
        raise ApplicationError(LEVEL_REQUIRED, field="engagement_level")
    reason = engagement_reason.strip()
    if len(reason) > REASON_MAX:
        raise ApplicationError(f"The reason must be {REASON_MAX} characters or fewer", field="engagement_reason")
    with transaction.atomic():
        current = Specification.objects.select_for_update().get(pk=specification.pk)
        current.commission = specification.commission
        section_row = section_lock(
            current,
            SECTION,
            expected_version=expected_version,
            what="the co-production choices",
            saved=lambda: current,
        )
        suggestion = specification_suggestion(current, vulnerability)
        if coproduction.reason_needed(engagement_level, suggestion):
            if not reason:
                raise ApplicationError(reason_message(engagement_level, suggestion), field="engagement_reason")
        else:
            reason = ""
        new = {"vulnerability": vulnerability, "engagement_level": engagement_level, "engagement_reason": reason}
        changed = [name for name in FIELDS if getattr(current, name) != new[name]]
        if not changed:
            return current
        before = {name: getattr(current, name) for name in changed}
        for name in changed:
            setattr(current, name, new[name])
        section_bump(section_row, current)
        current.updated_by = actor
        current.save(update_fields=[*changed, "updated_by", "updated_at"])
        audit_log(
            actor=actor,
            action="tenders.coproduction.changed",
            obj=current,
            organisation=specification.commission.lead_funder,
            before=before,
            after={**{name: new[name] for name in changed}, "suggested_level": suggestion.level},
            summary=(
                f"Chose {coproduction.LEVEL_NAMES[engagement_level]} for co-production in "
                f"{specification.commission.title} (Tandem suggests at least {suggestion.level_name})"
            ),
        )
    return current
