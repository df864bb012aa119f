"""The commission seen through a process lens."""

from __future__ import annotations

from html import unescape
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from conftest import sign_in
from tandem.commissions.models import Commission
from tandem.commissions.services.responses import response_save, stage_status_change
from tandem.commissions.tests.journey_builders import RICH_LENS_SLUG, prompt_of
from tandem.frameworks.models import Framework, FrameworkKind, FrameworkVersion, Stage, Voice

pytestmark = pytest.mark.django_db


def lens_url(commission: Commission, slug: str = RICH_LENS_SLUG) -> str:
    return reverse("commissions:lens", kwargs={"pk": commission.pk, "framework": slug})


def flat(response: Any) -> str:
    return " ".join(unescape(response.content.decode()).split())


def test_the_lens_shows_its_stages_activities_and_the_journey_behind_them(rich_commission, funder_member, funder_org):
    response_save(
        actor=funder_member, commission=rich_commission, prompt=prompt_of(rich_commission), kind="answer", text="Yes."
    )
    response_save(
        actor=funder_member,
        commission=rich_commission,
        prompt=prompt_of(rich_commission, "assess", Voice.PROVIDER),
        kind="not_relevant",
        reason="Not here.",
    )
    design = Stage.objects.get(version=rich_commission.framework_version, slug="design")
    stage_status_change(actor=funder_member, commission=rich_commission, stage=design, status="revisit")
    response = sign_in(Client(), funder_member, funder_org).get(lens_url(rich_commission))
    assert response.status_code == 200
    html = flat(response)
    assert '<h1 class="govuk-heading-l">Analyse, plan, do, review</h1>' in html
    assert "A cycle of four steps that repeats." in html
    assert (
        "Rests on: All Together Now: whole systems commissioning for councils and the voluntary sector, Chapter 4"
        in html
    )
    # The newest version only.
    assert "An old stage" not in html
    for text in ("Analyse", "What analyse means.", "Analyse activity 1.", "Plan activity 2.", "Part 1 of 3"):
        assert text in html
    stage_link = reverse("commissions:stage", kwargs={"pk": rich_commission.pk, "stage": "reflect"})
    assert f'href="{stage_link}">Reflect</a>' in html
    # Reflect: answered 1 of 5, in progress (the first response started it).
    analyse = html[html.index('id="lens-analyse"') : html.index('id="lens-plan"')]
    assert "In progress" in analyse and "1 of 5" in analyse
    assert "1 marked not relevant" in analyse  # Assess
    plan = html[html.index('id="lens-plan"') : html.index('id="lens-review"')]
    assert "Revisit" in plan
    # "sustain" is not a stage of this journey: said plainly, not an error.
    assert "This part does not match any stage of the journey." in html
    assert "The commissioning journey" in html


def test_an_unknown_or_wrong_kind_of_lens_is_not_found(rich_commission, funder_member):
    client = sign_in(Client(), funder_member)
    assert client.get(lens_url(rich_commission, "nowhere")).status_code == 404
    # The journey itself is not a lens.
    assert client.get(lens_url(rich_commission, rich_commission.framework_version.framework.slug)).status_code == 404
    # A lens of some other journey does not apply.
    other = Framework.objects.create(slug="elsewhere", kind=FrameworkKind.JOURNEY, name="Elsewhere")
    lens = Framework.objects.create(slug="elsewhere-lens", kind=FrameworkKind.LENS, name="Other lens", lens_of=other)
    FrameworkVersion.objects.create(framework=lens, number=1, content_hash="d" * 64, published_at="2025-01-01T00:00Z")
    assert client.get(lens_url(rich_commission, "elsewhere-lens")).status_code == 404


@pytest.mark.parametrize("count", [5, 500])
def test_the_lens_runs_a_fixed_number_of_queries(
    rich_commission, funder_member, funder_org, django_assert_num_queries, count
):
    from tandem.commissions.models import Response
    from tandem.frameworks.models import Prompt

    prompts = list(Prompt.objects.filter(stage__version=rich_commission.framework_version))
    Response.objects.bulk_create(
        [
            Response(
                commission=rich_commission,
                prompt=prompt,
                kind="answer",
                text="x",
                author=funder_member,
                revision=n,
                is_current=n == count // len(prompts) + 1,
            )
            for prompt in prompts
            for n in range(1, count // len(prompts) + 2)
        ]
    )
    client = sign_in(Client(), funder_member, funder_org)
    client.get(lens_url(rich_commission))
    # Session, user, memberships (3); commission, team (2); lens version, its stages and their
    # activities (3); journey stages with prompt counts, response counts, progress, other lenses (4);
    # unread notifications (1); the session's activity time saved (3, with its savepoint).
    with django_assert_num_queries(16):
        assert client.get(lens_url(rich_commission)).status_code == 200
