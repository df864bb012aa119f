"""Accessibility checks with axe-core, run inside the real browser.

``assert_accessible(page)`` runs axe-core (from ``node_modules/axe-core``) against the page as
it is now and fails with one line per problem. The journeys never call it by hand: ``visit``
and ``submit`` in ``e2e/helpers.py`` call it after every page load.

With JavaScript on, axe runs in the page itself. With JavaScript off the browser cannot run
axe in that page (no scripts run there at all, not even ours), so we copy the page exactly as
the person sees it (scripts taken out, ``<noscript>`` content shown) into a second tab that
has JavaScript on, load it from the same address so the same styles apply, and run axe there.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from playwright.sync_api import Page, Route

ROOT = Path(__file__).resolve().parent.parent
AXE_PATH = ROOT / "node_modules" / "axe-core" / "axe.min.js"

# WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus axe's best-practice rules.
# (axe-core has no "wcag22a" tag: the WCAG 2.2 level A criteria are tagged wcag2a/wcag21a.)
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice")

_axe_source: str | None = None

# Words the browser's console messages about Tandem's security headers contain.
SECURITY_POLICIES = ("Content Security Policy", "Content-Security-Policy", "Permissions-Policy")


def axe_source() -> str:
    global _axe_source
    if _axe_source is None:
        if not AXE_PATH.exists():
            raise FileNotFoundError(f"axe-core is missing at {AXE_PATH}. Run: npm ci")
        _axe_source = AXE_PATH.read_text(encoding="utf-8")
    return _axe_source


@dataclass
class PageState:
    """What the harness knows about a page it opened (see ``register_page``)."""

    javascript: bool
    # A tab with JavaScript on, used to check pages opened with JavaScript off.
    auditor: Page | None = None
    # Problems seen while loading: failed styles or scripts, JavaScript errors.
    problems: list[str] = field(default_factory=list)


_states: WeakKeyDictionary[Page, PageState] = WeakKeyDictionary()
# How Chromium logs any response of 400 or more, which ``on_response`` judges instead.
_STATUS_LOGGED = "Failed to load resource: the server responded with a status of"


def register_page(page: Page, *, javascript: bool, auditor: Page | None = None) -> PageState:
    """Record how a page was opened and start collecting loading problems for it."""
    state = PageState(javascript=javascript, auditor=auditor)
    _states[page] = state

    def on_response(response: Any) -> None:
        # The page itself may answer 403/404 on purpose; what it loads (CSS, JS, images) may not.
        if response.request.resource_type != "document" and response.status >= 400:
            state.problems.append(f"{response.status} for {response.request.resource_type} {response.url}")

    def on_request_failed(request: Any) -> None:
        if request.resource_type != "document":
            state.problems.append(f"could not load {request.resource_type} {request.url}: {request.failure}")

    def on_page_error(error: Any) -> None:
        state.problems.append(f"JavaScript error: {error}")

    def on_console(message: Any) -> None:
        # The browser reports what the Content-Security-Policy blocked (an inline style or
        # script, a file from elsewhere) and any feature the Permissions-Policy names that it
        # does not know; either fails the page, whatever level the browser logs it at.
        # A status of 400 or more is judged by ``on_response`` above, which knows whether it was
        # the page itself (allowed to answer 403 or 404 on purpose) or something it loaded.
        if any(policy in message.text for policy in SECURITY_POLICIES):
            state.problems.append(f"security policy: {message.text}")
        elif message.type == "error" and not message.text.startswith(_STATUS_LOGGED):
            state.problems.append(f"console error: {message.text}")

    page.on("response", on_response)
    page.on("requestfailed", on_request_failed)
    page.on("pageerror", on_page_error)
    page.on("console", on_console)
    return state


def page_state(page: Page) -> PageState:
    state = _states.get(page)
    if state is None:
        # A page the harness did not open: assume JavaScript is on.
        state = register_page(page, javascript=True)
    return state


def assert_loaded_cleanly(page: Page) -> None:
    """Fail if a stylesheet, script or image failed to load, or JavaScript raised an error."""
    state = page_state(page)
    problems, state.problems[:] = list(state.problems), []
    assert not problems, f"Problems loading {page.url}:\n" + "\n".join(f"  - {p}" for p in problems)


# Runs in the page (JavaScript off): the page as the person sees it, without scripts.
_SNAPSHOT_JS = """
() => {
  const copy = document.documentElement.cloneNode(true);
  copy.querySelectorAll('script').forEach((el) => el.remove());
  // With scripting off the browser shows what is inside <noscript>; keep that visible.
  copy.querySelectorAll('noscript').forEach((el) => el.replaceWith(...el.childNodes));
  const doctype = document.doctype ? '<!DOCTYPE ' + document.doctype.name + '>' : '';
  return doctype + copy.outerHTML;
}
"""

_RUN_AXE_JS = """
async (options) => {
  const results = await window.axe.run(document, options);
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary })),
  }));
}
"""


def _inject_axe(page: Page) -> None:
    if page.evaluate("() => typeof window.axe") == "object":
        return
    # Evaluated, not added as a <script>: Tandem's Content-Security-Policy forbids inline scripts
    # (an injected one would be blocked and reported as a violation), but it does not apply to
    # what Playwright evaluates. The browser context does not bypass the policy, so the pages
    # are checked under the same policy people get.
    page.evaluate(axe_source())


def _run_axe(page: Page, skip_rules: Mapping[str, str]) -> list[dict[str, Any]]:
    _inject_axe(page)
    options: dict[str, Any] = {"runOnly": {"type": "tag", "values": list(AXE_TAGS)}, "resultTypes": ["violations"]}
    if skip_rules:
        options["rules"] = {rule: {"enabled": False} for rule in skip_rules}
    violations: list[dict[str, Any]] = page.evaluate(_RUN_AXE_JS, options)
    return violations


def _violations_without_javascript(page: Page, auditor: Page, skip_rules: Mapping[str, str]) -> list[dict[str, Any]]:
    html = page.evaluate(_SNAPSHOT_JS)
    url = page.url

    def serve_copy(route: Route) -> None:
        route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)

    def is_this_page(address: str) -> bool:
        return address == url.split("#", 1)[0]

    auditor.route(is_this_page, serve_copy)
    try:
        auditor.goto(url, wait_until="load")
    finally:
        auditor.unroute(is_this_page, serve_copy)
    return _run_axe(auditor, skip_rules)


def format_violations(url: str, violations: list[dict[str, Any]], *, javascript: bool) -> str:
    setting = "on" if javascript else "off"
    lines = [f"axe-core found {len(violations)} accessibility problem(s) on {url} (JavaScript {setting}):"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            lines.append(f"    at {node['target']}: {node['html'][:200]}")
            if node.get("summary"):
                summary = " ".join(str(node["summary"]).split())
                lines.append(f"      {summary[:300]}")
    return "\n".join(lines)


def accessibility_violations(page: Page, *, skip_rules: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """axe-core's violations for the page as it is now (see the module docstring)."""
    state = page_state(page)
    skip = dict(skip_rules or {})
    if state.javascript:
        return _run_axe(page, skip)
    if state.auditor is None:
        raise RuntimeError("This page has JavaScript off but no auditor tab; open it with the e2e `page` fixture.")
    return _violations_without_javascript(page, state.auditor, skip)


def assert_accessible(page: Page, *, skip_rules: Mapping[str, str] | None = None) -> None:
    """Fail, listing every problem, if axe-core finds any WCAG 2.0/2.1/2.2 A or AA or
    best-practice violation. ``skip_rules`` maps a rule id to the reason it does not apply;
    use it rarely and say why."""
    violations = accessibility_violations(page, skip_rules=skip_rules)
    assert not violations, format_violations(page.url, violations, javascript=page_state(page).javascript)
