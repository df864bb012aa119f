"""The same things look the same on every page, in a real browser with the Anyborough demo's real
lengths of text (issue 10): a status tag on a task list stays on one line at desktop and phone
widths and has one colour (item 15), and a page's title names the page, then the commission,
then Tandem (item 18).
"""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from e2e.helpers import sign_in, url, visit
from e2e.reflow import NARROW
from tandem.commissions.models import Commission
from tandem.demo.accounts import DEMO_PASSWORD, demo_secret

pytestmark = pytest.mark.e2e

LEAD = "priya.shah@council.anyborough.example"
DASH = "\N{EN DASH}"

# Runs in the page: each task list status tag, with how many lines its words take.
_TAG_LINES_JS = """
() => [...document.querySelectorAll('.govuk-task-list__status .govuk-tag')].map((tag) => {
  const style = getComputedStyle(tag);
  const inner = tag.getBoundingClientRect().height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
  return {
    words: tag.textContent.trim(),
    colour: [...tag.classList].filter((name) => name.startsWith('govuk-tag--')).join(' '),
    lines: Math.round(inner / parseFloat(style.lineHeight)),
  };
})
"""


@pytest.fixture
def demo(transactional_db: Any) -> None:
    call_command("demo", stdout=StringIO())


def _tags(page: Page) -> list[dict[str, Any]]:
    tags: list[dict[str, Any]] = page.evaluate(_TAG_LINES_JS)
    return tags


def test_task_list_statuses_stay_on_one_line_and_keep_their_colour(page: Page, demo: None) -> None:
    commission = Commission.objects.filter(lead_funder__name__icontains="council").order_by("pk").first()
    assert commission is not None
    sign_in(page, LEAD, DEMO_PASSWORD, totp_secret=demo_secret(LEAD))
    colours: dict[str, set[str]] = {}
    for path in (url("commissions:detail", pk=commission.pk), url("tenders:overview", pk=commission.pk)):
        visit(page, path)
        for size in (page.viewport_size, NARROW):
            assert size is not None
            page.set_viewport_size(size)
            tags = _tags(page)
            assert tags, f"{path} has no task list statuses"
            wrapped = [tag for tag in tags if tag["lines"] != 1]
            assert not wrapped, f"{path} at {size['width']}px: statuses on more than one line: {wrapped}"
            for tag in tags:
                colours.setdefault(tag["words"], set()).add(tag["colour"])
    two = {words: found for words, found in colours.items() if len(found) > 1}
    assert not two, f"A status with more than one colour: {two}"


def test_titles_name_the_page_then_the_commission(page: Page, demo: None) -> None:
    commission = Commission.objects.filter(lead_funder__name__icontains="council").order_by("pk").first()
    assert commission is not None
    sign_in(page, LEAD, DEMO_PASSWORD, totp_secret=demo_secret(LEAD))
    pk = commission.pk
    for path, name in (
        (url("commissions:team", pk=pk), "The team"),
        (url("commissions:coverage", pk=pk), "What the team has considered"),
        (url("tenders:overview", pk=pk), "Specification"),
        (url("tenders:timeline", pk=pk), "Timeline"),
    ):
        visit(page, path)
        expect(page).to_have_title(f"{name} {DASH} {commission.title} {DASH} Tandem")
    visit(page, url("commissions:detail", pk=pk))
    expect(page).to_have_title(f"{commission.title} {DASH} Tandem")
