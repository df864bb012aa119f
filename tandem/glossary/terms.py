"""Glossary entries as data: parsing, checking and finding acronyms. Pure Python: no Django.

The data lives in ``content/glossary.yaml`` as a list of entries, each with a ``term``, an
optional ``full`` (what an acronym's letters stand for) and a plain-English ``definition``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

# The heading for terms that start with a digit, such as 2FA: zero, an en dash, nine.
DIGITS = "0\u20139"
FIELDS = frozenset({"term", "full", "definition"})
MAX_TERM = 60
MAX_FULL = 200
MAX_DEFINITION = 600

# An acronym: a word of capitals and digits with at least two capitals, optionally joined by dots
# (GOV.UK, 2FA, ICB), perhaps with a plural "s" (KPIs). Not part of a longer word, and not the
# tail of a dotted name.
ACRONYM_RE = re.compile(r"(?<![\w.])((?:[0-9]*[A-Z][A-Z0-9]*)(?:\.[A-Z][A-Z0-9]*)*)s?(?![\w])")


class GlossaryError(ValueError):
    """The glossary file is not right. ``problems`` lists each one, naming the entry."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("The glossary has problems:\n" + "\n".join(f"- {problem}" for problem in problems))
        self.problems = problems


def anchor_for(term: str) -> str:
    """The id of a term on the glossary page: ``ICB`` -> ``term-icb``, ``GOV.UK`` -> ``term-gov-uk``."""
    return "term-" + re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")


def is_acronym(word: str) -> bool:
    match = ACRONYM_RE.fullmatch(word)
    return match is not None and match.group(1) == word and sum(1 for char in word if char.isupper()) >= 2


def find_acronyms(text: str) -> list[str]:
    """Every acronym in the text (a plural's "s" dropped), in order, repeats included."""
    return [match.group(1) for match in ACRONYM_RE.finditer(text) if is_acronym(match.group(1))]


@dataclass(frozen=True)
class Term:
    term: str
    definition: str
    full: str = ""

    @property
    def anchor(self) -> str:
        return anchor_for(self.term)

    @property
    def letter(self) -> str:
        """The heading it sits under on the glossary page: A to Z, or 0 to 9."""
        first = self.term[:1].upper()
        return first if "A" <= first <= "Z" else DIGITS

    @property
    def is_acronym(self) -> bool:
        return is_acronym(self.term)

    @property
    def sort_key(self) -> tuple[int, str]:
        return (0 if self.letter == DIGITS else 1, self.term.casefold())


def _name(index: int, entry: object) -> str:
    term = entry.get("term") if isinstance(entry, dict) else None
    return f"entry {index}" + (f" ({term})" if isinstance(term, str) and term.strip() else "")


def glossary_parse(data: object) -> tuple[Term, ...]:
    """Check every entry and return the terms sorted A to Z; GlossaryError lists every problem."""
    if data is None:
        return ()
    if not isinstance(data, list):
        raise GlossaryError(["the glossary must be a list of entries, each starting with '- term:'"])
    problems: list[str] = []
    terms: list[Term] = []
    seen_terms: dict[str, str] = {}
    seen_anchors: dict[str, str] = {}
    for index, entry in enumerate(data, start=1):
        name = _name(index, entry)
        if not isinstance(entry, dict):
            problems.append(f"{name} must have term and definition fields")
            continue
        entry_problems: list[str] = []
        unknown = sorted(str(key) for key in entry if key not in FIELDS)
        if unknown:
            entry_problems.append(f"{name} has fields the glossary does not use: {', '.join(unknown)}")
        term, full, definition = entry.get("term"), entry.get("full", ""), entry.get("definition")
        if not isinstance(term, str) or not term.strip():
            entry_problems.append(f"{name} needs a term")
        elif term != term.strip() or len(term) > MAX_TERM:
            entry_problems.append(
                f"{name}: the term must have no spaces around it and be {MAX_TERM} characters or fewer"
            )
        if not isinstance(definition, str) or not definition.strip():
            entry_problems.append(f"{name} needs a definition")
        elif len(definition) > MAX_DEFINITION:
            entry_problems.append(f"{name}: the definition must be {MAX_DEFINITION} characters or fewer")
        if full is None:
            full = ""
        if not isinstance(full, str) or len(full) > MAX_FULL:
            entry_problems.append(f"{name}: full must be text of {MAX_FULL} characters or fewer")
        if entry_problems:
            problems += entry_problems
            continue
        assert isinstance(term, str) and isinstance(definition, str) and isinstance(full, str)
        folded = term.casefold()
        if folded in seen_terms:
            problems.append(f"{name} repeats {seen_terms[folded]}: each term may appear once, whatever its capitals")
            continue
        anchor = anchor_for(term)
        if anchor == "term-":
            problems.append(f"{name}: the term needs at least one letter or digit")
            continue
        if anchor in seen_anchors:
            problems.append(
                f"{name} would share a link with {seen_anchors[anchor]}: make the terms differ by more than punctuation"
            )
            continue
        seen_terms[folded] = name
        seen_anchors[anchor] = name
        terms.append(Term(term=term, definition=" ".join(definition.split()), full=" ".join(full.split())))
    if problems:
        raise GlossaryError(problems)
    return tuple(sorted(terms, key=lambda item: item.sort_key))


def glossary_load(path: Path) -> tuple[Term, ...]:
    """Read and check a glossary file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise GlossaryError([f"{path.name} is not valid YAML: {error}"]) from error
    return glossary_parse(data)
