"""TL22 HARD_TO_READ: sentences over 40 words, and paragraphs with a Flesch-Kincaid grade above 14.

The grade is only judged on paragraphs of 60 words or more (short passages give unstable scores) and
only where no sentence in the paragraph has already been flagged as too long.
"""

from __future__ import annotations

from bisect import bisect_left

import textstat

from tandem.tenders.tender_lens.finding import Finding, make_finding
from tandem.tenders.tender_lens.text import paragraphs, sentences, word_count

MAX_WORDS = 40
MAX_GRADE = 14.0
MIN_PARAGRAPH_WORDS = 60
SOURCE = "Procure: Supporting a smooth application process \u2014 Consistency (jargon-free language)"


def _is_table(text: str) -> bool:
    """A block whose every line is a table row ("| a | b"): rows are not prose, so a reading grade means
    nothing for them (it sees one long sentence with no full stops)."""
    return all(line.lstrip().startswith("|") for line in text.splitlines() if line.strip())


def check(text: str) -> list[Finding]:
    findings = []
    long_positions = []
    for sentence in sentences(text):
        words = word_count(sentence.text)
        if words > MAX_WORDS:
            long_positions.append(sentence.start)
            findings.append(
                make_finding(
                    "TL22",
                    sentence.start,
                    sentence.end,
                    message=f"This sentence is {words} words long. Long sentences are hard to follow, most of "
                    f"all under stress.",
                    suggestion="Split it into two or three sentences of under 25 words each.",
                    source=SOURCE,
                )
            )
    for paragraph in paragraphs(text):
        if word_count(paragraph.text) < MIN_PARAGRAPH_WORDS or _is_table(paragraph.text):
            continue
        # Sentences come in document order, so the first long one at or after the paragraph's start says
        # whether one lies inside it.
        first = bisect_left(long_positions, paragraph.start)
        if first < len(long_positions) and long_positions[first] < paragraph.end:
            continue
        grade = float(textstat.flesch_kincaid_grade(paragraph.text))
        if grade > MAX_GRADE:
            findings.append(
                make_finding(
                    "TL22",
                    paragraph.start,
                    paragraph.end,
                    message=f"This paragraph reads at a grade of {grade:.0f} (Flesch-Kincaid), which is hard "
                    f"for many readers.",
                    suggestion="Use shorter words and sentences; aim for a grade of 9 or below.",
                    source=SOURCE,
                )
            )
    return sorted(findings, key=lambda finding: finding.start)
