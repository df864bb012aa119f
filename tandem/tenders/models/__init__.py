"""Designing the tender for a commission: the specification, its outcomes, trauma-informed
requirements, budget, lots, award criteria, questions for bidders, timeline and versions.

One specification per commission. The rows here are the working copy the team edits; a saved
version (``SpecificationVersion``) is a frozen snapshot of all of it, and a published version is
the one shared with bidders. Rules about what is sensible (weights adding to 100, timeline
checks, co-production sizing, contract or grant) live in the Django-free modules in ``tandem/tenders/rules/``.

One module per area (``specification``, ``items``, ``criteria``, ``questions``); import from here.
"""

from __future__ import annotations

from tandem.tenders.models.criteria import AwardCriterion, CriterionGroup
from tandem.tenders.models.items import BudgetCategory, BudgetLine, Lot, Outcome, TIElement, TIRequirement
from tandem.tenders.models.questions import Question, QuestionPhase
from tandem.tenders.models.specification import (
    AgreementKind,
    EngagementLevel,
    Route,
    SecondStage,
    SectionKey,
    Specification,
    SpecificationSection,
    SpecificationVersion,
    Vulnerability,
    section_version_attribute,
)

__all__ = [
    "AgreementKind",
    "AwardCriterion",
    "BudgetCategory",
    "BudgetLine",
    "CriterionGroup",
    "EngagementLevel",
    "Lot",
    "Outcome",
    "Question",
    "QuestionPhase",
    "Route",
    "SecondStage",
    "SectionKey",
    "Specification",
    "SpecificationSection",
    "SpecificationVersion",
    "TIElement",
    "TIRequirement",
    "Vulnerability",
    "section_version_attribute",
]
