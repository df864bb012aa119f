"""The coverage arithmetic: plain pytest and hypothesis, no database."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.commissions.coverage import (
    ANSWER,
    DECISION,
    KINDS,
    NOT_RELEVANT,
    Cell,
    PrincipleRef,
    PromptRef,
    StageRef,
    coverage_compute,
)

PRINCIPLES = (PrincipleRef("safety", "Safety"), PrincipleRef("choice", "Choice"), PrincipleRef("voice", "Voice"))
STAGES = (StageRef("reflect", "Reflect"), StageRef("assess", "Assess"))


def test_counts_a_small_journey_by_hand():
    prompts = [
        PromptRef(1, "reflect", ("safety",)),
        PromptRef(2, "reflect", ("safety", "choice")),  # two principles
        PromptRef(3, "reflect", ("choice",)),
        PromptRef(4, "assess", ("safety",)),
        PromptRef(5, "assess", ()),  # serves no principle
    ]
    result = coverage_compute(
        principles=PRINCIPLES,
        stages=STAGES,
        prompts=prompts,
        responses={1: ANSWER, 2: NOT_RELEVANT, 4: DECISION, 99: ANSWER},
    )
    assert result.cell("safety", "reflect") == Cell(answered=1, not_relevant=1, total=2)
    assert result.cell("choice", "reflect") == Cell(answered=0, not_relevant=1, total=2)
    assert result.cell("voice", "reflect") == Cell()
    assert result.cell("safety", "assess") == Cell(answered=1, total=1)
    # Prompt 2 is in both the safety and choice rows, but once in Reflect's total.
    assert result.stage_totals == (Cell(answered=1, not_relevant=1, total=3), Cell(answered=1, total=2))
    assert result.total == Cell(answered=2, not_relevant=1, total=5)
    assert result.rows[0].total == Cell(answered=2, not_relevant=1, total=3)
    assert result.untagged == 1
    # Not relevant counts as considered: only 3 and 5 are still open.
    assert [[p.id for p in gap.prompts] for gap in result.not_considered] == [[3], [5]]
    assert [gap.stage.slug for gap in result.not_considered] == ["reflect", "assess"]
    assert result.not_considered_count == 2


def test_cell_arithmetic():
    cell = Cell(answered=2, not_relevant=1, total=5)
    assert cell.considered == 3
    assert cell.not_considered == 2
    assert cell.share == pytest.approx(0.6)
    assert Cell().share == 0.0
    assert cell + Cell(answered=1, total=1) == Cell(answered=3, not_relevant=1, total=6)


def test_a_response_to_a_prompt_of_another_version_is_ignored():
    result = coverage_compute(
        principles=PRINCIPLES, stages=STAGES, prompts=[PromptRef(1, "reflect", ("safety",))], responses={2: ANSWER}
    )
    assert result.total == Cell(total=1)


@pytest.mark.parametrize(
    ("prompts", "responses", "message"),
    [
        ([PromptRef(1, "nowhere", ())], {}, "stage 'nowhere'"),
        ([PromptRef(1, "reflect", ("nobody",))], {}, "principle 'nobody'"),
        ([PromptRef(1, "reflect", ())], {1: "maybe"}, "unknown kind"),
        ([PromptRef(1, "reflect", ()), PromptRef(1, "assess", ())], {}, "listed twice"),
    ],
)
def test_mistakes_in_the_data_are_named(prompts, responses, message):
    with pytest.raises(ValueError, match=message):
        coverage_compute(principles=PRINCIPLES, stages=STAGES, prompts=prompts, responses=responses)


def test_duplicate_slugs_are_refused():
    with pytest.raises(ValueError, match="unique"):
        coverage_compute(principles=PRINCIPLES, stages=(*STAGES, STAGES[0]), prompts=[], responses={})


def test_an_empty_journey_has_empty_totals():
    result = coverage_compute(principles=PRINCIPLES, stages=STAGES, prompts=[], responses={})
    assert result.total == Cell()
    assert all(gap.prompts == () for gap in result.not_considered)


slugs = st.sampled_from([p.slug for p in PRINCIPLES])


@st.composite
def journeys(draw: st.DrawFn) -> tuple[list[PromptRef], dict[int, str]]:
    count = draw(st.integers(min_value=0, max_value=40))
    prompts = [
        PromptRef(
            id=i,
            stage=draw(st.sampled_from([s.slug for s in STAGES])),
            principles=tuple(draw(st.lists(slugs, max_size=3, unique=True))),
        )
        for i in range(count)
    ]
    responses = draw(
        st.dictionaries(st.integers(min_value=0, max_value=count + 5), st.sampled_from(sorted(KINDS)), max_size=50)
    )
    return prompts, responses


@settings(max_examples=200, deadline=None)
@given(journeys())
def test_totals_always_add_up(journey):
    prompts, responses = journey
    result = coverage_compute(principles=PRINCIPLES, stages=STAGES, prompts=prompts, responses=responses)
    ids = {p.id for p in prompts}
    answered = sum(1 for i, kind in responses.items() if i in ids and kind in (ANSWER, DECISION))
    not_relevant = sum(1 for i, kind in responses.items() if i in ids and kind == NOT_RELEVANT)

    # Every prompt counts once overall and once in its stage.
    assert result.total == Cell(answered=answered, not_relevant=not_relevant, total=len(prompts))
    assert sum(result.stage_totals, Cell()) == result.total
    for stage, total in zip(STAGES, result.stage_totals, strict=True):
        assert total.total == sum(1 for p in prompts if p.stage == stage.slug)
    # A row is the sum of its cells; a prompt counts once in each of its principles' rows.
    for row in result.rows:
        assert sum(row.cells, Cell()) == row.total
        assert row.total.total == sum(1 for p in prompts if row.principle.slug in p.principles)
    # A column's cells add up to at least the stage total less the untagged prompts, and exactly
    # the number of (prompt, principle) pairs in that stage.
    for c, stage in enumerate(STAGES):
        column = sum((row.cells[c] for row in result.rows), Cell())
        assert column.total == sum(len(p.principles) for p in prompts if p.stage == stage.slug)
    # Every cell is consistent, and the open list holds exactly the prompts with no response.
    for row in result.rows:
        for cell in row.cells:
            assert 0 <= cell.considered <= cell.total
    open_ids = [p.id for gap in result.not_considered for p in gap.prompts]
    assert sorted(open_ids) == sorted(p.id for p in prompts if p.id not in responses)
    assert result.not_considered_count == result.total.not_considered
    assert result.untagged == sum(1 for p in prompts if not p.principles)
