"""Reads for the coverage page: the commission's principles, stages, prompts and current
responses, handed to the pure grid arithmetic in ``tandem/commissions/coverage.py``.

Five queries however many responses there are (the commission itself is loaded by the view).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from tandem.commissions.coverage import Coverage, PrincipleRef, PromptRef, StageRef, coverage_compute
from tandem.commissions.models import Commission, Response
from tandem.commissions.permissions import can_view_commission
from tandem.frameworks.models import Principle, Prompt, Stage


def commission_coverage(*, viewer: Any, commission: Commission) -> Coverage:
    """How many prompts the team has considered, per principle and stage, and which are still open."""
    can_view_commission(viewer, commission).require()
    version_id = commission.framework_version_id
    principles = [
        PrincipleRef(slug=slug, name=name)
        for slug, name in Principle.objects.filter(version_id=version_id)
        .order_by("order", "pk")
        .values_list("slug", "name")
    ]
    stages = [
        StageRef(slug=slug, name=name)
        for slug, name in Stage.objects.filter(version_id=version_id)
        .order_by("order", "pk")
        .values_list("slug", "name")
    ]
    tags: defaultdict[int, list[str]] = defaultdict(list)
    for prompt_id, slug in (
        Prompt.principles.through.objects.filter(prompt__stage__version_id=version_id, principle__version_id=version_id)
        .order_by("principle__order")
        .values_list("prompt_id", "principle__slug")
    ):
        tags[prompt_id].append(slug)
    prompts = [
        PromptRef(id=pk, stage=stage_slug, principles=tuple(tags.get(pk, ())), text=text)
        for pk, stage_slug, text in Prompt.objects.filter(stage__version_id=version_id)
        .order_by("stage__order", "order", "pk")
        .values_list("pk", "stage__slug", "text")
    ]
    responses = dict(
        Response.objects.filter(commission=commission, is_current=True).order_by().values_list("prompt_id", "kind")
    )
    return coverage_compute(principles=principles, stages=stages, prompts=prompts, responses=responses)
