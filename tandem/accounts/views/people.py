"""Site administrators look people up and help them back into their accounts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from tandem.accounts.elevation import password_confirmation_redirect
from tandem.accounts.forms import PeopleSearchForm, TwoFactorResetForm
from tandem.accounts.permissions import can_manage_people, can_reset_two_factor
from tandem.accounts.selectors import user_get_for_admin, user_list_for_admin
from tandem.accounts.services import two_factor_reset
from tandem.accounts.views.common import signed_in_user
from tandem.core.drafts import draft_as_initial, draft_clear, draft_form_data
from tandem.core.exceptions import ApplicationError
from tandem.frontend.form_errors import error_to_form

PAGE_SIZE = 50


def _require_manage(request: HttpRequest) -> None:
    can_manage_people(request.user).require()


@login_required
def people(request: HttpRequest) -> HttpResponse:
    _require_manage(request)
    form = PeopleSearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    page = Paginator(user_list_for_admin(query=query), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "accounts/people.html", {"form": form, "search": query, "page": page})


@login_required
def person(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manage(request)
    target = user_get_for_admin(pk)
    if target is None:
        raise Http404("No such person")
    context = {
        "person": target,
        "memberships": sorted(target.memberships.all(), key=lambda m: (m.organisation.name.casefold(), m.pk)),
        "can_reset": can_reset_two_factor(request.user, target),
    }
    return render(request, "accounts/person.html", context)


@login_required
def person_two_factor_reset(request: HttpRequest, pk: int) -> HttpResponse:
    """A change to someone else's account: asks for the administrator's password again when they
    have not typed it recently, keeping the reason they typed."""
    _require_manage(request)
    target = user_get_for_admin(pk)
    if target is None:
        raise Http404("No such person")
    can_reset_two_factor(request.user, target).require()
    confirm_first = password_confirmation_redirect(request)
    if confirm_first is not None:
        return confirm_first
    if request.method == "POST":
        form = TwoFactorResetForm(request.POST)
    else:
        data, restored = draft_form_data(request)
        form = TwoFactorResetForm(initial=draft_as_initial(data)) if restored else TwoFactorResetForm()
    if request.method == "POST" and form.is_valid():
        try:
            two_factor_reset(actor=signed_in_user(request), user=target, reason=form.cleaned_data["reason"])
        except ApplicationError as exc:
            error_to_form(form, exc)
        else:
            draft_clear(user=request.user, path=request.path)
            messages.success(request, f"Two-factor authentication is reset for {target}. We have told them.")
            return HttpResponseRedirect(reverse("accounts:person", args=[target.pk]))
    return render(request, "accounts/person_two_factor_reset.html", {"person": target, "form": form})
