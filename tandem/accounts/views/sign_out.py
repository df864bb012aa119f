"""Signing out: a page that asks first, then a page that says it is done."""

from __future__ import annotations

from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from tandem.accounts.models import User
from tandem.accounts.services import session_signed_out
from tandem.accounts.views.common import next_param, with_next


@require_http_methods(["GET", "POST"])
@never_cache
def sign_out(request: HttpRequest) -> HttpResponse:
    """GET asks "are you sure?"; POST signs out.

    The session-timeout warning posts ``timed_out=1`` (and ``next``) when time runs out, so the
    sign-in page can explain what happened and bring the person back to where they were."""
    timed_out = request.POST.get("timed_out") == "1"
    if request.method == "GET":
        if not request.user.is_authenticated:
            return HttpResponseRedirect(reverse("accounts:signed-out"))
        return render(request, "accounts/sign_out.html")
    if isinstance(request.user, User):
        session_signed_out(actor=request.user, reason="timed_out" if timed_out else "chosen")
    next_url = next_param(request)
    logout(request)
    if timed_out:
        return HttpResponseRedirect(with_next("accounts:sign-in", next_url, timed_out="1"))
    return HttpResponseRedirect(reverse("accounts:signed-out"))


def signed_out(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signed_out.html")
