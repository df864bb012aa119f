"""Turning two-factor authentication on and off, and recovery codes."""

from __future__ import annotations

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from tandem.accounts import services, throttling, totp
from tandem.accounts.elevation import password_confirmation_record, password_confirmation_redirect
from tandem.accounts.forms import TwoFactorDisableForm, TwoFactorSetupForm
from tandem.accounts.permissions import can_disable_two_factor, can_regenerate_recovery_codes
from tandem.accounts.selectors import recovery_codes_unused_count, user_two_factor_reason
from tandem.accounts.services import PasswordConfirmWait, recovery_codes_regenerate, two_factor_enable
from tandem.accounts.sessions import (
    NEW_RECOVERY_CODES_SESSION_KEY,
    SETUP_SECRET_SESSION_KEY,
    TWO_FACTOR_SESSION_KEY,
)
from tandem.accounts.views.common import next_param, signed_in_user, with_next
from tandem.core.exceptions import ApplicationError
from tandem.frontend.form_errors import error_to_form

QR_LABEL = "QR code to scan with your authenticator app"


def qr_code_svg(uri: str) -> SafeString:
    """The ``otpauth://`` address as an inline SVG QR code, dark on a white background."""
    svg = segno.make(uri, error="m").svg_inline(scale=4, border=4, dark="#0b0c0c", light="#ffffff")
    # segno writes the markup itself from the address; nothing from the request reaches it raw.
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{QR_LABEL}" focusable="false" ', 1)
    return mark_safe(svg)


@login_required
@sensitive_post_parameters("code")
@never_cache
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    next_url = next_param(request)
    if user.has_two_factor:
        messages.info(request, "Two-factor authentication is already on for your account.")
        return HttpResponseRedirect(reverse("accounts:settings"))
    secret = request.session.get(SETUP_SECRET_SESSION_KEY)
    if not isinstance(secret, str) or not secret:
        secret = totp.secret_new()
        request.session[SETUP_SECRET_SESSION_KEY] = secret
    form = TwoFactorSetupForm(request.POST) if request.method == "POST" else TwoFactorSetupForm()
    if request.method == "POST" and form.is_valid():
        try:
            codes = two_factor_enable(actor=user, secret=secret, code=form.cleaned_data["code"])
        except ApplicationError as exc:
            error_to_form(form, exc)
        else:
            request.session[TWO_FACTOR_SESSION_KEY] = timezone.now().isoformat()
            request.session.pop(SETUP_SECRET_SESSION_KEY, None)
            request.session[NEW_RECOVERY_CODES_SESSION_KEY] = codes
            messages.success(request, "Two-factor authentication is now on for your account.")
            return HttpResponseRedirect(with_next("accounts:recovery-codes", next_url))
    uri = totp.provisioning_uri(secret=secret, account=user.email, issuer=settings.SERVICE_NAME)
    context = {
        "form": form,
        "next": next_url,
        "qr_code": qr_code_svg(uri),
        "secret_groups": totp.secret_groups(secret),
        "required_reason": user_two_factor_reason(user),
    }
    return render(request, "accounts/two_factor_setup.html", context)


@login_required
@sensitive_post_parameters("password")
@never_cache
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    """Asks for the password every time (stricter than the few-minutes window other sensitive
    changes use), with wrong passwords throttled like signing in."""
    user = signed_in_user(request)
    if not user.has_two_factor:
        messages.info(request, "Two-factor authentication is already off for your account.")
        return HttpResponseRedirect(reverse("accounts:settings"))
    can_disable_two_factor(user, user).require()
    form = TwoFactorDisableForm(request.POST) if request.method == "POST" else TwoFactorDisableForm()
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.two_factor_disable(
                actor=user, password=form.cleaned_data["password"], address=throttling.client_address(request)
            )
        except PasswordConfirmWait as exc:
            form.add_error(None, exc.message)
            status = 429
        except ApplicationError as exc:
            error_to_form(form, exc)
        else:
            password_confirmation_record(request)
            messages.success(request, "Two-factor authentication is now off for your account.")
            return HttpResponseRedirect(reverse("accounts:settings"))
    return render(request, "accounts/two_factor_disable.html", {"form": form}, status=status)


@login_required
@never_cache
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """Shows new recovery codes once; otherwise says how many are left and offers new ones.
    Making new ones asks for the password again when it was not typed recently."""
    user = signed_in_user(request)
    next_url = next_param(request)
    if request.method == "POST":
        can_regenerate_recovery_codes(user, user).require()
        confirm_first = password_confirmation_redirect(request)
        if confirm_first is not None:
            return confirm_first
        codes = recovery_codes_regenerate(actor=user)
        request.session[NEW_RECOVERY_CODES_SESSION_KEY] = codes
        messages.success(request, "We have made new recovery codes. Your old ones no longer work.")
        return HttpResponseRedirect(with_next("accounts:recovery-codes", next_url))
    new_codes = request.session.pop(NEW_RECOVERY_CODES_SESSION_KEY, None)
    if isinstance(new_codes, list) and new_codes:
        context = {"codes": [str(c) for c in new_codes], "continue_url": next_url or reverse("accounts:settings")}
        return render(request, "accounts/recovery_codes_new.html", context)
    if not user.has_two_factor:
        return HttpResponseRedirect(reverse("accounts:two-factor-setup"))
    confirm_first = password_confirmation_redirect(request)
    if confirm_first is not None:
        return confirm_first
    return render(request, "accounts/recovery_codes.html", {"unused": recovery_codes_unused_count(user)})
