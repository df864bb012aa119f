"""Saving a specification's timeline: its dates from publication to the service starting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import transaction

from tandem.audit.services import audit_log
from tandem.core.exceptions import ApplicationError
from tandem.tenders.models import Specification
from tandem.tenders.permissions import can_edit_specification
from tandem.tenders.rules import timeline
from tandem.tenders.services.sections import section_bump, section_lock

SECTION = "timeline"


def timeline_rules() -> timeline.Rules:
    """Tandem's suggested minimums, from settings (config/settings/base.py)."""
    return timeline.Rules(
        min_response_days=int(getattr(settings, "TENDER_MIN_RESPONSE_DAYS", 25)),
        consortium_extra_days=int(getattr(settings, "TENDER_CONSORTIUM_EXTRA_DAYS", 10)),
        min_mobilisation_days=int(getattr(settings, "TENDER_MIN_MOBILISATION_DAYS", 90)),
    )


def specification_timeline(specification: Specification) -> timeline.Timeline:
    return timeline.Timeline.from_mapping({name: getattr(specification, name) for name in timeline.FIELDS})


def timeline_findings(specification: Specification) -> list[timeline.TimelineFinding]:
    """Tandem's checks on the saved timeline, with the value and consortium choice it depends on."""
    tender = timeline.Tender(
        value=specification.value_including_vat, consortium_welcome=bool(specification.consortium_welcome)
    )
    return timeline.review(specification_timeline(specification), tender, timeline_rules())


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def specification_timeline_update(
    *,
    actor: Any,
    specification: Specification,
    dates: Mapping[str, dt.date | None],
    expected_version: int | None,
) -> Specification:
    """Save the timeline's dates (any left out become blank). Dates out of order are refused beside
    the later date. When someone else saved the timeline since ``expected_version``, raise
    ``EditConflict`` carrying the specification as they saved it, and change nothing."""
    can_edit_specification(actor, specification.commission).require()
    values = timeline.Timeline.from_mapping(dates)
    problems = timeline.order_problems(values)
    if problems:
        raise ApplicationError(problems[0].message, field=problems[0].field)
    new = values.as_dict()
    with transaction.atomic():
        current = Specification.objects.select_for_update().get(pk=specification.pk)
        current.commission = specification.commission
        section_row = section_lock(
            current, SECTION, expected_version=expected_version, what="the timeline", saved=lambda: current
        )
        changed = [name for name in timeline.FIELDS if getattr(current, name) != new[name]]
        if not changed:
            return current
        before = {name: _iso(getattr(current, name)) for name in changed}
        for name in changed:
            setattr(current, name, new[name])
        section_bump(section_row, current)
        current.updated_by = actor
        current.save(update_fields=[*changed, "updated_by", "updated_at"])
        labels = ", ".join(timeline.FIELD_LABELS[name] for name in changed)
        audit_log(
            actor=actor,
            action="tenders.timeline.changed",
            obj=current,
            organisation=specification.commission.lead_funder,
            before=before,
            after={name: _iso(new[name]) for name in changed},
            summary=f"Changed the {labels} in the timeline of {specification.commission.title}",
        )
    return current
