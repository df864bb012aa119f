"""The security headers (Content-Security-Policy, Permissions-Policy, Cache-Control for people who
are signed in) and the markup that a strict policy needs: no inline scripts, styles or event
handlers in any page. See docs/decisions/0006-security-headers.md."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse

import tandem
from conftest import PASSWORD
from tandem.core.testing.access import ROLES, Ctx
from tandem.core.tests.test_authorisation_matrix import ENTRIES
from tandem.frontend.middleware import permissions_policy_header
from tandem.frontend.tests.urls_headers import DOWNLOAD_PATH

pytestmark = pytest.mark.django_db

TANDEM = Path(tandem.__file__).resolve().parent

EXPECTED_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}


def csp(response: Any) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy")
    assert header, f"No Content-Security-Policy on {response.wsgi_request.path}"
    directives: dict[str, list[str]] = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def cache_directives(response: Any) -> set[str]:
    return {part.strip().lower() for part in response.headers.get("Cache-Control", "").split(",") if part.strip()}


class InlineCode(HTMLParser):
    """Collects everything in a page that a policy without 'unsafe-inline' would block, and the
    scripts the page loads."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.scripts: list[dict[str, str | None]] = []
        self.first_in_body: str | None = None
        self._in_body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if self._in_body and self.first_in_body is None:
            self.first_in_body = tag
        if tag == "body":
            self._in_body = True
        for name, value in attrs:
            if name == "style":
                self.problems.append(f'<{tag} style="{value}">')
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name in {"href", "src", "action", "formaction"} and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.problems.append(f"<{tag} {name}={value}>")
        if tag == "style":
            self.problems.append("<style> element")
        if tag == "script":
            self.scripts.append(attributes)
            if not attributes.get("src"):
                self.problems.append("inline <script>")


def inline_code(html: str) -> InlineCode:
    parser = InlineCode()
    parser.feed(html)
    parser.close()
    return parser


# The Content-Security-Policy ------------------------------------------------------------------


@pytest.mark.parametrize("role", ["anonymous", "provider_member"])
def test_pages_carry_the_strict_policy(role: str, role_client: Any) -> None:
    response = role_client(role).get(reverse("frontend:home"))
    assert response.status_code == 200
    assert csp(response) == EXPECTED_POLICY


def test_the_policy_allows_nothing_inline_and_no_eval(client: Client) -> None:
    header = client.get(reverse("frontend:home")).headers["Content-Security-Policy"]
    for loophole in ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'nonce-", "'sha256-", "data:", "*"):
        assert loophole not in header, f"{loophole} in {header}"


@override_settings(DEBUG=False)
def test_error_pages_carry_the_policy_too(client: Client) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert csp(response) == EXPECTED_POLICY


def test_the_first_thing_in_the_body_is_the_js_enabled_script_from_tandem(client: Client) -> None:
    """GOV.UK Frontend's styles need the js-enabled class before the page is drawn. The script
    that sets it is a file (so no inline script is needed), loaded first in <body>, and neither
    async, deferred nor a module, so it runs before anything after it is parsed."""
    page = inline_code(client.get(reverse("frontend:bare")).content.decode())
    assert page.first_in_body == "script"
    first = page.scripts[0]
    assert first.get("src") == "/static/tandem/js-enabled.js"
    assert not {"async", "defer", "type", "nonce"} & set(first)
    source = (TANDEM / "frontend" / "static" / "tandem" / "js-enabled.js").read_text()
    assert "js-enabled" in source and "govuk-frontend-supported" in source


def test_every_script_a_page_loads_is_tandems_own(client: Client) -> None:
    page = inline_code(client.get(reverse("frontend:bare")).content.decode())
    assert page.scripts
    for script in page.scripts:
        assert (script.get("src") or "").startswith(settings.STATIC_URL), script


# The pages themselves -------------------------------------------------------------------------


def _templates_served_as_pages() -> list[Path]:
    """Every template, less the ones only WeasyPrint reads to build a PDF on the server (their
    <style> never reaches a browser, and no Content-Security-Policy applies there)."""
    return sorted(path for path in TANDEM.glob("*/templates/**/*.html") if not path.name.endswith("_pdf.html"))


# What a page may not contain in its source. (A <script> is fine only with a src.)
TEMPLATE_PROBLEMS = {
    "a style attribute": re.compile(r"\sstyle\s*=", re.I),
    "a <style> element": re.compile(r"<style\b", re.I),
    "an inline <script>": re.compile(r"<script\b(?![^>]*\ssrc\s*=)[^>]*>", re.I),
    "an event handler attribute": re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I),
    "a javascript: address": re.compile(r"javascript:", re.I),
}


def test_no_template_served_as_a_page_has_inline_code() -> None:
    templates = _templates_served_as_pages()
    assert len(templates) > 50, "The template scan found too few templates to be looking in the right place"
    found = []
    for path in templates:
        source = path.read_text(encoding="utf-8")
        for problem, pattern in TEMPLATE_PROBLEMS.items():
            for match in pattern.finditer(source):
                line = source.count("\n", 0, match.start()) + 1
                found.append(f"{path.relative_to(TANDEM)}:{line}: {problem}")
    assert not found, "Inline code the Content Security Policy would block:\n" + "\n".join(found)


def test_the_template_scan_catches_each_kind_of_inline_code() -> None:
    samples = {
        "a style attribute": '<div class="x" style="overflow-x: auto">',
        "a <style> element": "<style>p { color: red }</style>",
        "an inline <script>": "<script>alert(1)</script>",
        "an event handler attribute": '<button type="button" onclick="go()">',
        "a javascript: address": '<a href="javascript:go()">',
    }
    for problem, sample in samples.items():
        assert TEMPLATE_PROBLEMS[problem].search(sample), problem
    assert not TEMPLATE_PROBLEMS["an inline <script>"].search('<script type="module" src="/static/tandem/tandem.js">')
    assert not TEMPLATE_PROBLEMS["an event handler attribute"].search('<p class="govuk-body">Carry on=yes</p>')


def test_pdf_only_templates_are_read_only_by_the_pdf_builders() -> None:
    """The scan above skips ``*_pdf.html``; that is safe only while no view renders one as a page."""
    users = sorted(
        str(path.relative_to(TANDEM))
        for path in TANDEM.rglob("*.py")
        if "tests" not in path.parts and "_pdf.html" in path.read_text(encoding="utf-8")
    )
    assert users == ["commissions/exports/pdf.py", "tenders/exports/pdf.py"]


def test_the_scripts_use_nothing_the_policy_blocks() -> None:
    scripts = [path for path in TANDEM.glob("*/static/**/*.js") if "govuk-frontend" not in path.parts]
    assert scripts
    blocked = re.compile(r"\beval\s*\(|new\s+Function\s*\(|setAttribute\(\s*['\"](style|on[a-z]+)['\"]|\.innerHTML\b")
    found = [str(path.relative_to(TANDEM)) for path in scripts if blocked.search(path.read_text(encoding="utf-8"))]
    assert not found, f"Scripts that a strict Content Security Policy would stop: {found}"


def _role_that_sees(expect: dict[str, int | str]) -> str | None:
    """A signed-in role that gets the page (200), or anonymous if only they do."""
    for role in (*ROLES[1:], ROLES[0]):
        if expect[role] == 200:
            return role
    return None


PAGES = sorted(name for name, entry in ENTRIES.items() if _role_that_sees(entry.expect))


@pytest.mark.parametrize("url_name", PAGES)
def test_every_page_is_free_of_inline_code_and_has_the_headers(
    url_name: str, request: pytest.FixtureRequest, role_client: Any
) -> None:
    """Each URL in the authorisation matrix, as a role that may see it: the rendered page (with
    what views and template tags add, such as the coverage chart) has no inline code, carries
    the policy, and is "private, no-store" when the person is signed in."""
    entry = ENTRIES[url_name]
    role = _role_that_sees(entry.expect)
    assert role is not None
    ctx = Ctx(
        **{
            name: request.getfixturevalue(name)
            for name in ("funder_org", "provider_org", "provider_member", "funder_member", "funder_admin", "site_admin")
        }
    )
    if entry.setup:
        ctx.extra.update(entry.setup(ctx))
    response = getattr(role_client(role), entry.method)(reverse(url_name, kwargs=entry.kwargs(ctx)), entry.data(ctx))
    assert response.status_code == 200, f"{role} {url_name}: {response.status_code}"
    assert csp(response) == EXPECTED_POLICY
    assert response.headers.get("Permissions-Policy")
    if role != "anonymous":
        assert {"private", "no-store"} <= cache_directives(response), response.headers.get("Cache-Control")
    if response.headers.get("Content-Type", "").startswith("text/html"):
        problems = inline_code(response.content.decode()).problems
        assert not problems, f"{url_name} as {role}: {problems}"


# Permissions-Policy ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["anonymous", "funder_admin"])
def test_permissions_policy_turns_off_what_tandem_never_uses(role: str, role_client: Any) -> None:
    header = role_client(role).get(reverse("frontend:home")).headers.get("Permissions-Policy", "")
    features = dict(part.strip().split("=", 1) for part in header.split(",") if part.strip())
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics", "interest-cohort"):
        assert features.get(feature) == "()", f"{feature} is not turned off: {header}"
    assert set(features.values()) == {"()"}, "Tandem allows no feature to anyone"


def test_permissions_policy_header_format() -> None:
    assert permissions_policy_header({"camera": [], "fullscreen": ["self"]}) == "camera=(), fullscreen=(self)"
    assert permissions_policy_header({}) == ""


# Cache-Control --------------------------------------------------------------------------------


@pytest.mark.parametrize("url_name", ["frontend:home", "notifications:list", "accounts:settings"])
def test_pages_for_a_signed_in_person_are_private_and_not_stored(url_name: str, role_client: Any) -> None:
    response = role_client("funder_member").get(reverse(url_name))
    assert response.status_code == 200
    assert {"private", "no-store"} <= cache_directives(response), response.headers.get("Cache-Control")
    assert "public" not in cache_directives(response)


@pytest.mark.urls("tandem.frontend.tests.urls_headers")
def test_a_download_for_a_signed_in_person_is_private_and_not_stored(role_client: Any) -> None:
    response = role_client("funder_member").get(DOWNLOAD_PATH)
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert cache_directives(response) == {"private", "no-store"}


def test_signing_in_answers_with_a_response_that_is_not_stored(client: Client, provider_member: Any) -> None:
    """The response to the sign-in post is the first one for the signed-in person."""
    response = client.post(reverse("accounts:sign-in"), {"email": provider_member.email, "password": PASSWORD})
    assert response.status_code == 302
    assert {"private", "no-store"} <= cache_directives(response)


def test_public_pages_for_people_not_signed_in_stay_cacheable(client: Client) -> None:
    for url_name in ("frontend:home", "frontend:accessibility", "glossary:index"):
        response = client.get(reverse(url_name))
        assert response.status_code == 200
        assert "no-store" not in cache_directives(response), url_name


@override_settings(WHITENOISE_USE_FINDERS=True, WHITENOISE_AUTOREFRESH=True)
def test_static_files_stay_cacheable_for_a_signed_in_person(role_client: Any) -> None:
    response = role_client("funder_member").get(f"{settings.STATIC_URL}tandem/autosave.js")
    assert response.status_code == 200
    assert "no-store" not in cache_directives(response)
    assert "private" not in cache_directives(response)
