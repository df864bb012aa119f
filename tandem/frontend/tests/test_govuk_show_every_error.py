"""A field the form lists in ``show_every_error`` shows each of its errors, by the field and as its
own line of the error summary, each linking to the field (no database)."""

from __future__ import annotations

import re

from django import forms

from tandem.frontend.tests.test_govuk_tags import field_html, ids_in, render

LINES = ["The link on line 1 must start with https://", "Line 3 does not end with a web address"]


def _raise_both() -> None:
    raise forms.ValidationError([forms.ValidationError(message) for message in LINES])


class _LinksForm(forms.Form):
    links = forms.CharField(label="Links", widget=forms.Textarea, required=False)
    other = forms.CharField(label="Other", required=False)
    show_every_error = ("links",)

    def clean_links(self) -> str:
        _raise_both()
        return ""

    def clean_other(self) -> str:
        _raise_both()
        return ""


def _form() -> _LinksForm:
    form = _LinksForm({"links": "ftp://x\nok\nwords", "other": "x"})
    assert not form.is_valid()
    return form


def test_each_error_has_its_own_line_in_the_summary_linking_to_the_field() -> None:
    html = render("{% govuk_error_summary form %}", form=_form())
    assert f'<a href="#id_links">{LINES[0]}</a>' in html
    assert f'<a href="#id_links">{LINES[1]}</a>' in html
    page = render("{% govuk_fields form %}", form=_form())
    for target in re.findall(r'href="#([^"]+)"', html):
        assert target in ids_in(page), target


def test_each_error_is_shown_by_the_field_under_one_id() -> None:
    html = field_html(_form(), "links")
    error = re.search(r'<p id="id_links-error" class="govuk-error-message">(.*?)</p>', html, re.S)
    assert error is not None
    assert error.group(1) == (
        f'<span class="govuk-visually-hidden">Error:</span>{LINES[0]}'
        f'<br><span class="govuk-visually-hidden">Error:</span>{LINES[1]}'
    )
    assert 'aria-describedby="id_links-error"' in html


def test_other_fields_still_show_only_their_first_error() -> None:
    form = _form()
    summary = render("{% govuk_error_summary form %}", form=form)
    assert f'<a href="#id_other">{LINES[0]}</a>' in summary
    assert f'<a href="#id_other">{LINES[1]}</a>' not in summary
    html = field_html(form, "other")
    assert LINES[0] in html and LINES[1] not in html
