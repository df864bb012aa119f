"""A published version's content, read once and kept: right, complete, and fresh after publishing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache

from tandem.frameworks.models import Framework, FrameworkKind, FrameworkVersion, Prompt, Stage
from tandem.frameworks.published import published_get, published_stage_get, version_key
from tandem.frameworks.services import frameworks_load, frameworks_load_default
from tandem.frameworks.tests.helpers import edit

pytestmark = pytest.mark.django_db


def test_the_outline_is_the_versions_principles_stages_and_prompts(fixture_versions: dict[str, Any]) -> None:
    version = fixture_versions["test-journey"]
    outline = published_get(version).outline
    assert [p.slug for p in outline.principles] == ["safety", "trustworthiness", "choice"]
    stages = list(Stage.objects.filter(version=version).order_by("order"))
    assert [(s.slug, s.name, s.prompt_count) for s in outline.stages] == [
        (s.slug, s.name, s.prompts.count()) for s in stages
    ]
    prompts = list(Prompt.objects.filter(stage__version=version).order_by("stage__order", "order"))
    assert [(p.pk, p.stage_slug, p.text) for p in outline.prompts] == [(p.pk, p.stage.slug, p.text) for p in prompts]
    design = next(p for p in outline.prompts if p.text.startswith("Have we told bidders"))
    assert design.principle_slugs == ("trustworthiness", "choice")


def test_a_stage_comes_whole_with_its_guidance_beside_its_questions(fixture_versions: dict[str, Any]) -> None:
    published = published_stage_get(fixture_versions["test-journey"], "design")
    assert published is not None and published.stage is not None
    stage = published.stage
    assert stage.stage.name == "Design" and stage.stage.purpose == "Plan the service with the people it is for."
    assert [g.slug for g in stage.guidance] == ["publish-weights"]
    assert [p.slug for p in stage.prompts] == ["weights-published", "both-sides-heard"]
    weights = stage.prompts[0]
    assert [p.name for p in weights.principles] == ["Trustworthiness", "Choice"]
    # "Publish the weights" serves trustworthiness, which only the first question shares.
    assert [g.slug for g in weights.guidance] == ["publish-weights"]
    assert stage.prompts[1].guidance == ()
    assert stage.guidance_after == ()
    assert published_stage_get(fixture_versions["test-journey"], "nowhere") is None


def test_once_kept_a_version_needs_no_query(fixture_versions: dict[str, Any], django_assert_num_queries: Any) -> None:
    version = fixture_versions["test-journey"]
    with django_assert_num_queries(10):  # outline 4, stage 5, lenses 1
        first = published_stage_get(version, "design", lenses=True)
    with django_assert_num_queries(0):
        again = published_stage_get(version, "design", lenses=True)
        outline = published_get(version, lenses=True)
    assert again == first and outline.outline == first.outline  # type: ignore[union-attr]
    assert [lens.slug for lens in outline.lenses] == ["test-lens"]


def test_each_version_is_kept_under_its_own_content(valid_copy: Path) -> None:
    first = frameworks_load(actor=None, path=valid_copy)[0].version
    assert published_get(first).outline.principles[0].description == "People feel safe."
    edit(valid_copy / "test-journey/framework.yaml", "description: People feel safe.", "description: Safe.")
    second = next(r.version for r in frameworks_load(actor=None, path=valid_copy) if r.framework.slug == "test-journey")
    assert version_key(first) != version_key(second)
    assert published_get(second).outline.principles[0].description == "Safe."
    assert published_get(first).outline.principles[0].description == "People feel safe."


def test_a_lens_published_later_shows_at_once(
    fixture_versions: dict[str, Any], valid_copy: Path, django_capture_on_commit_callbacks: Any
) -> None:
    journey = fixture_versions["test-journey"]
    assert [lens.slug for lens in published_get(journey, lenses=True).lenses] == ["test-lens"]
    # A second lens of the same journey, published through the service.
    lens = (valid_copy / "test-lens/framework.yaml").read_text(encoding="utf-8")
    (valid_copy / "another-lens").mkdir()
    (valid_copy / "another-lens/framework.yaml").write_text(
        lens.replace("slug: test-lens", "slug: another-lens").replace("name: Test lens", "name: Another lens"),
        encoding="utf-8",
    )
    with django_capture_on_commit_callbacks(execute=True) as published:
        frameworks_load(actor=None, path=valid_copy)
    assert len(published) == 1  # the lenses are read afresh once the new one is committed
    assert [lens.name for lens in published_get(journey, lenses=True).lenses] == ["Another lens", "Test lens"]


def test_an_emptied_cache_is_filled_again(fixture_versions: dict[str, Any]) -> None:
    version: FrameworkVersion = fixture_versions["test-journey"]
    before = published_stage_get(version, "design", lenses=True)
    cache.clear()
    assert published_stage_get(version, "design", lenses=True) == before
    assert Framework.objects.filter(kind=FrameworkKind.LENS, lens_of=version.framework).count() == 1


def test_the_real_journey_places_every_guidance_point(db: Any) -> None:
    version = frameworks_load_default()
    for stage in published_get(version).outline.stages:
        content = published_stage_get(version, stage.slug)
        assert content is not None and content.stage is not None
        placed = [point.slug for prompt in content.stage.prompts for point in prompt.guidance]
        placed += [point.slug for point in content.stage.guidance_after]
        assert sorted(placed) == sorted(point.slug for point in content.stage.guidance), stage.slug
