"""The same commission seen through a process lens, such as analyse, plan, do, review."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tandem.commissions.selectors.journey import lens_page_get
from tandem.commissions.views.stage import commission_for


@login_required
@require_GET
def lens_view(request: HttpRequest, pk: int, framework: str) -> HttpResponse:
    commission = commission_for(request, pk)
    page = lens_page_get(commission=commission, framework_slug=framework)
    if page is None:
        raise Http404("There is no such way to look at this commission")
    return render(
        request,
        "commissions/lens.html",
        {"page": page, "commission": commission},
    )
