"""TL01 ACRONYM_UNEXPLAINED: an acronym the same text never spells out.

Counted as an acronym: a word of two or more capital letters (an "s" plural is allowed, as in
"KPIs"). Not counted: acronyms everyone knows (GOV.UK style), reference codes with digits ("Q3",
"CP2072", "DF1"), Roman numerals, capitals used for emphasis ("MUST", "NOT") and headings written
all in capitals. Spelled out means the expansion appears anywhere in the text: "Invitation to Tender
(ITT)", "ITT (invitation to tender)", "KPI: key performance indicator", or the capitalised words
"Key Performance Indicator" on their own.
"""

from __future__ import annotations

from typing import Any

from tandem.tenders.tender_lens import patterns
from tandem.tenders.tender_lens.finding import Finding, make_finding

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
_ROMAN = patterns.compile(r"^(?:X{0,3})(?:IX|IV|V?I{0,3})$")
_ACRONYM = patterns.compile(r"(?<![A-Za-z0-9.&/-])([A-Z]{2,})(s?)(?![A-Za-z0-9&]|\.[A-Za-z])")
_WORDS = patterns.compile(r"[A-Za-z][A-Za-z'\u2019]*|&")
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


_BRACKETED = patterns.compile(r"\(\s*([A-Z]{2,})s?\s*\)")
_DEFINED = patterns.compile(r"\b([A-Z]{2,})s?\s*(?:\(|:|\u2013|\u2014|-|=|means\b|stands for\b)")
_DEFINITION = patterns.compile(r"\s*([^)\n.;]{2,160})")


def spelled_out(text: str, wanted: set[str] | frozenset[str]) -> set[str]:
    """Which of the ``wanted`` acronyms the text spells out somewhere, read in one pass over the text.

    Spelled out means: "Invitation to Tender (ITT)" (the words just before the bracket), "ITT (invitation
    to tender)" or "KPI: key performance indicator" (the words just after), or the capitalised words on
    their own, "Key Performance Indicator"."""
    found: set[str] = set()
    if not wanted:
        return found
    # "Invitation to Tender (ITT)": the words just before the bracket.
    for match in _BRACKETED.finditer(text):
        letters = match.group(1)
        if letters not in wanted or letters in found:
            continue
        before = _WORDS.findall(text[max(0, match.start() - 200) : match.start()])
        for size in range(len(letters), min(len(before), 2 * len(letters) + 2) + 1):
            if _initials_match(before[-size:], letters):
                found.add(letters)
                break
    # "ITT (invitation to tender)" or "KPI: key performance indicator" / "KPI means key ...". Each
    # acronym's definitions are read left to right and never overlap, as one pattern per acronym would.
    read_to: dict[str, int] = {}
    for head in _DEFINED.finditer(text):
        letters = head.group(1)
        if letters not in wanted or letters in found or head.start() < read_to.get(letters, 0):
            continue
        definition = _DEFINITION.match(text, head.end())
        if definition is None:
            continue
        read_to[letters] = definition.end()
        after = _WORDS.findall(definition.group(1))
        for size in range(len(letters), min(len(after), 2 * len(letters) + 2) + 1):
            if _initials_match(after[:size], letters):
                found.add(letters)
                break
    found |= _capitalised_runs(text, {letters for letters in wanted if letters not in found})
    return found


def _capitalised_runs(text: str, wanted: set[str]) -> set[str]:
    """The acronyms spelled by capitalised words on their own ("Key Performance Indicator"), small words
    allowed in between. One pass over the words: from each capitalised word, every way of reading the
    next few words is followed at once through a tree of the wanted acronyms' letters."""
    found: set[str] = set()
    tree: dict[str, Any] = {}
    for letters in wanted:
        node = tree
        for letter in letters.lower():
            node = node.setdefault(letter, {})
        node[""] = letters
    if not tree:
        return found
    longest = max(len(letters) for letters in wanted)
    words = _WORDS.findall(text)
    for index, token in enumerate(words):
        if not token[0].isupper() or token.isupper() or token[0].lower() not in tree:
            continue
        states = [tree[token[0].lower()]]
        taken = 1
        for following in words[index + 1 : index + 2 * longest + 1]:
            if not (following[0].isupper() or following.lower() in SMALL_WORDS) or following.isupper():
                break
            first = following[0].lower()
            small = following.lower() in SMALL_WORDS
            moved: dict[int, dict[str, Any]] = {}
            for node in states:
                if first in node:
                    moved[id(node[first])] = node[first]
                if small:
                    moved[id(node)] = node
            states = list(moved.values())
            taken += 1
            for node in states:
                letters = node.get("")
                if letters is not None and len(letters) <= taken <= 2 * len(letters) + 1:
                    found.add(letters)
            if not states:
                break
    return found


def _spelled_out(text: str, acronym: str) -> bool:
    return acronym in spelled_out(text, {acronym})


class _Lines:
    """The lines of a text, each measured once however many acronyms it holds (matches come in order)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.start = 0
        self.end = -1
        self.shouty = False
        self.single_word = False

    def _move_to(self, position: int) -> None:
        if position <= self.end:
            return
        text = self.text
        # The line starts after the last newline before ``position``; lines already read are not searched.
        newline = text.rfind("\n", max(self.end, 0), position)
        self.start = newline + 1 if newline != -1 else max(self.end + 1, 0)
        newline = text.find("\n", position)
        self.end = len(text) if newline == -1 else newline
        words = _LETTER_WORDS.findall(_without_tags(text[self.start : self.end]))
        upper = [word for word in words if word.isupper()]
        self.shouty = len(upper) >= 3 and len(upper) >= 0.6 * len(words)
        self.single_word = len(words) == 1

    def shouting(self, start: int, end: int) -> bool:
        """Capitals used as a heading: next to another capitalised word, or alone on a line and long."""
        if end - start >= 7:
            return True
        self._move_to(start)
        if self.shouty or (self.single_word and end - start >= 5):
            return True
        return any(
            neighbour is not None
            and neighbour.isupper()
            and len(neighbour) >= 2
            and (neighbour in EMPHASIS or len(neighbour) >= 4 or end - start >= 4)
            for neighbour in (self._word_before(start), self._word_after(end))
        )

    def _word_before(self, start: int) -> str | None:
        """The letters before 1 to 3 other characters just before ``start`` on the same line."""
        text = self.text
        position = start
        while position > self.start and start - position < 4 and not _is_letter(text[position - 1]):
            position -= 1
        if not 1 <= start - position <= 3 or position == self.start:
            return None
        first = position
        while first > self.start and _is_letter(text[first - 1]):
            first -= 1
        return text[first:position]

    def _word_after(self, end: int) -> str | None:
        """The letters after 1 to 3 other characters just after ``end`` on the same line."""
        text = self.text
        position = end
        while position < self.end and position - end < 4 and not _is_letter(text[position]):
            position += 1
        if not 1 <= position - end <= 3 or position == self.end:
            return None
        last = position
        while last < self.end and _is_letter(text[last]):
            last += 1
        return text[position:last]


_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_LETTER_WORDS = patterns.compile(r"[A-Za-z]{2,}")


def _is_letter(character: str) -> bool:
    return character in _LETTERS


def _without_tags(line: str) -> str:
    """The line with each ``<...>`` replaced by a space, read once from left to right."""
    pieces = []
    position = 0
    while True:
        opening = line.find("<", position)
        closing = line.find(">", opening + 1) if opening != -1 else -1
        if closing == -1:
            pieces.append(line[position:])
            return " ".join(pieces)
        pieces.append(line[position:opening])
        position = closing + 1


def check(text: str) -> list[Finding]:
    """One finding per unexplained acronym, at its first use."""
    first_use: dict[str, tuple[int, int, int]] = {}
    lines = _Lines(text)
    for match in _ACRONYM.finditer(text):
        acronym = match.group(1)
        if acronym in KNOWN or acronym in EMPHASIS or _ROMAN.match(acronym):
            continue
        if lines.shouting(match.start(), match.end()):
            continue
        start, end, count = first_use.get(acronym, (match.start(), match.end(), 0))
        first_use[acronym] = (start, end, count + 1)
    findings = []
    explained = spelled_out(text, frozenset(first_use))
    for acronym, (start, end, count) in first_use.items():
        if acronym in explained:
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
