"""The pages anyone can see without signing in, in a real browser with JavaScript off (and on,
where the scripts start).

Each visit also proves the harness: the styles and scripts load from the test server, and
axe-core finds no accessibility problems (``visit`` fails otherwise).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from e2e.axe import page_state
from e2e.helpers import submit, url, visit

pytestmark = pytest.mark.e2e

PUBLIC_PAGES = [
    # (URL name, what the h1 says, the start of the title; the layout adds " - Tandem" with an en dash)
    ("frontend:home", r"Plan and run services together", r"Plan and run services together"),
    ("accounts:sign-in", r"Sign in", r"Sign in"),
    ("glossary:index", r"Glossary", r"Glossary"),
    ("frontend:accessibility", r"Accessibility statement", r"Accessibility statement"),
    ("frontend:privacy", r"Privacy", r"Privacy"),
    ("frontend:cookies", r"Cookies", r"Cookies"),
]


@pytest.mark.parametrize(("name", "heading", "title"), PUBLIC_PAGES, ids=[p[0] for p in PUBLIC_PAGES])
def test_public_page(page: Page, name: str, heading: str, title: str) -> None:
    visit(page, url(name))

    expect(page).to_have_title(re.compile(rf"^{title}.* \u2013 Tandem$"))
    expect(page.locator("h1")).to_contain_text(re.compile(heading))
    # The shell: skip link, header, phase banner, footer links.
    expect(page.locator("a.govuk-skip-link")).to_have_attribute("href", "#main-content")
    expect(page.locator("header")).to_contain_text("Tandem")
    expect(page.locator(".govuk-phase-banner")).to_be_visible()
    footer = page.locator(".govuk-footer")
    for link in ("Accessibility statement", "Privacy notice", "Cookies", "Glossary"):
        expect(footer.get_by_role("link", name=link, exact=True)).to_be_visible()


@pytest.mark.javascript("tandem.js starts GOV.UK Frontend")
def test_styles_and_scripts_load(page: Page) -> None:
    """The test server serves static files: the stylesheet applies, and with JavaScript on
    GOV.UK Frontend starts."""
    visit(page, url("frontend:home"))

    font = page.locator("h1").evaluate("el => getComputedStyle(el).fontFamily")
    assert "sans-serif" in font, f"The stylesheet did not apply (heading font: {font})"
    rules = page.evaluate("() => Array.from(document.styleSheets).map((sheet) => sheet.cssRules.length)")
    assert rules and all(rules), f"A stylesheet is empty or missing (rules per sheet: {rules})"
    # GOV.UK Frontend's styles hide the skip link until it has focus.
    skip_position = page.locator(".govuk-skip-link").evaluate("el => getComputedStyle(el).position")
    assert skip_position == "absolute", "The skip link is not styled"

    body_classes = page.locator("body").get_attribute("class") or ""
    if page_state(page).javascript:
        assert "govuk-frontend-supported" in body_classes
    else:
        assert "js-enabled" not in body_classes


def test_sign_in_link_from_home_when_signed_out(page: Page) -> None:
    visit(page, url("frontend:home"))
    expect(page.get_by_role("link", name=re.compile("Sign in")).first).to_have_attribute(
        "href", re.compile(re.escape(url("accounts:sign-in")))
    )


def test_a_form_sent_after_the_cookies_were_cleared_shows_what_was_typed(page: Page) -> None:
    """Someone types feedback, their browser loses its cookies (cleared, or a new device), and
    they press send: a plain page says what happened and gives their words back to copy."""
    visit(page, url("frontend:feedback"))
    page.locator('[name="experience"]').fill("I could not find the timeline.\nPlease add a link.")
    page.context.clear_cookies()
    submit(page, "Send feedback", status=403)

    expect(page.locator("h1")).to_have_text("We could not send your form")
    expect(page.get_by_label("Experience")).to_have_value("I could not find the timeline.\nPlease add a link.")
    expect(page.locator("main").get_by_role("link", name="Sign in")).to_have_attribute(
        "href", "/accounts/sign-in/?next=/feedback/"
    )
