"""A team member opens the Design stage of the real journey, on a desktop and on a phone, in a real
browser with JavaScript off (issue 10, item 19).

The stage page puts its questions first: the first question is on the first screen, at 1280 by
720 and at 320 CSS pixels wide. The guidance that informs a question sits beside it, each point a
reveal that opens without JavaScript, and a list after the questions links to every point, so all
of the stage's guidance can still be reached.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from e2e.helpers import enable_two_factor, sign_in, url, visit
from e2e.reflow import NARROW
from tandem.accounts.models import User
from tandem.commissions.tests.builders import commission_build
from tandem.frameworks.models import FrameworkVersion, GuidancePoint
from tandem.organisations.models import Organisation

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1280, "height": 720}


def first_question_bottom(page: Page) -> tuple[float, float]:
    """How far down the first question's words end, in CSS pixels: from the top of the page, and
    from the top of the page's own content (below the header, banners and breadcrumbs every page has)."""
    box = page.locator(".govuk-summary-card__title").first.bounding_box()
    main = page.locator("main").bounding_box()
    assert box is not None and main is not None, "The stage page shows no question"
    bottom = box["y"] + box["height"]
    return bottom, bottom - main["y"]


def test_the_design_stage_shows_a_question_on_the_first_screen(
    page: Page, journey_version: FrameworkVersion, funder_member: User, funder_org: Organisation
) -> None:
    commission = commission_build(lead=funder_member, lead_funder=funder_org, version=journey_version)
    guidance = list(
        GuidancePoint.objects.filter(stage__version=journey_version, stage__slug="design").order_by("order")
    )
    assert len(guidance) > 20, "the Design stage has a lot of guidance: that is what this test is about"
    secret, _codes = enable_two_factor(funder_member)
    sign_in(page, funder_member.email, totp_secret=secret)
    stage_path = url("commissions:stage", pk=commission.pk, stage="design")

    for size in (NARROW, DESKTOP):
        page.set_viewport_size(size)  # type: ignore[arg-type]
        visit(page, stage_path)
        from_top, from_content = first_question_bottom(page)
        # The page's own content reaches the end of its first question within one screen...
        assert from_content <= size["height"], (
            f"At {size['width']} by {size['height']} the first question ends {from_content:.0f}px below the start "
            "of the page's content"
        )
    # ...and on a desktop screen, from the very top of the page, header and all.
    assert from_top <= DESKTOP["height"], f"At 1280 by 720 the first question ends {from_top:.0f}px down the page"

    # Every guidance point is on the page once, as a reveal that opens without JavaScript.
    for point in guidance:
        expect(page.locator(f"details#guidance-{point.slug}")).to_have_count(1)
    first_card = page.locator(".govuk-summary-card").filter(has=page.locator("details[id^=guidance-]")).first
    expect(first_card.get_by_role("heading", name="Guidance for this question")).to_be_visible()
    reveal = first_card.locator("details[id^=guidance-]").first
    text = reveal.locator(".govuk-details__text")
    expect(text).to_be_hidden()
    reveal.locator("summary").click()
    expect(text).to_be_visible()

    # After the questions, a list links to every point, wherever it sits.
    index = page.locator("#guidance ~ ul").first
    expect(index.get_by_role("link")).to_have_count(len(guidance))
    last = guidance[-1]
    index.get_by_role("link", name=last.title, exact=True).click()
    expect(page).to_have_url(re.compile(f"#guidance-{re.escape(last.slug)}$"))
    expect(page.locator(f"details#guidance-{last.slug}")).to_be_in_viewport()
