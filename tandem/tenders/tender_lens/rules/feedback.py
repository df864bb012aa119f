"""TL16 NO_FEEDBACK_COMMITMENT: unsuccessful applicants get no feedback, or only if the funder chooses.

"We will not give feedback by telephone" (but will in writing) does not count.
"""

from __future__ import annotations

import re

from tandem.tenders.tender_lens import patterns
from tandem.tenders.tender_lens.finding import Finding, make_finding

_NO_FEEDBACK = patterns.compile(
    r"\b(?:will\s+not|won't|shall\s+not|cannot|can\s*not|can't|are\s+unable\s+to|is\s+unable\s+to|unable\s+to|"
    r"do\s+not|does\s+not)\s+"
    r"(?:be\s+able\s+to\s+)?(?:receive|be\s+given|be\s+provided\s+with|get|give|provide|offer|"
    r"be\s+offered)\s+(?:any\s+|individual\s+|detailed\s+)?feedback\b"
    r"(?!\s+(?:by|over|on)\s+(?:the\s+)?(?:tele)?phone|\s+verbally)"
    r"|\bno\s+(?:individual\s+|detailed\s+)?feedback\s+(?:will|can|shall)\s+be\s+(?:given|provided|offered|available)"
    r"|\bfeedback\b[^.\n]{0,60}\bat\s+(?:the\s+)?(?:[A-Za-z]+['\u2019]s\s+)?(?:sole\s+|absolute\s+)?discretion\b"
    r"(?:\s+of\s+the\s+(?:funder|"
    r"council|commissioner|authority|panel|trust))?"
    r"|\bfeedback\b[^.\n]{0,40}\bat\s+(?:our|its)\s+(?:sole\s+|absolute\s+)?discretion\b",
    re.IGNORECASE,
)
SOURCE = "Procure: Timing \u2014 Timely feedback"


def check(text: str) -> list[Finding]:
    return [
        make_finding(
            "TL16",
            match.start(),
            match.end(),
            message=(
                "Applicants who are not chosen may get no feedback. Bids take real effort; without feedback "
                "small organisations cannot learn or improve."
            ),
            suggestion="Promise short written feedback to every applicant, with a date when they will get it.",
            source=SOURCE,
        )
        for match in _NO_FEEDBACK.finditer(text)
    ]
