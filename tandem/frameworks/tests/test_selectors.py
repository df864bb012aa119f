"""Reading versions: current, numbered, what changed, all in a fixed number of queries."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tandem.frameworks.selectors import (
    framework_list,
    framework_version_changes,
    framework_version_current,
    framework_version_get,
    framework_version_numbers,
    journey_stages_current,
)
from tandem.frameworks.services import frameworks_load, frameworks_load_default
from tandem.frameworks.tests.helpers import edit

pytestmark = pytest.mark.django_db


def _walk(version: Any) -> int:
    """Touch everything a page shows; returns how many things there were."""
    seen = len(version.principles.all())
    for stage in version.stages.all():
        seen += 1
        for point in stage.guidance.all():
            seen += 1 + len(point.principles.all())
        for prompt in stage.prompts.all():
            seen += 1 + len(prompt.principles.all())
        seen += len(stage.activities.all())
    return seen + (1 if version.framework.lens_of else 0)


def test_current_and_numbered_versions(valid_copy: Path) -> None:
    frameworks_load(actor=None, path=valid_copy)
    edit(valid_copy / "test-journey/framework.yaml", "description: People feel safe.", "description: Safe.")
    frameworks_load(actor=None, path=valid_copy)
    assert framework_version_current("test-journey").number == 2  # type: ignore[union-attr]
    assert framework_version_current("test-journey", with_content=False).number == 2  # type: ignore[union-attr]
    first = framework_version_get("test-journey", 1)
    assert first is not None and first.principles.all()[0].description == "People feel safe."
    assert framework_version_get("test-journey", 3) is None
    assert framework_version_current("nothing") is None
    assert [n for n, _ in framework_version_numbers(first.framework)] == [2, 1]


def test_version_content_comes_in_a_fixed_number_of_queries(
    fixture_versions: dict[str, Any], django_assert_num_queries: Any, django_assert_max_num_queries: Any
) -> None:
    real = frameworks_load_default()
    with django_assert_num_queries(8):
        small = _walk(framework_version_get("test-journey", 1))
    with django_assert_num_queries(8):
        big = _walk(framework_version_get(real.framework.slug, real.number))
    # A lens has no guidance or prompts, so those queries have nothing to fetch.
    with django_assert_max_num_queries(8):
        _walk(framework_version_current("test-lens"))
    assert big > 10 * small


def test_changes_compare_with_the_version_before(valid_copy: Path) -> None:
    frameworks_load(actor=None, path=valid_copy)
    first = framework_version_current("test-journey", with_content=False)
    assert first is not None and framework_version_changes(first) is None
    edit(valid_copy / "test-journey/stages/reflect.yaml", "title: Know your why", "title: Know why")
    frameworks_load(actor=None, path=valid_copy)
    second = framework_version_current("test-journey", with_content=False)
    changes = framework_version_changes(second)  # type: ignore[arg-type]
    assert changes is not None
    (item,) = changes.items
    assert (item.kind, item.slug, item.fields[0].old, item.fields[0].new) == (
        "guidance point",
        "know-your-why",
        "Know your why",
        "Know why",
    )


def test_list_has_each_framework_with_its_current_number(valid_copy: Path) -> None:
    frameworks_load(actor=None, path=valid_copy)
    edit(valid_copy / "test-lens/framework.yaml", "name: Test lens", "name: Test lens, renamed")
    frameworks_load(actor=None, path=valid_copy)
    rows = [(f.slug, f.name, f.current_number) for f in framework_list()]  # type: ignore[attr-defined]
    assert rows == [("test-journey", "Test journey", 1), ("test-lens", "Test lens, renamed", 2)]


def test_journey_stages_for_a_lens(fixture_versions: dict[str, Any]) -> None:
    journey = fixture_versions["test-journey"].framework
    assert list(journey_stages_current(journey)) == ["reflect", "design"]
    assert journey_stages_current(None) == {}
    assert journey_stages_current(fixture_versions["test-lens"].framework) == {}
