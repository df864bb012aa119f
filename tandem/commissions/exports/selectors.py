"""Reads the commission's reflection log into the plain dataclasses the builders use.

A fixed number of queries however many responses and comments there are: the stages, the prompts
with their principles (two), the current responses with their authors, the comments with their
authors and the people they mention (two), and the stages' statuses. The team and partner funders
come from the commission as ``commission_get`` loaded it.

People are named, never shown by email address: the log leaves Tandem, and what of their contact
details the team sees is each person's choice. A comment that mentions someone by email address
names them instead.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from tandem.commissions.exports.log import (
    LogComment,
    LogLink,
    LogPerson,
    LogPrompt,
    LogResponse,
    LogStage,
    ReflectionLog,
    xml_safe,
)
from tandem.commissions.mentions import Mentionable, mentions_named
from tandem.commissions.models import Comment, Commission, Response, StageProgress, StageStatus
from tandem.commissions.permissions import can_view_commission
from tandem.commissions.selectors.commission import team_sorted
from tandem.frameworks.models import Principle, Prompt, Stage

# For someone with no name on their account: the log never falls back to an email address.
NO_NAME = "Someone on the team"


def _person(user: Any) -> str:
    if user is None:
        return "Someone who has left"
    return xml_safe(" ".join(str(user.full_name or "").split())) or NO_NAME


def _comment(comment: Comment) -> LogComment:
    mentioned = [Mentionable(key=user.pk, name=user.full_name, email=user.email) for user in comment.mentions.all()]
    return LogComment(
        author=_person(comment.author),
        text=xml_safe(mentions_named(comment.text, mentioned)),
        written_at=timezone.localtime(comment.created_at),
    )


def _links(raw: Any) -> tuple[LogLink, ...]:
    """Saved links are ``{"title", "url"}`` mappings; a bare string is read as an address."""
    links: list[LogLink] = []
    for item in raw if isinstance(raw, list) else []:
        if isinstance(item, Mapping):
            url = str(item.get("url", "")).strip()
            if url:
                links.append(LogLink(url=xml_safe(url), title=xml_safe(str(item.get("title", "")).strip())))
        elif isinstance(item, str) and item.strip():
            links.append(LogLink(url=xml_safe(item.strip())))
    return tuple(links)


def _response(response: Response) -> LogResponse:
    return LogResponse(
        kind=str(response.kind),
        kind_label=response.get_kind_display(),
        text=xml_safe(response.text),
        reason=xml_safe(response.reason),
        evidence_links=_links(response.evidence_links),
        author=_person(response.author),
        recorded_at=timezone.localtime(response.created_at),
        revision=response.revision,
    )


def commission_reflection_log(
    *, viewer: Any, commission: Commission, made_at: datetime.datetime | None = None
) -> ReflectionLog:
    """Everything the team has recorded, stage by stage, for the PDF and Word exports."""
    can_view_commission(viewer, commission).require()
    version_id = commission.framework_version_id
    stages = list(Stage.objects.filter(version_id=version_id).order_by("order", "pk"))
    prompts = list(
        Prompt.objects.filter(stage__version_id=version_id)
        .order_by("stage__order", "order", "pk")
        .prefetch_related(
            Prefetch("principles", queryset=Principle.objects.filter(version_id=version_id).order_by("order", "pk"))
        )
    )
    responses = {
        response.prompt_id: response
        for response in Response.objects.filter(commission=commission, is_current=True).select_related("author")
    }
    comments: dict[int, list[LogComment]] = {}
    for comment in (
        Comment.objects.filter(commission=commission)
        .select_related("author")
        .prefetch_related("mentions")
        .order_by("created_at", "pk")
    ):
        comments.setdefault(comment.prompt_id, []).append(_comment(comment))
    statuses = dict(StageProgress.objects.filter(commission=commission).values_list("stage_id", "status"))
    by_stage: dict[int, list[LogPrompt]] = {stage.pk: [] for stage in stages}
    for prompt in prompts:
        response = responses.get(prompt.pk)
        by_stage.setdefault(prompt.stage_id, []).append(
            LogPrompt(
                id=prompt.pk,
                text=xml_safe(prompt.text),
                voice_label=prompt.get_voice_display(),
                principles=tuple(xml_safe(p.name) for p in prompt.principles.all()),
                response=_response(response) if response is not None else None,
                comments=tuple(comments.get(prompt.pk, ())),
            )
        )
    labels = dict(StageStatus.choices)
    framework = commission.framework_version
    return ReflectionLog(
        title=xml_safe(commission.title),
        purpose=xml_safe(commission.purpose),
        lead_funder=xml_safe(commission.lead_funder.name),
        partner_funders=tuple(xml_safe(p.organisation.name) for p in commission.partner_funders.all()),
        team=tuple(
            LogPerson(name=_person(member.user), role=member.get_role_display()) for member in team_sorted(commission)
        ),
        framework=xml_safe(framework.framework.name),
        framework_version=framework.number,
        made_at=timezone.localtime(made_at or timezone.now()),
        made_by=_person(viewer),
        stages=tuple(
            LogStage(
                slug=stage.slug,
                name=xml_safe(stage.name),
                title=xml_safe(stage.title),
                status_label=str(labels.get(statuses.get(stage.pk, ""), StageStatus.NOT_STARTED.label)),
                prompts=tuple(by_stage[stage.pk]),
            )
            for stage in stages
        ),
    )
