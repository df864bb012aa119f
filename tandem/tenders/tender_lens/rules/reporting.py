"""TL10 REPORTING_BURDEN: reporting out of proportion to the value.

Burdens counted: reports or returns due monthly, fortnightly or weekly; three or more separate kinds of
report (quarterly, annual, end-of-grant, financial, evaluation, case studies...); and reports in the
funder's own bespoke format where the provider's existing reports could do.

With a value (the contract or grant value in pounds), it fires when the value is modest (up to
``SMALL_VALUE``) and there is frequent reporting or several separate reports. Without a value it fires
only on clear cases: the text itself states amounts that are all small, and asks for frequent reporting
together with bespoke or several separate reports. A value above ``SMALL_VALUE`` never fires.
"""

from __future__ import annotations

import re
from decimal import Decimal

from tandem.core.values import pounds_display
from tandem.tenders.tender_lens import patterns
from tandem.tenders.tender_lens.finding import Finding, make_finding
from tandem.tenders.tender_lens.patterns import LensPattern

SMALL_VALUE = 100_000
SEVERAL_REPORTS = 3

_FREQUENT = patterns.compile(
    r"\b(?:monthly|fortnightly|weekly)\s+(?:(?:monitoring|progress|activity|performance|financial|data|written|"
    r"narrative)\s+){0,2}(?:reports?|returns?|monitoring|updates?|submissions?|reporting|data\s+returns?|"
    r"claims?\s+and\s+reports?)"
    r"|\b(?:reports?|returns?|monitoring\s+(?:forms?|data)|progress\s+updates?)\s+(?:(?:must|will|shall)\s+be\s+"
    r"(?:submitted|sent|provided|completed|returned)\s+)?(?:every|each)\s+(?:month|week|fortnight)\b"
    r"|\breport\s+(?:to\s+(?:us|the\s+\w+)\s+)?(?:every|each)\s+(?:month|week|fortnight)\b"
    r"|\breport\s+monthly\b",
    re.IGNORECASE,
)
_REPORT_KINDS: tuple[tuple[str, LensPattern], ...] = tuple(
    (name, patterns.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        ("monthly reports", r"\bmonthly\s+(?:\w+\s+)?(?:reports?|returns?)\b"),
        ("quarterly reports", r"\bquarterly\s+(?:\w+\s+)?(?:reports?|returns?)\b"),
        ("six-monthly reports", r"\b(?:six[- ]monthly|half[- ]yearly|mid[- ]year|interim)\s+(?:\w+\s+)?reports?\b"),
        ("an annual report", r"\bannual\s+(?:monitoring\s+|progress\s+|impact\s+)?(?:reports?|returns?)\b"
         r"(?!\s+and\s+accounts)"),
        ("an end-of-grant report", r"\b(?:end[- ]of[- ](?:grant|project|contract|year)|final)\s+(?:\w+\s+)?reports?\b"),
        ("a financial report", r"\b(?:financial|finance|expenditure|spend)\s+(?:reports?|returns?|statements?\s+of\s+"
         r"spend)\b"),
        ("an evaluation report", r"\b(?:evaluation|impact)\s+reports?\b"),
        ("case studies", r"\bcase\s+stud(?:y|ies)\b"),
        ("a presentation to the board or panel",
         r"\bpresent\w*\s+(?:to|at)\s+(?:the|our)\s+(?:board|panel|committee)\b"),
    )
)  # fmt: skip
_BESPOKE = patterns.compile(
    r"\b(?:bespoke|our\s+own|the\s+(?:council|funder|trust|commissioner)'?s\s+(?:own\s+)?(?:template|format|form)|"
    r"(?:our|the)\s+(?:standard\s+)?(?:reporting\s+)?template)\b[^.\n]{0,40}?\b(?:reports?|reporting|templates?|"
    r"formats?|forms?)\b"
    r"|\bexisting\s+reports\s+(?:will\s+not|cannot|are\s+not)\b",
    re.IGNORECASE,
)
_AMOUNT = patterns.compile(
    r"\u00a3\s?(?P<number>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s?(?P<scale>k|m|million|thousand)?\b", re.I
)
_NOT_BURDEN = patterns.compile(
    r"\b(?:no|not|never|instead\s+of|rather\s+than|without|do\s+not\s+need|will\s+not\s+ask|existing\s+reports)\b",
    re.IGNORECASE,
)
SOURCE = (
    "Design: Rethinking Time Allocation \u2014 Streamlined reporting; Evaluate: Capturing evidence \u2014 "
    "Time-saving measures"
)


def stated_amounts(text: str) -> list[int]:
    """Sums of money written in the text, in whole pounds ("£15,000", "£20k", "£1.2 million")."""
    amounts = []
    for match in _AMOUNT.finditer(text):
        try:
            number = float(match.group("number").replace(",", ""))
        except ValueError:
            continue
        scale = (match.group("scale") or "").lower()
        if scale in {"k", "thousand"}:
            number *= 1_000
        elif scale in {"m", "million"}:
            number *= 1_000_000
        amounts.append(int(number))
    return amounts


def _affirmed(text: str, match: re.Match[str]) -> bool:
    """The burden is asked for, not ruled out ("no monthly reports", "instead of monthly returns")."""
    # The 40 characters before the match, or fewer if a line or sentence starts within them.
    earliest = max(0, match.start() - 40)
    line_start = max(text.rfind("\n", earliest, match.start()) + 1, text.rfind(".", earliest, match.start()) + 1)
    return not _NOT_BURDEN.search(text[max(line_start, earliest) : match.start()])


def check(text: str, value: int | None = None) -> list[Finding]:
    if value is not None and value > SMALL_VALUE:
        return []
    frequent = [m for m in _FREQUENT.finditer(text) if _affirmed(text, m)]
    kinds: list[tuple[str, re.Match[str]]] = []
    for name, pattern in _REPORT_KINDS:
        match = next((m for m in pattern.finditer(text) if _affirmed(text, m)), None)
        if match is not None:
            kinds.append((name, match))
    bespoke = next((m for m in _BESPOKE.finditer(text) if _affirmed(text, m)), None)
    several = len(kinds) >= SEVERAL_REPORTS
    if value is None:
        amounts = stated_amounts(text)
        if not amounts or max(amounts) > SMALL_VALUE or not frequent or not (bespoke or several):
            return []
        size = pounds_display(Decimal(max(amounts)))
    else:
        if not frequent and not several:
            return []
        size = pounds_display(Decimal(value))
    if frequent:
        first = frequent[0]
        what = f'"{first.group(0)}"'
    else:
        kinds.sort(key=lambda item: item[1].start())
        first = kinds[0][1]
        what = ", ".join(name for name, _ in kinds[:-1]) + f" and {kinds[-1][0]}"
    extra = " in a bespoke format" if bespoke is not None else ""
    return [
        make_finding(
            "TL10",
            first.start(),
            first.end(),
            message=(
                f"This asks for {what}{extra} on funding of {size}. Reporting this heavy takes time away from the "
                "people the service supports, and weighs most on small organisations."
            ),
            suggestion="Ask for one short report each quarter or less often, and accept the reports the provider "
            "already writes.",
            source=SOURCE,
        )
    ]
