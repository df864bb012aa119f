"""The harness itself: axe-core really runs, with JavaScript on and off, on the page the person
actually sees; failed files are caught (using made-up pages served by the browser's own request
routing, on the test server's address); and the journey steps in e2e/helpers.py work against
Tandem's real sign-in pages."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from playwright.sync_api import Page, Route, expect

from e2e.axe import accessibility_violations, assert_accessible, assert_loaded_cleanly, page_state
from e2e.helpers import expect_field_error, fill_and_submit, sign_in, sign_out, url, visit
from tandem.accounts import totp
from tandem.accounts.services import two_factor_enable

pytestmark = pytest.mark.e2e

# An image without a text alternative appears only when JavaScript runs; another only when
# it does not (inside <noscript>).
MADE_UP_PAGE = """<!DOCTYPE html>
<html lang="en">
<head><title>Harness check</title><link rel="stylesheet" href="/static/tandem/tandem.css"></head>
<body>
<main><h1>Harness check</h1>
<p id="with-js"></p>
<noscript><img src="/static/no-such-image-without-js.png"></noscript>
</main>
<script>document.getElementById('with-js').innerHTML = '<img src="/static/no-such-image-with-js.png">';</script>
</body>
</html>"""


def serve(page: Page, path: str, html: str) -> None:
    def fulfil(route: Route) -> None:
        route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)

    page.route(f"**{path}", fulfil)


@pytest.mark.javascript("the made-up page's own script adds the image that axe must find")
def test_axe_checks_what_the_person_sees(page: Page) -> None:
    serve(page, "/harness-check/", MADE_UP_PAGE)
    page.goto("/harness-check/")

    violations = accessibility_violations(page)

    image_alt = [v for v in violations if v["id"] == "image-alt"]
    assert len(image_alt) == 1, violations
    targets = [node["html"] for node in image_alt[0]["nodes"]]
    expected = "with-js" if page_state(page).javascript else "without-js"
    assert len(targets) == 1 and expected in targets[0], targets
    with pytest.raises(AssertionError, match="image-alt"):
        assert_accessible(page)


@pytest.mark.javascript("the made-up page's own script asks for a missing image")
def test_failed_files_are_caught(page: Page) -> None:
    serve(page, "/harness-check/", MADE_UP_PAGE)
    page.goto("/harness-check/")
    with pytest.raises(AssertionError, match="404 for image"):
        assert_loaded_cleanly(page)
    # Reported once: the next check starts clean.
    assert_loaded_cleanly(page)


# A page that breaks a strict policy: an inline style (blocked with JavaScript on or off) and an
# inline script (blocked when JavaScript is on).
BREAKS_THE_POLICY = """<!DOCTYPE html>
<html lang="en">
<head><title>Policy check</title><link rel="stylesheet" href="/static/tandem/tandem.css"></head>
<body><main><h1 style="color: #d4351c">Policy check</h1></main>
<script>document.title = 'Ran';</script>
</body>
</html>"""


@pytest.mark.javascript("the policy blocks the inline script only when JavaScript runs")
def test_a_page_that_trips_the_content_security_policy_fails(page: Page, client: Any) -> None:
    """The page is served with Tandem's own header, as a real page would be."""
    policy = client.get(url("frontend:home")).headers["Content-Security-Policy"]

    def fulfil(route: Route) -> None:
        route.fulfill(
            status=200,
            headers={"Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": policy},
            body=BREAKS_THE_POLICY,
        )

    page.route("**/policy-check/", fulfil)
    page.goto("/policy-check/")
    with pytest.raises(AssertionError, match=r"security policy: .*style"):
        assert_loaded_cleanly(page)
    # axe still runs under the policy (it is evaluated, not injected as a script), and adds no
    # violation of its own.
    accessibility_violations(page)
    assert_loaded_cleanly(page)


@pytest.mark.javascript("js-enabled.js marks the page as having JavaScript")
def test_tandem_pages_load_under_their_policy(page: Page) -> None:
    """A real page with its real headers: nothing blocked, and the js-enabled script (a file,
    since inline scripts are not allowed) ran when JavaScript is on."""
    response = visit(page, url("frontend:home"))
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    assert "camera=()" in response.headers["permissions-policy"]
    classes = page.locator("body").get_attribute("class") or ""
    assert ("js-enabled" in classes) == page_state(page).javascript


def test_sign_in_and_sign_out_steps(page: Page, provider_member: Any) -> None:
    """The journey steps work against the real pages: password only (two-factor is optional
    for providers), then sign out."""
    sign_in(page, provider_member.email)
    expect(page.locator("main")).not_to_contain_text("Sign in to Tandem")
    visit(page, url("accounts:settings"))
    expect(page.locator("main")).to_contain_text(provider_member.email)
    sign_out(page)
    visit(page, url("accounts:settings"), status=200)
    expect(page).to_have_url(re.compile(re.escape(url("accounts:sign-in"))))


def test_sign_in_step_with_two_factor(page: Page, funder_member: Any) -> None:
    secret = totp.secret_new()
    now = time.time()
    two_factor_enable(
        actor=funder_member, secret=secret, code=totp.code_for_step(secret, totp.step_for(now) - 1), now=now
    )
    sign_in(page, funder_member.email, totp_secret=secret)
    visit(page, url("accounts:settings"))
    expect(page.locator("main")).to_contain_text(funder_member.email)


def test_bad_input_step(page: Page, provider_member: Any) -> None:
    visit(page, url("accounts:sign-in"))
    fill_and_submit(page, {"email": "", "password": ""})
    expect_field_error(page, "email", "Enter your email address")


def test_only_tests_marked_with_a_reason_run_with_javascript_on_too() -> None:
    from e2e.conftest import javascript_modes

    assert javascript_modes(None) == [False]
    assert javascript_modes(pytest.mark.javascript("autosave.js saves drafts").mark) == [True, False]
    assert javascript_modes(pytest.mark.javascript(reason="tandem.js").mark) == [True, False]
    for unexplained in (pytest.mark.javascript.mark, pytest.mark.javascript(" ").mark):
        with pytest.raises(pytest.UsageError, match="needs a reason"):
            javascript_modes(unexplained)
