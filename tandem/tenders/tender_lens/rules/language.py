"""TL13 DEFICIT_LANGUAGE: words that describe people in stigmatising or deficit terms.

Each term is matched as whole words, with hyphen and plural variants. "Non-compliant" only counts
when it describes people (not bids or documents); "hard to reach" does not count for places
("hard-to-reach rural areas"); "Troubled Families" does not count as the name of the programme.
"""

from __future__ import annotations

import re

from tandem.tenders.tender_lens import patterns
from tandem.tenders.tender_lens.finding import Finding, make_finding

_PEOPLE = (
    r"(?:clients?|service users?|users|patients?|people|persons?|individuals?|famil(?:y|ies)|young people|children|"
    r"residents?|offenders?|tenants?|parents?|adults?|women|men|survivors?|victims?|participants?|groups?|communities)"
)
TERMS: tuple[tuple[str, str], ...] = (
    (
        r"hard[- ]to[- ]reach(?![- ]+(?:[a-z]+\s+)?(?:areas?|locations?|places?|villages?|parts?|sites?)\b)",
        "people services have not reached well",
    ),
    (
        rf"non[- ]?compliant\s+{_PEOPLE}|{_PEOPLE}\s+(?:who\s+are|are|being)\s+non[- ]?compliant",
        "people who have not taken up the offer",
    ),
    (
        r"non[- ]?compliant with (?:treatment|medication|their care plan|the care plan)",
        "not taking up treatment (and asking why)",
    ),
    (
        r"(?<!providers )(?<!provider )(?<!suppliers )(?<!bidders )fail(?:ed|s|ing)? to engage",
        "have not yet found the service a good fit",
    ),
    (r"frequent[- ]fl(?:y|i)ers?", "people who use the service often"),
    (r"problem famil(?:y|ies)", "families who need more support"),
    (
        r"troubled famil(?:y|ies)(?![- ]+(?:programme|program|scheme|initiative)\b)",
        "families facing several difficulties",
    ),
    (r"manipulative", "a description of the behaviour and the need behind it"),
    (r"attention[- ]seeking", "seeking connection or help"),
    (r"disordered personality|personality[- ]disordered", "people given a personality disorder diagnosis"),
    (r"difficult to engage", "people services have found hard to work with"),
    (r"non[- ]engagers?", "people who have not used the service yet"),
)
_PATTERNS = tuple((patterns.compile(rf"\b(?:{pattern})\b", re.IGNORECASE), better) for pattern, better in TERMS)
SOURCE = "Assess: guidance points \u2014 Asset-based understanding (strengths, not only needs)"
# "Services are hard to reach for people in rural areas" describes the services, which is the
# respectful way round: not a finding.
_SERVICES_ARE = patterns.compile(
    r"\b(?:services?|support|help|provision|buildings?|venues?|offices?|information|it)\s+(?:are|is|can\s+be|"
    r"were|was|feel|felt|seem|seemed|remain)\s+(?:often\s+|very\s+|too\s+|still\s+)?$",
    re.IGNORECASE,
)
# A label quoted or reported in order to move away from it: 'families who have been called "troubled
# families"', 'people labelled as manipulative'.
_REPORTED = patterns.compile(
    r"(?:\b(?:called|labell?ed(?:\s+as)?|so-called|branded(?:\s+as)?)\s+[\"'\u2018\u201c]?|[\"\u201c\u2018])$",
    re.IGNORECASE,
)


def check(text: str) -> list[Finding]:
    findings = []
    for pattern, better in _PATTERNS:
        for match in pattern.finditer(text):
            if (
                pattern.pattern.startswith(r"\b(?:troubled")
                and text[match.start()].isupper()
                and text[match.start() + 9].isupper()
            ):
                continue  # "Troubled Families" with capitals is the name of a programme
            before = text[max(0, match.start() - 40) : match.start()]
            if match.group(0).lower().startswith("hard") and _SERVICES_ARE.search(before):
                continue
            if _REPORTED.search(before):
                continue
            words = match.group(0)
            findings.append(
                make_finding(
                    "TL13",
                    match.start(),
                    match.end(),
                    message=(
                        f'"{words}" describes people by a problem or blames them. It can feel shaming to the people '
                        "a service is for, and hides what the service could do differently."
                    ),
                    suggestion=f'Describe the situation rather than the person, for example "{better}".',
                    source=SOURCE,
                )
            )
    return sorted(findings, key=lambda finding: finding.start)
