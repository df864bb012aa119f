"""Reads for the coverage page: the commission's principles, stages, prompts and current
responses, handed to the pure grid arithmetic in ``tandem/commissions/coverage.py``.

One query however many responses there are (the commission itself is loaded by the view): the
framework's principles, stages and prompts are the same for every commission on its version, so
they come from the shared cache once read (``tandem/frameworks/published.py``).
"""

from __future__ import annotations

from typing import Any

from tandem.commissions.coverage import Coverage, PrincipleRef, PromptRef, StageRef, coverage_compute
from tandem.commissions.models import Commission, Response
from tandem.commissions.permissions import can_view_commission
from tandem.frameworks.published import published_get


def commission_coverage(*, viewer: Any, commission: Commission) -> Coverage:
    """How many prompts the team has considered, per principle and stage, and which are still open."""
    can_view_commission(viewer, commission).require()
    outline = published_get(commission.framework_version).outline
    responses = dict(
        Response.objects.filter(commission=commission, is_current=True).order_by().values_list("prompt_id", "kind")
    )
    return coverage_compute(
        principles=[PrincipleRef(slug=p.slug, name=p.name) for p in outline.principles],
        stages=[StageRef(slug=s.slug, name=s.name) for s in outline.stages],
        prompts=[
            PromptRef(id=p.pk, stage=p.stage_slug, principles=p.principle_slugs, text=p.text) for p in outline.prompts
        ],
        responses=responses,
    )
