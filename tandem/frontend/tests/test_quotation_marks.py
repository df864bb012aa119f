"""One style of quotation marks in what people read (issue 10, item 22): curly “double” quotes,
as most pages already used, never straight "double" quotes in a page's text."""

from __future__ import annotations

import re
from pathlib import Path

import tandem

ROOT = Path(tandem.__file__).parent
COMMENT = re.compile(r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}|\{#.*?#\}", re.S)
TEMPLATE_CODE = re.compile(r"\{[%{].*?[%}]\}", re.S)
TAG = re.compile(r"<[^>]*>", re.S)
SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?</\1>", re.S)


def page_text(source: str) -> str:
    """The words a template shows, with its code, tags and comments blanked (lines kept)."""

    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    for pattern in (COMMENT, SCRIPT_OR_STYLE, TEMPLATE_CODE, TAG):
        source = pattern.sub(blank, source)
    return source


def test_no_page_shows_straight_double_quotes() -> None:
    found = []
    for path in sorted(ROOT.rglob("templates/**/*.html")):
        if "tests" in path.parts:
            continue
        source = path.read_text()
        for number, line in enumerate(page_text(source).splitlines(), start=1):
            if '"' in line:
                found.append(f"{path.relative_to(ROOT.parent)}:{number}: {source.splitlines()[number - 1].strip()}")
    assert not found, "Use curly quotes (“ and ”) in what people read:\n" + "\n".join(found)


def test_the_scan_sees_quotes_in_text_only() -> None:
    assert '"' in page_text('<p class="govuk-body">Choose "time-based".</p>')
    assert '"' not in page_text('<p class="govuk-body">{% url "a:b" %} {{ x|default:"y" }}</p>')
    assert '"' not in page_text('{% comment %}Say "hello"{% endcomment %}<a href="/">Home</a>')
