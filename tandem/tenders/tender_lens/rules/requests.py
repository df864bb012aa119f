"""TL02 REQUEST_WITHOUT_REASON and TL03 SENSITIVE_DATA_UPFRONT: what applicants are asked to hand over.

A request is a verb asking for something ("provide", "submit", "attach", "send us", "upload") followed
within the same sentence by a specific document or data item ("a copy of your safeguarding policy",
"the last three years' audited accounts", "CVs for key staff"), or the item followed by "must be
provided" and the like. The basic things every form asks (name, contact details, the project, the
amount, dates, the declaration), yes/no eligibility questions ("Do you have a safeguarding policy?")
and reporting after award (TL10) are not requests here.

TL02 fires when neither the sentence nor the one after it says why the item is needed or how it will
be used ("so that we can", "we use this to", "because"). TL03 fires when the item is sensitive (full
or audited accounts, bank statements, salaries, home addresses, dates of birth, safeguarding incident
histories) and nothing in the paragraph limits the request to shortlisted applicants or a later stage.
"""

from __future__ import annotations

import re

from tandem.tenders.tender_lens import patterns
from tandem.tenders.tender_lens.finding import Finding, make_finding
from tandem.tenders.tender_lens.text import Span, paragraphs, sentences

_VERB = (
    r"(?:provide|submit|attach|enclose|supply|upload|send(?:\s+us)?|include|forward|give\s+us|share\s+with\s+us|"
    r"list)"
)
_SENSITIVE_ITEM = (
    r"(?:(?:(?:latest|last|most\s+recent|current)\s+)?(?:full|complete|audited|certified|signed|detailed|management|"
    r"annual|statutory|published)\s+"
    r"(?:sets?\s+of\s+)?(?:annual\s+|financial\s+|management\s+)?accounts"
    r"|(?:last|past|previous|latest|most recent)\s+(?:(?:two|three|four|five|2|3|4|5)\s+)?(?:years?'?s?|financial "
    r"years?'?)\s+(?:audited\s+)?accounts"
    r"|accounts\s+for\s+the\s+(?:last|past|previous)\s+(?:two|three|four|five|2|3|4|5)\s+years"
    r"|(?:two|three|four|five|2|3|4|5)\s+years?'?\s+(?:of\s+|worth\s+of\s+)?(?:audited\s+|full\s+|annual\s+)?accounts"
    r"|bank\s+statements?"
    r"|(?:salaries|salary\s+details|pay\s+(?:details|rates|scales)|remuneration(?:\s+details)?)\s+(?:of|for)\s+"
    r"(?:all\s+|each\s+|every\s+|your\s+|named\s+|senior\s+)*(?:staff|employees|roles|posts|workers|managers|"
    r"directors|trustees)"
    r"|(?:names\s+and\s+)?salaries\s+of\s+(?:the\s+)?(?:top|highest[- ]paid|five|ten|\d+)\b[^.\n]{0,30}?\b(?:staff|"
    r"roles|posts|employees)"
    r"|(?:list|details)\s+of\s+(?:the\s+|your\s+)?(?:top\s+)?(?:\w+\s+)?highest[- ]paid\s+(?:roles|staff|posts|"
    r"employees|people)"
    r"|home\s+addresses"
    r"|dates?\s+of\s+birth"
    r"|national\s+insurance\s+numbers?"
    r"|passport\s+(?:details|numbers?|copies)"
    r"|(?:details|records|logs?|histor(?:y|ies)|lists?|summar(?:y|ies)|copies)\s+of\s+(?:all\s+|any\s+|every\s+)?"
    r"(?:past\s+|previous\s+)?safeguarding\s+(?:incidents|concerns|referrals|disclosures|cases)"
    r"|safeguarding\s+(?:incident|concern)s?\s+(?:logs?|histor(?:y|ies)|records?|registers?))"
)
_ITEM = (
    rf"(?:{_SENSITIVE_ITEM}"
    r"|(?:a\s+)?cop(?:y|ies)\s+of\s+(?:your|the|each|all|any)\s+(?:\w+[- ]?){0,3}?(?:polic(?:y|ies)|procedures?|"
    r"constitution|governing\s+document|certificates?|insurance|accounts|business\s+plan|risk\s+register|annual\s+"
    r"report|strategy|licen[cs]es?|registration|contracts?|reports?)"
    r"|(?:your|the|an?)\s+(?:\w+[- ]?){0,4}?(?:polic(?:y|ies)|constitution|governing\s+document|business\s+plan|"
    r"risk\s+register|organisation(?:al)?\s+(?:chart|structure\s+chart)|staffing\s+structure|insurance\s+"
    r"certificates?|certificates?\s+of\s+\w+|annual\s+report|reserves\s+policy|audit\s+report)"
    r"|(?:CVs|curricula\s+vitae|job\s+descriptions|references|referees|letters\s+of\s+support|case\s+studies|"
    r"staff\s+lists?|list\s+of\s+(?:all\s+)?(?:staff|trustees|volunteers|directors|partners|funders|clients)|"
    r"names\s+of\s+(?:all\s+)?(?:staff|trustees|volunteers|directors))"
    r"|(?:data|figures|statistics|numbers)\s+on\s+(?:the\s+)?(?:\w+\s+){0,3}?(?:clients|people|users|referrals|"
    r"outcomes|incidents|complaints))"
)
_REQUEST = patterns.compile(
    rf"\b(?P<verb>{_VERB})\b\s+(?:(?:us|to\s+us|with|the\s+following|also|all|please)\s+){{0,3}}"
    rf"(?P<item>(?:an?\s+|the\s+|your\s+)?{_ITEM})\b",
    re.IGNORECASE,
)
_PASSIVE = patterns.compile(
    rf"\b(?P<item>(?:(?:an?\s+)?cop(?:y|ies)\s+of\s+)?(?:an?\s+|the\s+|your\s+)?{_ITEM})\b[^.\n]{{0,60}}?\b(?:must|should|will\s+need\s+to|are\s+required\s+to|is\s+required\s+to)"
    r"\s+be\s+(?:provided|submitted|attached|enclosed|supplied|uploaded|included|sent|given)\b",
    re.IGNORECASE,
)
_SENSITIVE = patterns.compile(_SENSITIVE_ITEM, re.IGNORECASE)
# An active request must be addressed to the applicant: an instruction ("Please provide", "Q3. Attach") or
# a duty ("you must", "applicants are asked to", "we were requested to").
_IMPERATIVE = patterns.compile(r"\W*(?:(?:Q\d+|\d+|[a-z])[.):]\s*)?(?:please\s+)?(?:also\s+)?", re.IGNORECASE)
_DUTY = patterns.compile(
    r"\b(?:please|must|should|shall|need\s+(?:you\s+)?to|asked\s+to|required\s+to|requested\s+to|have\s+to|expected\s+to|"
    r"invited\s+to|ask\s+(?:you|applicants|bidders|organisations)\s+to|(?:you|applicants?|bidders?|tenderers?)\s+"
    r"will)\s+(?:also\s+|then\s+|additionally\s+|both\s+)?$",
    re.IGNORECASE,
)
_REASON = patterns.compile(
    r"\b(?:so\s+(?:that|we)|because|in\s+order\s+to|why\s+we|we\s+(?:will\s+|only\s+)?(?:use|need|check|read|"
    r"look|ask\s+for)\s+(?:this|these|it|them|your)|(?:this|it|they|these)\s+(?:will\s+|is\s+|are\s+)?(?:only\s+)?"
    r"(?:used|help|helps|lets|tells|shows?|allows)|(?:will|is|are)\s+(?:only\s+)?used\s+(?:to|for|only)|to\s+(?:check|"
    r"confirm|verify|show|assess|understand|help|make\s+sure|ensure|see|judge|test|meet|comply|"
    r"demonstrate|evidence|understand)|for\s+(?:checking|verification|the\s+purpose)|the\s+reason)\b",
    re.IGNORECASE,
)
_REPORTING = patterns.compile(
    r"\b(?:report(?:s|ing)?|returns?|monitoring|quarterly|monthly|each\s+month|each\s+quarter|annually|"
    r"after\s+(?:the\s+)?award|during\s+the\s+(?:contract|grant))\b",
    re.IGNORECASE,
)
_YES_NO = patterns.compile(r"^\s*(?:\W*\s*)?(?:do|does|are|is|have|has|can|will)\s+(?:you|your|the)\b", re.IGNORECASE)
_NEGATED = patterns.compile(r"\b(?:not|never|no\s+need|do\s+not|don't|without)\s+(?:\w+\s+){0,3}$", re.IGNORECASE)
_LATER_STAGE = patterns.compile(
    r"\b(?:shortlist\w*|short-list\w*|second\s+stage|stage\s+(?:two|2)|later\s+stage|final\s+stage|preferred\s+"
    r"bidders?|successful\s+(?:applicants?|bidders?|providers?|organisations?)|before\s+(?:the\s+)?(?:contract\s+)?"
    r"award|if\s+(?:you\s+are\s+)?(?:invited|successful|shortlisted)|on\s+request|only\s+(?:if|when)\s+we\s+ask|"
    r"due\s+diligence\s+stage|after\s+(?:the\s+)?(?:first|initial)\s+(?:stage|evaluation|sift))\b",
    re.IGNORECASE,
)
SOURCE_REASON = "Procure: Transparent information requests (justify the why and explain how data is used)"
SOURCE_SENSITIVE = (
    "Procure: Reflect and respond \u2014 a phased approach to information collection (sensitive financial "
    "information only from shortlisted applicants)"
)


# How far before a request its instruction or duty is looked for: "Q12. Please also " or "applicants
# will be asked to also " fit many times over. Bounding it keeps each request's cost fixed however long
# the sentence.
_ADDRESSED_WITHIN = 200


def _addressed(text: str, start: int) -> bool:
    """Whether the words before ``start`` address the applicant: an instruction from the start of the
    sentence ("Please provide"), or a duty just before ("you must provide")."""
    if start <= _ADDRESSED_WITHIN and _IMPERATIVE.fullmatch(text[:start]):
        return True
    return _DUTY.search(text, max(0, start - _ADDRESSED_WITHIN), start) is not None


def _requests(sentence: Span) -> list[tuple[int, int, str]]:
    """Each request in the sentence: (start, end, item), offsets relative to the sentence."""
    found: dict[tuple[int, int], str] = {}
    text = sentence.text
    for pattern in (_REQUEST, _PASSIVE):
        for match in pattern.finditer(text):
            if pattern is _REQUEST and not _addressed(text, match.start()):
                continue
            if _NEGATED.search(sentence.text[max(0, match.start() - 30) : match.start()]):
                continue
            found.setdefault((match.start(), match.end()), match.group("item"))
    spans = sorted(found.items())
    kept: list[tuple[int, int, str]] = []
    for (start, end), item in spans:
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end, item))
    return kept


_NOT_ASKED = patterns.compile(r"\b(?:not|never|no|without|except)\b", re.IGNORECASE)


def _sensitive_span(sentence: Span, start: int, end: int, item: str) -> tuple[int, int] | None:
    """Where the request asks for something sensitive: the item itself ("audited accounts"), or
    what the same request goes on to ask for ("a list of trustees with their home addresses")."""
    if _SENSITIVE.search(item):
        return sentence.start + start, sentence.start + end
    rest = sentence.text[end : end + 80]
    found = _SENSITIVE.search(rest)
    if found is None or _NOT_ASKED.search(rest[: found.start()]):
        return None
    return sentence.start + end + found.start(), sentence.start + end + found.end()


def check(text: str) -> list[Finding]:
    findings: list[Finding] = []
    all_sentences = sentences(text)
    position = 0
    for paragraph in paragraphs(text):
        later_stage = bool(_LATER_STAGE.search(paragraph.text))
        units = []
        while position < len(all_sentences) and all_sentences[position].start < paragraph.end:
            if all_sentences[position].start >= paragraph.start:
                units.append(all_sentences[position])
            position += 1
        for index, sentence in enumerate(units):
            if _YES_NO.match(sentence.text):
                continue
            requests = _requests(sentence)
            if not requests:
                continue
            following = units[index + 1].text if index + 1 < len(units) else ""
            explained = bool(_REASON.search(sentence.text) or _REASON.search(following))
            reporting = bool(_REPORTING.search(sentence.text))
            for start, end, item in requests:
                begin, finish = sentence.start + start, sentence.start + end
                if not explained and not reporting:
                    findings.append(
                        make_finding(
                            "TL02",
                            begin,
                            finish,
                            message=(
                                "This asks applicants for something without saying why it is needed or how it "
                                "will be used. Unexplained requests feel like a test and take time to gather."
                            ),
                            suggestion="Say in a sentence why you need it and how you will use it, or stop asking "
                            "for it.",
                            source=SOURCE_REASON,
                        )
                    )
                sensitive = _sensitive_span(sentence, start, end, item)
                if sensitive is not None and not later_stage and not reporting:
                    findings.append(
                        make_finding(
                            "TL03",
                            sensitive[0],
                            sensitive[1],
                            message=(
                                "Every applicant is asked for sensitive material at the first stage. It costs small "
                                "organisations time and exposes private details that most panels never need."
                            ),
                            suggestion="Ask for it only from shortlisted applicants, after the first evaluation.",
                            source=SOURCE_SENSITIVE,
                        )
                    )
    return findings


def asks_for_sensitive(text: str) -> re.Match[str] | None:
    """The first sensitive item named in ``text``, request or not (for a question's own words)."""
    return _SENSITIVE.search(text)
