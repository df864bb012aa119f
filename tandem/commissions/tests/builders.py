"""Small, real framework content and commissions for tests, built straight through the models
and services (the full journey content is loaded by the frameworks app; these tests only need
its shape: seven stages in order, a few prompts, and one lens)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from tandem.commissions.models import Commission
from tandem.commissions.services.commission import CommissionDetails, commission_create
from tandem.frameworks.models import Framework, FrameworkKind, FrameworkVersion, Principle, Prompt, Stage, Voice

STAGE_NAMES = ("Reflect", "Assess", "Design", "Procure", "Relate", "Evaluate", "Sustain")
TEST_JOURNEY_SLUG = "test-journey"


def journey_build(
    *, slug: str = TEST_JOURNEY_SLUG, name: str = "Test journey", prompts_per_stage: int = 2
) -> FrameworkVersion:
    """A journey framework with one version: seven stages, each with a few prompts, and a lens
    that maps onto it. Calling it again for the same slug returns the newest version."""
    existing = FrameworkVersion.objects.filter(framework__slug=slug).order_by("-number").first()
    if existing is not None:
        return existing
    framework = Framework.objects.create(slug=slug, kind=FrameworkKind.JOURNEY, name=name)
    version = FrameworkVersion.objects.create(
        framework=framework, number=1, content_hash="0" * 64, content={}, published_at=timezone.now()
    )
    principle = Principle.objects.create(
        version=version, slug="safety", name="Safety", description="People feel safe.", order=1
    )
    for order, stage_name in enumerate(STAGE_NAMES, start=1):
        stage = Stage.objects.create(
            version=version,
            slug=stage_name.lower(),
            name=stage_name,
            title=f"The {stage_name.lower()} stage",
            purpose=f"What the {stage_name.lower()} stage is for.",
            order=order,
        )
        for number in range(1, prompts_per_stage + 1):
            prompt = Prompt.objects.create(
                stage=stage,
                slug=f"{stage.slug}-prompt-{number}",
                voice=Voice.FUNDER,
                text=f"Question {number} about {stage_name}?",
                order=number,
            )
            prompt.principles.add(principle)
    lens = Framework.objects.create(
        slug=f"{slug}-lens", kind=FrameworkKind.LENS, name=f"{name} lens", lens_of=framework
    )
    lens_version = FrameworkVersion.objects.create(
        framework=lens, number=1, content_hash="1" * 64, content={}, published_at=timezone.now()
    )
    Stage.objects.create(version=lens_version, slug="analyse", name="Analyse", order=1, maps_to=["reflect", "assess"])
    return version


def details(**overrides: Any) -> CommissionDetails:
    values: dict[str, Any] = {
        "title": "Domestic abuse support",
        "purpose": "Safe, steady support for people leaving abuse.",
        "service_area": "Domestic abuse",
        "people_for": "Adults and children in Anyborough affected by domestic abuse.",
    }
    values.update(overrides)
    return CommissionDetails(**values)


def commission_build(
    *, lead: Any, lead_funder: Any, version: FrameworkVersion | None = None, **overrides: Any
) -> Commission:
    """A commission started by ``lead`` for ``lead_funder``, through the service."""
    return commission_create(
        actor=lead,
        lead_funder=lead_funder,
        framework_version=version or journey_build(),
        details=details(**overrides),
    )
