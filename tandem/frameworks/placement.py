"""Which question each guidance point sits beside on a stage page. Pure Python: no Django.

A stage has guidance points (things to keep in mind) and prompts (questions to think about), and
both name the principles they serve. The stage page shows the questions first and puts each
guidance point beside the question it informs most:

1. the question whose principles are most like the point's own, measured as the share of their
   principles the two have in common (what they share, out of all the principles either names);
2. between questions that fit equally well, the one whose words share the most with the point's
   (words of five letters or more, not counting common ones such as "which" or "about");
3. and then the one earlier in the stage, so a point always sits in the same place, whoever is
   looking.

A point that shares no principle with any question is shown after the questions, so no guidance
is ever left out.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Generic, TypeVar

Key = TypeVar("Key", bound=Hashable)

_WORD = re.compile(r"[a-z]+")
# Common words long enough to count, which say nothing about what a point or question is about.
_COMMON_WORDS = (
    "about above after again against being below between could doing during every first other their there "
    "these those through under until where which while would should shall might because before still often "
    "without within really people"
)
_COMMON = frozenset(_COMMON_WORDS.split())


@dataclass(frozen=True)
class Item(Generic[Key]):
    """A guidance point or a prompt as the rule sees it: a key, the principles it serves, its words."""

    key: Key
    principles: frozenset[str]
    text: str = ""


@dataclass(frozen=True)
class Placement(Generic[Key]):
    # Each prompt's guidance points, in the stage's order of guidance; prompts with none are left out.
    beside: dict[Key, tuple[Key, ...]]
    # The guidance points that inform no question, in the stage's order.
    after: tuple[Key, ...]


def likeness(first: frozenset[str], second: frozenset[str]) -> Fraction:
    """The share of principles two items have in common: 1 when they name the same ones, 0 when none."""
    union = first | second
    return Fraction(len(first & second), len(union)) if union else Fraction(0)


def words(text: str) -> frozenset[str]:
    """The words that say what a text is about: five letters or more, not common ones, a plural's "s" dropped."""
    found = set()
    for word in _WORD.findall(text.lower()):
        if len(word) < 5 or word in _COMMON:
            continue
        found.add(word[:-1] if word.endswith("s") and not word.endswith("ss") else word)
    return frozenset(found)


def guidance_placement(prompts: Sequence[Item[Key]], guidance: Sequence[Item[Key]]) -> Placement[Key]:
    """Place each guidance point beside one of the prompts, both given in the stage's order (see the
    module's docstring for the rule)."""
    prompt_words = [words(prompt.text) for prompt in prompts]
    beside: dict[Key, list[Key]] = {}
    after: list[Key] = []
    for point in guidance:
        point_words = words(point.text)
        best: Key | None = None
        best_score: tuple[Fraction, int] = (Fraction(0), 0)
        for prompt, these_words in zip(prompts, prompt_words, strict=True):
            share = likeness(point.principles, prompt.principles)
            if not share:
                continue
            score = (share, len(point_words & these_words))
            if best is None or score > best_score:
                best, best_score = prompt.key, score
        if best is None:
            after.append(point.key)
        else:
            beside.setdefault(best, []).append(point.key)
    return Placement(beside={prompt: tuple(points) for prompt, points in beside.items()}, after=tuple(after))
