"""TL17 PUBLIC_CLARIFICATIONS_NAMED: clarification questions published with the asker's name, or only public.

A sentence counts when it is about clarification questions, says the name of the organisation that
asked will be published or shared, and does not say the opposite ("without naming", "anonymised").
It also counts when questions may only be asked through a public forum or board.
"""

from __future__ import annotations

import re

from tandem.tenders.tender_lens import patterns
from tandem.tenders.tender_lens.finding import Finding, make_finding
from tandem.tenders.tender_lens.text import sentences

_ABOUT_QUESTIONS = patterns.compile(r"\b(?:clarifications?|questions?|queries)\b", re.I)
_NAMED = patterns.compile(
    r"\b(?:with|including|alongside|together with|and)\s+the\s+(?:name|identity|names)\s+of\s+the\s+"
    r"(?:organisation|organization|bidder|supplier|provider|applicant|tenderer)s?"
    r"|\b(?:name|identity)\s+of\s+the\s+(?:organisation|bidder|supplier|provider|applicant|tenderer)\s+(?:that|"
    r"who|which)\s+"
    r"(?:asked|raised|submitted)[^.\n]{0,40}\b(?:will be|is|are)\s+(?:published|shared|shown|visible|displayed)",
    re.I,
)
_PUBLISHED = patterns.compile(r"\b(?:publish\w*|shared?|shown|visible|displayed|circulated|posted)\b", re.I)
_ANONYMOUS = patterns.compile(r"\b(?:without|not|never|anonymi[sz]\w*|anonymous|removed?|redact\w*)\b", re.I)
_PUBLIC_CHANNEL = (
    r"(?:through|via|on|in|using)\s+(?:the\s+|our\s+)?(?:public|open)\s+"
    r"(?:forum|message board|discussion board|board|channel|q&a board|question board|portal)"
)
_PUBLIC_ONLY = patterns.compile(
    rf"\bonly\b[^.\n]{{0,60}}\b{_PUBLIC_CHANNEL}"
    rf"|\b(?:must|shall|are\s+to|need\s+to)\s+be\s+(?:asked|raised|submitted|sent|posted|made)\s+{_PUBLIC_CHANNEL}",
    re.I,
)
SOURCE = "Procure: Open communication channels \u2014 Humanised communication"


def check(text: str) -> list[Finding]:
    findings = []
    for sentence in sentences(text):
        if not _ABOUT_QUESTIONS.search(sentence.text):
            continue
        named = _NAMED.search(sentence.text)
        if named and _PUBLISHED.search(sentence.text) and not _ANONYMOUS.search(sentence.text):
            findings.append(
                make_finding(
                    "TL17",
                    sentence.start + named.start(),
                    sentence.start + named.end(),
                    message=(
                        "Questions will be shared with the name of whoever asked. Small providers may not ask "
                        "what they need to, for fear of looking unready in front of competitors."
                    ),
                    suggestion="Share every question and answer with all bidders, without saying who asked.",
                    source=SOURCE,
                )
            )
        public = _PUBLIC_ONLY.search(sentence.text)
        if public:
            findings.append(
                make_finding(
                    "TL17",
                    sentence.start + public.start(),
                    sentence.start + public.end(),
                    message="Questions can only be asked in public. Some bidders will stay silent rather than "
                    "ask in front of others.",
                    suggestion="Offer a private way to ask too, such as a named contact's email or phone number.",
                    source=SOURCE,
                )
            )
    return findings
