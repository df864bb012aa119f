"""Choosing which organisation to act for."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from tandem.organisations.forms import OrganisationSwitchForm
from tandem.organisations.models import Membership
from tandem.organisations.sessions import CURRENT_ORGANISATION_SESSION_KEY


@login_required
@require_http_methods(["GET", "POST"])
def organisation_switch_view(request: HttpRequest) -> HttpResponse:
    # The middleware has already loaded the person's memberships: no further query here.
    memberships: list[Membership] = getattr(request, "memberships", [])
    current = getattr(request, "organisation", None)
    if request.method == "POST":
        form = OrganisationSwitchForm(request.POST, memberships=memberships)
        if form.is_valid():
            chosen = next(m for m in memberships if m.organisation_id == form.cleaned_data["organisation"])
            request.session[CURRENT_ORGANISATION_SESSION_KEY] = chosen.organisation_id
            messages.success(request, f"You are now acting for {chosen.organisation.name}.")
            return redirect("frontend:home")
    else:
        form = OrganisationSwitchForm(
            initial={"organisation": current.pk if current else None}, memberships=memberships
        )
    return render(request, "organisations/switch.html", {"form": form, "memberships": memberships})
