"""The real framework content in content/frameworks: it loads, it has the journey the guidance
describes, a tired person can read it, and every acronym it uses is in the glossary.

These tests read the real files, so they fail while the content is being written: that is
their job. Each failure lists every piece of text that needs work, with where it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import textstat

from tandem.frameworks.loader import FrameworkData, FrameworkError, frameworks_read
from tandem.glossary.terms import find_acronyms, glossary_load

ROOT = Path(__file__).resolve().parents[3]
CONTENT = ROOT / "content" / "frameworks"
GLOSSARY = ROOT / "content" / "glossary.yaml"
MAX_GRADE = 9.0
JOURNEY = "trauma-informed-journey"
STAGES = ["Reflect", "Assess", "Design", "Procure", "Relate", "Evaluate", "Sustain"]
PRINCIPLES = [
    "Safety",
    "Trustworthiness",
    "Choice",
    "Collaboration",
    "Empowerment",
    "Cultural consideration",
    "Connection",
]


@pytest.fixture(scope="module")
def frameworks() -> tuple[FrameworkData, ...]:
    try:
        return frameworks_read(CONTENT)
    except FrameworkError as error:
        pytest.fail(str(error))


def _prose(framework: FrameworkData) -> Iterator[tuple[str, str]]:
    """(where, text) for every piece of running text a reader meets."""
    yield f"{framework.slug}: summary", framework.summary
    for principle in framework.principles:
        yield f"{framework.slug}: principle {principle.slug}: description", principle.description
    for stage in framework.stages:
        where = f"{framework.slug}: stage {stage.slug}"
        yield f"{where}: {'summary' if framework.kind == 'lens' else 'purpose'}", stage.purpose
        for point in stage.guidance:
            yield f"{where}: guidance {point.slug}", point.text
        for prompt in stage.prompts:
            yield f"{where}: prompt {prompt.slug}", prompt.text
        for number, activity in enumerate(stage.activities, start=1):
            yield f"{where}: activity {number}", activity.text


def _everything(framework: FrameworkData) -> Iterator[tuple[str, str]]:
    """(where, text) for every word the pages show: prose, names, titles and sources."""
    yield from _prose(framework)
    yield f"{framework.slug}: name", framework.name
    yield f"{framework.slug}: source section", framework.source.section
    for principle in framework.principles:
        yield f"{framework.slug}: principle {principle.slug}: name", principle.name
        yield f"{framework.slug}: principle {principle.slug}: source section", principle.source.section
    for stage in framework.stages:
        where = f"{framework.slug}: stage {stage.slug}"
        yield f"{where}: name", stage.name
        yield f"{where}: title", stage.title
        yield f"{where}: source section", stage.source.section
        for point in stage.guidance:
            yield f"{where}: guidance {point.slug}: title", point.title
            yield f"{where}: guidance {point.slug}: source section", point.source.section
        for prompt in stage.prompts:
            yield f"{where}: prompt {prompt.slug}: source section", prompt.source.section
        for number, activity in enumerate(stage.activities, start=1):
            yield f"{where}: activity {number}: source section", activity.source.section


def test_the_real_content_loads_with_no_problems() -> None:
    try:
        loaded = frameworks_read(CONTENT)
    except FrameworkError as error:
        pytest.fail(str(error))
    kinds = {data.slug: data.kind for data in loaded}
    assert kinds == {
        JOURNEY: "journey",
        "co-production-commissioning": "lens",
        "analyse-plan-do-review": "lens",
    }


def test_the_journey_has_the_seven_stages_in_order_and_the_seven_principles(
    frameworks: tuple[FrameworkData, ...],
) -> None:
    journey = next(data for data in frameworks if data.slug == JOURNEY)
    assert [stage.name for stage in journey.stages] == STAGES
    assert [principle.name.casefold() for principle in journey.principles] == [name.casefold() for name in PRINCIPLES]
    for stage in journey.stages:
        voices = {prompt.voice for prompt in stage.prompts}
        assert stage.guidance, f"stage {stage.slug} has no guidance points"
        assert voices & {"funder", "both"} and voices & {"provider", "both"}, (
            f"stage {stage.slug} needs prompts for funders and for providers"
        )


def test_every_lens_stage_maps_to_journey_stages(frameworks: tuple[FrameworkData, ...]) -> None:
    lenses = [data for data in frameworks if data.kind == "lens"]
    assert lenses
    for lens in lenses:
        assert lens.lens_of == JOURNEY
        for stage in lens.stages:
            assert stage.maps_to and stage.activities, f"{lens.slug}: stage {stage.slug}"


def test_every_text_reads_at_grade_nine_or_below(frameworks: tuple[FrameworkData, ...]) -> None:
    too_hard = [
        f"{where} (grade {grade:.1f}): {text}"
        for framework in frameworks
        for where, text in _prose(framework)
        if (grade := textstat.flesch_kincaid_grade(text)) > MAX_GRADE
    ]
    assert not too_hard, (
        f"These texts have a Flesch-Kincaid grade above {MAX_GRADE:g}. Use shorter sentences and shorter "
        "words:\n" + "\n".join(too_hard)
    )


def test_every_acronym_has_a_glossary_entry(frameworks: tuple[FrameworkData, ...]) -> None:
    terms = glossary_load(GLOSSARY)
    known = {term.term for term in terms} | {term.term.casefold() for term in terms}
    missing = sorted(
        {
            f"{acronym} ({where})"
            for framework in frameworks
            for where, text in _everything(framework)
            for acronym in find_acronyms(text)
            if acronym not in known and acronym.casefold() not in known
        }
    )
    assert not missing, (
        "These acronyms in content/frameworks have no entry in content/glossary.yaml. Add an entry for "
        "each (term, full, definition), or write the words out:\n" + "\n".join(missing)
    )


def test_the_readability_check_would_catch_hard_text() -> None:
    hard = (
        "Commissioning organisations should systematically institutionalise comprehensive, evidence-informed "
        "methodologies, notwithstanding considerable organisational, administrative and infrastructural constraints."
    )
    assert textstat.flesch_kincaid_grade(hard) > MAX_GRADE
    assert find_acronyms("Ask the ICB and the VCSE sector.") == ["ICB", "VCSE"]


def test_the_stage_subtitles_say_what_the_team_does_in_everyday_words(frameworks: tuple[FrameworkData, ...]) -> None:
    """Issue 10, item 22: a subtitle such as "Scoping and strategic needs analysis" names the stage in
    the words of a commissioning manual. Each subtitle says what the team does ("Finding out what
    people need"), starting with that doing word, in words of no more than three syllables."""
    journey = next(framework for framework in frameworks if framework.slug == JOURNEY)
    hard = []
    for stage in journey.stages:
        words = stage.title.replace(",", "").split()
        if not words or not words[0].endswith("ing"):
            hard.append(f"{stage.slug}: {stage.title!r} does not start with what the team does")
        long_words = [word for word in words if textstat.syllable_count(word) > 3]
        if long_words:
            hard.append(f"{stage.slug}: {stage.title!r} has long words: {', '.join(long_words)}")
    assert not hard, "\n".join(hard)
    assert [stage.title for stage in journey.stages][1] == "Finding out what people need"
