"""The browser-test harness: Debian's Chromium through pytest-playwright, against
pytest-django's ``live_server``.

- ``browser``: one Chromium per pytest process (so one per xdist worker), launched from
  ``/usr/bin/chromium`` (Playwright's own browser download does not work here).
- ``page``: a fresh browser context per test, with JavaScript off: every page must work without
  it. A test marked ``@pytest.mark.javascript("why")`` runs with JavaScript on as well: mark
  those where one of our scripts changes what the test does (autosave.js keeps drafts of the
  forms a journey fills in; js-enabled.js and tandem.js change the page the harness checks),
  and say which in the reason. Its base URL is the live server, so ``page.goto("/")`` works.
- ``assert_accessible(page)`` (from ``e2e.axe``) and the steps in ``e2e.helpers``, which run it
  on every page they load.

Tests that use ``page`` get ``live_server`` and so ``transactional_db``: what a test creates is
committed, so the server thread sees it (on SQLite and on PostgreSQL), and the tables are
emptied after the test.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect

from e2e.axe import register_page

CHROMIUM = Path(os.environ.get("TANDEM_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# How long a single step (a click, a page load) may take before the test fails.
STEP_TIMEOUT_MS = 15_000

# How long an ``expect(...)`` waits for the page to match (Playwright's default is 5 seconds;
# a busy two-core machine running the suite in parallel needs longer).
expect.set_options(timeout=10_000)

# The live server listens on IPv4 loopback; saying so saves Chromium trying ::1 first.
os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in e2e/ drives a browser: mark it ``e2e`` so ``-m e2e`` / ``-m "not e2e"`` work."""
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.e2e)


def javascript_modes(marker: pytest.Mark | None) -> list[bool]:
    """JavaScript off always; on as well only for a test marked ``javascript`` with its reason."""
    if marker is None:
        return [False]
    reason = marker.args[0] if marker.args else marker.kwargs.get("reason", "")
    if not isinstance(reason, str) or not reason.strip():
        raise pytest.UsageError("@pytest.mark.javascript needs a reason: which script changes what the test does")
    return [True, False]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Each test that opens a page runs with JavaScript off, and on too where it is marked."""
    if "javascript" in metafunc.fixturenames:
        modes = javascript_modes(metafunc.definition.get_closest_marker("javascript"))
        metafunc.parametrize("javascript", modes, ids=["js-on" if mode else "js-off" for mode in modes], indirect=True)


@pytest.fixture(scope="session")
def playwright(django_db_setup: None, playwright: Playwright) -> Iterator[Playwright]:
    """Playwright's synchronous API keeps an asyncio event loop running in this thread, and
    Django refuses database calls when it sees one. The loop is Playwright's, not ours, and
    nothing here is async, so we tell Django that while the browser is running.
    (Asking for ``django_db_setup`` first makes the test database outlive the loop.)"""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield playwright
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright's launch options (``--headed``, ``--slowmo``) plus Debian's Chromium."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"The browser tests need Chromium at {CHROMIUM}. Install it with: sudo apt-get install -y chromium "
            "(or set TANDEM_CHROMIUM to another Chromium).",
            pytrace=False,
        )
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url(live_server: Any) -> str:
    """Pages are addressed by path; this is the test server they are on."""
    url: str = live_server.url
    return url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "en-GB", "timezone_id": "Europe/London"}


@pytest.fixture(scope="session")
def axe_auditor(browser: Browser, browser_context_args: dict[str, Any]) -> Iterator[Page]:
    """A tab with JavaScript on, where pages opened with JavaScript off are checked by axe."""
    context = browser.new_context(**browser_context_args)
    context.set_default_timeout(STEP_TIMEOUT_MS)
    auditor = context.new_page()
    yield auditor
    context.close()


@pytest.fixture
def javascript(request: pytest.FixtureRequest) -> bool:
    """Whether the browser runs JavaScript (set by ``pytest_generate_tests`` above)."""
    enabled: bool = request.param
    return enabled


@pytest.fixture
def page(
    new_context: Callable[..., BrowserContext],
    javascript: bool,
    axe_auditor: Page,
    live_server: Any,
) -> Page:
    """A new tab in a fresh context (no cookies), with JavaScript on or off."""
    context = new_context(java_script_enabled=javascript)
    context.set_default_timeout(STEP_TIMEOUT_MS)
    new_page = context.new_page()
    register_page(new_page, javascript=javascript, auditor=axe_auditor)
    return new_page
