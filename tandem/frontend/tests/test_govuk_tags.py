"""The form renderer draws GOV.UK Design System markup: labels, hints, "Why we ask", errors."""

from __future__ import annotations

import datetime
import re

import pytest
from django import forms
from django.template import Context, Template
from django.test.html import parse_html

from tandem.frontend.fields import GovukDateField
from tandem.frontend.templatetags.govuk import SENSITIVE_HINT, field_anchor, govuk_error_prefix


class ExampleForm(forms.Form):
    name = forms.CharField(
        label="Your name",
        help_text="As you would like others to see it.",
        error_messages={"required": "Enter your name"},
    )
    nickname = forms.CharField(label="Nickname", required=False)
    income = forms.IntegerField(label="Annual income", required=False)
    email = forms.EmailField(label="Email address", error_messages={"invalid": "Enter a real email address"})
    password = forms.CharField(label="Password", widget=forms.PasswordInput)
    about = forms.CharField(label="About you", max_length=200, widget=forms.Textarea)
    notes = forms.CharField(label="Notes", widget=forms.Textarea, required=False)
    area = forms.ChoiceField(label="Area", choices=[("", "Choose"), ("north", "North"), ("south", "South")])
    size = forms.ChoiceField(
        label="Size",
        widget=forms.RadioSelect,
        choices=[("", "---------"), ("small", "Small"), ("medium", "Medium"), ("large", "Large")],
        error_messages={"required": "Select a size"},
    )
    support = forms.MultipleChoiceField(
        label="Support",
        widget=forms.CheckboxSelectMultiple,
        choices=[("housing", "Housing"), ("advice", "Advice"), ("food", "Food")],
        help_text="Select all that apply.",
    )
    agree = forms.BooleanField(label="I agree", error_messages={"required": "Tick the box to agree"})
    started = GovukDateField(label="When did you start?", error_messages={"required": "Enter the date you started"})
    report = forms.FileField(label="Report", required=False)

    why_we_ask = {"name": "So people know who they are talking to.", "size": "Some funds are for small groups."}
    optional_sensitive = ("income",)
    choice_hints = {"size": {"large": "More than 50 people."}}


VALID = {
    "name": "Pat",
    "email": "pat@example.org",
    "password": "a long password",
    "about": "We help.",
    "area": "north",
    "size": "small",
    "support": ["advice"],
    "agree": "on",
    "started_day": "1",
    "started_month": "2",
    "started_year": "2020",
}


def squash(html: str) -> str:
    """The markup with layout whitespace removed, so tests do not depend on indentation."""
    html = re.sub(r"\s+", " ", html)
    html = re.sub(r"\s*>\s*", ">", html)
    return re.sub(r"\s*<", "<", html).strip()


def render(source: str, **context: object) -> str:
    return squash(Template(source).render(Context(context)))


def field_html(form: forms.Form, name: str) -> str:
    return render("{% govuk_field field %}", field=form[name])


def ids_in(html: str) -> list[str]:
    return re.findall(r'\sid="([^"]+)"', html)


def element(html: str, tag: str, id_: str) -> str:
    match = re.search(rf"<{tag}\b[^>]*\bid=\"{re.escape(id_)}\"[^>]*>", html)
    assert match, f"No <{tag} id={id_}> in {html}"
    return match.group(0)


def test_text_input_has_label_hint_and_why_we_ask() -> None:
    html = field_html(ExampleForm(), "name")
    assert '<label class="govuk-label govuk-label--s" for="id_name">' in html
    assert '<div id="id_name-hint" class="govuk-hint">As you would like others to see it.</div>' in html
    assert "Why we ask" in html and "So people know who they are talking to." in html
    assert 'class="govuk-details tandem-why"' in html
    control = element(html, "input", "id_name")
    assert 'class="govuk-input"' in control
    assert 'aria-describedby="id_name-hint"' in control
    assert "(optional)" not in html


def test_optional_field_is_marked_optional() -> None:
    html = field_html(ExampleForm(), "nickname")
    label = re.search(r"<label[^>]*>(.*?)</label>", html, re.S)
    assert label and "(optional)" in label.group(1)


def test_optional_sensitive_field_says_it_can_be_skipped_in_its_hint() -> None:
    html = field_html(ExampleForm(), "income")
    assert "(optional)" in html
    assert f'<div id="id_income-hint" class="govuk-hint">{SENSITIVE_HINT}</div>' in html
    assert 'aria-describedby="id_income-hint"' in element(html, "input", "id_income")


def test_error_message_has_id_prefix_and_is_described_by() -> None:
    form = ExampleForm({**VALID, "name": ""})
    assert not form.is_valid()
    html = field_html(form, "name")
    assert 'class="govuk-form-group govuk-form-group--error"' in html
    error = re.search(r'<p id="id_name-error" class="govuk-error-message">(.*?)</p>', html, re.S)
    assert error is not None
    assert '<span class="govuk-visually-hidden">Error:</span>Enter your name' in error.group(1)
    control = element(html, "input", "id_name")
    assert 'aria-describedby="id_name-hint id_name-error"' in control
    assert "govuk-input--error" in control
    # The error comes after the hint and before the control, as GOV.UK does it.
    assert html.index("id_name-hint") < html.index("id_name-error") < html.index("<input")


def test_input_keeps_what_was_typed_after_an_error() -> None:
    form = ExampleForm({**VALID, "email": "not an email"})
    assert not form.is_valid()
    html = field_html(form, "email")
    assert 'value="not an email"' in html
    assert "Enter a real email address" in html


def test_email_input_turns_off_spellcheck_and_suggests_autocomplete() -> None:
    control = element(field_html(ExampleForm(), "email"), "input", "id_email")
    assert 'type="email"' in control
    assert 'spellcheck="false"' in control
    assert 'autocomplete="email"' in control


def test_password_input_uses_the_govuk_show_hide_markup() -> None:
    html = field_html(ExampleForm(), "password")
    assert 'class="govuk-form-group govuk-password-input"' in html
    assert 'data-module="govuk-password-input"' in html
    assert 'class="govuk-input__wrapper govuk-password-input__wrapper"' in html
    control = element(html, "input", "id_password")
    assert "govuk-js-password-input-input" in control and 'type="password"' in control
    assert 'autocomplete="current-password"' in control
    assert 'aria-controls="id_password"' in html and "hidden>Show</button>" in html


def test_password_is_never_sent_back_after_an_error() -> None:
    form = ExampleForm({**VALID, "password": "secret words", "name": ""})
    assert not form.is_valid()
    assert "secret words" not in field_html(form, "password")


def test_textarea_with_max_length_gets_a_character_count() -> None:
    html = field_html(ExampleForm(), "about")
    assert 'class="govuk-form-group govuk-character-count"' in html
    assert 'data-module="govuk-character-count"' in html
    assert 'data-maxlength="200"' in html
    assert (
        '<div id="id_about-info" class="govuk-hint govuk-character-count__message">'
        "You can enter up to 200 characters</div>"
    ) in html
    control = element(html, "textarea", "id_about")
    assert "govuk-textarea govuk-js-character-count" in control
    assert 'aria-describedby="id_about-info"' in control
    # No maxlength attribute: it would cut people off without telling them.
    assert "maxlength" not in control
    assert "cols=" not in control


def test_character_count_error_keeps_the_long_text_and_describes_all() -> None:
    form = ExampleForm({**VALID, "about": "x" * 201})
    assert not form.is_valid()
    html = field_html(form, "about")
    control = element(html, "textarea", "id_about")
    assert 'aria-describedby="id_about-error id_about-info"' in control
    assert "govuk-textarea--error" in control
    assert "x" * 201 in html


def test_textarea_without_limit_has_no_character_count() -> None:
    html = field_html(ExampleForm(), "notes")
    assert "govuk-character-count" not in html
    assert 'rows="5"' in element(html, "textarea", "id_notes")


def test_select_uses_govuk_select_and_keeps_the_choice() -> None:
    form = ExampleForm({**VALID, "area": "south", "name": ""})
    form.is_valid()
    html = field_html(form, "area")
    assert 'class="govuk-select"' in element(html, "select", "id_area")
    assert re.search(r'<option value="south" selected>South</option>', html)


def test_radios_are_in_a_fieldset_with_legend_and_ids_the_summary_can_link_to() -> None:
    html = field_html(ExampleForm(), "size")
    assert '<fieldset class="govuk-fieldset">' in html
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">' in html
    # The blank choice is dropped; the first radio takes the field's id.
    assert ids_in(html).count("id_size") == 1
    assert 'id="id_size" name="size" type="radio" value="small"' in html
    assert 'id="id_size-2"' in html and 'id="id_size-3"' in html
    assert 'value=""' not in html
    assert 'data-module="govuk-radios"' in html
    assert "govuk-radios--inline" not in html
    # A hint on one option is tied to that option.
    assert 'aria-describedby="id_size-3-item-hint"' in html
    assert '<div id="id_size-3-item-hint" class="govuk-hint govuk-radios__hint">More than 50 people.</div>' in html


def test_radios_error_is_on_the_fieldset_and_choice_is_kept() -> None:
    form = ExampleForm({**VALID, "size": "large", "name": ""})
    assert not form.is_valid()
    html = field_html(form, "size")
    assert re.search(r'<input[^>]*value="large"[^>]*checked', html)
    assert not re.search(r'<input[^>]*value="small"[^>]*checked', html)

    form = ExampleForm({**VALID, "size": ""})
    assert not form.is_valid()
    html = field_html(form, "size")
    assert '<fieldset class="govuk-fieldset" aria-describedby="id_size-error">' in html
    assert "Select a size" in html
    assert "checked" not in html


def test_checkboxes_keep_what_was_ticked_after_an_error() -> None:
    form = ExampleForm({**VALID, "support": ["housing", "food"], "name": ""})
    assert not form.is_valid()
    html = field_html(form, "support")
    assert re.search(r'<input[^>]*value="housing"[^>]*checked', html)
    assert re.search(r'<input[^>]*value="food"[^>]*checked', html)
    assert not re.search(r'<input[^>]*value="advice"[^>]*checked', html)
    assert '<fieldset class="govuk-fieldset" aria-describedby="id_support-hint">' in html
    assert 'data-module="govuk-checkboxes"' in html
    assert "(optional)" not in html


def test_single_checkbox_error_and_state() -> None:
    form = ExampleForm({**VALID, "agree": ""})
    assert not form.is_valid()
    html = field_html(form, "agree")
    assert 'id="id_agree-error"' in html and "Tick the box to agree" in html
    control = element(html, "input", "id_agree")
    assert 'aria-describedby="id_agree-error"' in control
    assert "checked" not in control

    form = ExampleForm({**VALID, "name": ""})
    form.is_valid()
    assert "checked" in element(field_html(form, "agree"), "input", "id_agree")


def test_file_upload_is_plain_govuk_markup() -> None:
    html = field_html(ExampleForm(), "report")
    control = element(html, "input", "id_report")
    assert 'type="file"' in control and 'class="govuk-file-upload"' in control
    assert "Clear" not in html and "Currently" not in html


def test_date_input_draws_three_labelled_boxes() -> None:
    form = ExampleForm(initial={"started": datetime.date(2021, 3, 27)})
    html = field_html(form, "started")
    assert '<fieldset class="govuk-fieldset" role="group">' in html
    assert '<div class="govuk-date-input" id="id_started">' in html
    for part, value, width in (("day", "27", 2), ("month", "3", 2), ("year", "2021", 4)):
        control = element(html, "input", f"id_started_{part}")
        assert f'name="started_{part}"' in control
        assert f'value="{value}"' in control
        assert f"govuk-input--width-{width}" in control
        assert 'inputmode="numeric"' in control
        assert (
            f'<label class="govuk-label govuk-date-input__label" for="id_started_{part}">{part.capitalize()}</label>'
            in html
        )


@pytest.mark.parametrize(
    ("day", "month", "year", "message", "wrong"),
    [
        ("", "", "", "Enter the date you started", {"day", "month", "year"}),
        ("12", "", "2020", "Date must include a month", {"month"}),
        ("", "", "2020", "Date must include a day and month", {"day", "month"}),
        ("31", "2", "2021", "Enter a real date", {"day"}),
        ("1", "13", "2021", "Enter a real date", {"month"}),
        ("x", "2", "2021", "Enter a real date", {"day"}),
        ("1", "2", "21", "Year must include 4 numbers", {"year"}),
    ],
)
def test_date_input_errors_mark_only_the_wrong_boxes(
    day: str, month: str, year: str, message: str, wrong: set[str]
) -> None:
    form = ExampleForm({**VALID, "started_day": day, "started_month": month, "started_year": year})
    assert not form.is_valid()
    html = field_html(form, "started")
    assert f"Error:</span>{message}" in html
    assert 'aria-describedby="id_started-error"' in html
    for part in ("day", "month", "year"):
        control = element(html, "input", f"id_started_{part}")
        assert ("govuk-input--error" in control) == (part in wrong), (part, control)
    # What was typed stays in the boxes.
    if day:
        assert f'value="{day}"' in element(html, "input", "id_started_day")
    # The summary links to the first box that is wrong.
    first = next(part for part in ("day", "month", "year") if part in wrong)
    assert field_anchor(form["started"]) == f"id_started_{first}"
    assert f'href="#id_started_{first}"' in render("{% govuk_error_summary form %}", form=form)


def test_error_summary_links_each_error_to_its_field() -> None:
    form = ExampleForm({"email": "nope", "size": "", "started_day": "3", "started_year": "2020"})
    assert not form.is_valid()
    html = render("{% govuk_error_summary form %}", form=form)
    assert 'data-module="govuk-error-summary"' in html
    assert '<h2 class="govuk-error-summary__title">There is a problem</h2>' in html
    assert '<a href="#id_name">Enter your name</a>' in html
    assert '<a href="#id_email">Enter a real email address</a>' in html
    assert '<a href="#id_size">Select a size</a>' in html
    assert '<a href="#id_started_month">Date must include a month</a>' in html
    # Every link goes to an element the page really has.
    page = render("{% govuk_fields form %}", form=form)
    for target in re.findall(r'href="#([^"]+)"', html):
        assert target in ids_in(page), target
    # Errors are listed in the order of the questions.
    assert html.index("#id_name") < html.index("#id_email") < html.index("#id_size") < html.index("#id_started")


def test_error_summary_lists_form_wide_errors_without_a_link() -> None:
    class PairForm(forms.Form):
        a = forms.CharField(required=False)

        def clean(self) -> dict[str, object]:
            raise forms.ValidationError("These answers do not go together")

    form = PairForm({"a": "1"})
    form.is_valid()
    html = render("{% govuk_error_summary form %}", form=form)
    assert "These answers do not go together" in html
    assert "href=" not in html


def test_error_summary_is_empty_for_unbound_or_valid_forms() -> None:
    assert render("{% govuk_error_summary form %}", form=ExampleForm()) == ""
    valid = ExampleForm(VALID)
    assert valid.is_valid(), valid.errors
    assert render("{% govuk_error_summary form %}", form=valid) == ""


def test_error_summary_can_stop_moving_focus() -> None:
    form = ExampleForm({})
    form.is_valid()
    assert 'data-disable-auto-focus="true"' in render(
        "{% govuk_error_summary form disable_auto_focus=True %}", form=form
    )


def test_error_prefix_for_the_page_title() -> None:
    form = ExampleForm({})
    form.is_valid()
    assert govuk_error_prefix(form) == "Error: "
    assert govuk_error_prefix(ExampleForm()) == ""
    assert govuk_error_prefix(None) == ""


def test_heading_option_makes_the_label_the_h1() -> None:
    html = render("{% govuk_field form.name heading=True %}", form=ExampleForm())
    assert '<h1 class="govuk-label-wrapper">' in html and "govuk-label--l" in html
    html = render("{% govuk_field form.size heading=True %}", form=ExampleForm())
    assert '<h1 class="govuk-fieldset__heading">' in html and "govuk-fieldset__legend--l" in html


def test_whole_form_has_unique_ids_and_valid_html() -> None:
    form = ExampleForm({"email": "nope"})
    form.is_valid()
    html = render("{% govuk_error_summary form %}{% govuk_fields form %}", form=form)
    ids = ids_in(html)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    parse_html(html)  # Raises on unbalanced markup.
    # Every aria-describedby points at something that exists.
    for described in re.findall(r'aria-describedby="([^"]+)"', html):
        for target in described.split():
            assert target in ids, target


def test_text_is_escaped() -> None:
    class Nasty(forms.Form):
        name = forms.CharField(label="<b>Name</b>", help_text="<script>x</script>")

    html = field_html(Nasty({"name": '"><script>alert(1)</script>'}), "name")
    assert "<script>" not in html
    assert "&lt;b&gt;Name&lt;/b&gt;" in html


def test_single_checkbox_hint_sits_under_its_label() -> None:
    class ConsentForm(forms.Form):
        consent = forms.BooleanField(label="Keep me updated", required=False, help_text="We email once a month.")

    html = field_html(ConsentForm(), "consent")
    assert 'aria-describedby="id_consent-hint"' in element(html, "input", "id_consent")
    assert (
        '<label class="govuk-label govuk-checkboxes__label" for="id_consent">Keep me updated</label>'
        '<div id="id_consent-hint" class="govuk-hint govuk-checkboxes__hint">We email once a month.</div>'
    ) in html
    assert html.count('id="id_consent-hint"') == 1
