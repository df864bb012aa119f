"""The specification's sections: the parts saved as a whole (about the service, the agreement, the
route, the trauma-informed requirements, the reason for a low social value weight, the timeline
and co-production), each with its own ``version`` in a ``SpecificationSection`` row.

A service saving a section locks its row with ``section_lock`` (which raises
``tandem.core.concurrency.EditConflict`` when someone else saved it since the person opened it)
and counts the save with ``section_bump``. Editing different sections never clashes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tandem.core.concurrency import bump, compare
from tandem.tenders.models import Specification, SpecificationSection, section_version_attribute


def section_version(specification: Specification, key: str) -> int:
    """How many times the section has been saved (0 until it first is): the number its form
    carries. Read from the specification when it was loaded ``with_sections()`` (as pages
    load it), else from the database."""
    loaded = getattr(specification, section_version_attribute(key), None)
    if isinstance(loaded, int):
        return loaded
    saved = (
        SpecificationSection.objects.filter(specification_id=specification.pk, key=key)
        .values_list("version", flat=True)
        .first()
    )
    return saved or 0


def section_lock(
    specification: Specification,
    key: str,
    *,
    expected_version: int | None,
    what: str,
    saved: Callable[[], Any],
) -> SpecificationSection:
    """Lock the section's row for the rest of the transaction (making it, at version 0, the first
    time) and check its version. Raises ``EditConflict`` carrying ``saved()`` (what the section
    holds now) when someone else saved it since ``expected_version``. Must run inside
    ``transaction.atomic()``."""
    row, _made = SpecificationSection.objects.select_for_update().get_or_create(
        specification_id=specification.pk, key=key
    )
    if row.version != expected_version:
        compare(current_version=row.version, expected_version=expected_version, what=what, saved=saved())
    return row


def section_bump(row: SpecificationSection, specification: Specification | None = None) -> int:
    """Count one more save of the (locked) section and return its version now. ``specification``,
    when given, is kept in step, so reading its section version again gives the new count."""
    row.save(update_fields=[bump(row), "updated_at"])
    if specification is not None:
        setattr(specification, section_version_attribute(row.key), row.version)
    return row.version
