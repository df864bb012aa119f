"""TL15 INNOVATION_ONLY: funding only new or innovative work, shutting out established services that work.

Fires on "we will only fund new projects", "only innovative proposals will be considered", "projects
must be new", "we will not fund existing services", "established services are not eligible" and
"funding cannot be used to continue existing work". It does not fire when the same sentence also
welcomes existing, established or proven work ("new or existing services"), or on rules against
replacing statutory funding, which are about something else.
"""

from __future__ import annotations

import re

from tandem.tenders.tender_lens import patterns
from tandem.tenders.tender_lens.finding import Finding, make_finding
from tandem.tenders.tender_lens.text import sentences

_NEW = r"(?:new|innovative|novel|pioneering|untested|never[- ]before[- ]tried|pilot|start[- ]up)"
_WORK = (
    r"(?:projects?|services?|work|ideas?|initiatives?|proposals?|approaches?|activit(?:y|ies)|provision|"
    r"programmes?|schemes?)"
)
_EXISTING = r"(?:existing|continuing|established|ongoing|current|running|core|previously\s+funded|long[- ]standing)"
_PATTERNS = (
    patterns.compile(
        rf"\b(?:(?:will|can|shall|does|do)\s+)?only\s+(?:ever\s+)?(?:fund|support|consider|accept|invest\s+in)\s+"
        rf"(?:genuinely\s+|truly\s+|entirely\s+)?{_NEW}\b(?:\s+(?:and|or)\s+{_NEW})?(?:\s+\w+)?\s+{_WORK}\b",
        re.IGNORECASE,
    ),
    patterns.compile(
        rf"\bonly\s+(?:genuinely\s+|truly\s+|entirely\s+)?{_NEW}(?:\s+(?:and|or)\s+{_NEW})?(?:\s+\w+)?\s+{_WORK}\s+"
        r"(?:will|can|may|are|is)\s+(?:be\s+)?(?:funded|eligible|considered|supported|accepted)\b",
        re.IGNORECASE,
    ),
    patterns.compile(
        rf"\b{_WORK}\s+must\s+be\s+(?:genuinely\s+|truly\s+|entirely\s+|wholly\s+)?(?:new|innovative|novel)\b"
        r"(?!\s+(?:to|for)\s+(?:the\s+)?(?:area|borough|county|city|people|this))",
        re.IGNORECASE,
    ),
    patterns.compile(
        rf"\b(?:will|do|does|can|shall)\s*(?:not|n't)\s+(?:fund|support|consider|accept)\s+(?:any\s+)?{_EXISTING}\s+"
        rf"(?:\w+\s+)?{_WORK}\b",
        re.IGNORECASE,
    ),
    patterns.compile(
        rf"\b{_EXISTING}\s+(?:\w+\s+)?{_WORK}\s+(?:are|is|will\s+be)\s+not\s+(?:be\s+)?(?:eligible|funded|considered|"
        r"supported)\b",
        re.IGNORECASE,
    ),
    patterns.compile(
        r"\b(?:cannot|can\s*not|can't|must\s+not|may\s+not|will\s+not)\s+be\s+used\s+(?:to|for)\s+(?:the\s+)?"
        rf"(?:continu\w+|sustain\w*|extend\w*)\s+(?:of\s+)?(?:an?\s+|the\s+|your\s+)?(?:{_EXISTING}\s+)?"
        rf"(?:\w+\s+)?{_WORK}\b",
        re.IGNORECASE,
    ),
    patterns.compile(
        r"\bnot\s+(?:for|fund)\s+(?:the\s+)?continuation\s+of\s+(?:an?\s+|the\s+|your\s+)?(?:\w+\s+)?"
        rf"{_WORK}\b",
        re.IGNORECASE,
    ),
)
_BOTH_WELCOME = patterns.compile(
    r"\b(?:and|or|as\s+well\s+as|alongside|both)\s+(?:\w+\s+)?(?:existing|established|proven|continuing|"
    r"successful)\b|\bproven\b",
    re.IGNORECASE,
)
_STATUTORY = patterns.compile(r"\b(?:statutory|replace|substitut\w+|duplicat\w+)\b", re.IGNORECASE)
SOURCE = "Design: Guidance points \u2014 Balancing innovation and stability"


def check(text: str) -> list[Finding]:
    findings: list[Finding] = []
    for sentence in sentences(text):
        if _BOTH_WELCOME.search(sentence.text) or _STATUTORY.search(sentence.text):
            continue
        for pattern in _PATTERNS:
            match = pattern.search(sentence.text)
            if match is None:
                continue
            findings.append(
                make_finding(
                    "TL15",
                    sentence.start + match.start(),
                    sentence.start + match.end(),
                    message=(
                        "Only new work can be funded. Services that already work well may have to close, or be "
                        "renamed as something new, to get funding."
                    ),
                    suggestion="Welcome both new ideas and established services with a record of good results.",
                    source=SOURCE,
                )
            )
            break
    return findings
