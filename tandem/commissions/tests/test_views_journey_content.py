"""The stage, prompt and lens pages with the real framework content from content/frameworks."""

from __future__ import annotations

from html import unescape
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from conftest import sign_in
from tandem.commissions.selectors.journey import SOURCE_TITLES
from tandem.commissions.tests.builders import commission_build
from tandem.frameworks.models import Framework, FrameworkKind, Prompt, Stage

pytestmark = pytest.mark.django_db


def flat(response: Any) -> str:
    return " ".join(unescape(response.content.decode()).split())


def test_every_stage_prompt_and_lens_of_the_default_journey_shows(journey_version, funder_member, funder_org):
    commission = commission_build(lead=funder_member, lead_funder=funder_org, version=journey_version)
    client = sign_in(Client(), funder_member, funder_org)
    stages = list(Stage.objects.filter(version=journey_version).order_by("order"))
    assert len(stages) == 7
    for stage in stages:
        response = client.get(reverse("commissions:stage", kwargs={"pk": commission.pk, "stage": stage.slug}))
        assert response.status_code == 200, stage.slug
        html = flat(response)
        assert stage.name in html
        assert "Questions for funders" in html and "Rests on: " in html
    prompt = Prompt.objects.filter(stage__version=journey_version).order_by("stage__order", "order").first()
    assert prompt is not None
    html = flat(client.get(reverse("commissions:prompt", kwargs={"pk": commission.pk, "prompt_pk": prompt.pk})))
    assert "Why this matters" in html and prompt.text in html
    lenses = Framework.objects.filter(kind=FrameworkKind.LENS, lens_of=journey_version.framework)
    assert lenses.count() >= 2
    for lens in lenses:
        response = client.get(reverse("commissions:lens", kwargs={"pk": commission.pk, "framework": lens.slug}))
        assert response.status_code == 200, lens.slug
        assert "This part does not match any stage of the journey." not in flat(response)


def test_every_source_the_content_cites_has_a_title(journey_version):
    from tandem.frameworks.models import GuidancePoint

    cited = set(Prompt.objects.values_list("source_file", flat=True))
    cited |= set(GuidancePoint.objects.values_list("source_file", flat=True))
    cited |= set(Stage.objects.values_list("source_file", flat=True))
    cited.discard("")
    assert cited <= set(SOURCE_TITLES), cited - set(SOURCE_TITLES)
