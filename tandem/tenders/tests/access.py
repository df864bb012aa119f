"""Authorisation-matrix entries for every tenders URL, gathered from one file per area.

The specification belongs to a commission built by ``specification_setup``: led by funder_org, with
funder_member as its team lead; funder_admin administers the lead funder; provider_member is not on
the team; site administrators cannot read commissions (docs/decisions/0004-commission-visibility.md).
"""

from __future__ import annotations

from tandem.core.testing.access import Access
from tandem.tenders.tests import (
    access_criteria,
    access_export,
    access_items,
    access_questions,
    access_specification,
    access_tender_lens,
    access_timeline,
    access_versions,
)

ACCESS: dict[str, Access] = {
    **access_specification.ACCESS,
    **access_versions.ACCESS,
    **access_items.ACCESS,
    **access_criteria.ACCESS,
    **access_questions.ACCESS,
    **access_timeline.ACCESS,
    **access_tender_lens.ACCESS,
    **access_export.ACCESS,
}

# Posting to the pages whose ACCESS entry is a GET: every form, walked for every role by the matrix.
POST_ACCESS: dict[str, Access] = {
    **access_items.POST_ACCESS,
    **access_criteria.POST_ACCESS,
    **access_questions.POST_ACCESS,
    **access_timeline.POST_ACCESS,
    **access_tender_lens.POST_ACCESS,
}
