"""How findings are shown to people: plain names for findings, severities and principles, never codes."""

from __future__ import annotations

from pathlib import Path

import yaml
from django.conf import settings

from tandem.tenders.tender_lens import CATALOGUE
from tandem.tenders.tender_lens.catalogue import PRINCIPLES
from tandem.tenders.tender_lens.finding import make_finding
from tandem.tenders.tender_lens.present import (
    PRINCIPLE_NAMES,
    SEVERITY_HEADINGS,
    SEVERITY_ORDER,
    TITLES,
    principle_names,
    readable_name,
)


def test_every_code_has_a_plain_name_with_no_code_in_it():
    assert set(TITLES) == set(CATALOGUE)
    for code, title in TITLES.items():
        assert code not in title
        assert "_" not in title
        assert title[:1].isupper()


def test_principle_names_are_the_journeys():
    """The lens's principles are the trauma-informed journey's, named as it names them."""
    path = Path(settings.BASE_DIR) / "content/frameworks/trauma-informed-journey/framework.yaml"
    journey = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert {p["slug"]: p["name"] for p in journey["principles"]} == PRINCIPLE_NAMES
    assert set(PRINCIPLES) == set(PRINCIPLE_NAMES)


def test_a_finding_reads_by_its_name_and_its_principles_by_theirs():
    finding = make_finding("TL12d", 0, 0, message="m", suggestion="s", source="x")
    assert readable_name(finding) == "Missing: culturally responsive practice"
    assert principle_names(finding) == ["Cultural consideration"]


def test_each_severity_has_a_heading():
    assert list(SEVERITY_HEADINGS) == list(SEVERITY_ORDER)
    assert {entry.severity for entry in CATALOGUE.values()} <= set(SEVERITY_HEADINGS)
