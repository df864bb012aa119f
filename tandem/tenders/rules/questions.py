"""Rules for questions to bidders. No Django here.

- Every question says why it is asked and how the answer will be used (seed 000, Procure:
  "transparent information requests").
- Full financial information, such as accounts, is asked only of shortlisted bidders unless the
  team says why everyone needs to give it at the first stage (seed 000, Procure: "phased
  collection" of sensitive information).
- A question can name the group of people with lived experience who helped write it (seed 001,
  section 5: co-produce at least one method statement question).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

FIRST_STAGE = "first_stage"
SHORTLISTED = "shortlisted"
PHASES: tuple[str, ...] = (FIRST_STAGE, SHORTLISTED)
PHASE_HEADINGS: dict[str, str] = {
    FIRST_STAGE: "Asked of everyone who bids (first stage)",
    SHORTLISTED: "Asked of shortlisted bidders only",
}

WORD_LIMIT_MIN = 1
WORD_LIMIT_MAX = 5000
TEXT_MAX = 2000
GUIDANCE_MAX = 3000
REASON_MAX = 2000
COPRODUCED_WITH_MAX = 200
QUESTIONS_MAX = 100

NO_TEXT = "Enter the question"
# What to write, and why it helps bidders (seed 000, Procure, "Transparent information requests").
NO_WHY = "Say why you ask this question, so bidders know why you need the answer"
NO_HOW = "Say how you will use the answer, so bidders know who reads it and whether it is scored"
NO_FIRST_STAGE_REASON = (
    "Say why everyone who bids must give this at the first stage, or ask it of shortlisted bidders only"
)
NO_CONFIRMATION = (
    "Tick the box to confirm you need this from everyone at the first stage, or ask it of shortlisted bidders only"
)
NO_OFF_REASON = "Say why this specification does not need the open question"


def default_phase(is_financial: bool) -> str:
    """Financial questions go to the shortlist; everything else to everyone."""
    return SHORTLISTED if is_financial else FIRST_STAGE


def needs_first_stage_reason(*, is_financial: bool, phase: str, was_confirmed: bool = False) -> bool:
    """Whether the team must say why everyone has to give financial information at the first stage.

    ``was_confirmed`` is True when the question was already a first-stage financial question, so
    the team has already given its reason and is not asked again.
    """
    return is_financial and phase == FIRST_STAGE and not was_confirmed


def word_limit_problem(value: object) -> str:
    """Why a word limit is not usable ("" when it is, or when there is none)."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool) or not isinstance(value, int):
        return "Enter the word limit as a whole number, like 500"
    if not WORD_LIMIT_MIN <= value <= WORD_LIMIT_MAX:
        return f"The word limit must be between {WORD_LIMIT_MIN} and {WORD_LIMIT_MAX:,} words"
    return ""


# Phrases that ask for full financial information. Kept narrow on purpose: a question about a
# budget or a price is not "full financial information" (seed 000, Procure).
_FINANCIAL = re.compile(
    r"\b(?:(?:full|audited|annual|management|statutory|latest|last two years'?|last three years'?)\s+accounts"
    r"|bank\s+statements?|balance\s+sheets?|profit\s+and\s+loss|salar(?:y|ies)\s+(?:of|for|bands?)"
    r"|highest[- ]paid)\b",
    re.IGNORECASE,
)


def looks_financial(text: str) -> bool:
    """Whether the question's words ask for full financial information (a suggestion only)."""
    return bool(_FINANCIAL.search(text or ""))


@dataclass(frozen=True)
class PhaseGroup:
    phase: str
    heading: str
    items: list[Any]


def group_by_phase(questions: Iterable[Any], phase_of: Callable[[Any], str] | None = None) -> list[PhaseGroup]:
    """Questions grouped first stage then shortlisted, keeping their order within each group.
    ``phase_of`` reads a question's phase (default: its ``phase`` attribute). Empty groups are kept
    so the page can say "No questions yet"."""
    read: Callable[[Any], str] = phase_of or (lambda item: str(getattr(item, "phase", FIRST_STAGE)))
    buckets: dict[str, list[Any]] = {phase: [] for phase in PHASES}
    for item in questions:
        phase = read(item)
        buckets[phase if phase in buckets else FIRST_STAGE].append(item)
    return [PhaseGroup(phase, PHASE_HEADINGS[phase], buckets[phase]) for phase in PHASES]


def coproduced_count(values: Sequence[str]) -> int:
    """How many questions name the group that helped write them."""
    return sum(1 for value in values if value.strip())
