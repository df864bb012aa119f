"""Each status has one colour on every page that shows it (issue 10, item 15): the commission
list, the journey's task list, a stage, a lens and the specification's task list."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from django.test import Client
from django.urls import reverse

from conftest import sign_in
from tandem.commissions.services.responses import response_save, stage_status_change
from tandem.commissions.tests.journey_builders import RICH_LENS_SLUG, prompt_of
from tandem.frameworks.models import Stage

pytestmark = pytest.mark.django_db

TAG = re.compile(r'<strong class="govuk-tag ([^"]*)">\s*([^<]+?)\s*</strong>')
STATUSES = {"Not started", "In progress", "Considered", "Revisit"}


def test_a_status_is_the_same_colour_on_every_page(rich_commission, commission, funder_member, funder_org):
    response_save(
        actor=funder_member, commission=rich_commission, prompt=prompt_of(rich_commission), kind="answer", text="Yes."
    )
    for slug, status in (("design", "revisit"), ("assess", "considered")):
        stage = Stage.objects.get(version=rich_commission.framework_version, slug=slug)
        stage_status_change(actor=funder_member, commission=rich_commission, stage=stage, status=status)
    client = sign_in(Client(), funder_member, funder_org)
    pk = rich_commission.pk
    pages = [
        reverse("commissions:list"),
        reverse("commissions:detail", kwargs={"pk": pk}),
        reverse("commissions:stage", kwargs={"pk": pk, "stage": "reflect"}),
        reverse("commissions:stage", kwargs={"pk": pk, "stage": "design"}),
        reverse("commissions:stage", kwargs={"pk": pk, "stage": "assess"}),
        # A second commission, whose stages have not been started.
        reverse("commissions:detail", kwargs={"pk": commission.pk}),
        reverse("commissions:stage", kwargs={"pk": commission.pk, "stage": "sustain"}),
        reverse("commissions:lens", kwargs={"pk": pk, "framework": RICH_LENS_SLUG}),
        reverse("tenders:overview", kwargs={"pk": pk}),
    ]
    colours: dict[str, set[str]] = defaultdict(set)
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        for classes, words in TAG.findall(response.content.decode()):
            if words in STATUSES:
                colour = {name for name in classes.split() if name.startswith("govuk-tag--")}
                colours[words].add(" ".join(sorted(colour)))
    assert dict(colours) == {
        "Not started": {"govuk-tag--grey"},
        "In progress": {"govuk-tag--blue"},
        "Considered": {"govuk-tag--green"},
        "Revisit": {"govuk-tag--yellow"},
    }
