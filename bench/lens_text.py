"""The tender lens on a long specification: a made-up 20,000-word text, and in-process timings.

``specification_text(words)`` writes a plausible service specification from one seeded random number
generator: numbered sections of ordinary prose, with award criteria, dates, questions and a few
passages the lens should flag (about one in forty paragraphs), so the rules have real work to do.
``time_review(text, whole=True, repeats=7)`` runs ``review_text`` that many times and returns each run's
milliseconds. Pure Python: the lens imports no Django, so this needs no database.

Run it on its own with ``.venv/bin/python bench/lens_text.py [--words 20000] [--repeats 7]``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tandem.tenders.tender_lens import review_text  # noqa: E402

LENS_WORDS = 20_000
LENS_REPEATS = 7

_SUBJECTS = [
    "The provider",
    "The service",
    "Each worker",
    "The team",
    "The council",
    "Every person supported",
    "The partnership board",
    "The lead worker",
]
_VERBS = [
    "will offer",
    "will agree",
    "should plan",
    "will review",
    "will record",
    "will share",
    "will arrange",
    "can ask for",
]
_OBJECTS = [
    "weekly drop-in sessions in local libraries",
    "a safety plan that the person chooses and owns",
    "clear information about what happens next",
    "support at times that suit working parents",
    "a named contact for each family",
    "group sessions led by people with lived experience",
    "a short summary of progress each quarter",
    "interpreters when people ask for them",
    "time for reflective practice and supervision",
    "links with housing, health and schools",
]
_ENDINGS = [
    "so that people know who to call.",
    "in a place that feels safe and welcoming.",
    "at a pace the person sets.",
    "with the consent of the person concerned.",
    "and explain any change in plain words.",
    "in line with the safeguarding policy.",
]
_FLAGGED = [
    "Many of the women referred are hard to reach and have failed to engage with earlier services.",
    "Please attach a copy of your business plan and your audited accounts for the last three years.",
    "Tender published: 2 February 2027\nDeadline for submissions: 16 February 2027",
    "Award criteria: Quality 50%, Price 50%.",
    "All participants will secure paid work within six months.",
    "Any underspend will be clawed back at the end of the year.",
    "A full trauma history will be taken at the first appointment.",
    "Providers must report each KPI every month using the council's own template.",
]
_HEADINGS = [
    "Background",
    "The people the service is for",
    "Services required",
    "Outcomes",
    "Staffing and supervision",
    "Working with partners",
    "Safeguarding",
    "Reporting and review",
    "Questions for bidders",
    "When the contract ends",
]


def specification_text(words: int = LENS_WORDS, *, seed: int = 2025) -> str:
    """A made-up specification of about ``words`` words (never fewer)."""
    rng = random.Random(seed)
    parts: list[str] = ["Service specification: Anyborough community support service"]
    count = 0
    section = 0
    while count < words:
        section += 1
        heading = f"{section}. {_HEADINGS[(section - 1) % len(_HEADINGS)]}"
        parts.append(heading)
        for _ in range(rng.randint(3, 6)):
            if rng.random() < 0.025:
                paragraph = rng.choice(_FLAGGED)
            else:
                sentences = [
                    f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {rng.choice(_ENDINGS)}"
                    for _ in range(rng.randint(2, 5))
                ]
                paragraph = " ".join(sentences)
            parts.append(paragraph)
            count += len(paragraph.split())
    return "\n\n".join(parts) + "\n"


def time_review(text: str, *, whole: bool = True, repeats: int = LENS_REPEATS) -> list[float]:
    """Milliseconds for each of ``repeats`` runs of ``review_text`` (after one untimed warm-up run).

    Each run gets a text that differs by trailing newlines, so nothing remembered from an earlier run
    (the lens keeps its last few sentence splits) makes a later one look faster."""
    review_text(text, whole=whole)
    timings = []
    for run in range(repeats):
        fresh = text + "\n" * (run + 1)
        started = time.perf_counter()
        review_text(fresh, whole=whole)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def lens_report(words: int = LENS_WORDS, repeats: int = LENS_REPEATS) -> dict[str, float | int]:
    text = specification_text(words)
    timings = time_review(text, repeats=repeats)
    return {
        "words": len(text.split()),
        "characters": len(text),
        "findings": len(review_text(text, whole=True)),
        "repeats": repeats,
        "median_ms": statistics.median(timings),
        "min_ms": min(timings),
        "max_ms": max(timings),
    }


def describe(figures: dict[str, float | int]) -> str:
    return (
        f"tender lens, in process: review_text(whole=True) on a {figures['words']:,}-word specification "
        f"({figures['findings']} findings): median {figures['median_ms']:.0f} ms over {figures['repeats']} runs "
        f"(fastest {figures['min_ms']:.0f} ms, slowest {figures['max_ms']:.0f} ms)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=LENS_WORDS)
    parser.add_argument("--repeats", type=int, default=LENS_REPEATS)
    args = parser.parse_args(argv)
    print(describe(lens_report(args.words, args.repeats)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
