"""How much of the journey a commission's team has thought about: a grid of principles by stages.

Pure: no Django. The selector in ``tandem/commissions/selectors/coverage.py`` reads the rows and
hands them over as plain values.

Counting rules (the coverage page says these in words too):

- A prompt is *considered* when it has a current response: an answer or a decision counts as
  *answered*; "not relevant here, because…" counts as *not relevant*. Both are considered.
- A prompt tagged with two principles counts once in each of those two principle rows, but only
  once in its stage's total and once in the grand total. So a stage's total can be smaller than
  the sum of the cells above it.
- A prompt with no principle counts in its stage's total but in no row.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

ANSWER = "answer"
DECISION = "decision"
NOT_RELEVANT = "not_relevant"
ANSWERED_KINDS = frozenset({ANSWER, DECISION})
KINDS = frozenset({ANSWER, DECISION, NOT_RELEVANT})


@dataclass(frozen=True)
class PrincipleRef:
    slug: str
    name: str


@dataclass(frozen=True)
class StageRef:
    slug: str
    name: str


@dataclass(frozen=True)
class PromptRef:
    id: int
    stage: str  # the stage slug
    principles: tuple[str, ...] = ()  # principle slugs
    text: str = ""


@dataclass(frozen=True)
class Cell:
    """Counts for one group of prompts (a cell, a row, a stage or everything)."""

    answered: int = 0
    not_relevant: int = 0
    total: int = 0

    @property
    def considered(self) -> int:
        return self.answered + self.not_relevant

    @property
    def not_considered(self) -> int:
        return self.total - self.considered

    @property
    def share(self) -> float:
        """The considered share, 0.0 to 1.0 (0.0 when there are no prompts)."""
        return self.considered / self.total if self.total else 0.0

    def __add__(self, other: Cell) -> Cell:
        return Cell(
            answered=self.answered + other.answered,
            not_relevant=self.not_relevant + other.not_relevant,
            total=self.total + other.total,
        )


@dataclass(frozen=True)
class Row:
    principle: PrincipleRef
    cells: tuple[Cell, ...]  # one per stage, in stage order
    total: Cell  # the whole row: each of the principle's prompts once


@dataclass(frozen=True)
class StageGap:
    """The prompts of one stage that nobody has responded to yet, in prompt order."""

    stage: StageRef
    prompts: tuple[PromptRef, ...]


@dataclass(frozen=True)
class Coverage:
    principles: tuple[PrincipleRef, ...]
    stages: tuple[StageRef, ...]
    rows: tuple[Row, ...]  # one per principle, in principle order
    stage_totals: tuple[Cell, ...]  # one per stage: each prompt in the stage once
    total: Cell  # every prompt once
    not_considered: tuple[StageGap, ...]  # one per stage, in stage order (may be empty)
    untagged: int  # prompts serving no principle: in the stage totals, in no row

    def cell(self, principle: str, stage: str) -> Cell:
        row = next(r for r in self.rows if r.principle.slug == principle)
        return row.cells[[s.slug for s in self.stages].index(stage)]

    @property
    def not_considered_count(self) -> int:
        return sum(len(gap.prompts) for gap in self.not_considered)


def _count(kind: str | None) -> Cell:
    if kind is None:
        return Cell(total=1)
    if kind in ANSWERED_KINDS:
        return Cell(answered=1, total=1)
    return Cell(not_relevant=1, total=1)


def coverage_compute(
    *,
    principles: Iterable[PrincipleRef],
    stages: Iterable[StageRef],
    prompts: Iterable[PromptRef],
    responses: Mapping[int, str],
) -> Coverage:
    """Count the prompts per principle and stage.

    ``responses`` maps a prompt id to the kind of its current response. Responses to prompts not
    listed are ignored (they belong to another version of the framework). A prompt naming a stage
    or principle that is not listed, or a response of an unknown kind, is a mistake in the data
    and raises ``ValueError``.
    """
    principle_list = tuple(principles)
    stage_list = tuple(stages)
    stage_index = {stage.slug: i for i, stage in enumerate(stage_list)}
    principle_index = {principle.slug: i for i, principle in enumerate(principle_list)}
    if len(stage_index) != len(stage_list) or len(principle_index) != len(principle_list):
        raise ValueError("Stage and principle slugs must be unique")

    grid = [[Cell() for _ in stage_list] for _ in principle_list]
    stage_totals = [Cell() for _ in stage_list]
    gaps: list[list[PromptRef]] = [[] for _ in stage_list]
    untagged = 0
    seen: set[int] = set()
    for prompt in prompts:
        if prompt.id in seen:
            raise ValueError(f"Prompt {prompt.id} is listed twice")
        seen.add(prompt.id)
        if prompt.stage not in stage_index:
            raise ValueError(f"Prompt {prompt.id} is in stage {prompt.stage!r}, which is not listed")
        column = stage_index[prompt.stage]
        kind = responses.get(prompt.id)
        if kind is not None and kind not in KINDS:
            raise ValueError(f"Prompt {prompt.id} has a response of unknown kind {kind!r}")
        counted = _count(kind)
        stage_totals[column] += counted
        if kind is None:
            gaps[column].append(prompt)
        tags = set(prompt.principles)
        if not tags:
            untagged += 1
        for slug in tags:
            if slug not in principle_index:
                raise ValueError(f"Prompt {prompt.id} names principle {slug!r}, which is not listed")
            grid[principle_index[slug]][column] += counted

    rows = tuple(
        Row(principle=principle, cells=tuple(cells), total=sum(cells, Cell()))
        for principle, cells in zip(principle_list, grid, strict=True)
    )
    return Coverage(
        principles=principle_list,
        stages=stage_list,
        rows=rows,
        stage_totals=tuple(stage_totals),
        total=sum(stage_totals, Cell()),
        not_considered=tuple(
            StageGap(stage=stage, prompts=tuple(found)) for stage, found in zip(stage_list, gaps, strict=True)
        ),
        untagged=untagged,
    )
