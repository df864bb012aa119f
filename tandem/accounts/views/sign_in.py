"""Sign in with an email address and password."""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from tandem.accounts import throttling
from tandem.accounts.forms import SIGN_IN_NOT_RIGHT, SignInForm
from tandem.accounts.models import User
from tandem.accounts.views.common import (
    attempt_failed,
    locked_message,
    next_param,
    pending_start,
    safe_next,
    sign_in_complete,
    with_next,
)


@sensitive_post_parameters("password")
@never_cache
def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return HttpResponseRedirect(safe_next(request))
    timed_out = request.GET.get("timed_out") == "1"
    form = SignInForm(request.POST) if request.method == "POST" else SignInForm()
    status = 200
    if request.method == "POST" and form.is_valid():
        email: str = form.cleaned_data["email"]
        # Counted before the password is looked at, so guesses sent at once get no extra checks.
        attempt = throttling.sign_in_attempt_start(email=email, address=throttling.client_address(request))
        if not attempt.allowed:
            form.add_error(None, locked_message(attempt.wait))
            status = 429
        else:
            user = authenticate(request, username=email, password=form.cleaned_data["password"])
            if isinstance(user, User):
                throttling.sign_in_attempt_passed(attempt=attempt)
                if user.has_two_factor:
                    pending_start(request, user)
                    return HttpResponseRedirect(with_next("accounts:two-factor", next_param(request)))
                return sign_in_complete(request, user, method="password", two_factor=False)
            status = attempt_failed(attempt, form, field=None, wrong=SIGN_IN_NOT_RIGHT)
    context = {"form": form, "timed_out": timed_out, "next": next_param(request)}
    return render(request, "accounts/sign_in.html", context, status=status)
