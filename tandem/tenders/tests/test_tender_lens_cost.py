"""The tender lens's cost grows in proportion to the text's length, whatever the text (issue 8, item 2).

Each adversarial text below once made the lens run for seconds or minutes: a regular expression that
backtracked over a run of newlines, dots or spaces, or a rule that read the whole text again for every
acronym, date or request it found. Each is reviewed at 30,000 and at 300,000 characters (the most the
lens reads), with every rule switched on, and the work must grow about tenfold, not a hundredfold:

- counted: the characters handed to regular expressions (every lens pattern goes through
  ``tender_lens/patterns.py``, which counts them), which is exact and the same on every machine;
- timed: CPU time, compared between the two sizes in the same test (never against a fixed number of
  seconds), with a generous bound, to catch work done outside regular expressions.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from tandem.tenders.tender_lens import MAX_CHARACTERS, TextTooLong, patterns, review_snapshot, review_text
from tandem.tenders.tender_lens import text as lens_text

SMALL = 30_000
LARGE = 300_000
# Linear work gives 10 times as much at ten times the length; the quadratic cases this guards against
# gave about 100 times.
COUNT_RATIO = 11
TIME_RATIO = 30
# Below this much CPU time a run is too quick to compare: whitespace-only text is skipped almost at once.
TIME_FLOOR = 0.005


def repeat(piece: str) -> Callable[[int], str]:
    def build(length: int) -> str:
        return (piece * (length // len(piece) + 1))[:length]

    return build


def acronym_lines(length: int) -> str:
    """A different three-letter acronym on every line, never spelled out."""
    lines = (f"{chr(65 + i % 26)}{chr(65 + i // 26 % 26)}{chr(65 + i // 676 % 26)}\n" for i in range(length // 4 + 1))
    return "".join(lines)[:length]


def acronyms_and_small_words(length: int) -> str:
    """Many acronyms starting with A, then capitalised words with small words between them: every way of
    reading the words as initials has to be tried against every acronym."""
    names = "".join(f"A{chr(65 + i % 26)}{chr(65 + i // 26 % 26)} " for i in range(length // 8))
    return (names + repeat("Alpha of and for the to in ")(length))[:length]


ADVERSARIAL: dict[str, Callable[[int], str]] = {
    # The inputs named in the issue.
    "a, newlines, b": lambda length: "a" + "\n" * (length - 2) + "b",
    "ABCDEF repeated": repeat("ABCDEF "),
    "dots": repeat("."),
    "one acronym per line": acronym_lines,
    "space and newline repeated": repeat(" \n"),
    # Our own.
    "one line of spaces": repeat(" "),
    "one huge line without punctuation": repeat("word "),
    "many dates on one line": repeat("Deadline 3 March 2027 "),
    "pound signs": repeat("\u00a3"),
    "table rows": repeat("| Quality | 60% |\n"),
    "nested brackets": lambda length: "(" * (length // 2) + ")" * (length - length // 2),
    "one long word": repeat("a"),
    "abbreviations that never end a sentence": repeat("see e.g. X "),
    "requests in one sentence": repeat("provide your policy "),
    "requirements ruled out on one line": repeat("we will not require supervision "),
    "tags that never close": repeat("< AB "),
    "acronyms and small words": acronyms_and_small_words,
    "numbered questions": repeat("Q1 Why?\n"),
}


def work(text: str) -> tuple[int, float]:
    """Characters read by lens patterns, and CPU seconds, for one full review (every rule runs)."""
    lens_text._sentences.cache_clear()
    patterns.blocks.cache_clear()
    read = patterns.characters_read()
    started = time.process_time()
    review_text(text, whole=True, value=50_000)
    return patterns.characters_read() - read, time.process_time() - started


@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_work_grows_linearly_with_the_text(name):
    small, large = ADVERSARIAL[name](SMALL), ADVERSARIAL[name](LARGE)
    assert (len(small), len(large)) == (SMALL, LARGE)

    read_small, _ = work(small)
    seconds_small = min(work(small)[1] for _ in range(3))
    read_large, seconds_large = work(large)

    assert read_large <= COUNT_RATIO * max(read_small, 1), (read_small, read_large)
    assert seconds_large <= TIME_RATIO * max(seconds_small, TIME_FLOOR), (seconds_small, seconds_large)


def test_every_pattern_reads_at_most_one_unit_at_a_time():
    """However long a line or paragraph, no regular expression call is handed more than a unit."""
    text = "word " * 40_000 + "\n" + "Please provide your audited accounts. " * 2_000
    seen: list[int] = []
    original = patterns.LensPattern._spans

    def spans(self, text, pos, endpos):
        for start, stop in original(self, text, pos, endpos):
            seen.append(stop - start)
            yield start, stop

    patterns.LensPattern._spans = spans  # type: ignore[method-assign]
    try:
        review_text(text, whole=True, value=50_000)
    finally:
        patterns.LensPattern._spans = original  # type: ignore[method-assign]
    assert seen
    assert max(seen) <= patterns.UNIT_MAX


def test_text_longer_than_the_cap_is_refused_before_any_rule_reads_it():
    read = patterns.characters_read()
    with pytest.raises(TextTooLong) as refused:
        review_text("a" * (MAX_CHARACTERS + 1), whole=True)
    assert refused.value.length == MAX_CHARACTERS + 1
    assert "300,000" in refused.value.message
    assert patterns.characters_read() == read


def test_text_of_exactly_the_cap_is_reviewed():
    assert review_text("a" * MAX_CHARACTERS, whole=True) == []


def test_snapshot_whose_fields_together_pass_the_cap_is_refused_before_any_rule_reads_it():
    half = "The provider will offer support. " * (MAX_CHARACTERS // 66 + 1)
    snapshot = {"about": {"purpose": half, "services_required": half}}
    read = patterns.characters_read()
    with pytest.raises(TextTooLong) as refused:
        review_snapshot(snapshot)
    assert refused.value.length == 2 * len(half) > MAX_CHARACTERS
    assert patterns.characters_read() == read


def test_snapshot_with_many_fields_and_acronyms_grows_linearly():
    """Each field's unexplained acronym is looked up in the whole specification once, not once per field."""

    def snapshot(questions: int) -> dict[str, object]:
        rows = [
            {"id": n, "text": f"How will you meet the A{chr(65 + n % 26)}{chr(65 + n // 26 % 26)} standard?"}
            for n in range(questions)
        ]
        return {"about": {"purpose": "Support for families. " * questions}, "questions": rows}

    def read(questions: int) -> int:
        before = patterns.characters_read()
        review_snapshot(snapshot(questions))
        return patterns.characters_read() - before

    assert read(2_000) <= COUNT_RATIO * read(200)
