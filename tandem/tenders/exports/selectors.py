"""Reads what an export is made from: the working copy's snapshot, or a saved version's.

Scoped to the viewer through ``specification_get`` (anyone who can see the specification can
export it). A fixed number of queries whatever the size: three for the commission, its team and
the specification, then seven for the working copy's snapshot, or one for a saved version (and
one more to list the saved versions when the one asked for does not exist).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from tandem.commissions.models import Commission
from tandem.tenders.exports.pack import Edition
from tandem.tenders.models import SpecificationVersion
from tandem.tenders.rules.snapshot_types import SpecificationSnapshot, snapshot_read
from tandem.tenders.selectors.specification_get import specification_get
from tandem.tenders.snapshot import specification_snapshot

# Version numbers are whole numbers from 1; longer than this is not one we could have saved
# (and a bigger number would not fit the database's integer).
MAX_VERSION_DIGITS = 9


@dataclass(frozen=True)
class ExportSource:
    commission: Commission
    snapshot: SpecificationSnapshot
    edition: Edition


@dataclass
class UnknownVersion(Exception):
    """The ``?version=`` asked for is not a saved version of this specification."""

    commission: Commission
    requested: str
    saved: list[int] = field(default_factory=list)

    @property
    def is_number(self) -> bool:
        return _version_number(self.requested) is not None


def _version_number(requested: str) -> int | None:
    text = requested.strip()
    if not text.isascii() or not text.isdigit() or len(text) > MAX_VERSION_DIGITS or int(text) < 1:
        return None
    return int(text)


def export_source(*, viewer: Any, commission_pk: int, version: str | None = None) -> ExportSource | None:
    """What to export: the working copy when ``version`` is None or blank, otherwise that saved
    version exactly as it was saved.

    None when there is no such commission; tandem PermissionDenied when the viewer may not see
    it; ``UnknownVersion`` when the version asked for is not one that was saved.
    """
    specification = specification_get(viewer=viewer, commission_pk=commission_pk)
    if specification is None:
        return None
    commission = specification.commission
    today = timezone.localdate()
    if version is None or not version.strip():
        return ExportSource(
            commission=commission, snapshot=specification_snapshot(specification), edition=Edition(made_on=today)
        )
    number = _version_number(version)
    saved = (
        SpecificationVersion.objects.filter(specification=specification, number=number).first()
        if number is not None
        else None
    )
    if saved is None:
        numbers = sorted(
            SpecificationVersion.objects.filter(specification=specification).values_list("number", flat=True)
        )
        raise UnknownVersion(commission=commission, requested=version.strip()[:20], saved=numbers)
    return ExportSource(
        commission=commission,
        snapshot=snapshot_read(saved.snapshot),
        edition=Edition(
            made_on=today,
            number=saved.number,
            saved_on=timezone.localdate(saved.created_at),
            published_on=timezone.localdate(saved.published_at) if saved.published_at else None,
        ),
    )
