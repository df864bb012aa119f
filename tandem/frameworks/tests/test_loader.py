"""The framework file loader: plain pytest and hypothesis, no database."""

from __future__ import annotations

import re
import shutil
import string
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tandem.frameworks.loader import (
    FrameworkError,
    content_hash,
    framework_read,
    frameworks_read,
)
from tandem.frameworks.tests.helpers import BROKEN, VALID, edit

LINE_RE = re.compile(r"^\S.*\.ya?ml(, line \d+)?: .+")


def problems_of(root: Path) -> list[str]:
    with pytest.raises(FrameworkError) as caught:
        frameworks_read(root)
    return [str(problem) for problem in caught.value.problems]


def only_problem(root: Path) -> str:
    problems = problems_of(root)
    assert len(problems) == 1, problems
    return problems[0]


# Valid content ---------------------------------------------------------------------------------


def test_valid_fixtures_load_journeys_first() -> None:
    journey, lens = frameworks_read(VALID)
    assert (journey.slug, journey.kind, lens.slug, lens.kind) == ("test-journey", "journey", "test-lens", "lens")
    assert [p.slug for p in journey.principles] == ["safety", "trustworthiness", "choice"]
    # One stage from stages/reflect.yaml, one written out in framework.yaml.
    assert [s.slug for s in journey.stages] == ["reflect", "design"]
    reflect, design = journey.stages
    assert reflect.title == "Getting ready"
    assert reflect.purpose == "Think about whether you are ready.\n\nA second paragraph, to show paragraphs are kept."
    assert [p.slug for p in reflect.guidance] == ["know-your-why", "starting-point"]
    assert reflect.guidance[1].principles == ("safety", "trustworthiness")
    assert [(p.slug, p.voice) for p in design.prompts] == [
        ("weights-published", "funder"),
        ("both-sides-heard", "both"),
    ]
    assert design.prompts[0].source.section == "Design: reflect and respond"
    assert journey.summary == "A small journey used by the tests. It has three principles and two stages."
    assert journey.counts == {"principles": 3, "stages": 2, "guidance": 3, "prompts": 4, "activities": 0}


def test_lens_stages_map_to_journey_stages_and_activities_inherit_their_stage_source() -> None:
    _, lens = frameworks_read(VALID)
    assert lens.lens_of == "test-journey"
    analyse, plan = lens.stages
    assert analyse.maps_to == ("reflect",)
    assert plan.maps_to == ("reflect", "design")
    assert analyse.purpose == "Find out what people need."
    assert [a.text for a in analyse.activities] == [
        "Listen to people who use services.",
        "Look at what already exists.",
    ]
    assert analyse.activities[0].source == analyse.source
    assert analyse.activities[1].source.file == "003_e5a1c04663832076.txt"
    # A plain line of text is an activity too.
    assert plan.activities[0].text == "Agree the outcomes with providers."
    assert plan.activities[0].source == plan.source


def test_content_is_plain_data_and_its_hash_is_stable() -> None:
    journey, lens = frameworks_read(VALID)
    assert journey.content["stages"][1]["prompts"][0] == {
        "slug": "weights-published",
        "voice": "funder",
        "text": "Have we told bidders how we will score them?",
        "principles": ["trustworthiness", "choice"],
        "source": {"file": "000_6fbddd7eb558c3a8.txt", "section": "Design: reflect and respond"},
    }
    assert lens.content["lens_of"] == "test-journey"
    assert lens.content["stages"][0]["summary"] == "Find out what people need."
    assert re.fullmatch(r"[0-9a-f]{64}", journey.content_hash)
    assert journey.content_hash == content_hash(journey.content) == frameworks_read(VALID)[0].content_hash
    assert journey.content_hash != lens.content_hash


def test_hash_ignores_layout_but_not_words(valid_copy: Path) -> None:
    before = frameworks_read(valid_copy)[0].content_hash
    path = valid_copy / "test-journey" / "framework.yaml"
    # Key order, comments and line wrapping are layout, not content.
    edit(path, "slug: test-journey\nkind: journey\n", "kind: journey\n# a comment\nslug: test-journey\n")
    edit(path, "It has three principles\n  and two stages.", "It has three principles and two stages.")
    assert frameworks_read(valid_copy)[0].content_hash == before
    edit(path, "description: People feel safe.", "description: People feel safe and calm.")
    assert frameworks_read(valid_copy)[0].content_hash != before


def test_framework_read_reads_one_folder() -> None:
    journey = framework_read(VALID / "test-journey")
    assert journey.slug == "test-journey"
    # A lens on its own cannot be checked against its journey unless it is given the journeys.
    assert framework_read(VALID / "test-lens").lens_of == "test-journey"
    with pytest.raises(FrameworkError, match="lens_of names"):
        framework_read(VALID / "test-lens", journeys={})
    assert framework_read(VALID / "test-lens", journeys={"test-journey": journey}).slug == "test-lens"


# Broken fixtures: the bad input ------------------------------------------------------------


def test_missing_field_names_file_and_line() -> None:
    problems = problems_of(BROKEN / "missing-field")
    root = "tandem/frameworks/tests/fixtures/broken/missing-field/test-journey"
    assert problems == [
        f'{root}/framework.yaml, line 13: principle "choice" is missing "description"',
        f'{root}/stages/reflect.yaml, line 13: prompt "staff-understand-trauma" is missing "text"',
    ]


def test_principle_that_does_not_exist_names_file_line_and_choices() -> None:
    problem = only_problem(BROKEN / "unknown-principle")
    assert problem == (
        "tandem/frameworks/tests/fixtures/broken/unknown-principle/test-journey/framework.yaml, line 33: "
        'prompt "weights-published" names a principle "saftey" that does not exist '
        '(choose from safety, trustworthiness). Did you mean "safety"?'
    )


def test_invalid_yaml_names_the_line() -> None:
    problem = only_problem(BROKEN / "bad-yaml")
    assert problem.startswith("tandem/frameworks/tests/fixtures/broken/bad-yaml/test-journey/framework.yaml, line 6:")
    assert "is not valid YAML" in problem


# Each rule -------------------------------------------------------------------------------------

JOURNEY = "test-journey/framework.yaml"
REFLECT = "test-journey/stages/reflect.yaml"
LENS = "test-lens/framework.yaml"


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        # Unknown keys, with a suggestion.
        (REFLECT, "    text: Do our", "    txt: Do our", 'prompt "staff-understand-trauma" has "txt", which a prompt'),
        (REFLECT, "    text: Do our", "    txt: Do our", 'Did you mean "text"?'),
        (JOURNEY, "name: Test journey", "name: Test journey\ncolour: blue", 'has "colour", which a journey does not'),
        # Slugs.
        (REFLECT, "slug: know-your-why", "slug: Know Your Why", '"Know Your Why" of guidance point 1 of stage'),
        (REFLECT, "slug: know-your-why", "slug: Know Your Why", 'like "know-your-why"'),
        (JOURNEY, "slug: test-journey", "slug: other-journey", 'slug is "other-journey" but its folder is called'),
        (REFLECT, "slug: reflect", "slug: reflection", 'this file is stages/reflect.yaml but its slug is "reflection"'),
        # Duplicates.
        (REFLECT, "slug: starting-point", "slug: know-your-why", 'two guidance points called "know-your-why"'),
        (REFLECT, "slug: provider-ready", "slug: staff-understand-trauma", 'two prompts called "staff-understand'),
        (JOURNEY, "slug: choice", "slug: safety", 'two principles called "safety" (the first is on line 10)'),
        (JOURNEY, "  - reflect\n", "  - reflect\n  - reflect\n", 'the stage "reflect" is listed twice'),
        (REFLECT, "principles: [safety, choice]", "principles: [safety, safety]", 'names the principle "safety" twice'),
        (REFLECT, "name: Reflect\n", "name: Reflect\nname: Again\n", 'has "name" twice (the first is on line 2)'),
        # Principles named by guidance and prompts.
        (REFLECT, "principles: [safety]\n", "principles: [saftey]\n", 'names a principle "saftey" that does not'),
        (REFLECT, "principles: [safety]\n", "principles: []\n", "must name at least one principle"),
        (
            REFLECT,
            "principles: [safety, choice]",
            "principles: [safety, choice, trustworthiness, other]",
            "names 4 principles: choose the 3",
        ),
        (REFLECT, "principles: [safety]\n", "principles: safety\n", "must be a list of principle slugs"),
        # Voices and questions.
        (REFLECT, "voice: funder", "voice: funders", 'has voice "funders": choose funder, provider or both'),
        (REFLECT, "how common trauma is?", "how common trauma is.", 'must be a question: end its text with "?"'),
        # Types and empty values.
        (JOURNEY, "name: Test journey", "name: [Test, journey]", '"name" of the framework must be text, not a list'),
        (REFLECT, "title: Getting ready", "title:", 'stage "reflect" has an empty "title"'),
        (JOURNEY, "kind: journey", "kind: route", 'kind must be "journey" or "lens", not "route"'),
        (JOURNEY, "stages:\n  - reflect", "stages: reflect\nother:\n  - reflect", '"stages" must be a list'),
        # Sources.
        (REFLECT, 'section: "Reflect"}', "}", 'the source of stage "reflect" is missing "section"'),
        (REFLECT, '{file: 000_6fbddd7eb558c3a8.txt, section: "Reflect"}', "Reflect", '"source" of stage "reflect"'),
        (
            REFLECT,
            '{file: 000_6fbddd7eb558c3a8.txt, section: "Reflect"}',
            '{file: 000.txt, section: "Reflect"}',
            'names a file "000.txt" that is not one of the source documents',
        ),
        # Stage files.
        (JOURNEY, "  - reflect\n", "  - reflect\n  - evaluate\n", 'the stage "evaluate" has no file'),
        (JOURNEY, "  - reflect\n", "  - ../reflect\n", "is not a valid slug"),
        # Lenses.
        (LENS, "lens_of: test-journey", "lens_of: test-jouney", 'lens_of names "test-jouney", which is not a journey'),
        (LENS, "maps_to: [reflect]", "maps_to: [reflekt]", 'stage "analyse" maps to "reflekt", which is not a stage'),
        (LENS, "maps_to: [reflect]", "maps_to: []", 'stage "analyse" must map to at least one journey stage'),
        (LENS, "lens_of: test-journey", "lens_of: test-journey\nprinciples: []", '"principles", which a lens'),
        # YAML features framework files do not use.
        (JOURNEY, "name: Test journey", "name: &n Test journey\nsummary2: *n", "alias"),
        (JOURNEY, "name: Test journey", "name: !!binary aGVsbG8=", "must be text, not a value tagged"),
        (JOURNEY, "name: Test journey", 'name: "Test\\0journey"', "holds a character that cannot be shown"),
    ],
)
def test_each_rule_is_explained_with_file_and_line(
    valid_copy: Path, file: str, old: str, new: str, expected: str
) -> None:
    edit(valid_copy / file, old, new)
    problems = problems_of(valid_copy)
    assert any(expected in problem for problem in problems), problems
    for problem in problems:
        assert LINE_RE.match(problem), problem
        assert problem.startswith(str(valid_copy / file.split("/")[0])), problem


def test_every_problem_is_listed_at_once(valid_copy: Path) -> None:
    edit(valid_copy / REFLECT, "voice: funder", "voice: funders")
    edit(valid_copy / REFLECT, "principles: [safety]\n", "principles: [saftey]\n")
    edit(valid_copy / JOURNEY, "    description: People feel safe.\n", "")
    edit(valid_copy / LENS, "summary: Find out what people need.", "summary:")
    problems = problems_of(valid_copy)
    assert len(problems) == 4, problems
    error = FrameworkError([])
    assert str(error).startswith("The framework files have 0 problems")


def test_message_shows_line_numbers_counting_from_one(valid_copy: Path) -> None:
    edit(valid_copy / REFLECT, "slug: reflect", "slug: Reflect")
    assert only_problem(valid_copy).startswith(f"{valid_copy / REFLECT}, line 1: ")


def test_a_stage_file_not_listed_is_reported(valid_copy: Path) -> None:
    shutil.copy(valid_copy / REFLECT, valid_copy / "test-journey/stages/extra.yml")
    problem = only_problem(valid_copy)
    assert problem.endswith('add "extra" to the list there, or remove the file (stage files end in .yaml, not .yml)')


def test_a_folder_without_framework_yaml_is_reported(valid_copy: Path) -> None:
    (valid_copy / "empty-folder").mkdir()
    assert only_problem(valid_copy).endswith(
        "empty-folder/framework.yaml: is missing: every framework folder needs a framework.yaml"
    )


def test_empty_and_non_text_files_are_reported(valid_copy: Path) -> None:
    (valid_copy / JOURNEY).write_text("# nothing here\n", encoding="utf-8")
    assert "framework.yaml: is empty" in problems_of(valid_copy)[0]
    (valid_copy / JOURNEY).write_bytes(b"slug: test-journey\nname: caf\xe9\n")
    assert "line 2: is not saved as UTF-8 text" in problems_of(valid_copy)[0]
    (valid_copy / JOURNEY).write_text("- just\n- a list\n", encoding="utf-8")
    assert "line 1: must be a set of keys" in problems_of(valid_copy)[0]
    (valid_copy / JOURNEY).write_text("a: 1\n---\nb: 2\n", encoding="utf-8")
    assert "is not valid YAML" in problems_of(valid_copy)[0]


def test_a_missing_or_empty_folder_of_frameworks(tmp_path: Path) -> None:
    with pytest.raises(FrameworkError, match="is not a folder of frameworks"):
        frameworks_read(tmp_path / "nowhere")
    with pytest.raises(FrameworkError, match="holds no framework folders"):
        frameworks_read(tmp_path)


def test_a_deep_or_self_referring_file_is_refused_not_crashed(valid_copy: Path) -> None:
    (valid_copy / JOURNEY).write_text("a: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    assert "nested too deeply" in problems_of(valid_copy)[0]
    (valid_copy / JOURNEY).write_text("a: &x [*x]\n", encoding="utf-8")
    assert any("alias" in problem for problem in problems_of(valid_copy))
    laughs = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    (valid_copy / JOURNEY).write_text(laughs, encoding="utf-8")
    assert any("alias" in problem for problem in problems_of(valid_copy))


# Generated input: nothing but FrameworkError, ever ---------------------------------------------

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.sampled_from(["safety", "reflect", "funder", "journey", "lens", "test-journey", "000_6fbddd7eb558c3a8.txt"]),
)
KEYS = st.sampled_from(
    [
        "slug", "kind", "name", "summary", "source", "principles", "stages", "lens_of", "title", "purpose",
        "guidance", "prompts", "voice", "text", "file", "section", "maps_to", "activities", "description",
    ]
) | st.text(max_size=8)  # fmt: skip
values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(KEYS, children, max_size=6),
    max_leaves=25,
)


def _read_only_framework_errors(files: dict[str, str | bytes]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "frameworks"
        shutil.copytree(VALID, root)
        for name, content in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        try:
            frameworks_read(root)
        except FrameworkError as error:
            assert error.problems
            for problem in error.problems:
                assert LINE_RE.match(str(problem)) or str(problem).startswith(str(root)), problem


@FUZZ
@given(st.text(alphabet=string.printable + "éü\u2013\u2028\x00\x85", max_size=300))
def test_garbage_text_gives_only_framework_errors(text: str) -> None:
    _read_only_framework_errors({JOURNEY: text})


@FUZZ
@given(st.binary(max_size=200))
def test_garbage_bytes_give_only_framework_errors(data: bytes) -> None:
    _read_only_framework_errors({REFLECT: data})


@FUZZ
@given(values)
def test_generated_yaml_structures_give_only_framework_errors(value: Any) -> None:
    _read_only_framework_errors({JOURNEY: yaml.safe_dump(value)})


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


def _mutate(document: Any, path: tuple[Any, ...], replacement: Any, delete: bool) -> Any:
    if not path:
        return replacement
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    if delete:
        del parent[path[-1]]
    else:
        parent[path[-1]] = replacement
    return document


@FUZZ
@given(st.data())
def test_valid_content_with_one_part_changed_gives_only_framework_errors(data: st.DataObject) -> None:
    file = data.draw(st.sampled_from([JOURNEY, REFLECT, LENS]))
    document = yaml.safe_load((VALID / file).read_text(encoding="utf-8"))
    path = data.draw(st.sampled_from(_paths(document)))
    delete = bool(path) and data.draw(st.booleans())
    replacement = data.draw(values)
    changed = _mutate(document, path, replacement, delete)
    _read_only_framework_errors({file: yaml.safe_dump(changed, allow_unicode=True)})


def test_loader_changes_and_sources_are_pure_python() -> None:
    for name in ("loader", "changes", "sources"):
        source = (Path(__file__).parents[1] / f"{name}.py").read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import) (django|tandem\.(?!frameworks\.(sources|loader)))", source, re.M), name
