from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from tandem.notifications.forms import EmailPreferencesForm, MarkReadForm
from tandem.notifications.kinds import always_kinds
from tandem.notifications.selectors import email_preferences_for_user, notification_list_for_user
from tandem.notifications.services import email_preferences_update, notification_mark_read

PAGE_SIZE = 25


@require_http_methods(["GET", "HEAD"])
@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(notification_list_for_user(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page})


def _back(request: HttpRequest, target: str) -> HttpResponseRedirect:
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(reverse("notifications:list"))


@require_POST
@login_required
def notification_mark_read_view(request: HttpRequest) -> HttpResponse:
    form = MarkReadForm(request.POST)
    target = str(request.POST.get("next", ""))[:2000]
    if not form.is_valid():
        messages.error(request, "We could not tell which notification to mark as read. Try again.")
        return _back(request, target)
    everything = form.cleaned_data["all"]
    changed = notification_mark_read(
        actor=request.user, notification_id=form.cleaned_data["notification"], everything=everything
    )
    if changed:
        messages.success(
            request, "All your notifications are marked as read." if everything else "Notification marked as read."
        )
    return _back(request, target)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def email_preferences(request: HttpRequest) -> HttpResponse:
    current = email_preferences_for_user(request.user)
    if request.method == "POST":
        form = EmailPreferencesForm(request.POST)
        if form.is_valid():
            email_preferences_update(actor=request.user, enabled=form.cleaned_data["emails"])
            messages.success(request, "Your email choices are saved.")
            return redirect("notifications:preferences")
    else:
        form = EmailPreferencesForm(initial={"emails": [code for code, on in current.items() if on]})
    return render(request, "notifications/preferences.html", {"form": form, "always": always_kinds()})
