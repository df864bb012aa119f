from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from tandem.glossary.selectors import glossary_groups


@require_http_methods(["GET", "HEAD"])
def glossary_index(request: HttpRequest) -> HttpResponse:
    """Every term A to Z. Public: no sign-in needed."""
    return render(request, "glossary/index.html", {"groups": glossary_groups()})
