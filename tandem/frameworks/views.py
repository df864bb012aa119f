"""Framework pages: the list, a version (current or numbered), and what changed in a version."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tandem.frameworks.changes import ADDED, CHANGED, REMOVED
from tandem.frameworks.models import (
    Activity,
    FrameworkKind,
    FrameworkVersion,
    GuidancePoint,
    Prompt,
    Stage,
    Voice,
)
from tandem.frameworks.permissions import can_view_framework, can_view_framework_changes
from tandem.frameworks.selectors import (
    framework_list,
    framework_version_changes,
    framework_version_current,
    framework_version_get,
    framework_version_numbers,
    framework_version_previous,
    journey_stages_current,
)

# The order prompts are shown in, with their headings.
VOICE_HEADINGS = (
    (Voice.FUNDER, "Questions for funders"),
    (Voice.PROVIDER, "Questions for providers"),
    (Voice.BOTH, "Questions for funders and providers"),
)


@dataclass
class PromptGroup:
    voice: str
    heading: str
    prompts: list[Prompt]


@dataclass
class StageSection:
    stage: Stage
    guidance: list[GuidancePoint]
    prompt_groups: list[PromptGroup]
    activities: list[Activity]
    maps_to: list[tuple[str, str]] = field(default_factory=list)  # (slug, name) of journey stages


def _sections(version: FrameworkVersion, journey_stages: dict[str, Stage]) -> list[StageSection]:
    sections = []
    for stage in version.stages.all():
        prompts = list(stage.prompts.all())
        groups = [
            PromptGroup(voice, heading, [prompt for prompt in prompts if prompt.voice == voice])
            for voice, heading in VOICE_HEADINGS
        ]
        sections.append(
            StageSection(
                stage=stage,
                guidance=list(stage.guidance.all()),
                prompt_groups=[group for group in groups if group.prompts],
                activities=list(stage.activities.all()),
                maps_to=[
                    (slug, journey_stages[slug].name if slug in journey_stages else slug) for slug in stage.maps_to
                ],
            )
        )
    return sections


def _version_page(request: HttpRequest, version: FrameworkVersion) -> HttpResponse:
    framework = version.framework
    versions = framework_version_numbers(framework)
    current_number = versions[0][0] if versions else version.number
    is_lens = framework.kind == FrameworkKind.LENS
    journey_stages = journey_stages_current(framework.lens_of) if is_lens else {}
    context: dict[str, Any] = {
        "framework": framework,
        "version": version,
        "is_current": version.number == current_number,
        "current_number": current_number,
        "versions": versions,
        "is_lens": is_lens,
        "principles": list(version.principles.all()),
        "sections": _sections(version, journey_stages),
        "can_see_changes": can_view_framework_changes(request.user).allowed,
    }
    return render(request, "frameworks/detail.html", context)


@login_required
@require_GET
def framework_list_view(request: HttpRequest) -> HttpResponse:
    can_view_framework(request.user).require()
    return render(request, "frameworks/list.html", {"frameworks": list(framework_list())})


@login_required
@require_GET
def framework_detail_view(request: HttpRequest, slug: str) -> HttpResponse:
    can_view_framework(request.user).require()
    version = framework_version_current(slug)
    if version is None:
        raise Http404("No framework here")
    return _version_page(request, version)


@login_required
@require_GET
def framework_version_view(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    can_view_framework(request.user).require()
    version = framework_version_get(slug, number)
    if version is None:
        raise Http404("No version of this framework has that number")
    return _version_page(request, version)


@login_required
@require_GET
def framework_changes_view(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    can_view_framework_changes(request.user).require()
    version = framework_version_get(slug, number, with_content=False)
    if version is None:
        raise Http404("No version of this framework has that number")
    changes = framework_version_changes(version)
    return render(
        request,
        "frameworks/changes.html",
        {
            "framework": version.framework,
            "version": version,
            "previous": framework_version_previous(version) if changes is not None else None,
            "changes": changes,
            "added": changes.with_status(ADDED) if changes else [],
            "removed": changes.with_status(REMOVED) if changes else [],
            "changed": changes.with_status(CHANGED) if changes else [],
            "counts": changes.count_rows() if changes else [],
        },
    )
