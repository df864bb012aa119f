"""TL19 SHORT_FUNDING_TERM, TL20 NO_COST_UPLIFT and TL21 UNDERSPEND_PENALTY: the money terms.

TL19 needs both a term of 12 months or less (with no extension offered in the same sentence) and
relationship-based or trauma work somewhere in the text. TL20 needs a price held fixed, or an uplift
ruled out, over two years or more, with no uplift or review promised elsewhere. The two years or more
must be how long the agreement runs: a period of two years or more in the sentence that holds the
price fixed, or in a sentence about the contract, grant or term. "For the duration of the contract"
says nothing about how long that is, and "two years' experience" is not a term, so a 12-month
contract is never told its price "stays the same for years" (issue 10, item 17). TL21 needs
underspend to be clawed back, returned or penalised, or spending to be rushed ("use it or lose it").
"""

from __future__ import annotations

import re

from tandem.tenders.tender_lens import patterns
from tandem.tenders.tender_lens.finding import Finding, make_finding
from tandem.tenders.tender_lens.text import number_value, sentences

_TRAUMA_WORK = patterns.compile(
    r"\b(?:trauma\w*|domestic abuse|sexual (?:violence|abuse)|counselling|therapeutic|therapy|mentoring|"
    r"relationship[- ]based|"
    r"key ?work\w*|recovery|survivors?|exploitation|psychotherapy)\b",
    re.IGNORECASE,
)
_SHORT_TERM = patterns.compile(
    r"\b(?:(?P<n1>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[- ](?:months?|month's|"
    r"months')\b|"
    r"(?P<year>one|1)[- ]year\b|a (?:single )?year\b|twelve months|12 months)",
    re.IGNORECASE,
)
_TERM_CONTEXT = patterns.compile(
    r"\b(?:contract|grant|funding|funded|term|agreement|pilot|award|commission|service will run|runs? for)\b", re.I
)
# A longer term stated in the same sentence ("three years at £600,000 a year") means the short
# period found is a rate or a part, not the length of the funding.
_LONGER_TERM = patterns.compile(
    r"\b(?:(?:two|three|four|five|six|seven|eight|nine|ten|[2-9]|1\d)[- ]years?|(?:1[3-9]|[2-9]\d)[- ]months?)\b", re.I
)
_MONEY_BEFORE = patterns.compile(r"£\s?[\d,.]+\s*(?:k|m|million|thousand)?\s*(?:per\s+)?$", re.I)
_EXTENSION = patterns.compile(r"\b(?:extend\w*|extension|renew\w*|further|plus|\+|up to \d+ years|option)\b", re.I)
_NOT_TERM = patterns.compile(
    r"\b(?:within|after|every|each|last|past|previous|first|per|notice|experience|at least|minimum of|over the|"
    r"once|twice|times)\b",
    re.I,
)
# A period that is notice, a lead time or a review point, not how long the funding lasts:
# "six months' notice", "12 months before the end", "a year into the contract".
_NOT_TERM_AFTER = patterns.compile(
    r"^\W{0,3}(?:notice|in advance|before|after|ago|into|prior|beforehand|from (?:the )?(?:start|award|end))\b", re.I
)

_FIXED = patterns.compile(
    r"\b(?:price|prices|contract value|contract price|fees?|rates?|annual value|grant amount|funding)\s+"
    r"(?:is|are|will be|will remain|shall remain|shall be|remains?)\s+(?:fixed|firm|held|frozen)\b"
    r"|\b(?:at|for)\s+a\s+fixed\s+(?:annual\s+)?(?:price|fee|sum|amount|value|cost)\b"
    r"|\bno\s+(?:annual\s+)?(?:inflationary\s+)?(?:uplifts?|indexation|inflation(?:ary)?\s+(?:increases?|"
    r"uplifts?|adjustments?)|"
    r"price\s+(?:increases?|reviews?)|cost[- ]of[- ]living\s+(?:increases?|uplifts?|adjustments?|reviews?))\b",
    re.IGNORECASE,
)
# Words that make a period of years something other than how long the agreement runs: a notice
# period, a lead time, a review point or someone's experience ("after three years", "two years'
# notice", "at least two years' experience"). Unlike TL19's, "over the three years" is the term.
_NOT_YEARS_BEFORE = patterns.compile(
    r"\b(?:within|after|every|each|last|past|previous|first|per|notice|experience|at least|minimum of|once|twice|"
    r"times|aged?|old)\b",
    re.I,
)
_NOT_YEARS_AFTER = patterns.compile(
    r"^\W{0,3}(?:notice|in advance|before|after|ago|into|prior|beforehand|old|of age|(?:of )?experience|"
    r"from (?:the )?(?:start|award|end))\b",
    re.I,
)
# A period of two years or more: 24 to 129 months, or 2 to 15 years.
_MULTI_YEAR = patterns.compile(
    r"\b(?:(?:two|three|four|five|six|seven|eight|ten|[2-9]|1[0-5])[- ]years?|"
    r"(?:2[4-9]|[3-9]\d|1[0-2]\d)[- ]months?)\b",
    re.IGNORECASE,
)
_UPLIFT_OFFERED = patterns.compile(
    r"\b(?:CPI|RPI|indexed|indexation will|uplift(?:s|ed)? (?:will|each|every|annually|in line)|"
    r"(?:annual|yearly) (?:price |cost |funding )?reviews?|cost[- ]of[- ]living (?:review|uplift|increase|"
    r"adjustment)s? (?:will|each|every|annually))\b",
    re.IGNORECASE,
)
_NEGATION = patterns.compile(r"\b(?:no|not|never|without|fixed)\b", re.I)

_UNDERSPEND = patterns.compile(
    r"\b(?:any\s+)?(?:underspends?|unspent\s+(?:funds?|grant|money|monies|budget))\b[^.\n]{0,60}?\b(?:will|must|"
    r"shall)\s+be\s+"
    r"(?:returned|repaid|clawed back|recovered|deducted|reclaimed|lost|forfeited|withdrawn)\b"
    r"|\bclaw(?:ed|ing)?[- ]back\s+(?:of\s+)?(?:any\s+)?(?:underspends?|unspent)\b"
    r"|\bpenalt(?:y|ies)\s+(?:for|on)\s+(?:any\s+)?underspend\w*"
    r"|\buse it or lose it\b"
    r"|\b(?:future|next year's|subsequent)\s+(?:funding|grants?|allocations?|payments?)\s+(?:will|"
    r"may)\s+be\s+reduced\s+by\s+(?:the\s+amount\s+of\s+)?(?:any\s+)?underspend",
    re.IGNORECASE,
)
_UNDERSPEND_OK = patterns.compile(
    r"\b(?:no penalt\w*|eliminat\w+|avoid\w*|remov\w+|will not be (?:clawed|penalised|recovered|returned)|not "
    r"be clawed|without penalty|agree how)\b",
    re.I,
)
SOURCE_TERM = "Design: Rethinking Time Allocation \u2014 Relationships matter"
SOURCE_UPLIFT = "Design: Financial Considerations \u2014 Realistic expectations (cost-of-living adjustments)"
SOURCE_UNDERSPEND = "Design: Financial Considerations \u2014 Responsibly spend"


def check(text: str) -> list[Finding]:
    findings = _short_term(text)
    findings.extend(_no_uplift(text))
    findings.extend(_underspend(text))
    return findings


def _short_term(text: str) -> list[Finding]:
    if not _TRAUMA_WORK.search(text):
        return []
    findings = []
    for sentence in sentences(text):
        if (
            not _TERM_CONTEXT.search(sentence.text)
            or _EXTENSION.search(sentence.text)
            or _LONGER_TERM.search(sentence.text)
        ):
            continue
        for match in _SHORT_TERM.finditer(sentence.text):
            months = 12
            if match.group("n1"):
                value = number_value(match.group("n1"))
                if value is None or value > 12 or value == 0:
                    continue
                months = value
            before = sentence.text[max(0, match.start() - 20) : match.start()]
            after = sentence.text[match.end() : match.end() + 30]
            if _NOT_TERM.search(before) or _NOT_TERM_AFTER.search(after) or _MONEY_BEFORE.search(before):
                continue
            findings.append(
                make_finding(
                    "TL19",
                    sentence.start + match.start(),
                    sentence.start + match.end(),
                    message=(
                        f"The funding lasts {months} months or less. Trust takes time for people who have been hurt; "
                        "a short term can end support just as it starts to work."
                    ),
                    suggestion="Fund relationship-based work for at least two to three years, or offer an extension.",
                    source=SOURCE_TERM,
                )
            )
            break
    return findings


def runs_for_years(text: str) -> bool:
    """Whether the text says the agreement runs for two years or more: such a period in a sentence
    that holds the price fixed or is about the contract, grant or term, and not a notice period, a
    lead time or someone's experience ("two years' notice", "after three years")."""
    for sentence in sentences(text):
        if not (_TERM_CONTEXT.search(sentence.text) or _FIXED.search(sentence.text)):
            continue
        for match in _MULTI_YEAR.finditer(sentence.text):
            before = sentence.text[max(0, match.start() - 20) : match.start()]
            after = sentence.text[match.end() : match.end() + 30]
            if _NOT_YEARS_BEFORE.search(before) or _NOT_YEARS_AFTER.search(after):
                continue
            return True
    return False


def price_held_fixed(text: str) -> list[tuple[int, int]]:
    """Where the text holds a price fixed or rules out an uplift (start and end of each), or nothing
    when it promises an uplift or a review somewhere: whatever the length of the agreement."""
    for sentence in sentences(text):
        if _UPLIFT_OFFERED.search(sentence.text) and not _NEGATION.search(sentence.text):
            return []
    return [(match.start(), match.end()) for match in _FIXED.finditer(text)]


def no_uplift_finding(start: int, end: int, message: str) -> Finding:
    return make_finding(
        "TL20",
        start,
        end,
        message=message,
        suggestion="Add a yearly cost-of-living review, or an uplift linked to a price index.",
        source=SOURCE_UPLIFT,
    )


NO_UPLIFT_OVER_YEARS = (
    "The price stays the same over an agreement of two years or more, with no review. As costs rise, the "
    "provider must cut staff or support to keep going."
)


def _no_uplift(text: str) -> list[Finding]:
    if not _MULTI_YEAR.search(text) or not runs_for_years(text):
        return []
    return [no_uplift_finding(start, end, NO_UPLIFT_OVER_YEARS) for start, end in price_held_fixed(text)]


def _underspend(text: str) -> list[Finding]:
    findings = []
    for sentence in sentences(text):
        if _UNDERSPEND_OK.search(sentence.text):
            continue
        for match in _UNDERSPEND.finditer(sentence.text):
            findings.append(
                make_finding(
                    "TL21",
                    sentence.start + match.start(),
                    sentence.start + match.end(),
                    message="Underspend is taken back or penalised. This pushes providers to spend in a hurry "
                    "rather than well.",
                    suggestion="Agree with the provider how any underspend will be used, with no penalty for "
                    "careful spending.",
                    source=SOURCE_UNDERSPEND,
                )
            )
    return findings
