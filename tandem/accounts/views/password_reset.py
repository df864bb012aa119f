"""Resetting a forgotten password by email. Uses Django's one-hour tokens, our own pages."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import INTERNAL_RESET_SESSION_TOKEN
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.views.decorators.cache import never_cache

from tandem.accounts import throttling
from tandem.accounts.forms import PasswordResetRequestForm, SetNewPasswordForm
from tandem.accounts.models import User
from tandem.accounts.services import password_reset_complete, password_reset_send
from tandem.accounts.throttle import password_reset_wait_message


@never_cache
def password_reset(request: HttpRequest) -> HttpResponse:
    form = PasswordResetRequestForm(request.POST) if request.method == "POST" else PasswordResetRequestForm()
    status = 200
    if request.method == "POST" and form.is_valid():
        # Counted per network address, whether or not the email address has an account.
        wait = throttling.post_start(*throttling.password_reset_limits(address=throttling.client_address(request)))
        if wait > 0:
            form.add_error(None, password_reset_wait_message(wait))
            status = 429
        else:
            # The link is built from SITE_URL, never from the request's Host header.
            password_reset_send(email=form.cleaned_data["email"], site_url=settings.SITE_URL)
            # The same answer whether or not the address has an account.
            return HttpResponseRedirect(reverse("accounts:password-reset-sent"))
    return render(request, "accounts/password_reset.html", {"form": form}, status=status)


def password_reset_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/password_reset_sent.html")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's checks (token in the link, then kept in the session so it never leaks in a
    Referer header), with our form, wording and audit entry."""

    form_class = SetNewPasswordForm  # type: ignore[assignment]
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")

    def get_user(self, uidb64: str) -> User | None:
        try:
            pk = int(force_str(urlsafe_base64_decode(uidb64)))
        except (TypeError, ValueError, OverflowError):
            return None
        return User.objects.filter(pk=pk, is_active=True).first()

    def form_valid(self, form: Any) -> HttpResponse:
        assert self.user is not None
        password_reset_complete(user=self.user, password=form.cleaned_data["new_password1"])
        self.request.session.pop(INTERNAL_RESET_SESSION_TOKEN, None)
        return HttpResponseRedirect(str(self.success_url))


def password_reset_complete_page(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/password_reset_complete.html")
