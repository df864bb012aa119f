"""Your account: who you are, how you sign in, and where to change it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tandem.accounts.hooks import contact_places
from tandem.accounts.selectors import recovery_codes_unused_count, user_two_factor_reason
from tandem.accounts.views.common import signed_in_user


@login_required
def account_settings(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    context = {
        "account": user,
        "two_factor_on": user.has_two_factor,
        "required_reason": user_two_factor_reason(user),
        "recovery_codes_left": recovery_codes_unused_count(user) if user.has_two_factor else 0,
        # Where other people see you listed, and what of your contact details they see there.
        "contact_places": contact_places(request),
    }
    return render(request, "accounts/settings.html", context)
