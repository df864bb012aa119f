"""The shared values in templates, one way each: dates, times and status tags.

A built-in library (``TEMPLATES`` ``builtins``), so every template has these without a ``load``:

- ``{{ moment|date_display }}``: "23 December 2027"; ``{{ moment|time_display }}``: "6:06pm";
  ``{{ moment|datetime_display }}``: "23 December 2027 at 6:06pm". A stored (aware) time is
  shown in the site's time zone; nothing (None or "") shows as nothing. The words are
  ``tandem.core.values``'s, so a page, an export and a message write a date the same way. Use
  these instead of Django's ``date`` and ``time`` filters (a machine-readable ``|date:"c"`` in a
  ``<time datetime="...">`` attribute is the one exception).
- ``{% status_tag status label %}``: a status as a GOV.UK tag in its one colour
  (``tandem.frontend.status_tags``), for example ``{% status_tag row.status row.status_label %}``.
"""

from __future__ import annotations

import datetime

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from tandem.core.dates import local_date_display, local_datetime_display, local_time_display
from tandem.frontend.status_tags import status_tag_class

register = template.Library()


@register.filter
def date_display(value: object) -> str:
    """ "23 December 2027" for a date or a time; "" for anything else."""
    if isinstance(value, datetime.date):
        return local_date_display(value)
    return ""


@register.filter
def time_display(value: object) -> str:
    """ "6:06pm" for a time; "" for anything else."""
    if isinstance(value, datetime.datetime):
        return local_time_display(value)
    return ""


@register.filter
def datetime_display(value: object) -> str:
    """ "23 December 2027 at 6:06pm" for a time, just the date for a date; "" for anything else."""
    if isinstance(value, datetime.datetime):
        return local_datetime_display(value)
    if isinstance(value, datetime.date):
        return local_date_display(value)
    return ""


@register.simple_tag
def status_tag(status: object, label: object = "") -> SafeString:
    """A status as a GOV.UK tag in its one colour, or as plain words for a finished one
    ("Ready"), as GOV.UK's task list shows a finished task. ``label`` defaults to the status."""
    words = label or status
    css = status_tag_class(str(status))
    if not css:
        return format_html("{}", words)
    return format_html('<strong class="govuk-tag {} tandem-status-tag">{}</strong>', css, words)
