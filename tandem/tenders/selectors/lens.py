"""What the "Check with the tender lens" page reads: the specification as it is now, and its findings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tandem.tenders.lens import Finding, review_snapshot
from tandem.tenders.models import Specification
from tandem.tenders.selectors.specification_get import specification_get
from tandem.tenders.snapshot import specification_snapshot


@dataclass(frozen=True)
class LensReview:
    specification: Specification
    snapshot: dict[str, Any]
    findings: list[Finding]


def lens_review(*, viewer: Any, commission_pk: int) -> LensReview | None:
    """The viewer's view of the specification, reviewed by the tender lens.

    None when there is no such commission or specification; tandem PermissionDenied (with the reason)
    when the viewer may not see it. Three queries to load the specification and seven for the snapshot,
    whatever its size; the review itself makes none.
    """
    specification = specification_get(viewer=viewer, commission_pk=commission_pk)
    if specification is None:
        return None
    snapshot = specification_snapshot(specification)
    return LensReview(specification=specification, snapshot=snapshot, findings=review_snapshot(snapshot))
