"""The one way the lens runs a pattern: whole when short, paragraph by paragraph when long, never more
than ``UNIT_MAX`` characters per call."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.tenders.tender_lens import patterns
from tandem.tenders.tender_lens.patterns import UNIT_MAX, blocks, units

PIECES = st.sampled_from(
    ["word", "Quality 60%", " ", "  ", "\n", "\n\n", " \n \n", "\t", ".", "KPI", "(", ")", "\u2019"]
)
TEXTS = st.lists(PIECES, max_size=60).map("".join)


@given(TEXTS, st.sampled_from([r"\w+", r"\s+", r"^\s*\w", r"\w+$", r"(?<![A-Z])[A-Z]{2,}", r"\bquality\b\s*\d+%"]))
def test_a_short_text_is_read_exactly_as_re_reads_it(text, expression):
    pattern = patterns.compile(expression, re.IGNORECASE | re.MULTILINE)
    plain = re.compile(expression, re.IGNORECASE | re.MULTILINE)
    assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert pattern.findall(text) == plain.findall(text)
    found, expected = pattern.search(text), plain.search(text)
    assert (found and found.span()) == (expected and expected.span())


@settings(max_examples=50)
@given(st.lists(st.sampled_from(["a" * 900, "b " * 700, "\n", "\n\n", "   \n", "c" * 5_000, " "]), max_size=30))
def test_blocks_cover_every_character_that_is_not_blank_in_pieces_no_longer_than_a_unit(pieces):
    text = "".join(pieces)
    found = blocks(text)
    covered: set[int] = set()
    previous_end = -1
    for start, end in found:
        assert previous_end <= start < end <= len(text)
        assert end - start <= UNIT_MAX
        assert text[start:end].strip()
        covered.update(range(start, end))
        previous_end = end
    # Only blank lines, and the single spaces or line breaks a long run was cut at, are left out.
    assert all(text[i].isspace() for i in range(len(text)) if i not in covered)


def test_a_long_text_is_read_paragraph_by_paragraph():
    text = ("x" * 3_000 + "\n\n") * 3
    assert units(text) == ((0, 3_000), (3_002, 6_002), (6_004, 9_004))
    assert units("short\n\ntext") == ((0, 11),)


def test_a_long_paragraph_is_cut_at_a_line_break_and_a_long_line_at_a_space():
    lines = "\n".join(["y" * 1_500] * 4)
    assert blocks(lines) == ((0, 3_001), (3_002, 6_003))
    line = "word " * 2_000
    cuts = blocks(line)
    assert all(end - start <= UNIT_MAX for start, end in cuts)
    assert all(line[end] == " " for start, end in cuts[:-1])


def test_a_line_with_no_space_is_cut_at_the_unit_size():
    assert blocks("z" * (2 * UNIT_MAX + 5)) == (
        (0, UNIT_MAX),
        (UNIT_MAX, 2 * UNIT_MAX),
        (2 * UNIT_MAX, 2 * UNIT_MAX + 5),
    )


def test_matches_in_a_long_text_keep_their_places_in_the_whole_text():
    text = "Quality 60%\n\n" + "filler " * 1_000 + "\n\nPrice 40%"
    pattern = patterns.compile(r"\b(?:quality|price)\s+\d+%", re.IGNORECASE)
    assert [text[m.start() : m.end()] for m in pattern.finditer(text)] == ["Quality 60%", "Price 40%"]


def test_no_match_crosses_a_blank_line_in_a_long_text():
    pattern = patterns.compile(r"quality\s+60%", re.IGNORECASE)
    short = "Quality\n\n60%"
    long = short + "\n\n" + "filler " * 1_000
    assert pattern.search(short) is not None
    assert pattern.search(long) is None


def test_every_call_is_counted():
    pattern = patterns.compile(r"a")
    before = patterns.characters_read()
    pattern.search("b" * 10)
    pattern.findall("b" * 5)
    assert patterns.characters_read() - before == 15


def test_every_lens_module_runs_its_patterns_through_this_one():
    """A pattern compiled or run with ``re`` directly would read a whole text at once, unbounded."""
    lens = Path(patterns.__file__).parent
    direct = re.compile(r"\bre\.(?:compile|search|match|fullmatch|finditer|findall|sub|subn|split)\(")
    offenders = [
        f"{path.relative_to(lens)}:{number}"
        for path in sorted(lens.rglob("*.py"))
        if path.name != "patterns.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if direct.search(line)
    ]
    assert offenders == []


def test_match_in_a_long_text_reads_no_further_than_its_paragraph():
    pattern = patterns.compile(r"\s*(\w+)")
    text = "first:" + "\n\n" + "second " * 1_000
    assert pattern.match(text, 6) is None
    found = pattern.match(text, 8)
    assert found is not None and found.group(1) == "second"
    found = pattern.match("first:\n\nsecond", 6)
    assert found is not None and found.group(1) == "second"
