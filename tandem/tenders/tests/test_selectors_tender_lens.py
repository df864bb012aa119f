from __future__ import annotations

import pytest

from tandem.tenders.models import Specification
from tandem.tenders.selectors.tender_lens import tender_lens_review
from tandem.tenders.snapshot import specification_snapshot
from tandem.tenders.tender_lens import review_snapshot
from tandem.tenders.tests.builders import specification_build

pytestmark = pytest.mark.django_db


def test_kept_findings_are_the_same_as_a_fresh_review_and_an_edit_gives_a_new_review(funder_member, funder_org):
    specification = specification_build(lead=funder_member, lead_funder=funder_org)
    Specification.objects.filter(pk=specification.pk).update(people_for="Families who are hard to reach.")

    first = tender_lens_review(viewer=funder_member, commission_pk=specification.commission_id)
    again = tender_lens_review(viewer=funder_member, commission_pk=specification.commission_id)
    assert first is not None and again is not None
    assert again.findings == first.findings
    assert again.findings == review_snapshot(specification_snapshot(first.specification))
    assert "TL13" in {finding.code for finding in again.findings}

    Specification.objects.filter(pk=specification.pk).update(people_for="Families we do not yet reach.")
    edited = tender_lens_review(viewer=funder_member, commission_pk=specification.commission_id)
    assert edited is not None
    assert "TL13" not in {finding.code for finding in edited.findings}
