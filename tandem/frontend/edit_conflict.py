"""The one way a view shows an edit clash (``tandem.core.concurrency.EditConflict``).

A view catches the conflict and calls ``edit_conflict``::

    except EditConflict as exc:
        conflict = edit_conflict(form, exc, [
            Saved("title", "Title", exc.saved.title),
            Saved("ends_on", "End date", exc.saved.ends_on, shown=date_display(exc.saved.ends_on)),
        ])

It returns the rows ``frontend/_edit_conflict.html`` shows (what is saved now, marking where it
differs from what this person typed) and keeps the person's form as they typed it, now carrying
the version saved now, so that saving again (a deliberate choice, having seen both) goes through.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from django import forms
from django.http import QueryDict

from tandem.core.concurrency import EditConflict

NOT_GIVEN = "Not given"


@dataclass(frozen=True)
class Saved:
    """One value as it is saved now.

    ``field`` is the form field it is compared with; ``value`` the saved value compared with
    what was typed (lists compare in any order, and nothing equals empty); ``shown`` how it
    reads to people (default: ``value`` as text, a list joined with commas); ``different``
    overrides the comparison where a field needs its own (say, a saved value in pence against
    pounds typed). A row whose field is not on the form is left out, unless ``different`` is
    given or the view says what was typed for it (``typed``, below).
    """

    field: str
    label: str
    value: Any
    shown: str | None = None
    different: bool | None = None
    empty: str = NOT_GIVEN


@dataclass(frozen=True)
class ConflictRow:
    label: str
    value: str
    different: bool


def _plain(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set, frozenset)):
        return sorted((_plain(item) for item in value), key=str)
    return value


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(str(item) for item in value)
    return str(value)


def typed_value(form: forms.Form, field: str) -> Any:
    """What the person typed for ``field``: the cleaned value where it cleaned, else the raw one."""
    typed = getattr(form, "cleaned_data", None) or {}
    if field in typed:
        return typed[field]
    key = form.add_prefix(field)
    data = form.data
    if hasattr(data, "getlist") and isinstance(form.fields.get(field), forms.MultipleChoiceField):
        return data.getlist(key)
    return data.get(key)


def conflict_rows(
    form: forms.Form, saved: Iterable[Saved], *, typed: Mapping[str, Any] | None = None
) -> list[ConflictRow]:
    """The rows of the conflict banner, in the order given.

    ``typed``, when given, is what the person typed in the saved values' own terms, where the
    form's cleaned data is not (say, a form's ``values()``, with a "yes" or "no" already ``True``
    or ``False``, or a value the form builds from several fields); a field it holds is compared
    with that instead of the form's own value for it.
    """
    given: Mapping[str, Any] = typed or {}
    rows = []
    for item in saved:
        if item.different is None and item.field not in form.fields and item.field not in given:
            continue
        if item.different is None:
            mine = given[item.field] if item.field in given else typed_value(form, item.field)
            different = _plain(item.value) != _plain(mine)
        else:
            different = item.different
        shown = _shown(item.value) if item.shown is None else item.shown
        rows.append(ConflictRow(label=item.label, value=shown or item.empty, different=different))
    return rows


Form = TypeVar("Form", bound=forms.Form)


def keep_typed(form: Form, version: int | None, *, field: str = "version") -> Form:
    """Keep what the person typed in ``form``, now carrying ``version`` (the one saved now), and
    check it again so its messages match what it holds."""
    if isinstance(form.data, QueryDict):
        data = form.data.copy()
    else:
        data = QueryDict(mutable=True)
        for name, value in form.data.items():
            data.setlist(name, list(value) if isinstance(value, (list, tuple)) else [value])
    key = form.add_prefix(field)
    if version is None:
        data.pop(key, None)
    else:
        data[key] = str(version)
    form.data = data
    form.full_clean()
    return form


def edit_conflict(
    form: forms.Form,
    conflict: EditConflict,
    saved: Iterable[Saved],
    *,
    typed: Mapping[str, Any] | None = None,
) -> list[ConflictRow]:
    """Rows for ``frontend/_edit_conflict.html``, and ``form`` kept as typed with the version
    saved now (see the module's notes; ``typed`` is as for ``conflict_rows``)."""
    rows = conflict_rows(form, saved, typed=typed)
    keep_typed(form, conflict.version)
    return rows
