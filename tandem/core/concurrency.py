"""The one way Tandem notices that two people edited the same thing (decision 0019).

Every editable row, or editable section of a larger record, carries one ``version`` count. A
form carries the version the person saw when they opened it. When they save, the service locks
what it is about to change, compares versions and either saves (adding one to the count) or
raises ``EditConflict`` carrying what is saved now, so the view can show both side by side and
nothing anyone typed is lost or silently overwritten.

Services use it like this::

    with transaction.atomic():
        current = lock_and_compare(
            Organisation.objects.all(), pk=organisation.pk, expected_version=expected_version,
            what="this organisation's details",
        )
        ...change current...
        current.save(update_fields=[*changed, bump(current)])

A record that is edited in parts (the specification's sections) keeps one row per part, each
with its own ``version``, and locks that row the same way. Views catch ``EditConflict`` and use
``tandem.frontend.edit_conflict`` to show it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from django.db import models

from tandem.core.exceptions import ApplicationError


class HasVersion(Protocol):
    version: int


class EditConflict(ApplicationError):
    """Someone else saved (or removed) this after the person opened it; nothing was changed.

    ``saved`` is what is saved now: usually the locked row, or the values a section holds; it is
    ``None`` when the thing was removed. ``version`` is the version saved now (``None`` when
    removed), which the form carries so that saving again, having seen both, goes through.
    Because it is an ``ApplicationError``, a view that does not handle it still shows its message
    at the top of the form rather than an error page.
    """

    def __init__(self, *, what: str, saved: Any, version: int | None):
        if saved is None:
            message = f"Someone else removed {what} while you were editing. Nothing you typed has been lost"
        else:
            message = f"Someone else changed {what} while you were editing"
        super().__init__(message)
        self.what = what
        self.saved = saved
        self.version = version

    @property
    def removed(self) -> bool:
        return self.saved is None


def compare(*, current_version: int | None, expected_version: int | None, what: str, saved: Any) -> None:
    """Raise ``EditConflict`` unless the person saw the version saved now.

    ``current_version`` is ``None`` when the thing no longer exists; ``expected_version`` is
    ``None`` when the form did not say which version it was typed against, which is treated as a
    clash so that nothing is overwritten unseen. Call it with the row already locked.
    """
    if current_version is None:
        raise EditConflict(what=what, saved=None, version=None)
    if expected_version is None or current_version != expected_version:
        raise EditConflict(what=what, saved=saved, version=current_version)


Row = TypeVar("Row", bound=models.Model)


def lock_and_compare(
    queryset: models.QuerySet[Row],
    *,
    pk: Any,
    expected_version: int | None,
    what: str,
    saved: Callable[[Row], Any] | None = None,
) -> Row:
    """Lock the row ``pk`` for the rest of the transaction and check its ``version``.

    Must run inside ``transaction.atomic()``. Only the row itself is locked, never rows that
    ``queryset`` joins with ``select_related``. Raises ``EditConflict`` when the row has gone or
    someone saved it since ``expected_version``; the conflict carries the locked row, or what
    ``saved(row)`` returns when given (say, the row read again with what its page shows).
    Returns the locked row.
    """
    current = queryset.select_for_update(of=("self",)).filter(pk=pk).first()
    if current is None:
        raise EditConflict(what=what, saved=None, version=None)
    version: int = current.version  # type: ignore[attr-defined]
    if version != expected_version:
        compare(
            current_version=version,
            expected_version=expected_version,
            what=what,
            saved=current if saved is None else saved(current),
        )
    return current


def bump(row: HasVersion) -> str:
    """Count one more save of ``row``; returns the field name to add to ``update_fields``."""
    row.version = row.version + 1
    return "version"
