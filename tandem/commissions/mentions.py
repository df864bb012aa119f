"""Finding who a comment mentions. Pure Python: no Django imports.

A person is mentioned by writing ``@`` then their full name or their email address, for example
``@Priya Shah`` or ``@priya.shah@anyborough.gov.uk``. Case does not matter. A name only counts
when it ends where a word ends, so ``@Priya Shahid`` does not mention Priya Shah.

``mentions_unknown`` gives what follows an ``@`` that mentions no one on the list, so the page can
say kindly that no one was told; ``mentions_named`` writes each email mention as the person's name,
for documents that show names only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable
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


def _taken(flattened: str, people: Iterable[Mentionable]) -> list[tuple[int, int, Hashable]]:
    """Where each mention in ``flattened`` starts and ends, and whose it is."""
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
    return sorted(taken, key=lambda m: m[0])


def mentions_find(text: str, people: Iterable[Mentionable]) -> list[Hashable]:
    """The keys of the people ``text`` mentions, in the order they are first mentioned, each once.

    When one handle is part of a longer one (``@Pat`` and ``@Pat Provider``), the longer match
    wins, so writing ``@Pat Provider`` mentions only Pat Provider.
    """
    if "@" not in text:
        return []
    # Runs of spaces or line breaks inside a name still match it.
    flattened = " ".join(text.split())
    found: list[Hashable] = []
    for _start, _end, key in _taken(flattened, people):
        if key not in found:
            found.append(key)
    return found


# An "@" that could start a mention: nothing word-like straight before it, a letter after (so
# "@ 3pm" and "@3pm" are not taken for names).
_AT = re.compile(r"(?<![\w.@])@(?=[^\W\d_])")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Apostrophes straight and curly ("O'Neil", "O\u2019Neil") and hyphens stay inside a word.
_WORD = re.compile("\\w+(?:['\u2019-]\\w+)*")
# Words after the first that still look like part of a name ("@Sam Jones"): capitalised, up to two.
_NAME_WORDS = 2


def _handle_at(flattened: str, start: int) -> str:
    """What someone most likely meant as a name or email after the "@" at ``start``."""
    rest = flattened[start + 1 :]
    email = _EMAIL.match(rest)
    if email:
        return email.group().rstrip(".")
    first = _WORD.match(rest)
    if first is None:
        return ""
    words = [first.group()]
    end = first.end()
    while len(words) <= _NAME_WORDS and rest[end : end + 1] == " ":
        following = _WORD.match(rest, end + 1)
        if following is None or not following.group()[0].isupper():
            break
        words.append(following.group())
        end = following.end()
    return " ".join(words)


def mentions_unknown(text: str, people: Iterable[Mentionable]) -> list[str]:
    """What follows each ``@`` in ``text`` that mentions none of ``people``, each once, in order:
    ``["Sam Jones", "sam@example.org"]``. A guess at where a name ends (the first word and up to
    two capitalised words after it), good enough to say who was not told."""
    if "@" not in text:
        return []
    flattened = " ".join(text.split())
    taken = _taken(flattened, people)
    unknown: list[str] = []
    for at in _AT.finditer(flattened):
        if any(start <= at.start() < end for start, end, _key in taken):
            continue
        handle = _handle_at(flattened, at.start())
        if handle and handle.casefold() not in {seen.casefold() for seen in unknown}:
            unknown.append(handle)
    return unknown


def mentions_named(text: str, people: Iterable[Mentionable]) -> str:
    """``text`` with each ``@email`` mention of one of ``people`` written as ``@`` and their name,
    for a document that shows people's names and never their email addresses."""
    for person in people:
        name = " ".join(person.name.split())
        email = person.email.strip()
        if name and email and "@" in text:
            # A replacement written as text would read backslashes in a name as escapes.
            text = _pattern(email, email=True).sub(_as_text(f"@{name}"), text)
    return text


def _as_text(replacement: str) -> Callable[[re.Match[str]], str]:
    return lambda _match: replacement
