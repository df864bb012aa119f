"""Link words on a page to their glossary definitions.

``{% load glossary %}``, then:

- ``{% term "ICB" %}`` renders
  ``<a class="govuk-link" href="/glossary/#term-icb"><abbr title="integrated care board">ICB</abbr></a>``;
  ``{% term "commissioner" "commissioners" %}`` links the word as written on the page.
  An unknown term raises ``UnknownGlossaryTerm`` when ``DEBUG`` or ``GLOSSARY_STRICT`` is on
  (tests), and shows as plain text otherwise.
- ``{{ text|glossarise }}`` escapes the text and links the first use of each known acronym.
"""

from __future__ import annotations

import logging
import re

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from tandem.glossary.selectors import glossary, glossary_term_get
from tandem.glossary.terms import Term

register = template.Library()
logger = logging.getLogger(__name__)


class UnknownGlossaryTerm(LookupError):
    """A page asked for a glossary term that content/glossary.yaml does not have."""


def _strict() -> bool:
    return bool(settings.DEBUG or getattr(settings, "GLOSSARY_STRICT", False))


def term_link(entry: Term, text: str | None = None) -> SafeString:
    href = f"{reverse('glossary:index')}#{entry.anchor}"
    shown = entry.term if text is None else text
    if entry.full:
        return format_html('<a class="govuk-link" href="{}"><abbr title="{}">{}</abbr></a>', href, entry.full, shown)
    return format_html('<a class="govuk-link" href="{}">{}</a>', href, shown)


@register.simple_tag
def term(word: str, text: str | None = None) -> SafeString:
    """A link to the glossary entry for ``word``, showing ``text`` (or the word) on the page."""
    word = str(word)
    entry = glossary_term_get(word)
    if entry is None:
        if _strict():
            raise UnknownGlossaryTerm(f"{word!r} is not in content/glossary.yaml: add an entry for it")
        logger.warning("Glossary term %r is not in content/glossary.yaml", word)
        return conditional_escape(word if text is None else text)
    return term_link(entry, word if text is None else str(text))


@register.filter(is_safe=True)
def glossarise(text: object) -> SafeString:
    """Escape the text, then link the first use of each acronym the glossary knows."""
    escaped = str(conditional_escape(text if isinstance(text, str) else str(text)))
    current = glossary()
    pattern = current.acronym_pattern
    if pattern is None:
        return mark_safe(escaped)
    done: set[str] = set()

    def link(match: re.Match[str]) -> str:
        word, plural = match.group(1), match.group(2)
        entry = current.by_term.get(word)
        if entry is None or word in done:
            return match.group(0)
        done.add(word)
        return str(term_link(entry, word + plural))

    return mark_safe(pattern.sub(link, escaped))
