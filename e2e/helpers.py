"""Steps the browser journeys are written in.

Every step that loads a page (``visit``, ``submit``, ``fill_and_submit``, ``click_link``) then
checks it: nothing it needed failed to load, no JavaScript error, and axe-core finds no
accessibility problem. So a journey cannot visit a page without checking it.

Pages are addressed by path ("/accounts/sign-in/") or by URL name with ``url("accounts:sign-in")``;
the ``page`` fixture points the browser at the test server, so paths are enough.
Fields are found by their ``name`` (the URL contract in the foundation issue fixes those).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping
from typing import Any

import pyotp
from django.core import mail
from django.urls import reverse
from playwright.sync_api import BrowserContext, Locator, Page, Response, expect

from conftest import PASSWORD
from e2e.axe import assert_accessible, assert_loaded_cleanly, register_page
from e2e.reflow import assert_reflows

__all__ = [
    "PASSWORD",
    "assert_accessible",
    "check_page",
    "click_button_link",
    "click_link",
    "expect_field_error",
    "fill",
    "fill_and_submit",
    "link_from_last_email",
    "open_page",
    "set_up_two_factor",
    "sign_in",
    "sign_out",
    "submit",
    "totp_code",
    "url",
    "visit",
]

FieldValue = str | bool | list[str]


def url(name: str, **kwargs: Any) -> str:
    """The path for a URL name: ``url("organisations:detail", slug="anyborough-council")``."""
    return reverse(name, kwargs=kwargs or None)


def check_page(page: Page, *, skip_rules: Mapping[str, str] | None = None) -> None:
    """What every page load must pass: loaded cleanly, one h1, no axe-core violations, and
    no sideways scrolling of the whole page at its own width or at 320 CSS pixels."""
    assert_loaded_cleanly(page)
    headings = page.locator("h1").count()
    assert headings == 1, f"{page.url} has {headings} h1 headings; a page has exactly one"
    assert_accessible(page, skip_rules=skip_rules)
    assert_reflows(page)


def _expect_status(response: Response | None, status: int | None, what: str) -> None:
    if status is None:
        return
    assert response is not None, f"{what}: the browser got no response"
    assert response.status == status, f"{what}: expected {status}, got {response.status} at {response.url}"


def visit(page: Page, path: str, *, status: int = 200, skip_rules: Mapping[str, str] | None = None) -> Response:
    """Go to a page, check its status (after redirects), then ``check_page``."""
    response = page.goto(path, wait_until="load")
    assert response is not None, f"No response for {path}"
    _expect_status(response, status, f"visit {path}")
    check_page(page, skip_rules=skip_rules)
    return response


def _form_for(page: Page, fields: Mapping[str, FieldValue], form: Locator | None) -> Locator:
    if form is not None:
        return form
    if fields:
        first = next(iter(fields))
        return page.locator("form").filter(has=page.locator(f'[name="{first}"]')).first
    return page.locator("main form").first


def fill(form: Locator, fields: Mapping[str, FieldValue]) -> None:
    """Fill fields by name. A string fills a text box, textarea or select, or picks the radio
    with that value; True/False ticks or unticks a single checkbox; a list ticks exactly those
    checkbox values."""
    for name, value in fields.items():
        inputs = form.locator(f'[name="{name}"]')
        assert inputs.count() > 0, f"No field named {name!r} in the form"
        first = inputs.first
        tag = first.evaluate("el => el.tagName.toLowerCase()")
        kind = (first.get_attribute("type") or "").lower()
        if kind == "radio":
            form.locator(f'[name="{name}"][value="{value}"]').check()
        elif kind == "checkbox":
            if isinstance(value, bool):
                first.set_checked(value)
            else:
                wanted = {value} if isinstance(value, str) else set(value)
                for i in range(inputs.count()):
                    box = inputs.nth(i)
                    box.set_checked(box.get_attribute("value") in wanted)
        elif tag == "select":
            first.select_option(str(value))
        else:
            first.fill(str(value))


def submit(
    page: Page,
    button: str | None = None,
    *,
    form: Locator | None = None,
    status: int | None = 200,
    skip_rules: Mapping[str, str] | None = None,
) -> Response | None:
    """Press a form's button (by its text, or the form's first submit button), wait for the
    next page, check its status (``None`` to not check), then ``check_page``."""
    scope = form if form is not None else page.locator("main")
    if button is None:
        target = scope.locator('button[type="submit"], button:not([type]), input[type="submit"]').first
    else:
        target = scope.get_by_role("button", name=button, exact=True)
    with page.expect_navigation(wait_until="load") as navigation:
        target.click()
    response = navigation.value
    _expect_status(response, status, f"submit {button or 'form'} on {page.url}")
    check_page(page, skip_rules=skip_rules)
    return response


def fill_and_submit(
    page: Page,
    fields: Mapping[str, FieldValue],
    *,
    button: str | None = None,
    form: Locator | None = None,
    status: int | None = 200,
    skip_rules: Mapping[str, str] | None = None,
) -> Response | None:
    """Fill the form that holds these fields (see ``fill``) and submit it (see ``submit``).
    A form that finds a problem answers 200 with the error; pass ``status=None`` if unsure."""
    target_form = _form_for(page, fields, form)
    fill(target_form, fields)
    return submit(page, button, form=target_form, status=status, skip_rules=skip_rules)


def click_link(page: Page, text: str, *, status: int | None = 200) -> Response | None:
    """Follow a link by its visible text, then ``check_page``."""
    with page.expect_navigation(wait_until="load") as navigation:
        page.get_by_role("link", name=text, exact=True).first.click()
    response = navigation.value
    _expect_status(response, status, f"link {text!r}")
    check_page(page)
    return response


def click_button_link(page: Page, text: str, *, status: int | None = 200) -> Response | None:
    """Follow a link drawn as a GOV.UK button (``<a role="button" class="govuk-button">``),
    then ``check_page``. Its role is "button", so ``click_link`` does not find it."""
    with page.expect_navigation(wait_until="load") as navigation:
        page.locator("main").locator("a").get_by_text(text, exact=True).first.click()
    response = navigation.value
    _expect_status(response, status, f"button link {text!r}")
    check_page(page)
    return response


def expect_field_error(page: Page, field: str, message: str) -> None:
    """The GOV.UK error pattern: the message in the error summary, linking to the field, and
    beside the field; and the page title starts with "Error:"."""
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("link", name=message)).to_be_visible()
    expect(page.locator(f'.govuk-form-group--error:has([name="{field}"]) .govuk-error-message')).to_contain_text(
        message
    )
    expect(page).to_have_title(re.compile(r"^Error:"))


def totp_code(secret: str, email: str | None = None) -> str:
    """A code the authenticator app would show now. Tandem refuses a code for a time step it
    has already accepted, so when ``email`` is given we look up the last step used and give the
    next acceptable one (waiting for the clock if we must)."""
    from tandem.accounts import totp
    from tandem.accounts.models import User

    last_step = None
    if email is not None:
        last_step = User.objects.filter(email=email.lower()).values_list("totp_last_step", flat=True).first()
    now = time.time()
    step = totp.step_for(now)
    if last_step is not None and last_step >= step:
        step = last_step + 1
        # We accept one step ahead of the clock; wait until this step is at most that far.
        while step > totp.step_for(time.time()) + totp.DRIFT_STEPS:
            time.sleep(1)
    code: str = pyotp.TOTP(secret, digits=totp.DIGITS, interval=totp.STEP_SECONDS).generate_otp(step)
    return code


def sign_in(
    page: Page,
    email: str,
    password: str = PASSWORD,
    *,
    totp_secret: str | None = None,
    next_path: str | None = None,
) -> None:
    """Sign in through the real pages: email and password, then the code from the
    authenticator app when ``totp_secret`` is given. Ends on whatever page comes next
    (checked like every other page)."""
    start = url("accounts:sign-in")
    if next_path:
        start += f"?next={next_path}"
    visit(page, start)
    fill_and_submit(page, {"email": email, "password": password})
    if totp_secret is not None:
        expect(page).to_have_url(re.compile(re.escape(url("accounts:two-factor"))))
        fill_and_submit(page, {"code": totp_code(totp_secret, email)})
    expect(page).not_to_have_url(re.compile(re.escape(url("accounts:sign-in"))))


def set_up_two_factor(page: Page) -> tuple[str, list[str]]:
    """On the set-up page: read the key shown as text (what someone types into their app when
    they cannot scan the QR code), type the code the app would show, and turn two-factor on.
    Ends on the page that shows the new recovery codes once. Returns the key and the codes."""
    from tandem.accounts import totp

    expect(page).to_have_url(re.compile(re.escape(url("accounts:two-factor-setup"))))
    shown = page.locator("main .tandem-secret-key").inner_text()
    secret = "".join(shown.split())
    assert re.fullmatch(r"[A-Z2-7]+", secret), f"The key on the set-up page does not look like a key: {shown!r}"
    fill_and_submit(page, {"code": totp_code(secret)})
    expect(page).to_have_url(re.compile(re.escape(url("accounts:recovery-codes"))))
    codes = [code.strip() for code in page.locator("main .tandem-recovery-codes li").all_inner_texts()]
    assert len(codes) == totp.RECOVERY_CODE_COUNT, f"Expected {totp.RECOVERY_CODE_COUNT} recovery codes, got {codes}"
    return secret, codes


def sign_out(page: Page) -> None:
    """Sign out through the confirm page (GET shows a button; pressing it signs out)."""
    visit(page, url("accounts:sign-out"))
    submit(page, form=page.locator("main form").first)
    expect(page).to_have_url(re.compile(re.escape(url("accounts:signed-out"))))


def link_from_last_email(to: str, contains: str = "/") -> str:
    """The path of the first link in the newest email sent to ``to`` (tests use Django's
    locmem email backend, so emails sent by the test server land in ``mail.outbox``)."""
    outbox: list[Any] = getattr(mail, "outbox", [])
    for message in reversed(outbox):
        if to.lower() in [address.lower() for address in message.to]:
            for link in re.findall(r"https?://[^\s<>\"']+", message.body):
                if contains in link:
                    return re.sub(r"^https?://[^/]+", "", link)
            raise AssertionError(f"The newest email to {to} has no link containing {contains!r}:\n{message.body}")
    raise AssertionError(f"No email was sent to {to}")


def open_page(new_context: Callable[..., BrowserContext], *, javascript: bool, auditor: Page) -> Page:
    """Another person's browser: a tab in a new context (no cookies), with JavaScript on or off
    like the test's ``page``, checked by the harness in the same way. Pass the fixtures
    ``new_context``, ``javascript`` and ``axe_auditor``."""
    from e2e.conftest import STEP_TIMEOUT_MS

    context = new_context(java_script_enabled=javascript)
    context.set_default_timeout(STEP_TIMEOUT_MS)
    tab = context.new_page()
    register_page(tab, javascript=javascript, auditor=auditor)
    return tab


def enable_two_factor(user: Any) -> tuple[str, list[str]]:
    """Turn two-factor on for ``user`` with a code from the previous time step, so the code for now is
    still unused when the journey signs in. Returns the secret and the recovery codes."""
    from tandem.accounts import totp
    from tandem.accounts.services import two_factor_enable

    secret = pyotp.random_base32()
    now = time.time()
    codes = two_factor_enable(
        actor=user, secret=secret, code=totp.code_for_step(secret, totp.step_for(now) - 1), now=now
    )
    return secret, codes
