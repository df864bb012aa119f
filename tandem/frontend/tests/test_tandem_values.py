"""Dates, times and status tags in templates: one way each, from the shared formatters (issue 10,
items 14 and 15)."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.test import override_settings

import tandem
from tandem.frontend.status_tags import TAG_COLOURS, status_key, status_tag_class

ROOT = Path(tandem.__file__).parent
# Django's own date and time filters, or a date format typed into a template. A machine-readable
# ``|date:"c"`` (for a ``<time datetime>`` attribute) is the one allowed use.
DJANGO_DATE = re.compile(
    r"\|\s*(date|time)\b(?!\s*:\s*['\"]c['\"])|\|\s*(naturaltime|naturalday|timesince|timeuntil)\b"
)


def render(source: str, **context: object) -> str:
    return Template(source).render(Context(context))


def templates() -> list[Path]:
    return sorted(path for path in ROOT.rglob("templates/**/*.html") if "tests" not in path.parts)


def test_no_template_writes_a_date_its_own_way() -> None:
    found = []
    for path in templates():
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if DJANGO_DATE.search(line):
                found.append(f"{path.relative_to(ROOT.parent)}:{number}: {line.strip()}")
    assert not found, "Use |date_display, |time_display or |datetime_display:\n" + "\n".join(found)


def test_the_scan_would_see_a_date_filter() -> None:
    assert DJANGO_DATE.search('{{ at|date:"j F Y" }}')
    assert DJANGO_DATE.search("{{ at|time }}")
    assert DJANGO_DATE.search("{{ at|timesince }}")
    assert not DJANGO_DATE.search("<time datetime=\"{{ at|date:'c' }}\">")
    assert not DJANGO_DATE.search("{{ at|date_display }}")


@override_settings(TIME_ZONE="Europe/London")
def test_the_filters_write_dates_and_times_the_one_way() -> None:
    # 18:06 UTC on 23 December 2027 is 6:06pm in London (winter); 23:30 UTC on 31 March 2026 is
    # 12:30am on 1 April there (summer time).
    winter = datetime.datetime(2027, 12, 23, 18, 6, tzinfo=datetime.UTC)
    summer = datetime.datetime(2026, 3, 31, 23, 30, tzinfo=datetime.UTC)
    assert render("{{ at|date_display }}", at=winter) == "23 December 2027"
    assert render("{{ at|time_display }}", at=winter) == "6:06pm"
    assert render("{{ at|datetime_display }}", at=winter) == "23 December 2027 at 6:06pm"
    assert render("{{ at|datetime_display }}", at=summer) == "1 April 2026 at 12:30am"
    assert render("{{ day|date_display }}", day=datetime.date(2027, 12, 3)) == "3 December 2027"
    assert render("{{ day|datetime_display }}", day=datetime.date(2027, 12, 3)) == "3 December 2027"


@pytest.mark.parametrize("value", [None, "", "tomorrow", 5])
def test_nothing_shows_as_nothing(value: object) -> None:
    assert render("[{{ v|date_display }}{{ v|time_display }}{{ v|datetime_display }}]", v=value) == "[]"


def test_a_status_has_one_colour_whichever_way_it_is_named() -> None:
    assert status_key("In progress") == status_key("in_progress") == status_key("IN  PROGRESS") == "in_progress"
    assert status_tag_class("Not started") == status_tag_class("not_started") == "govuk-tag--grey"
    assert status_tag_class("in_progress") == "govuk-tag--blue"
    assert status_tag_class("considered") == "govuk-tag--green"
    assert status_tag_class("revisit") == "govuk-tag--yellow"
    assert status_tag_class("Ready") == ""
    assert status_tag_class("Something new") == "govuk-tag--grey"
    assert all(colour in {"", "grey", "blue", "green", "yellow"} for colour in TAG_COLOURS.values())


def test_the_status_tag() -> None:
    assert render("{% status_tag 'in_progress' 'In progress' %}") == (
        '<strong class="govuk-tag govuk-tag--blue tandem-status-tag">In progress</strong>'
    )
    assert render("{% status_tag 'Ready' %}") == "Ready"
    assert render("{% status_tag s label %}", s="revisit", label="<b>Revisit</b>") == (
        '<strong class="govuk-tag govuk-tag--yellow tandem-status-tag">&lt;b&gt;Revisit&lt;/b&gt;</strong>'
    )
