"""Publishing framework versions: new rows per version, nothing old ever touched, audited."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from tandem.audit.models import AuditEntry
from tandem.core.exceptions import PermissionDenied
from tandem.frameworks.loader import FrameworkError, frameworks_read
from tandem.frameworks.models import (
    Activity,
    Framework,
    FrameworkKind,
    FrameworkVersion,
    GuidancePoint,
    Principle,
    Prompt,
    Stage,
)
from tandem.frameworks.services import (
    DEFAULT_JOURNEY,
    frameworks_load,
    frameworks_load_default,
    frameworks_publish,
)
from tandem.frameworks.tests.helpers import BROKEN, VALID, edit

pytestmark = pytest.mark.django_db


def _snapshot(version: FrameworkVersion) -> list[Any]:
    """Every row of a version, as plain values, to show nothing about it changed."""
    return [
        list(Principle.objects.filter(version=version).values()),
        list(Stage.objects.filter(version=version).values()),
        list(GuidancePoint.objects.filter(stage__version=version).values()),
        list(Prompt.objects.filter(stage__version=version).values()),
        list(Activity.objects.filter(stage__version=version).values()),
        sorted(GuidancePoint.principles.through.objects.filter(guidancepoint__stage__version=version).values_list()),
        sorted(Prompt.principles.through.objects.filter(prompt__stage__version=version).values_list()),
        list(FrameworkVersion.objects.filter(pk=version.pk).values()),
    ]


def test_first_load_publishes_version_one_of_each_framework_with_all_its_rows() -> None:
    results = frameworks_load(actor=None, path=VALID)
    assert [(r.framework.slug, r.version.number, r.published) for r in results] == [
        ("test-journey", 1, True),
        ("test-lens", 1, True),
    ]
    journey, lens = (r.version for r in results)
    assert journey.framework.kind == FrameworkKind.JOURNEY
    assert lens.framework.lens_of == journey.framework
    assert list(journey.principles.values_list("slug", "order")) == [
        ("safety", 1),
        ("trustworthiness", 2),
        ("choice", 3),
    ]
    assert list(journey.stages.values_list("slug", "order")) == [("reflect", 1), ("design", 2)]
    reflect = journey.stages.get(slug="reflect")
    assert reflect.purpose == "Think about whether you are ready.\n\nA second paragraph, to show paragraphs are kept."
    assert (reflect.source_file, reflect.source_section) == ("000_6fbddd7eb558c3a8.txt", "Reflect")
    point = reflect.guidance.get(slug="starting-point")
    assert sorted(point.principles.values_list("slug", flat=True)) == ["safety", "trustworthiness"]
    assert all(p.version_id == journey.pk for p in point.principles.all())
    prompt = Prompt.objects.get(stage__version=journey, slug="weights-published")
    assert (prompt.voice, prompt.order, prompt.text) == ("funder", 1, "Have we told bidders how we will score them?")
    assert sorted(prompt.principles.values_list("slug", flat=True)) == ["choice", "trustworthiness"]
    analyse = lens.stages.get(slug="analyse")
    assert analyse.maps_to == ["reflect"]
    assert list(analyse.activities.values_list("text", "order", "source_file")) == [
        ("Listen to people who use services.", 1, "004_e699c5b1eb6dfbf4.txt"),
        ("Look at what already exists.", 2, "003_e5a1c04663832076.txt"),
    ]
    assert journey.content == frameworks_read(VALID)[0].content
    assert journey.content_hash == frameworks_read(VALID)[0].content_hash


def test_loading_unchanged_content_publishes_nothing(valid_copy: Path) -> None:
    first = frameworks_load(actor=None, path=valid_copy)
    entries = AuditEntry.objects.count()
    again = frameworks_load(actor=None, path=valid_copy)
    assert [r.published for r in again] == [False, False]
    assert [r.version.pk for r in again] == [r.version.pk for r in first]
    assert again[0].describe() == "Test journey: no change, still version 1"
    assert FrameworkVersion.objects.count() == 2
    assert AuditEntry.objects.count() == entries


def test_changed_content_publishes_a_new_version_and_never_touches_the_old_one(valid_copy: Path) -> None:
    first_journey, first_lens = (r.version for r in frameworks_load(actor=None, path=valid_copy))
    before = _snapshot(first_journey)
    lens_before = _snapshot(first_lens)
    edit(valid_copy / "test-journey/stages/reflect.yaml", "Are we ready to work this way?", "Are we ready?")
    edit(valid_copy / "test-journey/framework.yaml", "      - slug: both-sides-heard", "      - slug: all-heard")
    results = frameworks_load(actor=None, path=valid_copy)
    journey_result, lens_result = results
    assert (journey_result.published, journey_result.version.number) == (True, 2)
    assert (lens_result.published, lens_result.version.number) == (False, 1)
    assert _snapshot(first_journey) == before
    assert _snapshot(first_lens) == lens_before
    new = journey_result.version
    assert Prompt.objects.get(stage__version=new, slug="provider-ready").text == "Are we ready?"
    assert (
        Prompt.objects.get(stage__version=first_journey, slug="provider-ready").text == "Are we ready to work this way?"
    )
    # Each version has its own principles.
    assert Principle.objects.filter(slug="safety").count() == 2
    changes = journey_result.changes
    assert changes is not None
    assert [(i.kind, i.status, i.slug) for i in changes.items] == [
        ("prompt", "changed", "provider-ready"),
        ("prompt", "added", "all-heard"),
        ("prompt", "removed", "both-sides-heard"),
    ]
    assert journey_result.describe() == (
        "Test journey: published version 2 (3 principles, 2 stages, 3 guidance points, 4 prompts); "
        "since version 1: 1 added, 1 removed, 1 changed"
    )


def test_publishing_writes_an_audit_entry_by_the_system(valid_copy: Path) -> None:
    frameworks_load(actor=None, path=valid_copy)
    entries = list(AuditEntry.objects.filter(action="frameworks.version.published").order_by("sequence"))
    assert len(entries) == 2
    journey = entries[0]
    assert journey.actor is None
    assert journey.after["version"] == 1
    assert journey.after["counts"] == {"principles": 3, "stages": 2, "guidance": 3, "prompts": 4, "activities": 0}
    assert journey.after["changes"] == "first version"
    assert "published version 1" in journey.summary
    edit(valid_copy / "test-journey/framework.yaml", "description: People have a say.", "description: People choose.")
    frameworks_load(actor=None, path=valid_copy)
    latest = AuditEntry.objects.filter(action="frameworks.version.published").order_by("-sequence").first()
    assert latest is not None
    assert latest.before == {"version": 1, "content_hash": journey.after["content_hash"]}
    assert latest.after["changes"]["changed"] == ["principle choice"]


def test_files_with_problems_publish_nothing() -> None:
    with pytest.raises(FrameworkError, match='names a principle "saftey"'):
        frameworks_load(actor=None, path=BROKEN / "unknown-principle")
    assert not Framework.objects.exists()
    assert not FrameworkVersion.objects.exists()


def test_only_the_system_or_a_site_administrator_may_publish(funder_admin: Any, site_admin: Any) -> None:
    frameworks = frameworks_read(VALID)
    with pytest.raises(PermissionDenied, match="Only site administrators"):
        frameworks_publish(actor=funder_admin, frameworks=frameworks)
    assert not FrameworkVersion.objects.exists()
    results = frameworks_publish(actor=site_admin, frameworks=frameworks)
    assert AuditEntry.objects.filter(action="frameworks.version.published", actor=site_admin).count() == len(results)


def test_lenses_publish_after_their_journey_whatever_order_they_are_given() -> None:
    journey, lens = frameworks_read(VALID)
    results = frameworks_publish(actor=None, frameworks=[lens, journey])
    assert [r.framework.slug for r in results] == ["test-journey", "test-lens"]
    assert results[1].framework.lens_of_id == results[0].framework.pk


def test_publishing_takes_the_same_number_of_queries_however_much_content(
    valid_copy: Path, django_assert_max_num_queries: Any
) -> None:
    small = frameworks_read(VALID)
    with django_assert_max_num_queries(60) as captured:
        frameworks_publish(actor=None, frameworks=small)
    small_count = len(captured.captured_queries)
    # Forty more prompts in one stage.
    prompts = "".join(
        f"  - slug: extra-{n}\n    voice: both\n    text: Extra question {n}?\n    principles: [safety, choice]\n"
        f"    source: {{file: 000_6fbddd7eb558c3a8.txt, section: Reflect}}\n"
        for n in range(40)
    )
    path = valid_copy / "test-journey/stages/reflect.yaml"
    path.write_text(path.read_text(encoding="utf-8") + prompts, encoding="utf-8")
    big = [
        replace(data, slug=data.slug + "-big", lens_of=data.lens_of + "-big" if data.lens_of else None)
        for data in frameworks_read(valid_copy)
    ]
    assert big[0].counts["prompts"] == small[0].counts["prompts"] + 40
    with django_assert_max_num_queries(60) as captured:
        frameworks_publish(actor=None, frameworks=big)
    assert len(captured.captured_queries) == small_count


def test_frameworks_load_default_loads_the_real_content_once() -> None:
    version = frameworks_load_default()
    assert version.framework.slug == DEFAULT_JOURNEY
    assert version.number == 1
    assert version.stages.count() == 7
    assert frameworks_load_default().pk == version.pk
    assert FrameworkVersion.objects.filter(framework__slug=DEFAULT_JOURNEY).count() == 1


def test_journey_version_fixture_gives_the_default_journey(journey_version: FrameworkVersion) -> None:
    assert journey_version.framework.slug == DEFAULT_JOURNEY
    assert Prompt.objects.filter(stage__version=journey_version).exists()
