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
from tandem.accounts.services import sign_in_locked
from tandem.accounts.views.common import (
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
        address = throttling.client_address(request)
        wait = throttling.sign_in_seconds_locked(email=email, address=address)
        if wait:
            form.add_error(None, locked_message(wait))
            status = 429
        else:
            user = authenticate(request, username=email, password=form.cleaned_data["password"])
            if isinstance(user, User):
                if user.has_two_factor:
                    pending_start(request, user)
                    return HttpResponseRedirect(with_next("accounts:two-factor", next_param(request)))
                return sign_in_complete(request, user, method="password", two_factor=False)
            newly_locked = throttling.sign_in_failure_record(email=email, address=address)
            for scope in newly_locked:
                sign_in_locked(email=email, scope=scope)
            if newly_locked:
                form.add_error(None, locked_message(throttling.sign_in_seconds_locked(email=email, address=address)))
                status = 429
            else:
                form.add_error(None, SIGN_IN_NOT_RIGHT)
    context = {"form": form, "timed_out": timed_out, "next": next_param(request)}
    return render(request, "accounts/sign_in.html", context, status=status)
