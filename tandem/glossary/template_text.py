"""The words a Django template shows, without its tags, variables, comments or HTML. Pure Python.

Used by the test that every acronym a page shows has a glossary entry.
"""

from __future__ import annotations

import re

_STRIP = [
    re.compile(r"{%\s*comment\b.*?%}.*?{%\s*endcomment\s*%}", re.DOTALL),
    re.compile(r"{%\s*verbatim\b.*?%}.*?{%\s*endverbatim\s*%}", re.DOTALL),
    re.compile(r"{#.*?#}", re.DOTALL),
    re.compile(r"<!--.*?-->", re.DOTALL),
    re.compile(r"<(script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE),
    re.compile(r"{%.*?%}", re.DOTALL),
    re.compile(r"{{.*?}}", re.DOTALL),
    # HTML tags with their attributes (attribute values may hold ">" inside quotes).
    re.compile(r"<[a-zA-Z/!][^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*>", re.DOTALL),
    re.compile(r"&(?:[a-zA-Z][a-zA-Z0-9]*|#[0-9]+|#[xX][0-9a-fA-F]+);"),
]

TERM_TAG_RE = re.compile(r"{%\s*term\s+([\"'])(.*?)\1")


def visible_text(source: str) -> str:
    """The text of a template as a reader would see it, give or take the variables."""
    for pattern in _STRIP:
        source = pattern.sub(" ", source)
    return source


def term_tag_words(source: str) -> list[str]:
    """The words named by ``{% term "…" %}`` tags in a template."""
    return [match.group(2) for match in TERM_TAG_RE.finditer(source)]
