"""The snapshot of the working copy (tandem/tenders/snapshot.py) is the typed value the reader gives
back, and a version saved in an older shape still opens, publishes and exports."""

from __future__ import annotations

import io
import json
from typing import Any

import docx
import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from conftest import sign_in
from tandem.tenders.models import Specification, SpecificationVersion
from tandem.tenders.rules.snapshot_types import SpecificationSnapshot, snapshot_read
from tandem.tenders.snapshot import specification_snapshot
from tandem.tenders.tests.builders import specification_build
from tandem.tenders.tests.test_rules_snapshot_types import conforms
from tandem.tenders.tests.test_views_export import fill

pytestmark = pytest.mark.django_db

# What a saved version might hold after years of Tandem changing: parts missing, keys missing, and a
# few values of a type no Tandem ever wrote.
OLD_SNAPSHOT: dict[str, Any] = {
    "commission": {"title": "Domestic abuse support"},
    "about": {"purpose": "Safe support written long ago.", "reporting": 4},
    "agreement": {"kind": "grant", "kind_label": "Grant", "term_months": "36"},
    "route": {"route": "open", "route_label": "Open: one stage, anyone can bid", "value_including_vat": "lots"},
    "timeline": {"submission_deadline": "2027-02-22", "award_on": "soon"},
    "criteria": [{"id": 1, "title": "Safe delivery", "weight": 100, "scale": "0 to 4"}, "not a criterion"],
    "questions": [{"id": 9, "text": "How will you keep people safe?", "why_we_ask": "W", "how_we_use": "H"}],
}


@pytest.fixture
def specification(funder_member: Any, funder_org: Any) -> Specification:
    filled = fill(specification_build(lead=funder_member, lead_funder=funder_org), questions=2)
    return Specification.objects.select_related("commission__lead_funder").get(pk=filled.pk)


def test_the_working_copys_snapshot_is_what_the_reader_gives_back(specification: Specification) -> None:
    snapshot = specification_snapshot(specification)
    assert conforms(snapshot, SpecificationSnapshot)
    assert snapshot_read(snapshot) == snapshot
    # As stored in the database and read again.
    assert snapshot_read(json.loads(json.dumps(snapshot))) == snapshot
    assert snapshot["route"]["value_including_vat"] == "450000.00"
    assert snapshot["criteria"][0]["scale"][0] == {"score": 0, "descriptor": "Nothing we could use."}


def _old_version(specification: Specification, user: Any) -> SpecificationVersion:
    return SpecificationVersion.objects.create(
        specification=specification, number=1, snapshot=OLD_SNAPSHOT, created_by=user
    )


def test_a_version_saved_in_an_older_shape_still_opens(
    client: Client, specification: Specification, funder_member: Any, funder_org: Any
) -> None:
    _old_version(specification, funder_member)
    sign_in(client, funder_member, funder_org)
    pk = specification.commission_id
    page = client.get(reverse("tenders:version", kwargs={"pk": pk, "number": 1}))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Safe support written long ago." in text
    assert "22 February 2027" in text and "Safe delivery" in text
    publish = client.get(reverse("tenders:version-publish", kwargs={"pk": pk, "number": 1}))
    assert publish.status_code == 200
    assert "Set the submission deadline" not in publish.content.decode()


def test_a_version_saved_in_an_older_shape_still_exports(
    client: Client, specification: Specification, funder_member: Any, funder_org: Any
) -> None:
    _old_version(specification, funder_member)
    sign_in(client, funder_member, funder_org)
    url = reverse("tenders:export", kwargs={"pk": specification.commission_id, "name": "pack.docx"})
    pack = client.get(f"{url}?version=1")
    assert pack.status_code == 200
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(pack.content)).paragraphs)
    assert "Safe support written long ago." in text
    assert "Term: Not written yet" in text and "Value including VAT: Not written yet" in text
    url = reverse("tenders:export", kwargs={"pk": specification.commission_id, "name": "evaluation-plan.xlsx"})
    plan = openpyxl.load_workbook(io.BytesIO(client.get(f"{url}?version=1").content))
    assert plan["Criteria"]["B2"].value == "Safe delivery"
    assert plan["Questions"]["B2"].value == "How will you keep people safe?"
