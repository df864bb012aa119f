"""Reads the framework pages (and other apps) need.

Framework content is guidance for everyone signed in, so these reads are not scoped further;
the views check ``can_view_framework`` and ``can_view_framework_changes``.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from tandem.frameworks.changes import ContentChanges, content_changes
from tandem.frameworks.models import Framework, FrameworkKind, FrameworkVersion, GuidancePoint, Prompt, Stage


def _with_content(versions: QuerySet[FrameworkVersion]) -> QuerySet[FrameworkVersion]:
    """Everything a version holds, in a fixed number of queries however much content there is:
    the version, its principles, stages, guidance points (with their principles), prompts (with
    their principles) and activities."""
    return versions.select_related("framework", "framework__lens_of").prefetch_related(
        "principles",
        Prefetch("stages", queryset=Stage.objects.order_by("order")),
        Prefetch("stages__guidance", queryset=GuidancePoint.objects.order_by("order").prefetch_related("principles")),
        Prefetch("stages__prompts", queryset=Prompt.objects.order_by("order").prefetch_related("principles")),
        "stages__activities",
    )


def framework_list() -> QuerySet[Framework]:
    """Every framework with at least one version, journeys first, with its current version's
    number and publishing time as ``current_number`` and ``current_published_at`` (one query)."""
    latest = FrameworkVersion.objects.filter(framework=OuterRef("pk")).order_by("-number")
    return (
        Framework.objects.annotate(
            current_number=Subquery(latest.values("number")[:1]),
            current_published_at=Subquery(latest.values("published_at")[:1]),
        )
        .filter(current_number__isnull=False)
        .select_related("lens_of")
        .order_by("kind", "name")
    )


def framework_get(*, slug: str) -> Framework | None:
    return Framework.objects.filter(slug=slug).select_related("lens_of").first()


def framework_version_current(slug: str, *, with_content: bool = True) -> FrameworkVersion | None:
    """The newest version of a framework, or None when it has none (or there is no such framework).

    With ``with_content`` (the default) its principles, stages, guidance, prompts and activities
    come prefetched; pass False when only the version row is needed.
    """
    versions = FrameworkVersion.objects.filter(framework__slug=slug).order_by("-number")
    return (_with_content(versions) if with_content else versions.select_related("framework")).first()


def framework_version_get(slug: str, number: int, *, with_content: bool = True) -> FrameworkVersion | None:
    """One numbered version of a framework, with its content prefetched (see above)."""
    versions = FrameworkVersion.objects.filter(framework__slug=slug, number=number)
    return (_with_content(versions) if with_content else versions.select_related("framework")).first()


def framework_version_numbers(framework: Framework) -> list[tuple[int, datetime]]:
    """Every version of a framework as (number, published_at), newest first."""
    return list(
        FrameworkVersion.objects.filter(framework=framework).order_by("-number").values_list("number", "published_at")
    )


def framework_version_previous(version: FrameworkVersion) -> FrameworkVersion | None:
    return (
        FrameworkVersion.objects.filter(framework_id=version.framework_id, number__lt=version.number)
        .order_by("-number")
        .first()
    )


def framework_version_changes(version: FrameworkVersion) -> ContentChanges | None:
    """What changed from the version before, matched by slug: principles, stages, guidance
    points and prompts added, removed and changed (with the old and the new words). None when
    this is the first version."""
    previous = framework_version_previous(version)
    if previous is None:
        return None
    return content_changes(previous.content, version.content)


def journey_stages_current(journey: Framework | None) -> dict[str, Stage]:
    """The stages of a journey's current version by slug, for showing what a lens maps to."""
    if journey is None or journey.kind != FrameworkKind.JOURNEY:
        return {}
    latest = FrameworkVersion.objects.filter(framework=journey).order_by("-number").values("pk")[:1]
    return {stage.slug: stage for stage in Stage.objects.filter(version=Subquery(latest)).order_by("order")}
