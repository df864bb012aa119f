"""Run every rule over a text and return the findings in document order."""

from __future__ import annotations

from collections.abc import Callable

from tandem.tenders.tender_lens.finding import Finding
from tandem.tenders.tender_lens.limits import MAX_CHARACTERS, TextTooLong
from tandem.tenders.tender_lens.rules import (
    acronyms,
    baseline,
    clarifications,
    dates,
    feedback,
    funding,
    innovation,
    language,
    readability,
    reporting,
    requests,
    targets,
    weights,
    whole_document,
)

EXCERPT_RULES: tuple[Callable[[str], list[Finding]], ...] = (
    acronyms.check,
    requests.check,
    weights.check,
    dates.check,
    language.check,
    baseline.check,
    innovation.check,
    feedback.check,
    clarifications.check,
    targets.check,
    funding.check,
    readability.check,
)

IMPLEMENTED_CODES = frozenset(
    {
        "TL01", "TL02", "TL03", "TL04", "TL05", "TL06", "TL07", "TL08", "TL09", "TL10", "TL11", "TL12a", "TL12b",
        "TL12c", "TL12d", "TL12e", "TL12f", "TL12g", "TL13", "TL14", "TL15", "TL16", "TL17", "TL18", "TL19", "TL20",
        "TL21", "TL22", "TL23",
    }
)  # fmt: skip


def review_text(text: str, *, whole: bool = False, value: int | None = None) -> list[Finding]:
    """Review free text and return findings, sorted by where they are.

    ``whole`` says the text is a whole specification or application form, so the whole-document codes
    (TL11, TL12a-g, TL23) are judged; an excerpt never gets them. ``value`` is the contract or grant
    value in pounds where known: TL10 (reporting burden) weighs reporting against it.

    Raises ``TextTooLong`` for a text longer than ``MAX_CHARACTERS``, before any rule reads it.
    """
    if len(text) > MAX_CHARACTERS:
        raise TextTooLong(len(text))
    findings: list[Finding] = reporting.check(text, value=value)
    for rule in EXCERPT_RULES:
        findings.extend(rule(text))
    if whole:
        findings.extend(whole_document.check(text))
    unique = {(f.code, f.start, f.end): f for f in findings}
    return sorted(unique.values(), key=lambda f: (f.start, f.end, f.code))
