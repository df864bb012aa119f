"""The tender lens catalogue: every code, its name, default severity and the principles it touches.

The codes are a contract (issue 4): keep them, never renumber them. ``whole`` marks the codes that are
only judged on a whole specification or application form, never on an excerpt.
"""

from __future__ import annotations

from dataclasses import dataclass

PRINCIPLES = (
    "safety",
    "trustworthiness",
    "choice",
    "collaboration",
    "empowerment",
    "cultural-consideration",
    "connection",
)


@dataclass(frozen=True)
class CatalogueEntry:
    code: str
    name: str
    severity: str
    principles: tuple[str, ...]
    whole: bool = False


_ENTRIES = (
    CatalogueEntry("TL01", "ACRONYM_UNEXPLAINED", "low", ("trustworthiness", "empowerment")),
    CatalogueEntry("TL02", "REQUEST_WITHOUT_REASON", "medium", ("trustworthiness", "safety")),
    CatalogueEntry("TL03", "SENSITIVE_DATA_UPFRONT", "high", ("safety", "trustworthiness")),
    CatalogueEntry("TL04", "WEIGHTS_NOT_STATED", "high", ("trustworthiness", "empowerment")),
    CatalogueEntry("TL05", "SOCIAL_VALUE_UNDERWEIGHTED", "medium", ("connection", "collaboration")),
    CatalogueEntry("TL06", "PRICE_DOMINANT", "medium", ("trustworthiness", "safety")),
    CatalogueEntry("TL07", "DEADLINE_TOO_SHORT", "high", ("safety", "empowerment")),
    CatalogueEntry("TL08", "DEADLINE_IN_HOLIDAY", "medium", ("safety", "collaboration")),
    CatalogueEntry("TL09", "YEAR_END_PRESSURE", "medium", ("safety", "trustworthiness")),
    CatalogueEntry("TL10", "REPORTING_BURDEN", "medium", ("trustworthiness", "collaboration")),
    CatalogueEntry("TL11", "NO_SPACE_TO_ADD", "medium", ("empowerment", "connection", "choice"), whole=True),
    CatalogueEntry("TL12a", "TI_MISSING_PERSON_CENTRED", "high", ("safety", "choice", "empowerment"), whole=True),
    CatalogueEntry("TL12b", "TI_MISSING_SENSITIVE_MONITORING", "high", ("safety", "trustworthiness"), whole=True),
    CatalogueEntry("TL12c", "TI_MISSING_POLICIES", "medium", ("safety", "trustworthiness"), whole=True),
    CatalogueEntry("TL12d", "TI_MISSING_CULTURAL", "medium", ("cultural-consideration",), whole=True),
    CatalogueEntry("TL12e", "TI_MISSING_TRAINING", "medium", ("safety", "empowerment"), whole=True),
    CatalogueEntry("TL12f", "TI_MISSING_SUPERVISION", "medium", ("safety", "connection"), whole=True),
    CatalogueEntry("TL12g", "TI_MISSING_COPRODUCTION", "high", ("collaboration", "empowerment"), whole=True),
    CatalogueEntry("TL13", "DEFICIT_LANGUAGE", "high", ("safety", "empowerment", "cultural-consideration")),
    CatalogueEntry("TL14", "INVASIVE_BASELINE", "high", ("safety", "choice")),
    CatalogueEntry("TL15", "INNOVATION_ONLY", "medium", ("trustworthiness", "connection")),
    CatalogueEntry("TL16", "NO_FEEDBACK_COMMITMENT", "medium", ("trustworthiness", "empowerment")),
    CatalogueEntry("TL17", "PUBLIC_CLARIFICATIONS_NAMED", "medium", ("safety", "trustworthiness")),
    CatalogueEntry("TL18", "UNREALISTIC_TARGETS", "high", ("safety", "trustworthiness")),
    CatalogueEntry("TL19", "SHORT_FUNDING_TERM", "high", ("safety", "connection")),
    CatalogueEntry("TL20", "NO_COST_UPLIFT", "medium", ("trustworthiness", "safety")),
    CatalogueEntry("TL21", "UNDERSPEND_PENALTY", "medium", ("trustworthiness", "safety")),
    CatalogueEntry("TL22", "HARD_TO_READ", "low", ("empowerment", "trustworthiness")),
    CatalogueEntry("TL23", "NO_ENDING_PLAN", "high", ("safety", "connection"), whole=True),
)

CATALOGUE: dict[str, CatalogueEntry] = {entry.code: entry for entry in _ENTRIES}
WHOLE_DOCUMENT_CODES = frozenset(entry.code for entry in _ENTRIES if entry.whole)
