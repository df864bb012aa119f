"""TL07 DEADLINE_TOO_SHORT, TL08 DEADLINE_IN_HOLIDAY and TL09 YEAR_END_PRESSURE: the response window.

Dates are read in UK form ("3 March 2027", "Friday 20 December 2026", "03/03/2027"). A date is the
publication date or the response deadline when a word just before it on the same line says so
("published", "opens"; "deadline", "closing date", "submit by"). Clarification deadlines are not the
response deadline. Holiday periods: 20 December to 5 January, Easter week (Monday of Holy Week to
Easter Monday, computed for each year) and 15 July to 31 August.
"""

from __future__ import annotations

import datetime as dt
import re

from tandem.core.values import date_display
from tandem.tenders.tender_lens import patterns
from tandem.tenders.tender_lens.finding import Finding, make_finding
from tandem.tenders.tender_lens.text import FoundDate, easter_sunday, find_dates, number_value, sentences

MINIMUM_DAYS = 25
_PUBLISH = patterns.compile(
    r"\b(?:publish\w*|publication|issued?|issue date|opens?|opening|launch\w*|advertis\w*|go(?:es)? live)\b", re.I
)
_DEADLINE = patterns.compile(
    r"\b(?:deadline|closing date|closes?|submi\w+|returned|return (?:by|your)|received (?:by|no later)|no later than|"
    r"due (?:by|on)|respon\w+ (?:by|must)|applications? (?:by|must))\b",
    re.I,
)
_NOT_RESPONSE = patterns.compile(
    r"\b(?:clarification|questions?|feedback|award|(?:contract|service) starts?|start date|starts? on|mobilis\w*|"
    r"interview|presentation|"
    r"standstill)\b",
    re.I,
)
_WINDOW_WORDS = patterns.compile(
    r"\b(?:within|just|only|a window of|have)\s+(?:(?:just|only)\s+)?(?P<number>\d{1,3}|a|one|two|three|four|"
    r"five|six|seven|eight|nine|ten|"
    r"eleven|twelve|fourteen|fifteen|eighteen|twenty)\s+(?P<kind>calendar\s+|working\s+|"
    r"business\s+)?(?P<unit>days?|weeks?)\b",
    re.I,
)
_SUBMISSION = patterns.compile(
    r"\b(?:submit\w*|submission|bids?|tenders?|respon\w+|applications?|apply|return (?:your|the|completed))\b", re.I
)
_NOT_SUBMISSION = patterns.compile(
    r"\b(?:referrals?|of (?:contract )?award|invoice|payment|feedback|clarification|mobilis\w*|complaint|incident|"
    r"of (?:the )?(?:contract|service) start|of receiving|of receipt)\b",
    re.I,
)
_MARCH_SPEND = patterns.compile(
    r"\b(?:spent|spend|committed|commit|delivered|used|claimed|defrayed|drawn down)\b[^.\n]{0,60}?"
    r"\b(?P<when>(?:by|before|no later than|until)\s+(?:the\s+)?(?:31(?:st)?\s+March(?:\s+\d{4})?|end of (?:the "
    r"|this )?financial year|"
    r"financial year[- ]end|year[- ]end))",
    re.I,
)
SOURCE_DEADLINE = "Procure: Timing \u2014 Realistic deadlines"
SOURCE_TIMING = "Procure: Timing \u2014 Consider timings"
SOURCE_SPEND = "Design: Financial Considerations \u2014 Responsibly spend"


def _label_before(text: str, found: FoundDate) -> str | None:
    # The words just before the date: at most 90 characters, on the same line, and only the sentence the
    # date is in: "Questions close on 17 March. Bids are due on 14 April" must not lend the first
    # sentence's words to the second date. Only those 90 characters are read, whatever the line's length.
    earliest = max(0, found.start - 90)
    newline = text.rfind("\n", earliest, found.start)
    window_start = max(newline + 1, earliest)
    window_start = max(window_start, _sentence_start(text, window_start, found.start))
    window = text[window_start : found.start]
    last_publish = max((m.end() for m in _PUBLISH.finditer(window)), default=-1)
    last_deadline = max((m.end() for m in _DEADLINE.finditer(window)), default=-1)
    if _NOT_RESPONSE.search(window):
        return None
    best = max(last_publish, last_deadline)
    if best == -1:
        return None
    return "publish" if best == last_publish else "deadline"


def _sentence_start(text: str, after: int, before: int) -> int:
    """Where the last sentence that starts between ``after`` and ``before`` starts: just after a full
    stop, question or exclamation mark and the spaces that follow it, at a capital letter. ``after`` is
    returned when none does. The spaces may reach back before ``after``, but never past a line break."""
    for capital in range(before - 1, after, -1):
        if not ("A" <= text[capital] <= "Z") or not text[capital - 1].isspace():
            continue
        mark = capital - 1
        while mark >= 0 and text[mark].isspace() and text[mark] != "\n":
            mark -= 1
        if mark >= 0 and text[mark] in ".!?":
            return capital
    return after


def holiday_periods(year: int) -> list[tuple[str, dt.date, dt.date]]:
    easter = easter_sunday(year)
    return [
        ("the Christmas and New Year break", dt.date(year - 1, 12, 20), dt.date(year, 1, 5)),
        ("Easter week", easter - dt.timedelta(days=6), easter + dt.timedelta(days=1)),
        ("the summer holidays", dt.date(year, 7, 15), dt.date(year, 8, 31)),
        ("the Christmas and New Year break", dt.date(year, 12, 20), dt.date(year + 1, 1, 5)),
    ]


def holiday_touched(first: dt.date, last: dt.date) -> str | None:
    for year in range(first.year, last.year + 1):
        for name, begin, end in holiday_periods(year):
            if begin <= last and first <= end:
                return name
    return None


def check(text: str) -> list[Finding]:
    findings: list[Finding] = []
    dates = find_dates(text)
    publications = [d for d in dates if _label_before(text, d) == "publish"]
    deadlines = [d for d in dates if _label_before(text, d) == "deadline"]
    publication = min(publications, key=lambda d: d.date) if len(publications) >= 1 else None
    deadline: FoundDate | None = None
    if publication is not None:
        later = [d for d in deadlines if d.date >= publication.date]
        deadline = min(later, key=lambda d: d.date) if later else None
    elif deadlines:
        deadline = min(deadlines, key=lambda d: d.date)

    if publication is not None and deadline is not None:
        days = (deadline.date - publication.date).days
        if days < MINIMUM_DAYS:
            findings.append(
                make_finding(
                    "TL07",
                    deadline.start,
                    deadline.end,
                    message=(
                        f"Bidders get {days} days from publication ({date_display(publication.date)}) "
                        "to this deadline. "
                        f"Fewer than {MINIMUM_DAYS} days favours large bidders with bid teams."
                    ),
                    suggestion=f"Allow at least {MINIMUM_DAYS} calendar days, and more for consortium bids.",
                    source=SOURCE_DEADLINE,
                )
            )
    findings.extend(_window_in_words(text))

    if deadline is not None:
        first = publication.date if publication is not None else deadline.date
        holiday = holiday_touched(first, deadline.date)
        if holiday:
            span = "window" if publication is not None else "deadline"
            findings.append(
                make_finding(
                    "TL08",
                    deadline.start,
                    deadline.end,
                    message=f"The response {span} runs into {holiday}, when staff are away and small teams are "
                    f"stretched.",
                    suggestion="Move the deadline, or lengthen the window by the holiday days.",
                    source=SOURCE_TIMING,
                )
            )
    for found, what in ((publication, "opens"), (deadline, "closes")):
        if found is not None and found.date.month == 3:
            findings.append(
                make_finding(
                    "TL09",
                    found.start,
                    found.end,
                    message=f"The tender {what} in March, at the end of the financial year, when providers are "
                    f"busiest.",
                    suggestion="Avoid opening or closing the tender in March.",
                    source=SOURCE_TIMING,
                )
            )
    for match in _MARCH_SPEND.finditer(text):
        findings.append(
            make_finding(
                "TL09",
                match.start("when"),
                match.end("when"),
                message="Money must be used by the end of the financial year. This rushes spending and cuts "
                "delivery short.",
                suggestion="Let the money run across the financial year end, or agree a later end date.",
                source=SOURCE_SPEND,
            )
        )
    return findings


def _window_in_words(text: str) -> list[Finding]:
    findings = []
    for sentence in sentences(text):
        if not _SUBMISSION.search(sentence.text) or _NOT_SUBMISSION.search(sentence.text):
            continue
        for match in _WINDOW_WORDS.finditer(sentence.text):
            number = number_value(match.group("number"))
            if number is None:
                continue
            unit = match.group("unit").lower()
            working = (match.group("kind") or "").strip().lower() in {"working", "business"}
            days = number * 7 if unit.startswith("week") else (number * 7 + 4) // 5 if working else number
            if days >= MINIMUM_DAYS:
                continue
            findings.append(
                make_finding(
                    "TL07",
                    sentence.start + match.start(),
                    sentence.start + match.end(),
                    message=f"This gives bidders about {days} days to respond. Fewer than {MINIMUM_DAYS} days "
                    f"favours large bidders.",
                    suggestion=f"Allow at least {MINIMUM_DAYS} calendar days from publication to the deadline.",
                    source=SOURCE_DEADLINE,
                )
            )
    return findings
