"""What the "Check with the tender lens" page reads: the specification as it is now, and its findings."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.cache import cache

from tandem.tenders import tender_lens
from tandem.tenders.models import Specification
from tandem.tenders.rules.snapshot_types import SpecificationSnapshot, snapshot_read
from tandem.tenders.selectors.specification_get import specification_get
from tandem.tenders.snapshot import specification_snapshot
from tandem.tenders.tender_lens import Finding, review_snapshot
from tandem.tenders.tender_lens.limits import TextTooLong

# Reviewing a long specification takes a noticeable moment (about a third of a second for 20,000
# words), and people come back to this page while they fix things. Findings are kept for a day,
# keyed by the specification's whole content and by the lens's own code, so any edit to either
# gives a fresh review.
CACHE_SECONDS = 24 * 60 * 60


@functools.cache
def rules_fingerprint() -> str:
    """A short hash of the lens's own code, read once on first use (not at start-up)."""
    digest = hashlib.sha256()
    for path in sorted(Path(tender_lens.__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _findings_cached(snapshot: SpecificationSnapshot) -> list[Finding]:
    content = json.dumps(snapshot, sort_keys=True, default=str).encode("utf-8")
    key = f"tenders:lens:{rules_fingerprint()}:{hashlib.sha256(content).hexdigest()}"
    kept = cache.get(key)
    if isinstance(kept, list):
        return [Finding(**{**row, "principles": tuple(row["principles"])}) for row in kept]
    findings = review_snapshot(snapshot)
    cache.set(key, [finding.as_dict() for finding in findings], CACHE_SECONDS)
    return findings


def tender_lens_findings(snapshot: Mapping[str, object]) -> list[Finding] | None:
    """The lens's findings for any stored snapshot (a saved version's too), read through
    ``snapshot_read`` and kept in the same cache as the page's; None when it has more text than the
    lens reads at once."""
    try:
        return _findings_cached(snapshot_read(snapshot))
    except TextTooLong:
        return None


@dataclass(frozen=True)
class TenderLensReview:
    specification: Specification
    snapshot: SpecificationSnapshot
    findings: list[Finding]
    # How many characters the specification's text has, when that is more than the lens reads at once
    # (then ``findings`` is empty and the page says why); None when it was reviewed.
    too_long: int | None = None


def tender_lens_review(*, viewer: Any, commission_pk: int) -> TenderLensReview | None:
    """The viewer's view of the specification, reviewed by the tender lens.

    None when there is no such commission or specification; tandem PermissionDenied (with the reason)
    when the viewer may not see it. A specification longer than the lens reads at once is not reviewed:
    ``too_long`` says how long it is. Three queries to load the specification (the commission, its
    team, and the specification with every section's version) and six for the snapshot, whatever its
    size; the review itself makes none.
    """
    # The page shows no partner funders, so they are not read.
    specification = specification_get(viewer=viewer, commission_pk=commission_pk, partners=False)
    if specification is None:
        return None
    snapshot = specification_snapshot(specification)
    try:
        findings = _findings_cached(snapshot)
    except TextTooLong as error:
        return TenderLensReview(specification=specification, snapshot=snapshot, findings=[], too_long=error.length)
    return TenderLensReview(specification=specification, snapshot=snapshot, findings=findings)
