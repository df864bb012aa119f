"""Parts of the journey pages rendered once and kept: a kept part never shows anything out of date.

Each test fills the cache with a page, changes something the page shows through the services (or
the model, for a person's name), and checks the next page shows the change.
"""

from __future__ import annotations

from collections.abc import Iterator
from html import unescape
from typing import Any

import pytest
from django.test import Client
from django.test.signals import template_rendered
from django.urls import reverse

from conftest import sign_in
from tandem.accounts.models import User
from tandem.commissions.services.responses import comment_add, response_save, stage_status_change
from tandem.commissions.tests.builders import commission_build
from tandem.commissions.tests.journey_builders import prompt_of
from tandem.commissions.views.journey_fragments import BESIDE_TEMPLATE, digest, source_fingerprint
from tandem.frameworks.models import Prompt, Stage

pytestmark = pytest.mark.django_db


def stage_page(client: Client, commission: Any, slug: str = "reflect") -> str:
    response = client.get(reverse("commissions:stage", kwargs={"pk": commission.pk, "stage": slug}))
    assert response.status_code == 200
    return " ".join(unescape(response.content.decode()).split())


@pytest.fixture
def renders() -> Iterator[list[str]]:
    """The names of the templates rendered while the test runs."""
    names: list[str] = []

    def seen(sender: Any, template: Any, **kwargs: Any) -> None:
        names.append(template.name)

    template_rendered.connect(seen)
    yield names
    template_rendered.disconnect(seen)


def test_a_new_response_shows_on_the_next_stage_page(rich_commission, funder_member, funder_org):
    client = sign_in(Client(), funder_member, funder_org)
    prompt = prompt_of(rich_commission)
    response_save(actor=funder_member, commission=rich_commission, prompt=prompt, kind="answer", text="First go.")
    assert "First go." in stage_page(client, rich_commission)
    response_save(actor=funder_member, commission=rich_commission, prompt=prompt, kind="answer", text="Second go.")
    html = stage_page(client, rich_commission)
    assert "Second go." in html and "First go." not in html
    assert "1 earlier version" in html


def test_comments_statuses_and_names_show_on_the_next_stage_page(rich_commission, funder_member, funder_org):
    client = sign_in(Client(), funder_member, funder_org)
    prompt = prompt_of(rich_commission)
    response_save(actor=funder_member, commission=rich_commission, prompt=prompt, kind="answer", text="Our view.")
    assert "1 comment" not in stage_page(client, rich_commission)
    comment_add(actor=funder_member, commission=rich_commission, prompt=prompt, text="Worth a second look.")
    assert "1 comment" in stage_page(client, rich_commission)
    stage = Stage.objects.get(version=rich_commission.framework_version, slug="reflect")
    stage_status_change(actor=funder_member, commission=rich_commission, stage=stage, status="revisit")
    assert "Revisit" in stage_page(client, rich_commission)
    User.objects.filter(pk=funder_member.pk).update(full_name="Frances Funder")
    assert "Saved by Frances Funder" in stage_page(client, rich_commission)


def test_each_person_sees_the_links_their_role_allows(rich_commission, funder_member, funder_org):
    lead = sign_in(Client(), funder_member, funder_org)
    assert "Respond<span" in stage_page(lead, rich_commission)
    olive = sign_in(Client(), User.objects.get(email="olive.observer@example.org"))
    html = stage_page(olive, rich_commission)
    assert "Respond<span" not in html and "Open<span" in html
    assert "Respond<span" in stage_page(lead, rich_commission)


def test_the_guidance_is_rendered_once_per_version_whatever_the_commission(
    rich_commission, funder_member, funder_org, renders
):
    client = sign_in(Client(), funder_member, funder_org)
    stage_page(client, rich_commission)
    prompts = Prompt.objects.filter(stage__version=rich_commission.framework_version, stage__slug="reflect").count()
    assert renders.count(BESIDE_TEMPLATE) == prompts
    renders.clear()
    # Another commission on the same version: its questions are its own, its guidance is not.
    other = commission_build(lead=funder_member, lead_funder=funder_org, version=rich_commission.framework_version)
    html = stage_page(client, other)
    assert 'id="guidance-reflect-guidance-1"' in html
    assert renders.count(BESIDE_TEMPLATE) == 0
    assert "commissions/stage.html" in renders


def test_a_new_response_shows_on_the_next_coverage_page(coverage_commission, funder_member, funder_org):
    client = sign_in(Client(), funder_member, funder_org)
    url = reverse("commissions:coverage", kwargs={"pk": coverage_commission.pk})

    def whole_stage_row() -> str:
        html = " ".join(unescape(client.get(url).content.decode()).split())
        start = html.index("Whole stage")
        return html[start : html.index("</tr>", start)]

    assert "0 of 3" in whole_stage_row()
    prompt = Prompt.objects.get(stage__version=coverage_commission.framework_version, slug="reflect-0")
    response_save(actor=funder_member, commission=coverage_commission, prompt=prompt, kind="answer", text="We have.")
    assert "1 of 3" in whole_stage_row()


def test_the_fingerprint_follows_the_source_and_the_digest_every_part():
    stage = source_fingerprint(["commissions/stage.html"])
    assert stage == source_fingerprint(["commissions/stage.html"])
    assert stage != source_fingerprint(["commissions/coverage.html"])
    assert stage != source_fingerprint(["commissions/stage.html"], ["tandem.commissions.chart"])
    assert digest(["a", 1, ("b", None)]) == digest(["a", 1, ("b", None)])
    assert digest(["a", 1]) != digest(["a", 2]) != digest(["a1"])
