"""TL14 INVASIVE_BASELINE: detailed assessment, disclosure or trauma history at first contact, or data
collection likely to re-traumatise.

Fires on a detailed or full assessment, history or baseline tied to the first contact (first meeting,
first session, referral, intake, before support starts); on people being required to disclose or
retell abuse or trauma to get help; and on trauma or abuse histories gathered as routine data. A risk
assessment or safety plan at first contact is safety practice, not a baseline, and does not count;
nor does a sentence that rules the practice out ("people will not be asked to retell their story").
"""

from __future__ import annotations

import re

from tandem.tenders.tender_lens import patterns
from tandem.tenders.tender_lens.finding import Finding, make_finding
from tandem.tenders.tender_lens.text import sentences

_FIRST_CONTACT = (
    r"(?:(?:at|during|on|in|from)\s+(?:the\s+|their\s+|a\s+)?(?:very\s+)?(?:first|initial|1st|opening|intake|"
    r"introductory)\s+(?:contact|meeting|session|appointment|visit|call|conversation|interview)|at\s+(?:the\s+"
    r"(?:point|time)\s+of\s+)?(?:referral|intake|first\s+contact|entry|registration)|on\s+(?:referral|entry|"
    r"arrival|registration)|before\s+(?:any\s+)?(?:support|help|a\s+service|the\s+service|they\s+can\s+be\s+"
    r"(?:helped|supported|seen))\s+(?:starts|begins|is\s+(?:offered|given|provided))|before\s+(?:receiving|"
    r"accessing|being\s+offered)\s+(?:any\s+)?(?:support|help|a\s+service)|within\s+(?:the\s+)?first\s+"
    r"(?:session|meeting|contact|appointment))"
)
_DETAILED = (
    r"(?:(?:full|detailed|comprehensive|in-depth|in\s+depth|complete|thorough|holistic|extensive)\s+"
    r"(?:needs\s+|baseline\s+|psycho-?social\s+|personal\s+|life\s+|trauma\s+|abuse\s+|case\s+)?"
    r"(?:assessments?|histor(?:y|ies)|baselines?|disclosures?|accounts?|questionnaires?))"
)
_TRAUMA_DATA = (
    r"(?:(?:trauma|abuse|ACEs?|adverse\s+childhood\s+experiences?|offending|sexual|psychiatric)\s+"
    r"(?:histor(?:y|ies)|questionnaires?|screening|inventor(?:y|ies)|scores?|disclosures?))"
)
_PATTERNS = (
    patterns.compile(rf"\b(?P<what>{_DETAILED}|{_TRAUMA_DATA}|baseline\s+(?:assessments?|questionnaires?|"
                     rf"measures?|data))\b[^.\n]{{0,80}}?\b{_FIRST_CONTACT}", re.IGNORECASE),
    patterns.compile(rf"\b{_FIRST_CONTACT}\b[^.\n]{{0,60}}?\b(?P<what>{_DETAILED}|{_TRAUMA_DATA})\b", re.IGNORECASE),
    patterns.compile(
        r"\b(?:must|will\s+be\s+required\s+to|are\s+required\s+to|is\s+required\s+to|will\s+need\s+to|have\s+to|"
        r"expected\s+to)\s+(?:fully\s+)?(?:disclose|describe|recount|retell|re-tell|give\s+(?:a\s+)?(?:full\s+|"
        r"detailed\s+)?accounts?\s+of|provide\s+(?:a\s+)?(?:full\s+|detailed\s+)?(?:accounts?|details)\s+of)\s+"
        r"(?:the\s+|their\s+|her\s+|his\s+|any\s+|all\s+)?(?:details\s+of\s+(?:the\s+|their\s+)?)?"
        r"(?P<what>(?:past\s+|previous\s+|childhood\s+)?(?:abuse|trauma|traumatic\s+experiences?|experiences?\s+of\s+"
        r"(?:abuse|violence|trauma)|histor(?:y|ies)\s+of\s+(?:abuse|trauma|violence)|sexual\s+violence|assault))\b",
        re.IGNORECASE,
    ),
    patterns.compile(
        rf"\b(?P<what>{_TRAUMA_DATA})\b\s+(?:will|must|shall)\s+be\s+(?:collected|recorded|completed|gathered|"
        r"taken|captured)\s+(?:for|from|with)\s+(?:all|every|each)\s+(?:clients?|people|participants?|service\s+"
        r"users?|referrals?|survivors?|women|children|young\s+people)\b",
        re.IGNORECASE,
    ),
)  # fmt: skip
_SAFETY = patterns.compile(r"\b(?:risk|safety|DASH|MARAC)\b", re.IGNORECASE)
_RULED_OUT = patterns.compile(
    r"\b(?:not|never|no\s+one|nobody|without|avoid\w*|instead\s+of|rather\s+than|only\s+(?:when|once|after)|"
    r"once\s+trust|when\s+(?:they\s+are|the\s+person\s+is)\s+ready|at\s+(?:their|the\s+person's)\s+(?:own\s+)?pace|"
    r"choose|chooses|optional|if\s+they\s+wish|if\s+they\s+want)\b",
    re.IGNORECASE,
)
SOURCE = (
    "Evaluate: Capturing evidence \u2014 Minimising re-traumatisation (relationship-based practice: no invasive "
    "baseline assessments in introduction sessions)"
)


def check(text: str) -> list[Finding]:
    findings: list[Finding] = []
    for sentence in sentences(text):
        if _RULED_OUT.search(sentence.text):
            continue
        taken: list[tuple[int, int]] = []
        for pattern in _PATTERNS:
            for match in pattern.finditer(sentence.text):
                if _SAFETY.search(match.group("what")) or _SAFETY.search(
                    sentence.text[max(0, match.start("what") - 12) : match.start("what")]
                ):
                    continue
                if any(match.start() < end and start < match.end() for start, end in taken):
                    continue
                taken.append((match.start(), match.end()))
                findings.append(
                    make_finding(
                        "TL14",
                        sentence.start + match.start(),
                        sentence.start + match.end(),
                        message=(
                            "People would have to share painful history before trust is built. Asking too much too "
                            "soon can re-traumatise people and put them off coming back."
                        ),
                        suggestion="Start with rapport and safety; gather only what is needed now, and let fuller "
                        "assessment happen later, at the person's pace.",
                        source=SOURCE,
                    )
                )
    return findings
