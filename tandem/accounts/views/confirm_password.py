"""Confirm your password: asked before a sensitive change when it was not typed recently."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from tandem.accounts import throttling
from tandem.accounts.elevation import password_confirmation_record
from tandem.accounts.forms import PasswordConfirmForm
from tandem.accounts.services import PasswordConfirmWait, password_confirm
from tandem.accounts.views.common import next_param, signed_in_user
from tandem.core.exceptions import ApplicationError
from tandem.frontend.form_errors import error_to_form


@login_required
@sensitive_post_parameters("password")
@never_cache
def confirm_password(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    next_url = next_param(request)
    form = PasswordConfirmForm(request.POST) if request.method == "POST" else PasswordConfirmForm()
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            password_confirm(
                actor=user, password=form.cleaned_data["password"], address=throttling.client_address(request)
            )
        except PasswordConfirmWait as exc:
            form.add_error(None, exc.message)
            status = 429
        except ApplicationError as exc:
            error_to_form(form, exc)
        else:
            password_confirmation_record(request)
            return HttpResponseRedirect(next_url or reverse("accounts:settings"))
    context = {
        "form": form,
        "next": next_url,
        "cancel_url": reverse("accounts:settings"),
        "confirm_minutes": max(1, settings.PASSWORD_CONFIRM_SECONDS // 60),
    }
    return render(request, "accounts/confirm_password.html", context, status=status)
