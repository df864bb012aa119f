"""Finding who a comment mentions. Pure Python: no Django imports.

A person is mentioned by writing ``@`` then their full name or their email address, for example
``@Priya Shah`` or ``@priya.shah@anyborough.gov.uk``. Case does not matter. A name only counts
when it ends where a word ends, so ``@Priya Shahid`` does not mention Priya Shah.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Mentionable:
    """Someone who can be mentioned: ``key`` comes back when they are."""

    key: Hashable
    name: str
    email: str


def _pattern(handle: str, *, email: bool) -> re.Pattern[str]:
    # Nothing word-like may come straight before the "@" (so "me@x.org" is not a mention)...
    before = r"(?<![\w.@])@"
    # ...and nothing word-like straight after: a full stop ending a sentence is fine.
    after = r"(?!\.?[\w@-])" if email else r"(?![\w@-])"
    return re.compile(before + re.escape(handle) + after, re.IGNORECASE)


def _handles(person: Mentionable) -> list[tuple[str, bool]]:
    handles: list[tuple[str, bool]] = []
    name = " ".join(person.name.split())
    if name:
        handles.append((name, False))
    email = person.email.strip()
    if email:
        handles.append((email, True))
    return handles


def mentions_find(text: str, people: Iterable[Mentionable]) -> list[Hashable]:
    """The keys of the people ``text`` mentions, in the order they are first mentioned, each once.

    When one handle is part of a longer one (``@Pat`` and ``@Pat Provider``), the longer match
    wins, so writing ``@Pat Provider`` mentions only Pat Provider.
    """
    if "@" not in text:
        return []
    # Runs of spaces or line breaks inside a name still match it.
    flattened = " ".join(text.split())
    matches: list[tuple[int, int, Hashable]] = []
    for person in people:
        for handle, is_email in _handles(person):
            for match in _pattern(handle, email=is_email).finditer(flattened):
                matches.append((match.start(), match.end(), person.key))
    # Longest first, then earliest: each "@" belongs to one person only.
    matches.sort(key=lambda m: (m[0] - m[1], m[0]))
    taken: list[tuple[int, int, Hashable]] = []
    for start, end, key in matches:
        if all(end <= s or start >= e for s, e, _ in taken):
            taken.append((start, end, key))
    found: list[Hashable] = []
    for _start, _end, key in sorted(taken, key=lambda m: m[0]):
        if key not in found:
            found.append(key)
    return found
