"""Reads for the specification's overview, its core sections and its versions, scoped to the viewer.

Every read starts from ``specification_get``, which refuses (with the reason) anyone who may not
see the commission, so what a page shows is decided here and not only in the template.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tandem.core.permissions import Decision
from tandem.tenders.models import Specification, SpecificationVersion
from tandem.tenders.permissions import can_edit_specification, can_publish_specification
from tandem.tenders.rules import readiness
from tandem.tenders.selectors.specification_get import specification_get
from tandem.tenders.selectors.versions import version_warnings
from tandem.tenders.snapshot import specification_snapshot


@dataclass(frozen=True)
class Overview:
    specification: Specification
    statuses: dict[str, readiness.PartStatus]
    problems: list[readiness.Problem]
    # The timeline's warnings and the tender lens's findings on the working copy: publishing a version
    # with any of them asks for a reason for each.
    warnings: list[readiness.PublishWarning]
    version_count: int
    latest: SpecificationVersion | None
    published: SpecificationVersion | None


def specification_overview(*, specification: Specification) -> Overview:
    """Where each part stands, what must be fixed before publishing and what Tandem warns about, read
    from the working copy. A fixed number of queries: the snapshot's six, and one for the versions
    (the tender lens's review is kept in the cache, as its own page keeps it)."""
    snapshot = specification_snapshot(specification)
    versions = list(
        SpecificationVersion.objects.filter(specification=specification)
        .defer("snapshot")
        .select_related("created_by", "published_by")
        .order_by("-number")
    )
    return Overview(
        specification=specification,
        statuses=readiness.part_statuses(snapshot),
        problems=readiness.publish_problems(snapshot),
        warnings=version_warnings(snapshot),
        version_count=len(versions),
        latest=versions[0] if versions else None,
        published=next((v for v in versions if v.published_at is not None), None),
    )


def specification_versions(*, specification: Specification) -> list[SpecificationVersion]:
    """Saved versions, newest first, without their (large) snapshots."""
    return list(
        SpecificationVersion.objects.filter(specification=specification)
        .defer("snapshot")
        .select_related("created_by", "published_by")
        .order_by("-number")
    )


def specification_version_get(*, specification: Specification, number: int) -> SpecificationVersion | None:
    return (
        SpecificationVersion.objects.filter(specification=specification, number=number)
        .select_related("created_by", "published_by")
        .first()
    )


def specification_for_page(*, viewer: Any, commission_pk: int) -> tuple[Specification | None, Decision, Decision]:
    """The specification, and whether the viewer may edit it and publish it (with the reasons
    when not). Refuses (tandem PermissionDenied) people who may not see it."""
    specification = specification_get(viewer=viewer, commission_pk=commission_pk)
    if specification is None:
        return None, Decision.deny(""), Decision.deny("")
    commission = specification.commission
    return specification, can_edit_specification(viewer, commission), can_publish_specification(viewer, commission)
