"""The Anyborough demo specifications: read ``content/demo/specifications.yaml`` and build each
commission's specification through the same services the pages use, so the demo is audited and
checked like anything a person types. Commissions whose specification already has outcomes,
criteria or questions of its own are left as they are, so running the demo twice changes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.db import transaction

from tandem.accounts.models import User
from tandem.commissions.models import Commission
from tandem.core.exceptions import ApplicationError, PermissionDenied
from tandem.tenders.models import Specification
from tandem.tenders.services.criteria import CriterionDetails, criterion_add
from tandem.tenders.services.items import OutcomeDetails, outcome_add, ti_requirements_set
from tandem.tenders.services.questions import QuestionDetails, question_add
from tandem.tenders.services.sections import section_version
from tandem.tenders.services.specification import SECTIONS, specification_section_save


class SpecificationDemoError(Exception):
    """The demo specifications file does not fit the demo commissions or the rules."""


def specifications_demo_path() -> Path:
    return Path(settings.BASE_DIR) / "content" / "demo" / "specifications.yaml"


def _started(specification: Specification) -> bool:
    return (
        specification.outcomes.exists()
        or specification.criteria.exists()
        or specification.questions.filter(is_open=False).exists()
    )


def _build(entry: dict[str, Any]) -> Specification | None:
    title = entry["commission"]
    commission = Commission.objects.filter(title=title).select_related("lead_funder").first()
    if commission is None:
        raise SpecificationDemoError(f"No demo commission called {title!r}: build the demo commissions first")
    author = User.objects.filter(email=entry["author"]).first()
    if author is None:
        raise SpecificationDemoError(f"No demo person with the email {entry['author']!r}")
    specification = Specification.objects.get(commission=commission)
    specification.commission = commission
    if _started(specification):
        return None
    for section in ("about", "agreement", "route"):
        if section in entry:
            values = {name: getattr(specification, name) for name in SECTIONS[section] if name not in entry[section]}
            values.update(entry[section])
            specification = specification_section_save(
                actor=author,
                specification=specification,
                section=section,
                values=values,
                expected_version=section_version(specification, section),
            )
            specification.commission = commission
    for outcome in entry.get("outcomes", []):
        outcome_add(actor=author, specification=specification, details=OutcomeDetails(**outcome))
    if entry.get("ti_requirements"):
        ti_requirements_set(
            actor=author,
            specification=specification,
            commitments=entry["ti_requirements"],
            expected_version=section_version(specification, "ti-requirements"),
        )
    criteria = {
        row["title"]: criterion_add(actor=author, specification=specification, details=CriterionDetails(**row))
        for row in entry.get("criteria", [])
    }
    for row in entry.get("questions", []):
        question = dict(row)
        criterion = criteria.get(question.pop("criterion", ""))
        question_add(
            actor=author,
            specification=specification,
            details=QuestionDetails(**question, criterion_id=criterion.pk if criterion else None),
        )
    return specification


def specifications_demo_build(*, path: Path | None = None) -> list[Specification]:
    """Build the demo specifications not started yet; return those built. Raises
    SpecificationDemoError, changing nothing, when the file does not fit."""
    path = path or specifications_demo_path()
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    built: list[Specification] = []
    try:
        with transaction.atomic():
            for entry in entries:
                specification = _build(entry)
                if specification is not None:
                    built.append(specification)
    except (ApplicationError, PermissionDenied, TypeError, KeyError) as error:
        message = getattr(error, "message", None) or str(error)
        raise SpecificationDemoError(f"{path.name}: {message}") from error
    return built
