"""The demo specification for the Anyborough domestic abuse commission, built by ``manage.py demo``."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from tandem.audit.selectors import audit_chain_verify
from tandem.tenders.models import AwardCriterion, Outcome, Question, Specification
from tandem.tenders.snapshot import specification_snapshot
from tandem.tenders.tender_lens import review_snapshot

pytestmark = pytest.mark.django_db

DOMESTIC_ABUSE = "Domestic abuse support in Anyborough, 2027 to 2030"


def run() -> None:
    call_command("demo", "--quiet-table", stdout=io.StringIO(), stderr=io.StringIO())


def test_the_demo_designs_part_of_the_domestic_abuse_specification_and_the_lens_has_things_to_say() -> None:
    run()
    specification = Specification.objects.select_related("commission__lead_funder").get(
        commission__title=DOMESTIC_ABUSE
    )
    assert specification.term_months == 36
    assert specification.consortium_welcome is True
    assert Outcome.objects.filter(specification=specification).count() == 2
    assert sum(c.weight for c in AwardCriterion.objects.filter(specification=specification)) == 100
    coproduced = Question.objects.get(specification=specification, coproduced_with="Anyborough survivors' panel")
    assert coproduced.criterion is not None
    assert Question.objects.filter(specification=specification, is_open=True, included=True).count() == 1

    codes = {finding.code for finding in review_snapshot(specification_snapshot(specification))}
    # What the file's header promises: no co-production requirement, no ending plan, price over 40%.
    assert {"TL12g", "TL23", "TL06"} <= codes
    assert "TL12a" not in codes
    assert audit_chain_verify() is None


def test_running_the_demo_twice_adds_nothing_to_the_specification() -> None:
    run()
    before = (Outcome.objects.count(), AwardCriterion.objects.count(), Question.objects.count())
    run()
    assert (Outcome.objects.count(), AwardCriterion.objects.count(), Question.objects.count()) == before
