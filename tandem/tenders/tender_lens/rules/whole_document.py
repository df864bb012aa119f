"""Whole-document codes: TL11 NO_SPACE_TO_ADD, TL12a-g (trauma-informed requirements missing) and
TL23 NO_ENDING_PLAN.

These judge what a whole document leaves out, so they run only when the lens is told the text is a
whole specification or application form. TL11 is judged only when the text looks like an application
form (it asks several questions); TL12a-g and TL23 only when it looks like a service specification
or contract (it sets out what the provider or service must do).
"""

from __future__ import annotations

import re

from tandem.tenders.tender_lens import patterns
from tandem.tenders.tender_lens.finding import Finding, make_finding
from tandem.tenders.tender_lens.patterns import LensPattern

_QUESTION_LINE = patterns.compile(
    r"^[^\S\n]*(?:Q(?:uestion)?\s*\d+|\d+[.)]\s+(?:Please|Describe|Tell|Explain|How|What|Why|Give|Provide|List))|"
    r"\((?:max(?:imum)?|up to|no more than)\s+\d+\s+words\)|\bword limit\b|\?\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_SPEC = patterns.compile(
    r"\b(?:the (?:provider|supplier|service|contractor)\s+(?:will|must|shall|should)|service specification|"
    r"specification)\b",
    re.I,
)
_SPACE_TO_ADD = patterns.compile(
    r"\b(?:anything else|any other information|any further information|any additional information|additional "
    r"information|"
    r"other information you|tell us more|space to add|add anything|further comments|any other comments|open question|"
    r"is there anything)\b",
    re.IGNORECASE,
)
TI_ELEMENTS: tuple[tuple[str, LensPattern, str, str], ...] = (
    (
        "TL12a",
        patterns.compile(r"\b(?:person[- ]centred|client[- ]centred|people[- ]centred|choice and control)\b", re.I),
        "It does not ask for person-centred work that gives people safety, choice and control.",
        "Require a person-centred approach that puts safety, choice and control with the people supported.",
    ),
    (
        "TL12b",
        patterns.compile(
            r"\b(?:re-?traumatis\w*|re-?traumatiz\w*|trauma[- ]sensitive (?:outcome|monitoring|data|"
            r"evaluation)\w*|shame[- ]sensitive)\b",
            re.I,
        ),
        "It does not ask for outcome monitoring that avoids re-traumatising people.",
        "Require outcome monitoring that tracks progress without making people retell painful experiences.",
    ),
    (
        "TL12c",
        patterns.compile(
            r"\b(?:trauma[- ]informed (?:polic\w+|procedures?|environments?|settings?|organisation)|"
            r"(?:emotionally|psychologically|physically) safe|safe (?:settings?|spaces?|environments?))\b",
            re.I,
        ),
        "It does not ask for trauma-informed policies or physically and emotionally safe settings.",
        "Require trauma-informed policies and settings that feel safe for staff and the people supported.",
    ),
    (
        "TL12d",
        patterns.compile(
            r"\b(?:cultural(?:ly)? (?:responsive\w*|competen\w+|sensitiv\w+|appropriate|humility|safe\w*)|"
            r"inclusive of diverse)\b",
            re.I,
        ),
        "It does not ask for culturally responsive, inclusive practice.",
        "Require practice that is culturally responsive and inclusive of the communities served.",
    ),
    (
        "TL12e",
        patterns.compile(
            r"\b(?:trauma[- ]informed training|training (?:on|in) trauma\w*|trauma(?:[- ]awareness)? training|"
            r"professional development|"
            r"ongoing training|refresher training|continuing development)\b",
            re.I,
        ),
        "It does not ask for ongoing trauma-informed training or professional development.",
        "Require ongoing trauma-informed training for staff and volunteers, and budget for it.",
    ),
    (
        "TL12f",
        patterns.compile(r"\b(?:reflective practice|supervision)\b", re.I),
        "It does not ask for reflective practice and supervision for staff and volunteers.",
        "Require regular supervision and reflective practice, and include its cost in the budget.",
    ),
    (
        "TL12g",
        patterns.compile(
            r"\b(?:lived(?:/living)? experience|living experience|co-?produc\w+|experts? by experience)\b", re.I
        ),
        "It does not ask for people with lived experience to help shape or review the service.",
        "Require co-production: people with lived experience shaping and reviewing the service.",
    ),
)
_ENDING = patterns.compile(
    r"\b(?:exit (?:plan|strategy|arrangements?)|exit\b|transition\w*|notice period|(?:months?|weeks?)'? notice|"
    r"termination|"
    r"continuity of (?:care|support)|handover|hand over|decommission\w*|end of the (?:contract|agreement|grant)|"
    r"TUPE)\b",
    re.IGNORECASE,
)
SOURCE_SPACE = "Procure: Supporting a smooth application process \u2014 Space to add"
SOURCE_TI = "Procure: Right provider, right support \u2014 Creative service specification"
SOURCE_ENDING = "Sustain: guidance points \u2014 Trauma-sensitive exit strategies"


def looks_like_application_form(text: str) -> bool:
    return len(_QUESTION_LINE.findall(text)) >= 2


def looks_like_specification(text: str) -> bool:
    return len(_SPEC.findall(text)) >= 2


# Only a refusal to ask for it rules an element out: "does not re-traumatise" and "without shame" are
# what the elements themselves ask for.
_RULED_OUT = patterns.compile(
    r"(?:\b(?:not|never|no\s+longer)\s+(?:be\s+)?(?:require\w*|ask\w*\s+for|expect\w*|need\w*|fund\w*|"
    r"pay\w*\s+for|provid\w*|includ\w*|offer\w*)|\bno\s+(?:requirement|need|expectation)\s+(?:for|to|of))\b"
    r"[^.\n]{0,40}$",
    re.IGNORECASE,
)


def requires(pattern: LensPattern, text: str) -> bool:
    """Whether the text asks for what ``pattern`` names, somewhere it is not ruled out in the same breath
    ("we will not require supervision" does not count)."""
    for match in pattern.finditer(text):
        # The 60 characters before the match, or fewer if a line starts within them.
        earliest = max(0, match.start() - 60)
        line_start = text.rfind("\n", earliest, match.start()) + 1
        if not _RULED_OUT.search(text[max(line_start, earliest) : match.start()]):
            return True
    return False


def check(text: str) -> list[Finding]:
    findings = []
    if looks_like_application_form(text) and not _SPACE_TO_ADD.search(text):
        findings.append(
            make_finding(
                "TL11",
                0,
                0,
                message="The form has no open question. Applicants cannot add context, values or what people "
                "they support have told them.",
                suggestion='Add a final open question, such as "Is there anything else you would like us to know?"',
                source=SOURCE_SPACE,
            )
        )
    if looks_like_specification(text):
        for code, pattern, message, suggestion in TI_ELEMENTS:
            if not requires(pattern, text):
                findings.append(make_finding(code, 0, 0, message=message, suggestion=suggestion, source=SOURCE_TI))
        if not _ENDING.search(text):
            findings.append(
                make_finding(
                    "TL23",
                    0,
                    0,
                    message="Nothing says what happens when the contract ends. Sudden endings can harm people "
                    "who have come to trust a service.",
                    suggestion="Add exit and transition plans: notice periods, handover, and continuity of care "
                    "for people supported.",
                    source=SOURCE_ENDING,
                )
            )
    return findings
