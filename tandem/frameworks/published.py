"""A published version's content as plain data, read from the database once and then kept in the
shared cache, so the journey, stage and coverage pages need no query for it.

A version never changes once it is published (see ``models.py``), so what it holds is kept under a
key that names the version, its content hash and when it was published: nothing ever has to be
taken out of the cache for the content to stay right. Each entry is small and holds only what the pages show:

- the version's outline (its principles, its stages with how many prompts each has, and every
  prompt's words and principles), for the journey and coverage pages;
- one stage in full (its guidance points and prompts, each with its principles and source, and
  which question each guidance point sits beside: ``placement.py``), for the stage page.

The process lenses of a journey are not part of any one version: a new lens can be published at any
time. They are kept with the "generation" of published content, which publishing any framework
changes (``content_published``), so a new lens shows on the next page anyone opens.

Pages ask for everything they need in one trip to the cache (``published_get``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Prefetch

from tandem.frameworks.models import Framework, FrameworkKind, FrameworkVersion, GuidancePoint, Prompt, Stage
from tandem.frameworks.placement import Item, guidance_placement

# Change this whenever the shape of what is kept changes, so an entry written by older code is
# never read as the new shape (it is simply not found, and is read again from the database).
SCHEMA = 1
# Entries outlive a deployment's busy hours; a version's content never changes, so this only
# bounds how long an unused entry takes up room.
CACHE_SECONDS = 7 * 24 * 60 * 60
GENERATION_KEY = f"frameworks:published:{SCHEMA}:generation"


@dataclass(frozen=True)
class PrincipleContent:
    pk: int
    slug: str
    name: str
    description: str
    order: int

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class GuidanceContent:
    pk: int
    slug: str
    title: str
    text: str
    principles: tuple[PrincipleContent, ...]
    source_file: str
    source_section: str


@dataclass(frozen=True)
class PromptContent:
    pk: int
    slug: str
    voice: str
    text: str
    order: int
    principles: tuple[PrincipleContent, ...]
    source_file: str
    source_section: str
    # The guidance points that sit beside this question on the stage page (``placement.py``).
    guidance: tuple[GuidanceContent, ...] = ()


@dataclass(frozen=True)
class StageSummary:
    pk: int
    slug: str
    name: str
    title: str
    purpose: str
    order: int
    prompt_count: int

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class PromptSummary:
    """A prompt as the coverage page counts it."""

    pk: int
    stage_slug: str
    text: str
    principle_slugs: tuple[str, ...]


@dataclass(frozen=True)
class VersionOutline:
    version_pk: int
    principles: tuple[PrincipleContent, ...]
    stages: tuple[StageSummary, ...]
    # Every prompt of the version, stage by stage, in order.
    prompts: tuple[PromptSummary, ...]

    def stage(self, slug: str) -> StageSummary | None:
        return next((stage for stage in self.stages if stage.slug == slug), None)


@dataclass(frozen=True)
class StageContent:
    stage: StageSummary
    guidance: tuple[GuidanceContent, ...]
    prompts: tuple[PromptContent, ...]
    # The guidance points that sit beside no question, shown after them.
    guidance_after: tuple[GuidanceContent, ...] = ()


@dataclass(frozen=True)
class LensSummary:
    pk: int
    slug: str
    name: str

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class _Lenses:
    generation: str
    lenses: tuple[LensSummary, ...]


@dataclass(frozen=True)
class Published:
    """What one page asked for: the outline, a stage (when one was asked for and exists) and the lenses."""

    outline: VersionOutline
    stage: StageContent | None = None
    lenses: tuple[LensSummary, ...] = field(default_factory=tuple)


def version_key(version: FrameworkVersion) -> str:
    """The key of a published version: its id and content hash, and when it was published, so a
    database made again from scratch (with the same ids) never reads what the old one kept."""
    published = int(version.published_at.timestamp() * 1_000_000)
    return f"frameworks:published:{SCHEMA}:{version.pk}:{version.content_hash}:{published:x}"


def _outline_key(version: FrameworkVersion) -> str:
    return f"{version_key(version)}:outline"


def _stage_key(version: FrameworkVersion, slug: str) -> str:
    return f"{version_key(version)}:stage:{slug}"


def _lenses_key(journey_id: int) -> str:
    return f"frameworks:published:{SCHEMA}:lenses:{journey_id}"


def _principle(row: Any) -> PrincipleContent:
    return PrincipleContent(pk=row.pk, slug=row.slug, name=row.name, description=row.description, order=row.order)


def _principles_of(obj: Any) -> tuple[PrincipleContent, ...]:
    return tuple(_principle(p) for p in sorted(obj.principles.all(), key=lambda p: (p.order, p.pk)))


def _summary(stage: Stage, prompt_count: int) -> StageSummary:
    return StageSummary(
        pk=stage.pk,
        slug=stage.slug,
        name=stage.name,
        title=stage.title,
        purpose=stage.purpose,
        order=stage.order,
        prompt_count=prompt_count,
    )


def outline_read(version: FrameworkVersion) -> VersionOutline:
    """The outline from the database (four queries)."""
    principles = tuple(_principle(p) for p in version.principles.order_by("order", "pk"))
    stages = list(Stage.objects.filter(version=version).annotate(n=Count("prompts")).order_by("order", "pk"))
    prompts = list(
        Prompt.objects.filter(stage__version=version)
        .select_related("stage")
        .prefetch_related("principles")
        .order_by("stage__order", "stage__pk", "order", "pk")
    )
    return VersionOutline(
        version_pk=version.pk,
        principles=principles,
        stages=tuple(_summary(stage, stage.n) for stage in stages),
        prompts=tuple(
            PromptSummary(
                pk=prompt.pk,
                stage_slug=prompt.stage.slug,
                text=prompt.text,
                principle_slugs=tuple(p.slug for p in _principles_of(prompt)),
            )
            for prompt in prompts
        ),
    )


def stage_read(version: FrameworkVersion, slug: str) -> StageContent | None:
    """One stage in full from the database (five queries), or None when the version has no such stage."""
    stage = (
        Stage.objects.filter(version=version, slug=slug)
        .prefetch_related(
            Prefetch("guidance", queryset=GuidancePoint.objects.order_by("order", "pk").prefetch_related("principles")),
            Prefetch("prompts", queryset=Prompt.objects.order_by("order", "pk").prefetch_related("principles")),
        )
        .first()
    )
    if stage is None:
        return None
    guidance = tuple(
        GuidanceContent(
            pk=point.pk,
            slug=point.slug,
            title=point.title,
            text=point.text,
            principles=_principles_of(point),
            source_file=point.source_file,
            source_section=point.source_section,
        )
        for point in stage.guidance.all()
    )
    prompt_rows = list(stage.prompts.all())
    prompt_principles = {prompt.pk: _principles_of(prompt) for prompt in prompt_rows}
    placement = guidance_placement(
        [Item(p.pk, frozenset(x.slug for x in prompt_principles[p.pk]), p.text) for p in prompt_rows],
        [Item(g.pk, frozenset(x.slug for x in g.principles), f"{g.title} {g.text}") for g in guidance],
    )
    by_pk = {point.pk: point for point in guidance}
    prompts = tuple(
        PromptContent(
            pk=prompt.pk,
            slug=prompt.slug,
            voice=str(prompt.voice),
            text=prompt.text,
            order=prompt.order,
            principles=prompt_principles[prompt.pk],
            source_file=prompt.source_file,
            source_section=prompt.source_section,
            guidance=tuple(by_pk[pk] for pk in placement.beside.get(prompt.pk, ())),
        )
        for prompt in prompt_rows
    )
    return StageContent(
        stage=_summary(stage, len(prompt_rows)),
        guidance=guidance,
        prompts=prompts,
        guidance_after=tuple(by_pk[pk] for pk in placement.after),
    )


def lenses_read(journey_id: int) -> tuple[LensSummary, ...]:
    """The process lenses a commission on this journey can be seen through, by name (one query)."""
    return tuple(
        LensSummary(pk=pk, slug=slug, name=name)
        for pk, slug, name in Framework.objects.filter(kind=FrameworkKind.LENS, lens_of_id=journey_id)
        .order_by("name", "pk")
        .values_list("pk", "slug", "name")
    )


def _generation(found: dict[str, Any]) -> str:
    generation = found.get(GENERATION_KEY)
    if isinstance(generation, str):
        return generation
    cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
    kept = cache.get(GENERATION_KEY)
    return kept if isinstance(kept, str) else ""


def published_get(version: FrameworkVersion, *, lenses: bool = False) -> Published:
    """The outline of ``version``, with its journey's lenses when asked. One trip to the cache;
    anything not kept yet is read from the database and kept."""
    published = _published(version, stage=None, lenses=lenses)
    assert published is not None  # only a stage that is not there gives None
    return published


def published_stage_get(version: FrameworkVersion, slug: str, *, lenses: bool = False) -> Published | None:
    """The outline of ``version`` with one of its stages in full (and its journey's lenses when
    asked), or None when the version has no such stage. One trip to the cache, as above."""
    return _published(version, stage=slug, lenses=lenses)


def _published(version: FrameworkVersion, *, stage: str | None, lenses: bool) -> Published | None:
    outline_key = _outline_key(version)
    stage_key = _stage_key(version, stage) if stage is not None else ""
    lenses_key = _lenses_key(version.framework_id)
    keys = [outline_key]
    if stage is not None:
        keys.append(stage_key)
    if lenses:
        keys += [lenses_key, GENERATION_KEY]
    found = cache.get_many(keys)
    to_keep: dict[str, Any] = {}

    outline = found.get(outline_key)
    if not isinstance(outline, VersionOutline):
        outline = to_keep[outline_key] = outline_read(version)
    stage_content: StageContent | None = None
    if stage is not None and outline.stage(stage) is not None:
        kept_stage = found.get(stage_key)
        if isinstance(kept_stage, StageContent):
            stage_content = kept_stage
        else:
            stage_content = stage_read(version, stage)
            if stage_content is not None:
                to_keep[stage_key] = stage_content
    lens_list: tuple[LensSummary, ...] = ()
    if lenses:
        generation = _generation(found)
        kept_lenses = found.get(lenses_key)
        if isinstance(kept_lenses, _Lenses) and kept_lenses.generation == generation:
            lens_list = kept_lenses.lenses
        else:
            lens_list = lenses_read(version.framework_id)
            to_keep[lenses_key] = _Lenses(generation=generation, lenses=lens_list)
    if to_keep:
        cache.set_many(to_keep, CACHE_SECONDS)
    if stage is not None and stage_content is None:
        return None
    return Published(outline=outline, stage=stage_content, lenses=lens_list)


def content_published() -> None:
    """Say that a framework has been published: the next page reads the lenses afresh.

    Versions already kept stay right (each is kept under its own content hash); only the list of
    lenses, which is not part of a version, depends on this.
    """
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
