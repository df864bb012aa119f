"""Framework content with everything the stage, prompt and lens pages show: principles with
descriptions, guidance points, prompts in both voices with their sources, and a lens with
activities (two versions, so the page must pick the newest). Built straight through the models;
the real content is loaded by the frameworks app."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from conftest import make_user
from tandem.commissions.models import Commission, Response, TeamMember, TeamRole
from tandem.commissions.tests.builders import commission_build
from tandem.frameworks.models import (
    Activity,
    Framework,
    FrameworkKind,
    FrameworkVersion,
    GuidancePoint,
    Principle,
    Prompt,
    Stage,
    Voice,
)

RICH_JOURNEY_SLUG = "rich-journey"
RICH_LENS_SLUG = "rich-journey-cycle"
SEED = "000_6fbddd7eb558c3a8.txt"
LENS_SEED = "004_e699c5b1eb6dfbf4.txt"
STAGES = (
    ("reflect", "Reflect", "Readiness and reflection"),
    ("assess", "Assess", "Needs and assets"),
    ("design", "Design", "Shaping the service"),
)


def _lens_build(journey: Framework) -> FrameworkVersion:
    lens = Framework.objects.create(
        slug=RICH_LENS_SLUG, kind=FrameworkKind.LENS, name="Analyse, plan, do, review", lens_of=journey
    )
    old = FrameworkVersion.objects.create(
        framework=lens, number=1, content_hash="a" * 64, content={}, published_at=timezone.now()
    )
    Stage.objects.create(version=old, slug="old-stage", name="An old stage", order=1, maps_to=["reflect"])
    version = FrameworkVersion.objects.create(
        framework=lens,
        number=2,
        content_hash="b" * 64,
        content={},
        published_at=timezone.now(),
        summary="A cycle of four steps that repeats.",
        source_file=LENS_SEED,
        source_section="Chapter 4",
    )
    for order, (slug, name, maps_to) in enumerate(
        (
            ("analyse", "Analyse", ["reflect", "assess"]),
            ("plan", "Plan", ["design"]),
            ("review", "Review", ["sustain"]),
        ),
        start=1,
    ):
        stage = Stage.objects.create(
            version=version, slug=slug, name=name, purpose=f"What {name.lower()} means.", order=order, maps_to=maps_to
        )
        for number in (1, 2):
            Activity.objects.create(stage=stage, text=f"{name} activity {number}.", order=number)
    return version


def rich_journey_build() -> FrameworkVersion:
    """Three stages; each with two guidance points and five prompts (two for funders, two for
    providers, one for both); two principles; and a lens with two versions."""
    existing = FrameworkVersion.objects.filter(framework__slug=RICH_JOURNEY_SLUG).order_by("-number").first()
    if existing is not None:
        return existing
    framework = Framework.objects.create(slug=RICH_JOURNEY_SLUG, kind=FrameworkKind.JOURNEY, name="Rich journey")
    version = FrameworkVersion.objects.create(
        framework=framework, number=1, content_hash="c" * 64, content={}, published_at=timezone.now()
    )
    safety = Principle.objects.create(
        version=version, slug="safety", name="Safety", description="People feel safe in body and mind.", order=1
    )
    choice = Principle.objects.create(
        version=version, slug="choice", name="Choice", description="People have a say in what happens.", order=2
    )
    for order, (slug, name, title) in enumerate(STAGES, start=1):
        stage = Stage.objects.create(
            version=version, slug=slug, name=name, title=title, purpose=f"Why {name} matters.", order=order
        )
        for number in (1, 2):
            point = GuidancePoint.objects.create(
                stage=stage,
                slug=f"{slug}-guidance-{number}",
                title=f"{name} guidance {number}",
                text=f"Advice number {number} for {name}.",
                order=number,
                source_file=SEED,
                source_section=f"{name}: guidance points",
            )
            point.principles.add(safety)
        for number, voice in enumerate(
            (Voice.FUNDER, Voice.FUNDER, Voice.PROVIDER, Voice.PROVIDER, Voice.BOTH), start=1
        ):
            prompt = Prompt.objects.create(
                stage=stage,
                slug=f"{slug}-{voice}-{number}",
                voice=voice,
                text=f"{name} question {number} for {voice}?",
                order=number,
                source_file=SEED,
                source_section=f"{name}: reflect and respond",
            )
            prompt.principles.add(safety, choice)
    _lens_build(framework)
    return version


def rich_commission_build(*, lead: Any, lead_funder: Any) -> Commission:
    """A commission on the rich journey, led by ``lead``, with two more people on the team:
    Priya Shah (lived-experience member) and Olive Observer (observer)."""
    commission = commission_build(lead=lead, lead_funder=lead_funder, version=rich_journey_build())
    priya = make_user("priya.shah@example.org", "Priya Shah")
    olive = make_user("olive.observer@example.org", "Olive Observer")
    TeamMember.objects.create(commission=commission, user=priya, role=TeamRole.LIVED_EXPERIENCE)
    TeamMember.objects.create(commission=commission, user=olive, role=TeamRole.OBSERVER)
    return commission


def prompt_of(commission: Commission, stage_slug: str = "reflect", voice: str = Voice.FUNDER) -> Prompt:
    return Prompt.objects.filter(
        stage__version=commission.framework_version, stage__slug=stage_slug, voice=voice
    ).order_by("order")[0]


def responses_bulk(commission: Commission, prompt: Prompt, *, count: int, author: Any) -> None:
    """``count`` revisions of a response to one prompt, the newest current."""
    Response.objects.bulk_create(
        [
            Response(
                commission=commission,
                prompt=prompt,
                kind="answer",
                text=f"Thinking number {number}",
                author=author,
                revision=number,
                is_current=number == count,
            )
            for number in range(1, count + 1)
        ]
    )
