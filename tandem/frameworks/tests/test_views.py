"""The framework pages: list, current version, a numbered version, and what changed."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import example_rows
from tandem.frameworks.services import frameworks_load, frameworks_load_default
from tandem.frameworks.tests.helpers import edit, fixture_versions_load

pytestmark = pytest.mark.django_db


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_list_shows_each_framework_with_kind_version_and_date(
    role_client: Any, fixture_versions: dict[str, Any]
) -> None:
    response = role_client("provider_member").get(reverse("frameworks:list"))
    assert response.status_code == 200
    text = _text(response.content.decode())
    published = fixture_versions["test-journey"].published_at
    assert f"Test journey Commissioning journey Version 1 {published.day} {published:%B %Y}" in text
    assert "Test lens Process lens of the test journey Version 1" in text
    assert f'href="{reverse("frameworks:detail", args=["test-lens"])}"' in response.content.decode()


def test_list_with_no_frameworks_says_so(role_client: Any) -> None:
    response = role_client("funder_member").get(reverse("frameworks:list"))
    assert "No frameworks have been published yet." in response.content.decode()


def test_detail_shows_principles_stages_guidance_and_prompts_by_voice(
    role_client: Any, fixture_versions: dict[str, Any]
) -> None:
    response = role_client("funder_member").get(reverse("frameworks:detail", args=["test-journey"]))
    assert response.status_code == 200
    html = response.content.decode()
    text = _text(html)
    assert html.count("<h1") == 1
    assert "Version 1 (the current version)" in text
    assert "Safety People feel safe. Rests on: West Midlands Trauma Informed Commissioning Guidance (2024)" in text
    assert 'id="stage-reflect"' in html and 'id="stage-design"' in html
    assert "Stage 1 Reflect: Getting ready" in text
    # Paragraphs are kept.
    assert '<p class="govuk-body">Think about whether you are ready.</p><p class="govuk-body">A second' in html
    # Guidance points in GOV.UK details, with their principles as tags and their source.
    assert '<span class="govuk-details__summary-text">Find your starting point</span>' in html
    assert "Be honest about what holds you back. Principles it serves: Safety Trustworthiness Rests on:" in text
    # Prompts grouped by voice, funders first.
    design = text[text.index("Stage 2 Design") :]
    assert design.index("Questions for funders") < design.index("Have we told bidders")
    assert design.index("Questions for funders and providers") < design.index("Has everyone had a say")
    assert "Questions for providers" not in design
    assert (
        "Have we told bidders how we will score them? Principles it serves: Trustworthiness Choice Rests on: "
        "West Midlands Trauma Informed Commissioning Guidance (2024), Design: reflect and respond"
    ) in text
    # Only site administrators are offered what changed.
    assert "What changed in version 1" not in text


def test_lens_detail_shows_stages_activities_and_the_journey_stages_they_map_to(
    role_client: Any, fixture_versions: dict[str, Any]
) -> None:
    response = role_client("provider_member").get(reverse("frameworks:detail", args=["test-lens"]))
    html = response.content.decode()
    text = _text(html)
    journey = reverse("frameworks:detail", args=["test-journey"])
    assert f'href="{journey}">Test journey</a>' in html
    assert "A lens on Test journey" in text
    assert "Stage 2 Plan Decide what to buy, together." in text
    assert "Journey stages it covers Reflect Design Activities Agree the outcomes with providers." in text
    assert f'href="{journey}#stage-design"' in html
    # An activity that rests on a different source from its stage says so.
    assert (
        "Look at what already exists. Rests on: Research in Practice: evidence in commissioning, and strategic "
        "partnerships with the voluntary sector, Evidence"
    ) in text
    assert "Principles" not in text.split("Contents")[1].split("Stage 1")[0]


def test_older_versions_stay_readable_and_say_they_are_not_current(role_client: Any, valid_copy: Path) -> None:
    frameworks_load(actor=None, path=valid_copy)
    edit(valid_copy / "test-journey/stages/reflect.yaml", "Are we ready to work this way?", "Are we ready now?")
    frameworks_load(actor=None, path=valid_copy)
    client = role_client("funder_admin")
    old = client.get(reverse("frameworks:version", args=["test-journey", 1])).content.decode()
    assert "You are reading version 1, which is not the current version." in old
    assert "Are we ready to work this way?" in old and "Are we ready now?" not in old
    assert "<title>Test journey, version 1 \u2013 Tandem</title>" in old
    current = client.get(reverse("frameworks:detail", args=["test-journey"])).content.decode()
    assert "Are we ready now?" in current
    assert "Version 2 (this page)" in _text(current)
    assert f'href="{reverse("frameworks:version", args=["test-journey", 1])}"' in current


def test_unknown_framework_or_version_is_not_found(role_client: Any, fixture_versions: dict[str, Any]) -> None:
    client = role_client("site_admin")
    assert client.get(reverse("frameworks:detail", args=["nothing"])).status_code == 404
    assert client.get(reverse("frameworks:version", args=["test-journey", 9])).status_code == 404
    assert client.get(reverse("frameworks:changes", args=["test-journey", 9])).status_code == 404


def test_changes_for_a_first_version_say_there_is_nothing_before(
    role_client: Any, fixture_versions: dict[str, Any]
) -> None:
    client = role_client("site_admin")
    detail = client.get(reverse("frameworks:detail", args=["test-journey"])).content.decode()
    url = reverse("frameworks:changes", args=["test-journey", 1])
    assert f'href="{url}"' in detail
    text = _text(client.get(url).content.decode())
    assert "This is the first version of Test journey" in text


def test_changes_show_what_was_added_removed_and_changed_plainly(role_client: Any, valid_copy: Path) -> None:
    frameworks_load(actor=None, path=valid_copy)
    edit(valid_copy / "test-journey/stages/reflect.yaml", "Are we ready to work this way?", "Are we ready now?")
    edit(valid_copy / "test-journey/stages/reflect.yaml", "principles: [safety, choice]", "principles: [choice]")
    edit(valid_copy / "test-journey/framework.yaml", "      - slug: both-sides-heard", "      - slug: all-heard")
    edit(
        valid_copy / "test-lens/framework.yaml", "      - Agree the outcomes with providers.", "      - Agree outcomes."
    )
    frameworks_load(actor=None, path=valid_copy)
    client = role_client("site_admin")
    text = _text(client.get(reverse("frameworks:changes", args=["test-journey", 2])).content.decode())
    assert "This page compares it with version 1" in text
    assert "Prompts 1 1 1" in text
    assert "Added Prompt, stage Design Has everyone had a say in the design?" in text
    assert "Removed Prompt, stage Design Has everyone had a say in the design?" in text
    assert (
        "Prompt, stage Reflect: Are we ready now? What changed What Before After Text Are we ready to work this "
        "way? Are we ready now? Principles Safety, Choice Choice"
    ) in text
    lens = _text(client.get(reverse("frameworks:changes", args=["test-lens", 2])).content.decode())
    assert "Activities 1 1 0" in lens
    assert "Added Activity, stage Plan Agree outcomes." in lens
    assert "Removed Activity, stage Plan Agree the outcomes with providers." in lens


def test_changes_refuse_people_who_are_not_site_administrators_with_a_reason(
    role_client: Any, fixture_versions: dict[str, Any]
) -> None:
    response = role_client("funder_admin").get(reverse("frameworks:changes", args=["test-journey", 1]))
    assert response.status_code == 403
    assert "Only site administrators can see what changed between versions of a framework" in (
        response.content.decode()
    )


def test_detail_runs_a_fixed_number_of_queries_however_much_content(
    role_client: Any, fixture_versions: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    client = role_client("provider_member")
    real = frameworks_load_default()
    assert real.stages.count() == 7
    small_url = reverse("frameworks:detail", args=["test-journey"])
    real_url = reverse("frameworks:detail", args=[real.framework.slug])
    client.get(small_url)  # Warm the session and glossary.
    with django_assert_max_num_queries(30) as small:
        assert client.get(small_url).status_code == 200
    with django_assert_max_num_queries(30) as big:
        assert client.get(real_url).status_code == 200
    assert len(big.captured_queries) == len(small.captured_queries)
    for lens in ("test-lens", "co-production-commissioning"):
        with django_assert_max_num_queries(30) as captured:
            assert client.get(reverse("frameworks:detail", args=[lens])).status_code == 200
        assert len(captured.captured_queries) <= len(small.captured_queries) + 1


def test_list_runs_a_fixed_number_of_queries(
    role_client: Any, fixture_versions: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    client = role_client("provider_member")
    client.get(reverse("frameworks:list"))
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("frameworks:list"))
    frameworks_load_default()
    with django_assert_max_num_queries(20) as more:
        client.get(reverse("frameworks:list"))
    assert len(more.captured_queries) == len(few.captured_queries)


@settings(max_examples=30, deadline=None)
@given(
    path=st.sampled_from(
        [
            "/frameworks/{slug}/",
            "/frameworks/{slug}/versions/{number}/",
            "/frameworks/test-journey/versions/{number}/changes/",
        ]
    ),
    slug=st.text(max_size=40) | st.sampled_from(["test-journey", "test-lens"]),
    number=st.integers(min_value=0, max_value=2**40),
)
def test_any_address_is_answered_without_an_error(path: str, slug: str, number: int) -> None:
    with example_rows() as roles:
        fixture_versions_load()
        assert roles.client("site_admin").get(path.format(slug=slug, number=number)).status_code < 500
