"""Progress is counted one way, in one word, on every page (issue 10, item 22): a question with
any current response (thinking, a decision, or "not relevant here, because…") is answered, and the
journey, a stage, a lens and the coverage page all say so with the same number."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from conftest import sign_in
from tandem.commissions.services.responses import response_save
from tandem.commissions.tests.journey_builders import RICH_LENS_SLUG, prompt_of
from tandem.frameworks.models import Voice

pytestmark = pytest.mark.django_db


def text_of(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    body = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(unescape(body).split())


def test_every_page_counts_answers_the_same_way(rich_commission, funder_member, funder_org):
    response_save(
        actor=funder_member, commission=rich_commission, prompt=prompt_of(rich_commission), kind="answer", text="Yes."
    )
    response_save(
        actor=funder_member,
        commission=rich_commission,
        prompt=prompt_of(rich_commission, "reflect", Voice.PROVIDER),
        kind="not_relevant",
        reason="Another team covers this.",
    )
    client = sign_in(Client(), funder_member, funder_org)
    pk = rich_commission.pk
    journey = text_of(client, reverse("commissions:detail", kwargs={"pk": pk}))
    stage = text_of(client, reverse("commissions:stage", kwargs={"pk": pk, "stage": "reflect"}))
    lens = text_of(client, reverse("commissions:lens", kwargs={"pk": pk, "framework": RICH_LENS_SLUG}))
    coverage = text_of(client, reverse("commissions:coverage", kwargs={"pk": pk}))
    reflect = re.search(r"(\d+) of (\d+) prompts? answered", journey)
    assert reflect, journey
    answered, total = reflect.groups()
    assert answered == "2"
    assert f"The team has answered {answered} of {total} questions in this stage." in stage
    assert "Questions answered" in lens and f"{answered} of {total}" in lens
    assert "The team has answered" in coverage and "not yet answered" in coverage
    for page in (journey, stage, lens, coverage):
        assert "responded to" not in page
        assert not re.search(r"considered \d+ of|\d+ of \d+ \w* ?considered", page), page


def test_the_lens_links_read_as_english(rich_commission, funder_member, funder_org):
    client = sign_in(Client(), funder_member, funder_org)
    journey = text_of(client, reverse("commissions:detail", kwargs={"pk": rich_commission.pk}))
    assert "The same work, as “Analyse, plan, do, review”" in journey
    assert "Through the" not in journey
