"""The glossary as the pages use it: loaded from ``content/glossary.yaml`` and kept in memory.

The file is read again only when it changes on disk, so edits show without a restart.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from tandem.glossary.terms import DIGITS, Term, glossary_load


def glossary_path() -> Path:
    return Path(getattr(settings, "GLOSSARY_PATH", settings.BASE_DIR / "content" / "glossary.yaml"))


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...]
    by_term: dict[str, Term]
    by_folded: dict[str, Term]
    # Matches any acronym the glossary knows, longest first, as a whole word.
    acronym_pattern: re.Pattern[str] | None

    def get(self, word: str) -> Term | None:
        """The entry for this word: exact first, then whatever the capitals."""
        return self.by_term.get(word) or self.by_folded.get(word.casefold())


def _acronym_pattern(terms: tuple[Term, ...]) -> re.Pattern[str] | None:
    words = sorted((term.term for term in terms if term.is_acronym), key=len, reverse=True)
    if not words:
        return None
    # Not inside a longer word, a dotted name or an HTML entity such as &#x27;.
    return re.compile(r"(?<![\w.&#])(" + "|".join(re.escape(word) for word in words) + r")(s?)(?![\w])")


_lock = threading.Lock()
_cache: dict[tuple[str, int], Glossary] = {}


def glossary() -> Glossary:
    path = glossary_path()
    key = (str(path), path.stat().st_mtime_ns)
    found = _cache.get(key)
    if found is not None:
        return found
    with _lock:
        terms = glossary_load(path)
        loaded = Glossary(
            terms=terms,
            by_term={term.term: term for term in terms},
            by_folded={term.term.casefold(): term for term in terms},
            acronym_pattern=_acronym_pattern(terms),
        )
        _cache.clear()
        _cache[key] = loaded
    return loaded


def glossary_term_get(word: str) -> Term | None:
    return glossary().get(word)


@dataclass(frozen=True)
class LetterGroup:
    letter: str
    anchor: str
    terms: tuple[Term, ...]


LETTERS = (DIGITS, *(chr(code) for code in range(ord("A"), ord("Z") + 1)))


def glossary_groups() -> list[LetterGroup]:
    """Every letter (0 to 9 then A to Z) with its terms; letters with no terms have none."""
    grouped: dict[str, list[Term]] = {letter: [] for letter in LETTERS}
    for term in glossary().terms:
        grouped[term.letter].append(term)
    return [
        LetterGroup(
            letter=letter, anchor="letter-" + ("0-9" if letter == DIGITS else letter.lower()), terms=tuple(items)
        )
        for letter, items in grouped.items()
    ]
