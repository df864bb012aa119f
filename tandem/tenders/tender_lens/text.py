"""Text helpers shared by the lens rules: sentences, paragraphs, words and UK dates, all with offsets."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from tandem.tenders.tender_lens import patterns

_ABBREVIATIONS = frozenset(
    {"e.g", "i.e", "etc", "mr", "mrs", "ms", "dr", "no", "st", "approx", "incl", "cf", "vs", "para"}
)
_BREAK_LINE = patterns.compile(r"^\s*(?:[-*•+|#>]|\d+[.)]\s|[a-z][.)]\s)")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


def paragraphs(text: str) -> list[Span]:
    """Blocks of text separated by blank lines (trimmed). A block longer than ``patterns.UNIT_MAX`` is
    cut (at a line break where it can be), so every later step reads a bounded piece."""
    spans = []
    for start, end in patterns.blocks(text):
        chunk = text[start:end]
        stripped = chunk.strip()
        if not stripped:
            continue
        start += len(chunk) - len(chunk.lstrip())
        spans.append(Span(start, start + len(stripped), stripped))
    return spans


def _units(text: str) -> Iterator[Span]:
    """Paragraphs split further at list items, table rows and headings, so each is one unit of prose."""
    for para in paragraphs(text):
        offset = para.start
        lines = para.text.split("\n")
        current_start: int | None = None
        current_end = 0
        for line in lines:
            line_start = offset
            line_end = offset + len(line)
            offset = line_end + 1
            if _BREAK_LINE.match(line) and current_start is not None:
                yield Span(current_start, current_end, text[current_start:current_end])
                current_start = None
            if not line.strip():
                continue
            if current_start is None:
                current_start = line_start + (len(line) - len(line.lstrip()))
            current_end = line_start + len(line.rstrip())
        if current_start is not None:
            yield Span(current_start, current_end, text[current_start:current_end])


# A run of full stops is only read from its first one: starting again inside the run could never match
# where starting at its beginning did not, and would make a line of dots cost the square of its length.
_SENTENCE_END = patterns.compile(r"(?<![.!?])[.!?]+[\"')\]\u2019\u201d]*\s+(?=[\"'(\u2018\u201c]?[A-Z0-9])")


def sentences(text: str) -> list[Span]:
    """Sentences with their offsets. List items, table rows and headings each end a sentence.

    Several rules split the same text, so the last few splits are remembered."""
    return list(_sentences(text))


@lru_cache(maxsize=4)
def _sentences(text: str) -> tuple[Span, ...]:
    found: list[Span] = []
    for unit in _units(text):
        begin = 0
        for match in _SENTENCE_END.finditer(unit.text):
            if _last_word(unit.text, begin, match.start()).lower().rstrip(".") in _ABBREVIATIONS:
                continue
            piece = unit.text[begin : match.start() + len(match.group(0).rstrip())]
            if piece.strip():
                found.append(Span(unit.start + begin, unit.start + begin + len(piece), piece))
            begin = match.end()
        piece = unit.text[begin:]
        if piece.strip():
            found.append(Span(unit.start + begin, unit.start + begin + len(piece), piece))
    return tuple(found)


def _last_word(text: str, begin: int, end: int) -> str:
    """The letters and full stops just before ``end`` (and after ``begin``), as in "e.g" or "Mr"; a
    newline right before ``end`` is stepped over. Read backwards, so it costs the length of the word."""
    if end > begin and text[end - 1] == "\n":
        end -= 1
    start = end
    while start > begin and text[start - 1] in _WORD_LETTERS:
        start -= 1
    return text[start:end]


_WORD_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.")
WORD = patterns.compile(r"[A-Za-z0-9][A-Za-z0-9'\u2019\-]*")


def word_count(text: str) -> int:
    return len(WORD.findall(text))


def sentence_containing(text: str, position: int) -> Span:
    for sentence in sentences(text):
        if sentence.start <= position < sentence.end:
            return sentence
    return Span(0, len(text), text)


# --- dates -------------------------------------------------------------------------------------

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_WORDY_DATE = patterns.compile(
    rf"\b{_WEEKDAY}(?P<day>[0-3]?\d)(?:st|nd|rd|"
    rf"th)?\s+(?:of\s+)?(?P<month>{_MONTH_NAMES})\.?,?\s+(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_NUMERIC_DATE = patterns.compile(
    rf"\b{_WEEKDAY}(?P<day>[0-3]?\d)/(?P<month>[01]?\d)/(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class FoundDate:
    date: dt.date
    start: int
    end: int


def find_dates(text: str) -> list[FoundDate]:
    """UK dates written in full: "3 March 2027", "Friday 20 December 2026", "03/03/2027" (day first)."""
    found: list[FoundDate] = []
    for pattern in (_WORDY_DATE, _NUMERIC_DATE):
        for match in pattern.finditer(text):
            month_text = match.group("month").lower()
            month = MONTHS[month_text] if month_text in MONTHS else int(month_text)
            try:
                value = dt.date(int(match.group("year")), month, int(match.group("day")))
            except ValueError:
                continue
            found.append(FoundDate(value, match.start(), match.end()))
    return sorted(found, key=lambda item: item.start)


def easter_sunday(year: int) -> dt.date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


NUMBER_WORDS = {
    "one": 1, "a": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14, "fifteen": 15, "twenty": 20,
    "eighteen": 18, "twenty-four": 24, "thirty": 30, "thirty-six": 36, "forty-eight": 48, "sixty": 60,
}  # fmt: skip


def number_value(token: str) -> int | None:
    token = token.lower().strip()
    if token.isdigit():
        return int(token)
    return NUMBER_WORDS.get(token)
