from __future__ import annotations

import pytest

from tandem.audit.models import AuditEntry
from tandem.tenders.rules import open_question
from tandem.tenders.snapshot import specification_snapshot
from tandem.tenders.tests.builders import specification_build

pytestmark = pytest.mark.django_db


def test_a_new_commission_starts_its_specification_with_the_open_question(funder_member, funder_org):
    specification = specification_build(lead=funder_member, lead_funder=funder_org)
    commission = specification.commission
    assert specification.purpose == commission.purpose
    assert specification.people_for == commission.people_for
    questions = list(specification.questions.all())
    assert len(questions) == 1
    assert questions[0].is_open and questions[0].included
    assert questions[0].text == open_question.TEXT
    assert AuditEntry.objects.filter(action="tenders.specification.started").count() == 1


def test_the_snapshot_holds_every_part(funder_member, funder_org, django_assert_max_num_queries):
    specification = specification_build(lead=funder_member, lead_funder=funder_org)
    with django_assert_max_num_queries(7):
        snapshot = specification_snapshot(specification)
    assert snapshot["about"]["purpose"] == specification.purpose
    assert [q["is_open"] for q in snapshot["questions"]] == [True]
    assert snapshot["criteria"] == []
    assert set(snapshot["timeline"]) >= {"publication_on", "submission_deadline", "award_on"}


def test_the_snapshot_lists_trauma_informed_requirements_in_the_guidance_order(funder_member, funder_org):
    from tandem.tenders.models import TIElement, TIRequirement

    specification = specification_build(lead=funder_member, lead_funder=funder_org)
    for element in reversed(TIElement.values):
        TIRequirement.objects.create(specification=specification, element=element, commitments="We will.")
    snapshot = specification_snapshot(specification)
    assert [row["element"] for row in snapshot["ti_requirements"]] == list(TIElement.values)
