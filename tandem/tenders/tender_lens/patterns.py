"""The one way to compile and run a tender lens pattern, so no pattern ever reads more than one unit of text.

A text longer than ``UNIT_MAX`` characters is read unit by unit: its paragraphs (runs of lines between
blank lines), with a paragraph longer than ``UNIT_MAX`` cut at a line break, or failing that at a space.
Each regular expression call therefore sees at most ``UNIT_MAX`` characters, however long the text, so
even a pattern that backtracks costs a bounded amount per unit and the whole review grows linearly with
the text. A text of ``UNIT_MAX`` characters or fewer is read in one piece, exactly as ``re`` would.

Every call adds the number of characters it handed to the regular expression engine to a counter
(``characters_read``), so a test can check that the work grows in proportion to the text.

Plain Python, no Django.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache

UNIT_MAX = 4_000

_read = [0]


def characters_read() -> int:
    """How many characters every lens pattern has been handed so far, in this process."""
    return _read[0]


def _cut_line(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Pieces of one line, each at most ``UNIT_MAX`` long, cut at the last space or tab that fits."""
    while end - start > UNIT_MAX:
        limit = start + UNIT_MAX
        cut = max(text.rfind(" ", start + UNIT_MAX // 2, limit), text.rfind("\t", start + UNIT_MAX // 2, limit))
        if cut == -1:
            yield start, limit
            start = limit
        else:
            yield start, cut
            start = cut + 1
    if start < end:
        yield start, end


@lru_cache(maxsize=8)
def blocks(text: str) -> tuple[tuple[int, int], ...]:
    """The paragraphs of ``text`` as ``(start, end)``: runs of lines holding something other than
    whitespace, from the start of their first line to the end of their last. A run longer than
    ``UNIT_MAX`` is cut at line breaks, and a line longer than that at spaces, so none is longer."""
    found: list[tuple[int, int]] = []
    run_start = -1
    run_end = -1
    position = 0
    length = len(text)
    while position <= length:
        newline = text.find("\n", position)
        line_end = length if newline == -1 else newline
        blank = text[position:line_end].isspace() or position == line_end
        if blank:
            if run_start != -1:
                found.append((run_start, run_end))
                run_start = -1
        elif line_end - position > UNIT_MAX:
            if run_start != -1:
                found.append((run_start, run_end))
                run_start = -1
            found.extend(_cut_line(text, position, line_end))
        elif run_start != -1 and line_end - run_start > UNIT_MAX:
            found.append((run_start, run_end))
            run_start, run_end = position, line_end
        else:
            if run_start == -1:
                run_start = position
            run_end = line_end
        if newline == -1:
            break
        position = newline + 1
    if run_start != -1:
        found.append((run_start, run_end))
    return tuple(found)


def units(text: str) -> tuple[tuple[int, int], ...]:
    """Where patterns read ``text``: the whole of it when short, otherwise its ``blocks``."""
    if len(text) <= UNIT_MAX:
        return ((0, len(text)),)
    return blocks(text)


class LensPattern:
    """A compiled regular expression whose calls read at most ``UNIT_MAX`` characters at a time.

    ``search``, ``finditer`` and ``findall`` on a long text run unit by unit (positions stay those of the
    whole text). ``match`` and ``fullmatch`` are for short strings: on a long one, ``match`` reads only
    the first ``UNIT_MAX`` characters and ``fullmatch`` finds nothing."""

    def __init__(self, pattern: str, flags: int | re.RegexFlag = 0) -> None:
        self.regex = re.compile(pattern, flags)
        self.pattern = self.regex.pattern

    def _spans(self, text: str, pos: int, endpos: int | None) -> Iterator[tuple[int, int]]:
        end = len(text) if endpos is None else min(endpos, len(text))
        if end - pos <= UNIT_MAX:
            _read[0] += max(0, end - pos)
            yield pos, end
            return
        for start, stop in units(text):
            start, stop = max(start, pos), min(stop, end)
            if start < stop:
                _read[0] += stop - start
                yield start, stop

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        for start, stop in self._spans(text, pos, endpos):
            found = self.regex.search(text, start, stop)
            if found is not None:
                return found
        return None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        for start, stop in self._spans(text, pos, endpos):
            yield from self.regex.finditer(text, start, stop)

    def findall(self, text: str, pos: int = 0, endpos: int | None = None) -> list[str]:
        found: list[str] = []
        for start, stop in self._spans(text, pos, endpos):
            found.extend(self.regex.findall(text, start, stop))
        return found

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """A match starting at ``pos``, read no further than the end of the unit ``pos`` is in (nothing is
        read from between two paragraphs of a long text)."""
        end = len(text)
        if end - pos > UNIT_MAX:
            found = units(text)
            index = bisect_right(found, pos, key=lambda unit: unit[0]) - 1
            end = found[index][1] if index >= 0 and pos <= found[index][1] else pos
        _read[0] += max(0, end - pos)
        return self.regex.match(text, pos, end)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        if len(text) > UNIT_MAX:
            return None
        _read[0] += len(text)
        return self.regex.fullmatch(text)


def compile(pattern: str, flags: int | re.RegexFlag = 0) -> LensPattern:
    """Compile a lens pattern. Every pattern in the lens is made here."""
    return LensPattern(pattern, flags)
