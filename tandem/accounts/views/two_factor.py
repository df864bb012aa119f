"""The second step of signing in: a code from the authenticator app, or a recovery code."""

from __future__ import annotations

from django.contrib import messages
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from tandem.accounts import throttling
from tandem.accounts.forms import RecoveryCodeForm, TwoFactorCodeForm
from tandem.accounts.selectors import recovery_codes_unused_count
from tandem.accounts.services import (
    CODE_NOT_RIGHT,
    RECOVERY_CODE_NOT_RIGHT,
    recovery_code_use,
    two_factor_code_check,
)
from tandem.accounts.views.common import (
    attempt_failed,
    locked_message,
    next_param,
    pending_clear,
    pending_user,
    safe_next,
    sign_in_complete,
    with_next,
)

# With this many recovery codes or fewer left, suggest making new ones.
FEW_RECOVERY_CODES = 3


def _count_failure(request: HttpRequest, attempt: throttling.Attempt, form: Form, *, wrong: str) -> int:
    """A wrong code: count it. When the next try must wait, the password is asked for again."""
    status = attempt_failed(attempt, form, field="code", wrong=wrong)
    if status != 200:
        pending_clear(request)
    return status


def _second_step(request: HttpRequest, *, recovery: bool) -> HttpResponse:
    if request.user.is_authenticated:
        return HttpResponseRedirect(safe_next(request))
    user = pending_user(request)
    if user is None:
        messages.info(request, "Sign in again with your email address and password.")
        return HttpResponseRedirect(with_next("accounts:sign-in", next_param(request)))
    form_class = RecoveryCodeForm if recovery else TwoFactorCodeForm
    form: Form = form_class(request.POST) if request.method == "POST" else form_class()
    status = 200
    if request.method == "POST" and form.is_valid():
        # The same pair-based slow-down as the password: counted before the code is checked.
        attempt = throttling.sign_in_attempt_start(email=user.email, address=throttling.client_address(request))
        if not attempt.allowed:
            pending_clear(request)
            form.add_error(None, locked_message(attempt.wait))
            status = 429
        elif recovery:
            ok = recovery_code_use(user=user, code=form.cleaned_data["code"])
            if ok:
                throttling.sign_in_attempt_passed(attempt=attempt)
                response = sign_in_complete(request, user, method="password and recovery code", two_factor=True)
                left = recovery_codes_unused_count(user)
                if left <= FEW_RECOVERY_CODES:
                    plural = "code" if left == 1 else "codes"
                    messages.warning(
                        request,
                        f"You have {left} recovery {plural} left. Make new ones from your account page.",
                    )
                return response
            status = _count_failure(request, attempt, form, wrong=RECOVERY_CODE_NOT_RIGHT)
        else:
            ok = two_factor_code_check(user=user, code=form.cleaned_data["code"])
            if ok:
                throttling.sign_in_attempt_passed(attempt=attempt)
                return sign_in_complete(request, user, method="password and code", two_factor=True)
            status = _count_failure(request, attempt, form, wrong=CODE_NOT_RIGHT)
    context = {
        "form": form,
        "next": next_param(request),
        "recovery_url": with_next("accounts:recovery-code", next_param(request)),
        "code_url": with_next("accounts:two-factor", next_param(request)),
        "sign_in_url": reverse("accounts:sign-in"),
    }
    template = "accounts/recovery_code.html" if recovery else "accounts/two_factor.html"
    return render(request, template, context, status=status)


@sensitive_post_parameters("code")
@never_cache
def two_factor(request: HttpRequest) -> HttpResponse:
    return _second_step(request, recovery=False)


@sensitive_post_parameters("code")
@never_cache
def recovery_code(request: HttpRequest) -> HttpResponse:
    return _second_step(request, recovery=True)
