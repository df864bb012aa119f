"""TL18 UNREALISTIC_TARGETS: absolute hard targets ("zero admissions", "100% of clients will…",
"all participants will…") in a text that names no soft outcomes.

Only outcome verbs count: "all clients will be offered a choice" is a promise about the service, not
a target for people, and does not fire.
"""

from __future__ import annotations

import re

from tandem.tenders.tender_lens import patterns
from tandem.tenders.tender_lens.finding import Finding, make_finding

_PEOPLE = (
    r"(?:clients|service users|participants|people(?: supported| referred)?|young people|families|residents|"
    r"survivors|women|men|children|adults|learners|patients|tenants|individuals|those supported|beneficiaries)"
)
_OUTCOME = (
    r"(?:achieve|secure|gain|sustain|stop|cease|abstain|enter|move (?:into|on)|no longer|reduce|"
    r"be (?:abstinent|sober|clean|drug[- ]free|alcohol[- ]free|substance[- ]free|in (?:employment|work|education|"
    r"training)|housed|discharged|safe|recovered|free of)|"
    r"remain (?:abstinent|in (?:employment|work|education|their tenancy)|safe|housed)|"
    r"(?:show|demonstrate|report) (?:an? )?(?:improve\w*|reduction|increase|progress))"
)
_TARGET = patterns.compile(
    rf"\b(?:100\s*(?:%|per\s?cent)\s+of|all)\s+{_PEOPLE}\s+(?:will|must|shall|are expected to)\s+{_OUTCOME}\b"
    r"|\bzero\s+(?:hospital\s+)?(?:admissions|readmissions|re-admissions|reoffending|re-offending|exclusions|"
    r"evictions|relapses?|"
    r"repeat (?:incidents|referrals|victimisation)|incidents|self-harm|missing episodes|arrests|school exclusions)\b",
    re.IGNORECASE,
)
_SOFT = patterns.compile(
    r"\bsoft outcomes?\b|\bdistance travelled\b|\bwell-?being\b|\bconfidence\b|\bself-reported\b|"
    r"\bqualitative\b|\bstories\b",
    re.IGNORECASE,
)
SOURCE = "Design: Financial Considerations \u2014 Realistic expectations (unachievable target outcomes)"


def check(text: str) -> list[Finding]:
    if _SOFT.search(text):
        return []
    return [
        make_finding(
            "TL18",
            match.start(),
            match.end(),
            message=(
                f'"{match.group(0)}" is an absolute target. Recovery from trauma is rarely a straight line, so '
                "providers may over-promise, or turn away the people hardest to help."
            ),
            suggestion="Set a realistic share as the target, and add soft outcomes such as wellbeing or "
            "distance travelled.",
            source=SOURCE,
        )
        for match in _TARGET.finditer(text)
    ]
