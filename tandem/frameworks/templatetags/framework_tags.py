"""Showing framework content: ``{% load framework_tags %}``.

- ``{{ file|document_title }}``: the title of a source document from its file name.
- ``{{ text|paragraphs }}`` or ``{{ text|paragraphs:"govuk-body-l" }}``: text split into GOV.UK
  paragraphs at blank lines, with acronyms linked to the glossary.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from tandem.frameworks.sources import document_title as title_for
from tandem.glossary.templatetags.glossary import glossarise

register = template.Library()


@register.filter
def document_title(file: object) -> str:
    return title_for(str(file))


@register.filter(is_safe=True)
def paragraphs(text: object, css_class: str = "govuk-body") -> SafeString:
    parts = [part for part in str(text or "").split("\n\n") if part.strip()]
    return format_html_join("", '<p class="{}">{}</p>', ((css_class, glossarise(part)) for part in parts))


@register.simple_tag
def rests_on(file: str, section: str) -> SafeString:
    """ "Rests on: <document title>, <section>" in small text."""
    if not file:
        return SafeString("")
    if not section:
        return format_html('<p class="govuk-body-s">Rests on: {}</p>', title_for(file))
    return format_html('<p class="govuk-body-s">Rests on: {}, {}</p>', title_for(file), glossarise(section))
