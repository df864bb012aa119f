"""Publishing framework content as versions.

Loading the files (``tandem.frameworks.loader``) and publishing are separate: the loader checks
everything first, so nothing is published from files with a problem. Publishing adds a new
version with its own rows when a framework's content has changed, and never changes or deletes
the rows of a version already published: answers given against it keep their words.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from tandem.audit.services import audit_log
from tandem.frameworks.changes import ContentChanges, content_changes
from tandem.frameworks.loader import JOURNEY, FrameworkData, frameworks_read
from tandem.frameworks.models import (
    Activity,
    Framework,
    FrameworkVersion,
    GuidancePoint,
    Principle,
    Prompt,
    Stage,
)
from tandem.frameworks.permissions import can_publish_framework
from tandem.frameworks.published import content_published

DEFAULT_JOURNEY = "trauma-informed-journey"


def frameworks_content_path() -> Path:
    """Where the framework folders live: ``content/frameworks`` unless settings say otherwise."""
    return Path(getattr(settings, "FRAMEWORKS_PATH", Path(settings.BASE_DIR) / "content" / "frameworks"))


@dataclass(frozen=True)
class PublishResult:
    framework: Framework
    version: FrameworkVersion
    published: bool  # False when the content had not changed
    changes: ContentChanges | None  # None for a first version, or when nothing was published
    counts: dict[str, int]

    def describe(self) -> str:
        name = self.framework.name
        if not self.published:
            return f"{name}: no change, still version {self.version.number}"
        counts = self.counts
        parts = [
            f"{counts[key]} {label}"
            for key, label in (
                ("principles", "principles"),
                ("stages", "stages"),
                ("guidance", "guidance points"),
                ("prompts", "prompts"),
                ("activities", "activities"),
            )
            if counts.get(key)
        ]
        text = f"{name}: published version {self.version.number} ({', '.join(parts)})"
        if self.changes is not None:
            numbers = self.changes.counts()
            added = sum(item["added"] for item in numbers.values())
            removed = sum(item["removed"] for item in numbers.values())
            changed = sum(item["changed"] for item in numbers.values()) + len(self.changes.framework)
            text += f"; since version {self.version.number - 1}: {added} added, {removed} removed, {changed} changed"
        return text


def _version_rows(version: FrameworkVersion, data: FrameworkData) -> None:
    """Every row of a new version, in a fixed number of queries however much content."""
    principles = Principle.objects.bulk_create(
        [
            Principle(
                version=version,
                slug=principle.slug,
                name=principle.name,
                description=principle.description,
                order=order,
                source_file=principle.source.file,
                source_section=principle.source.section,
            )
            for order, principle in enumerate(data.principles, start=1)
        ]
    )
    principle_ids = {principle.slug: principle.pk for principle in principles}
    stages = Stage.objects.bulk_create(
        [
            Stage(
                version=version,
                slug=stage.slug,
                name=stage.name,
                title=stage.title,
                purpose=stage.purpose,
                order=order,
                maps_to=list(stage.maps_to),
                source_file=stage.source.file,
                source_section=stage.source.section,
            )
            for order, stage in enumerate(data.stages, start=1)
        ]
    )
    guidance_rows: list[GuidancePoint] = []
    guidance_principles: list[tuple[str, ...]] = []
    prompt_rows: list[Prompt] = []
    prompt_principles: list[tuple[str, ...]] = []
    activity_rows: list[Activity] = []
    for stage_row, stage in zip(stages, data.stages, strict=True):
        for order, point in enumerate(stage.guidance, start=1):
            guidance_rows.append(
                GuidancePoint(
                    stage=stage_row,
                    slug=point.slug,
                    title=point.title,
                    text=point.text,
                    order=order,
                    source_file=point.source.file,
                    source_section=point.source.section,
                )
            )
            guidance_principles.append(point.principles)
        for order, prompt in enumerate(stage.prompts, start=1):
            prompt_rows.append(
                Prompt(
                    stage=stage_row,
                    slug=prompt.slug,
                    voice=prompt.voice,
                    text=prompt.text,
                    order=order,
                    source_file=prompt.source.file,
                    source_section=prompt.source.section,
                )
            )
            prompt_principles.append(prompt.principles)
        for order, activity in enumerate(stage.activities, start=1):
            activity_rows.append(
                Activity(
                    stage=stage_row,
                    text=activity.text,
                    order=order,
                    source_file=activity.source.file,
                    source_section=activity.source.section,
                )
            )
    if guidance_rows:
        GuidancePoint.objects.bulk_create(guidance_rows)
        guidance_through = GuidancePoint.principles.through
        guidance_through.objects.bulk_create(
            [
                guidance_through(guidancepoint_id=row.pk, principle_id=principle_ids[slug])
                for row, slugs in zip(guidance_rows, guidance_principles, strict=True)
                for slug in slugs
            ]
        )
    if prompt_rows:
        Prompt.objects.bulk_create(prompt_rows)
        prompt_through = Prompt.principles.through
        prompt_through.objects.bulk_create(
            [
                prompt_through(prompt_id=row.pk, principle_id=principle_ids[slug])
                for row, slugs in zip(prompt_rows, prompt_principles, strict=True)
                for slug in slugs
            ]
        )
    if activity_rows:
        Activity.objects.bulk_create(activity_rows)


def _framework_publish(*, actor: Any, data: FrameworkData, frameworks: dict[str, Framework]) -> PublishResult:
    lens_of = frameworks.get(data.lens_of) if data.lens_of else None
    if data.lens_of and lens_of is None:
        lens_of = Framework.objects.filter(slug=data.lens_of).first()
    framework, _ = Framework.objects.get_or_create(
        slug=data.slug, defaults={"kind": data.kind, "name": data.name, "lens_of": lens_of}
    )
    # Lock the framework so two loads at once cannot both publish the same number.
    framework = Framework.objects.select_for_update().get(pk=framework.pk)
    frameworks[data.slug] = framework
    changed_fields = []
    for name, value in (("kind", data.kind), ("name", data.name), ("lens_of_id", lens_of.pk if lens_of else None)):
        if getattr(framework, name) != value:
            setattr(framework, name, value)
            changed_fields.append(name)
    if changed_fields:
        framework.save(update_fields=[*changed_fields, "updated_at"])
    previous = FrameworkVersion.objects.filter(framework=framework).order_by("-number").first()
    content = data.content
    digest = data.content_hash
    if previous is not None and previous.content_hash == digest:
        return PublishResult(framework, previous, published=False, changes=None, counts=data.counts)
    version = FrameworkVersion.objects.create(
        framework=framework,
        number=(previous.number + 1) if previous else 1,
        summary=data.summary,
        source_file=data.source.file,
        source_section=data.source.section,
        content_hash=digest,
        content=content,
        published_at=timezone.now(),
    )
    _version_rows(version, data)
    changes = content_changes(previous.content, content) if previous is not None else None
    result = PublishResult(framework, version, published=True, changes=changes, counts=data.counts)
    audit_log(
        actor=actor,
        action="frameworks.version.published",
        obj=version,
        before={"version": previous.number, "content_hash": previous.content_hash} if previous else None,
        after={
            "framework": framework.slug,
            "version": version.number,
            "content_hash": digest,
            "counts": data.counts,
            "changes": changes.summary() if changes is not None else "first version",
        },
        summary=result.describe(),
    )
    return result


def frameworks_publish(*, actor: Any, frameworks: Sequence[FrameworkData]) -> list[PublishResult]:
    """Publish a new version of each framework whose content changed, journeys before lenses,
    all in one transaction. ``actor`` None means the system (the framework_load command)."""
    can_publish_framework(actor).require()
    ordered = sorted(frameworks, key=lambda data: (data.kind != JOURNEY, data.slug))
    known: dict[str, Framework] = {}
    with transaction.atomic():
        results = [_framework_publish(actor=actor, data=data, frameworks=known) for data in ordered]
        if any(result.published for result in results):
            # A new lens, or a lens renamed, shows on the next page (tandem/frameworks/published.py).
            transaction.on_commit(content_published)
        return results


# Reading the files is the slow part of loading; keep what was read until a file changes.
_read_lock = threading.Lock()
_read_cache: dict[str, tuple[tuple[tuple[str, int, int], ...], tuple[FrameworkData, ...]]] = {}


def _files_signature(root: Path) -> tuple[tuple[str, int, int], ...]:
    return tuple(
        (str(path), stat.st_mtime_ns, stat.st_size)
        for path in sorted(root.rglob("*"))
        if path.is_file() and (stat := path.stat())
    )


def frameworks_read_cached(root: Path) -> tuple[FrameworkData, ...]:
    """``frameworks_read`` remembered until any file under ``root`` changes."""
    key = str(Path(root).resolve())
    signature = _files_signature(Path(root))
    found = _read_cache.get(key)
    if found is not None and found[0] == signature:
        return found[1]
    with _read_lock:
        frameworks = frameworks_read(Path(root))
        _read_cache[key] = (signature, frameworks)
    return frameworks


def frameworks_load(*, actor: Any, path: Path | None = None) -> list[PublishResult]:
    """Read, check and publish every framework under ``path`` (``content/frameworks``).

    Raises ``tandem.frameworks.loader.FrameworkError`` (listing every problem with its file and
    line) before publishing anything when a file is wrong.
    """
    return frameworks_publish(actor=actor, frameworks=frameworks_read_cached(path or frameworks_content_path()))


def frameworks_load_default() -> FrameworkVersion:
    """Load ``content/frameworks`` (publishing only what changed) and return the current version
    of the default journey. Other apps' tests use this through the ``journey_version`` fixture."""
    results = frameworks_load(actor=None)
    for result in results:
        if result.framework.slug == DEFAULT_JOURNEY:
            return result.version
    raise LookupError(f"content/frameworks has no framework called {DEFAULT_JOURNEY}")
