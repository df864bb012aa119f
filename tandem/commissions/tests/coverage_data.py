"""Small, exact framework and commission data for the coverage and export tests.

The framework is built straight through the models so the numbers are known by heart: the
default framework's content can change without breaking these counts. Commissions are started
through the service (``builders.commission_build``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from tandem.commissions.models import Commission, Response, ResponseKind, StageProgress
from tandem.frameworks.models import Framework, FrameworkKind, FrameworkVersion, Principle, Prompt, Stage, Voice

PRINCIPLES = (("safety", "Safety"), ("choice", "Choice"), ("collaboration", "Collaboration"))
STAGES = (("reflect", "Reflect", "Readiness and reflection"), ("assess", "Assess", "Understanding need"))


def journey_version_build(
    *, slug: str = "coverage-test-journey", prompts_per_stage: int = 3, stages: Iterable[tuple[str, str, str]] = STAGES
) -> FrameworkVersion:
    """A journey version with three principles and the given stages. In each stage, prompt i
    serves principle i mod 3; every third prompt (i mod 3 == 1) also serves the next principle."""
    framework = Framework.objects.create(slug=slug, kind=FrameworkKind.JOURNEY, name="Coverage test journey")
    version = FrameworkVersion.objects.create(
        framework=framework, number=1, content_hash="0" * 64, published_at=timezone.now()
    )
    principles = Principle.objects.bulk_create(
        [
            Principle(version=version, slug=p_slug, name=name, description=f"About {name}.", order=i)
            for i, (p_slug, name) in enumerate(PRINCIPLES)
        ]
    )
    for order, (s_slug, name, title) in enumerate(stages):
        stage = Stage.objects.create(version=version, slug=s_slug, name=name, title=title, order=order)
        prompts = Prompt.objects.bulk_create(
            [
                Prompt(
                    stage=stage,
                    slug=f"{s_slug}-{i}",
                    voice=Voice.FUNDER if i % 2 == 0 else Voice.BOTH,
                    text=f"{name} question {i}: what would help here?",
                    order=i,
                )
                for i in range(prompts_per_stage)
            ]
        )
        links = []
        for i, prompt in enumerate(prompts):
            links.append(Prompt.principles.through(prompt_id=prompt.pk, principle_id=principles[i % 3].pk))
            if i % 3 == 1:
                links.append(Prompt.principles.through(prompt_id=prompt.pk, principle_id=principles[(i + 1) % 3].pk))
        Prompt.principles.through.objects.bulk_create(links)
    return version


def responses_add(*, commission: Commission, author: Any, kinds: dict[Prompt, str], earlier: int = 0) -> None:
    """Give each prompt a current response of the given kind, after ``earlier`` older revisions."""
    rows = []
    for prompt, kind in kinds.items():
        for revision in range(1, earlier + 2):
            current = revision == earlier + 1
            rows.append(
                Response(
                    commission=commission,
                    prompt=prompt,
                    kind=kind,
                    text="" if kind == ResponseKind.NOT_RELEVANT else f"Our view on {prompt.slug}, take {revision}.",
                    reason=f"Another team covers {prompt.slug}." if kind == ResponseKind.NOT_RELEVANT else "",
                    evidence_links=[{"title": "Needs assessment", "url": "https://example.org/needs"}],
                    author=author,
                    revision=revision,
                    is_current=current,
                )
            )
    Response.objects.bulk_create(rows)


def stage_status_set(*, commission: Commission, slug: str, status: str) -> None:
    stage = Stage.objects.get(version=commission.framework_version, slug=slug)
    StageProgress.objects.update_or_create(commission=commission, stage=stage, defaults={"status": status})
