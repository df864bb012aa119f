"""The coverage page: what the team has and has not yet considered, by principle and stage."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET

from tandem.commissions.chart import coverage_chart_svg, coverage_text
from tandem.commissions.coverage import Coverage
from tandem.commissions.selectors.commission import commission_get
from tandem.commissions.selectors.coverage import commission_coverage
from tandem.commissions.views.journey_fragments import KEPT_SECONDS, digest, source_fingerprint

# The coverage page's template holds its table, picture and gaps in a ``{% cache %}``; these are
# it, what it includes, and the code that draws the picture and words it.
BODY_TEMPLATES = ("commissions/coverage.html", "commissions/_coverage_cell.html")
BODY_MODULES = ("tandem.commissions.chart", "tandem.commissions.coverage")


def body_key(commission_pk: int, coverage: Coverage) -> str:
    """The key of the page's table, picture and gaps: a digest of everything they show (the whole
    coverage, with every prompt's words, and the commission its links lead to)."""
    return digest([source_fingerprint(BODY_TEMPLATES, BODY_MODULES), commission_pk, coverage])


def _table_rows(coverage: Coverage) -> list[dict[str, Any]]:
    return [
        {
            "principle": row.principle,
            "cells": list(zip(coverage.stages, row.cells, strict=True)),
            "total": row.total,
        }
        for row in coverage.rows
    ]


def _chart(coverage: Coverage) -> SafeString:
    # Every piece of text in the chart is escaped as it is drawn (tandem/commissions/chart.py).
    return mark_safe(coverage_chart_svg(coverage))  # nosec: escaped in chart.py


@login_required
@require_GET
def commission_coverage_view(request: HttpRequest, pk: int) -> HttpResponse:
    # The page shows no partner funders, so they are not read.
    commission = commission_get(viewer=request.user, pk=pk, partners=False)
    if commission is None:
        raise Http404("No commission here")
    coverage = commission_coverage(viewer=request.user, commission=commission)
    return render(
        request,
        "commissions/coverage.html",
        {
            "commission": commission,
            "coverage": coverage,
            # The table, picture and gaps are drawn only when what they show has changed: the
            # template keeps them under this key, and calls these only to draw them again.
            "body_key": body_key(commission.pk, coverage),
            "kept_seconds": KEPT_SECONDS,
            "table_rows": lambda: _table_rows(coverage),
            "stage_columns": lambda: list(zip(coverage.stages, coverage.stage_totals, strict=True)),
            "chart": lambda: _chart(coverage),
            "chart_text": lambda: coverage_text(coverage),
        },
    )
