"""TL01 ACRONYM_UNEXPLAINED: an acronym the same text never spells out.

Counted as an acronym: a word of two or more capital letters (an "s" plural is allowed, as in
"KPIs"). Not counted: acronyms everyone knows (GOV.UK style), reference codes with digits ("Q3",
"CP2072", "DF1"), Roman numerals, capitals used for emphasis ("MUST", "NOT") and headings written
all in capitals. Spelled out means the expansion appears anywhere in the text: "Invitation to Tender
(ITT)", "ITT (invitation to tender)", "KPI: key performance indicator", or the capitalised words
"Key Performance Indicator" on their own.
"""

from __future__ import annotations

import re

from tandem.tenders.lens.finding import Finding, make_finding

KNOWN = frozenset(
    {
        "UK",
        "EU",
        "NHS",
        "VAT",
        "MP",
        "MPS",
        "PDF",
        "CV",
        "CVS",
        "GOV",
        "OK",
        "AM",
        "PM",
        "TV",
        "BBC",
        "USA",
        "US",
        "DNA",
    }
)
EMPHASIS = frozenset(
    {
        "A", "AN", "ALL", "AND", "ANY", "ARE", "AT", "BE", "BY", "DO", "EACH", "FOR", "IF", "IN", "IS", "IT", "MUST",
        "NEVER", "NO", "NOT", "NOTE", "OF", "ON", "ONE", "ONLY", "OR", "PLEASE", "SHALL", "THE", "TO", "WE", "WILL",
        "YES", "YOU", "YOUR", "IMPORTANT", "NEW", "NOW", "END", "PART", "ANNEX", "SECTION", "APPENDIX", "LOT", "STAGE",
        "HOW", "CAN", "WHAT", "WHO", "WHY", "WHEN", "WHERE",
    }
)  # fmt: skip
SMALL_WORDS = frozenset({"of", "and", "for", "the", "to", "in", "on", "with", "a", "an", "by", "at", "&"})
_ROMAN = re.compile(r"^(?:X{0,3})(?:IX|IV|V?I{0,3})$")
_ACRONYM = re.compile(r"(?<![A-Za-z0-9.&/-])([A-Z]{2,})(s?)(?![A-Za-z0-9&]|\.[A-Za-z])")
_WORDS = re.compile(r"[A-Za-z][A-Za-z'\u2019]*|&")
SOURCE = "Procure: guidance points \u2014 Consistency (acronym glossary, jargon-free language)"


def _initials_match(words: list[str], letters: str) -> bool:
    """Do these words, in order, spell ``letters`` by their first letters (small words may be skipped)?"""

    def match(word_index: int, letter_index: int) -> bool:
        if letter_index == len(letters):
            return word_index == len(words)
        if word_index == len(words):
            return False
        word = words[word_index].lower()
        if word[0] == letters[letter_index].lower() and match(word_index + 1, letter_index + 1):
            return True
        return word in SMALL_WORDS and letter_index > 0 and match(word_index + 1, letter_index)

    return bool(words) and match(0, 0)


def _spelled_out(text: str, acronym: str) -> bool:
    letters = acronym
    escaped = re.escape(acronym)
    # "Invitation to Tender (ITT)": the words just before the bracket.
    for match in re.finditer(rf"\(\s*{escaped}s?\s*\)", text):
        before = _WORDS.findall(text[max(0, match.start() - 200) : match.start()])
        for size in range(len(letters), min(len(before), 2 * len(letters) + 2) + 1):
            if _initials_match(before[-size:], letters):
                return True
    # "ITT (invitation to tender)" or "KPI: key performance indicator" / "KPI means key ...".
    for match in re.finditer(
        rf"\b{escaped}s?\s*(?:\(|:|\u2013|\u2014|-|=|means\b|stands for\b)\s*([^)\n.;]{{2,160}})", text
    ):
        after = _WORDS.findall(match.group(1))
        for size in range(len(letters), min(len(after), 2 * len(letters) + 2) + 1):
            if _initials_match(after[:size], letters):
                return True
    # The capitalised words on their own: "Key Performance Indicator".
    words = list(re.finditer(r"[A-Za-z][A-Za-z'\u2019]*|&", text))
    for index, word in enumerate(words):
        token = word.group(0)
        if token[0].upper() != letters[0] or not token[0].isupper() or token.isupper():
            continue
        run = [token]
        for follower in words[index + 1 : index + 2 * len(letters) + 1]:
            following = follower.group(0)
            if not (following[0].isupper() or following.lower() in SMALL_WORDS) or following.isupper():
                break
            run.append(following)
            if len(run) >= len(letters) and _initials_match(run, letters):
                return True
    return False


def _is_shouty_line(text: str, start: int, end: int) -> bool:
    """Capitals used as a heading: next to another capitalised word, or alone on a line and long."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end != -1 else len(text)]
    if end - start >= 7:
        return True
    words = re.findall(r"[A-Za-z]{2,}", re.sub(r"<[^>]*>", " ", line))
    upper = [word for word in words if word.isupper()]
    if len(upper) >= 3 and len(upper) >= 0.6 * len(words):
        return True
    if len(words) == 1 and end - start >= 5:
        return True
    before = re.search(r"([A-Za-z]+)[^A-Za-z\n]{1,3}$", text[line_start:start])
    after = re.match(r"[^A-Za-z\n]{1,3}([A-Za-z]+)", text[end : line_end if line_end != -1 else len(text)])
    return any(
        neighbour is not None
        and neighbour.group(1).isupper()
        and len(neighbour.group(1)) >= 2
        and (neighbour.group(1) in EMPHASIS or len(neighbour.group(1)) >= 4 or end - start >= 4)
        for neighbour in (before, after)
    )


def check(text: str) -> list[Finding]:
    """One finding per unexplained acronym, at its first use."""
    first_use: dict[str, tuple[int, int, int]] = {}
    for match in _ACRONYM.finditer(text):
        acronym = match.group(1)
        if acronym in KNOWN or acronym in EMPHASIS or _ROMAN.match(acronym):
            continue
        if _is_shouty_line(text, match.start(), match.end()):
            continue
        start, end, count = first_use.get(acronym, (match.start(), match.end(), 0))
        first_use[acronym] = (start, end, count + 1)
    findings = []
    for acronym, (start, end, count) in first_use.items():
        if _spelled_out(text, acronym):
            continue
        times = "once" if count == 1 else f"{count} times"
        findings.append(
            make_finding(
                "TL01",
                start,
                end,
                message=(
                    f'"{acronym}" is used {times} but never written out in full. Readers new to '
                    "commissioning, or reading in a second language, may not know what it means."
                ),
                suggestion=f'Write the words out the first time, followed by "({acronym})", or add it to a glossary.',
                source=SOURCE,
            )
        )
    return findings
