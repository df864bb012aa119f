"""The coverage page: what the team has and has not yet considered, by principle and stage."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from tandem.commissions.chart import coverage_chart_svg, coverage_text
from tandem.commissions.selectors.commission import commission_get
from tandem.commissions.selectors.coverage import commission_coverage


@login_required
@require_GET
def commission_coverage_view(request: HttpRequest, pk: int) -> HttpResponse:
    commission = commission_get(viewer=request.user, pk=pk)
    if commission is None:
        raise Http404("No commission here")
    coverage = commission_coverage(viewer=request.user, commission=commission)
    return render(
        request,
        "commissions/coverage.html",
        {
            "commission": commission,
            "coverage": coverage,
            "table_rows": [
                {
                    "principle": row.principle,
                    "cells": list(zip(coverage.stages, row.cells, strict=True)),
                    "total": row.total,
                }
                for row in coverage.rows
            ],
            "stage_columns": list(zip(coverage.stages, coverage.stage_totals, strict=True)),
            # Every piece of text in the chart is escaped as it is drawn (tandem/commissions/chart.py).
            "chart": mark_safe(coverage_chart_svg(coverage)),  # nosec: escaped in chart.py
            "chart_text": coverage_text(coverage),
        },
    )
