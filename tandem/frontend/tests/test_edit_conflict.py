"""Showing an edit clash: the saved values beside what was typed, and the form kept."""

from __future__ import annotations

from django import forms
from django.http import QueryDict
from hypothesis import given
from hypothesis import strategies as st

from tandem.core.concurrency import EditConflict
from tandem.frontend.edit_conflict import ConflictRow, Saved, conflict_rows, edit_conflict, keep_typed, typed_value


class DetailsForm(forms.Form):
    title = forms.CharField(max_length=50)
    about = forms.CharField(required=False)
    areas = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B"), ("c", "C")], required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


def posted(**values: str | list[str]) -> QueryDict:
    data = QueryDict(mutable=True)
    for name, value in values.items():
        data.setlist(name, value if isinstance(value, list) else [value])
    return data


def test_rows_mark_only_what_differs_from_what_was_typed() -> None:
    form = DetailsForm(posted(title="Mine", about="", areas=["b", "a"], version="1"))
    assert form.is_valid()
    rows = conflict_rows(
        form,
        [
            Saved("title", "Title", "Theirs"),
            Saved("about", "About", None),
            Saved("areas", "Areas", ["a", "b"], shown="A, B"),
        ],
    )
    assert rows == [
        ConflictRow(label="Title", value="Theirs", different=True),
        ConflictRow(label="About", value="Not given", different=False),
        ConflictRow(label="Areas", value="A, B", different=False),
    ]


def test_a_field_the_form_does_not_have_is_left_out_unless_told_how_it_differs() -> None:
    form = DetailsForm(posted(title="Mine"))
    form.is_valid()
    rows = conflict_rows(
        form,
        [Saved("kind", "Kind", "Charity"), Saved("partners", "Partners", [], different=True, empty="None")],
    )
    assert rows == [ConflictRow(label="Partners", value="None", different=True)]


def test_what_was_typed_can_be_given_in_the_saved_values_terms() -> None:
    # A "yes" typed is True saved; a value the form builds from several fields is not a field.
    form = DetailsForm(posted(title="Mine", about="yes", version="1"))
    assert form.is_valid()
    typed = {"about": True, "scale": [{"score": 1}, {"score": 0}]}
    rows = conflict_rows(
        form,
        [
            Saved("about", "About", True, shown="Yes"),
            Saved("scale", "Scale", [{"score": 0}, {"score": 1}], shown="0, 1"),
            Saved("title", "Title", "Mine"),
            Saved("kind", "Kind", "Charity"),
        ],
        typed=typed,
    )
    assert rows == [
        ConflictRow(label="About", value="Yes", different=False),
        ConflictRow(label="Scale", value="0, 1", different=False),
        ConflictRow(label="Title", value="Mine", different=False),
    ]
    assert conflict_rows(form, [Saved("about", "About", False)], typed=typed)[0].different
    conflict = EditConflict(what="it", saved={}, version=2)
    (row,) = edit_conflict(form, conflict, [Saved("scale", "Scale", [])], typed=typed)
    assert row.different and form.cleaned_data["version"] == 2


def test_what_was_typed_is_read_raw_when_it_did_not_clean() -> None:
    form = DetailsForm(posted(title="x" * 60, areas=["a", "z"]))
    assert not form.is_valid()
    assert typed_value(form, "title") == "x" * 60
    assert typed_value(form, "areas") == ["a", "z"]


def test_the_form_is_kept_as_typed_and_carries_the_version_saved_now() -> None:
    form = DetailsForm(posted(title="Mine", areas=["a", "c"], version="1"))
    form.is_valid()
    conflict = EditConflict(what="it", saved={"title": "Theirs"}, version=4)
    rows = edit_conflict(form, conflict, [Saved("title", "Title", conflict.saved["title"])])
    assert rows[0].different
    assert form.is_valid()
    assert form.cleaned_data["version"] == 4
    assert form.cleaned_data["title"] == "Mine"
    assert isinstance(form.data, QueryDict) and form.data.getlist("areas") == ["a", "c"]
    assert 'value="4"' in str(form["version"])


def test_a_form_bound_to_a_plain_dict_is_kept_too() -> None:
    form = DetailsForm({"title": "Mine", "areas": ["b"], "version": "2"})
    keep_typed(form, 3)
    assert form.is_valid()
    assert (form.cleaned_data["version"], form.cleaned_data["areas"]) == (3, ["b"])


def test_a_removed_thing_leaves_no_version_to_save_against() -> None:
    form = DetailsForm(posted(title="Mine", version="2"))
    keep_typed(form, None)
    assert form.is_valid()
    assert form.cleaned_data["version"] is None


@given(title=st.text(max_size=80), saved=st.one_of(st.none(), st.text(max_size=80)))
def test_any_typed_text_gives_a_row_and_never_an_error(title: str, saved: str | None) -> None:
    form = DetailsForm(posted(title=title, version="1"))
    form.is_valid()
    (row,) = conflict_rows(form, [Saved("title", "Title", saved)])
    assert row.value == (saved or "Not given")
    keep_typed(form, 2)
    assert form.data["title"] == title
