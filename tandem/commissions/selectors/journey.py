"""Reading a commission's journey: one stage with its guidance, prompts and responses; one
prompt with its history and comments; the commission seen through a process lens.

Each page's reads cost a fixed number of queries however many responses, revisions and
comments there are: rows come in with ``select_related`` and ``Prefetch`` objects, and counts
come from one grouped query. Permission is checked by the view with the commission this module
loads (its team is prefetched, so the checks cost nothing more).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, prefetch_related_objects

from tandem.commissions.models import (
    Comment,
    Commission,
    Response,
    ResponseKind,
    StageProgress,
    StageStatus,
    TeamMember,
)
from tandem.frameworks.models import (
    Framework,
    FrameworkKind,
    FrameworkVersion,
    Principle,
    Prompt,
    Stage,
    Voice,
)
from tandem.frameworks.published import (
    GuidanceContent,
    LensSummary,
    PrincipleContent,
    PromptContent,
    StageContent,
    StageSummary,
    published_stage_get,
)

# The source documents, by file name, as people know them (see shared/seeds/README.md).
SOURCE_TITLES = {
    "000_6fbddd7eb558c3a8.txt": "West Midlands Trauma Informed Commissioning Guidance (2024)",
    "001_c2a03f602861de7d.txt": "Plymouth Co-production Commissioning Toolkit (Changing Futures)",
    "002_8aa32778582341fd.txt": (
        "North East and North Cumbria Integrated Care System guidance for trauma-informed mental health transformation"
    ),
    "003_e5a1c04663832076.txt": (
        "Research in Practice: evidence in commissioning, and strategic partnerships with the voluntary sector"
    ),
    "004_e699c5b1eb6dfbf4.txt": "All Together Now: whole systems commissioning for councils and the voluntary sector",
}

VOICE_HEADINGS = {
    Voice.FUNDER: "Questions for funders",
    Voice.PROVIDER: "Questions for providers",
    Voice.BOTH: "Questions for funders and providers",
}


def source_title(file_name: str) -> str:
    """The title of a source document, from its file name (the file name if we do not know it)."""
    return SOURCE_TITLES.get(file_name, file_name)


def source_citation(file_name: str, section: str) -> str:
    """ "<document title>, <section>", or "" when there is no source."""
    if not file_name:
        return ""
    title = source_title(file_name)
    return f"{title}, {section}" if section else title


def voice_order(viewer_voice: str) -> list[str]:
    """The voices in the order a viewer should see them: their own first, then the questions for
    everyone, then the other side's."""
    own = Voice.PROVIDER if viewer_voice == Voice.PROVIDER else Voice.FUNDER
    other = Voice.FUNDER if own == Voice.PROVIDER else Voice.PROVIDER
    return [own, Voice.BOTH, other]


def journey_commission_get(*, pk: int) -> Commission | None:
    """The commission with what every journey page needs: its framework version and its team (so
    the permission checks cost no more queries). The lead funder and the framework itself are not
    read: no journey page shows them, and each table joined costs more to build than to read."""
    return (
        Commission.objects.select_related("framework_version")
        # The version's whole content (about 100 KB, for the pages that compare versions) is not shown here.
        .defer("framework_version__content")
        .prefetch_related(Prefetch("team", queryset=TeamMember.objects.select_related("user").order_by("pk")))
        .filter(pk=pk)
        .first()
    )


def stage_get(*, commission: Commission, slug: str) -> Stage | None:
    """A stage of the commission's own framework version."""
    return Stage.objects.filter(version_id=commission.framework_version_id, slug=slug).first()


def stage_status_get(*, commission: Commission, stage: Stage) -> str:
    """Where the team is with a stage ("not_started" when no one has set it)."""
    status = StageProgress.objects.filter(commission=commission, stage=stage).values_list("status", flat=True).first()
    return str(status) if status else StageStatus.NOT_STARTED.value


@dataclass
class GuidanceRow:
    point: GuidanceContent
    principles: tuple[PrincipleContent, ...]
    source: str


@dataclass
class PromptRow:
    prompt: PromptContent
    response: Response | None
    comment_count: int
    principles: tuple[PrincipleContent, ...]
    source: str
    # What sits beside the question (its guidance and why it matters), rendered once per version
    # and set by the view (``tandem/commissions/views/journey_fragments.py``).
    fragment: object = ""

    @property
    def earlier_count(self) -> int:
        return self.response.revision - 1 if self.response else 0


@dataclass
class VoiceGroup:
    voice: str
    heading: str
    rows: list[PromptRow]

    @property
    def answered(self) -> int:
        return sum(1 for row in self.rows if row.response is not None)


@dataclass
class StagePage:
    commission: Commission
    stage: StageSummary
    # The stage's framework content as it is kept (``tandem/frameworks/published.py``), for the
    # parts of the page that are the same for every commission on this version.
    content: StageContent
    status: str
    status_label: str
    status_by: Any
    status_at: Any
    is_current: bool
    guidance: list[GuidanceRow]
    groups: list[VoiceGroup]
    stages: tuple[StageSummary, ...]
    lenses: tuple[LensSummary, ...]
    previous: StageSummary | None = None
    next: StageSummary | None = None

    @property
    def prompt_count(self) -> int:
        return sum(len(group.rows) for group in self.groups)

    @property
    def answered_count(self) -> int:
        return sum(group.answered for group in self.groups)


def _principles(obj: Any) -> list[Principle]:
    return sorted(obj.principles.all(), key=lambda p: p.order)


def stage_page_get(*, commission: Commission, stage_slug: str, viewer_voice: str) -> StagePage | None:
    """Everything the stage page shows, or None when the commission's framework has no such stage.

    The stage's guidance and prompts, the other stages and the lenses are the same for every
    commission on the version, so they come from the shared cache once read. Three queries, however
    many responses and comments there are: the current responses, where the team is with the
    stage, and how many comments each prompt has.
    """
    published = published_stage_get(commission.framework_version, stage_slug, lenses=True)
    if published is None or published.stage is None:
        return None
    content = published.stage
    stage = content.stage
    prompt_pks = [prompt.pk for prompt in content.prompts]
    # No order: the rows are looked up by prompt. (Response's default order sorts through the
    # commission, prompt, stage, version and framework, five joins that cost more to build and plan
    # than reading the rows.)
    responses = {
        response.prompt_id: response
        for response in Response.objects.filter(commission=commission, is_current=True, prompt_id__in=prompt_pks)
        .select_related("author")
        .order_by()
    }
    progress = (
        StageProgress.objects.filter(commission=commission, stage_id=stage.pk).select_related("updated_by").first()
    )
    comment_counts = dict(
        Comment.objects.filter(commission=commission, prompt_id__in=prompt_pks)
        .order_by()
        .values("prompt_id")
        .annotate(n=Count("id"))
        .values_list("prompt_id", "n")
    )
    status = str(progress.status) if progress else StageStatus.NOT_STARTED.value
    by_voice: dict[str, list[PromptRow]] = defaultdict(list)
    for prompt in content.prompts:
        by_voice[prompt.voice].append(
            PromptRow(
                prompt=prompt,
                response=responses.get(prompt.pk),
                comment_count=comment_counts.get(prompt.pk, 0),
                principles=prompt.principles,
                source=source_citation(prompt.source_file, prompt.source_section),
            )
        )
    groups = [
        VoiceGroup(voice=voice, heading=VOICE_HEADINGS[Voice(voice)], rows=by_voice[voice])
        for voice in voice_order(viewer_voice)
        if by_voice.get(voice)
    ]
    guidance = [
        GuidanceRow(
            point=point,
            principles=point.principles,
            source=source_citation(point.source_file, point.source_section),
        )
        for point in content.guidance
    ]
    stages = published.outline.stages
    index = next(i for i, other in enumerate(stages) if other.pk == stage.pk)
    return StagePage(
        commission=commission,
        stage=stage,
        content=content,
        status=status,
        status_label=StageStatus(status).label,
        status_by=progress.updated_by if progress else None,
        status_at=progress.updated_at if progress and progress.updated_by_id else None,
        is_current=commission.current_stage == stage.slug,
        guidance=guidance,
        groups=groups,
        stages=stages,
        lenses=published.lenses,
        previous=stages[index - 1] if index > 0 else None,
        next=stages[index + 1] if index + 1 < len(stages) else None,
    )


@dataclass
class PromptPage:
    commission: Commission
    prompt: Prompt
    stage: Stage
    principles: list[Principle]
    source: str
    voice_heading: str
    current: Response | None
    earlier: list[Response]
    comments: list[Comment]
    previous_pk: int | None = None
    next_pk: int | None = None
    position: int = 1
    count: int = 1

    @property
    def current_revision(self) -> int:
        return self.current.revision if self.current else 0


def prompt_page_get(*, commission: Commission, prompt_pk: int, viewer_voice: str = Voice.FUNDER) -> PromptPage | None:
    """The prompt with every revision of its response (newest first) and its comments, or None
    when the prompt is not part of the commission's framework. Previous and next follow the
    order of the stage page for this viewer."""
    prompt = (
        Prompt.objects.select_related("stage")
        .prefetch_related("principles")
        .filter(pk=prompt_pk, stage__version_id=commission.framework_version_id)
        .first()
    )
    if prompt is None:
        return None
    prefetch_related_objects(
        [commission],
        Prefetch(
            "responses",
            queryset=Response.objects.filter(prompt=prompt).select_related("author").order_by("-revision"),
            to_attr="prompt_responses",
        ),
        Prefetch(
            "comments",
            queryset=Comment.objects.filter(prompt=prompt)
            .select_related("author")
            .prefetch_related("mentions")
            .order_by("created_at", "pk"),
            to_attr="prompt_comments",
        ),
    )
    revisions: list[Response] = commission.prompt_responses  # type: ignore[attr-defined]
    current = next((r for r in revisions if r.is_current), None)
    order = voice_order(viewer_voice)
    siblings = sorted(
        Prompt.objects.filter(stage_id=prompt.stage_id).values_list("pk", "voice", "order"),
        key=lambda row: (order.index(row[1]) if row[1] in order else len(order), row[2], row[0]),
    )
    pks = [row[0] for row in siblings]
    index = pks.index(prompt.pk)
    return PromptPage(
        commission=commission,
        prompt=prompt,
        stage=prompt.stage,
        principles=_principles(prompt),
        source=source_citation(prompt.source_file, prompt.source_section),
        voice_heading=VOICE_HEADINGS[Voice(prompt.voice)],
        current=current,
        earlier=[r for r in revisions if r is not current],
        comments=commission.prompt_comments,  # type: ignore[attr-defined]
        previous_pk=pks[index - 1] if index > 0 else None,
        next_pk=pks[index + 1] if index + 1 < len(pks) else None,
        position=index + 1,
        count=len(pks),
    )


def response_current_get(*, commission: Commission, prompt: Prompt) -> Response | None:
    return (
        Response.objects.filter(commission=commission, prompt=prompt, is_current=True).select_related("author").first()
    )


@dataclass
class JourneyStageSummary:
    stage: Stage
    status: str
    status_label: str
    prompt_count: int
    answered: int
    not_relevant: int

    @property
    def considered(self) -> int:
        return self.answered + self.not_relevant


@dataclass
class LensStageRow:
    stage: Stage
    activities: list[Any]
    journey_stages: list[JourneyStageSummary] = field(default_factory=list)


@dataclass
class LensPage:
    commission: Commission
    lens: Framework
    version: FrameworkVersion
    rows: list[LensStageRow]
    other_lenses: list[Framework]
    source: str


def lens_page_get(*, commission: Commission, framework_slug: str) -> LensPage | None:
    """The commission seen through a process lens (the lens's newest version), or None when there
    is no lens with that slug for the commission's journey."""
    journey_id = commission.framework_version.framework_id
    version = (
        FrameworkVersion.objects.select_related("framework")
        .filter(framework__slug=framework_slug, framework__kind=FrameworkKind.LENS, framework__lens_of_id=journey_id)
        .order_by("-number")
        .first()
    )
    if version is None:
        return None
    lens_stages = list(Stage.objects.filter(version=version).order_by("order").prefetch_related("activities"))
    journey_stages = list(
        Stage.objects.filter(version_id=commission.framework_version_id)
        .annotate(prompt_count=Count("prompts"))
        .order_by("order")
    )
    counts: dict[tuple[int, str], int] = {
        (row["prompt__stage_id"], row["kind"]): row["n"]
        for row in Response.objects.filter(commission=commission, is_current=True)
        .values("prompt__stage_id", "kind")
        .annotate(n=Count("id"))
    }
    statuses = dict(StageProgress.objects.filter(commission=commission).values_list("stage_id", "status"))
    summaries: dict[str, JourneyStageSummary] = {}
    for stage in journey_stages:
        status = str(statuses.get(stage.pk, StageStatus.NOT_STARTED))
        summaries[stage.slug] = JourneyStageSummary(
            stage=stage,
            status=status,
            status_label=StageStatus(status).label,
            prompt_count=stage.prompt_count,
            answered=counts.get((stage.pk, ResponseKind.ANSWER), 0) + counts.get((stage.pk, ResponseKind.DECISION), 0),
            not_relevant=counts.get((stage.pk, ResponseKind.NOT_RELEVANT), 0),
        )
    rows = [
        LensStageRow(
            stage=stage,
            activities=list(stage.activities.all()),
            journey_stages=[
                summaries[slug]
                for slug in (stage.maps_to if isinstance(stage.maps_to, list) else [])
                if slug in summaries
            ],
        )
        for stage in lens_stages
    ]
    others = list(
        Framework.objects.filter(kind=FrameworkKind.LENS, lens_of_id=journey_id)
        .exclude(pk=version.framework_id)
        .order_by("name")
    )
    return LensPage(
        commission=commission,
        lens=version.framework,
        version=version,
        rows=rows,
        other_lenses=others,
        source=source_citation(version.source_file, version.source_section),
    )
