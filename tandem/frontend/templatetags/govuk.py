"""GOV.UK Design System markup for Django forms, in one place.

``{% govuk_error_summary form %}`` renders the error summary; ``{% govuk_field form.name %}``
renders one field (label, hint, "Why we ask", error message, control) and
``{% govuk_fields form %}`` renders every visible field in order. ``{% govuk_error_prefix form %}``
gives "Error: " for the page title when the form has errors.

A form can say why it asks for each field with a ``why_we_ask`` dict on the form class:
``why_we_ask = {"annual_income": "We use this to ..."}``. Fields listed in ``optional_sensitive``
are shown with "(optional)" and a hint that they can be skipped. ``choice_hints`` gives a hint
under a radio or checkbox option: ``choice_hints = {"role": {"admin": "Can invite people"}}``.
A field shows its first error only, unless the form lists it in ``show_every_error`` (for a box
of several lines, each of which can be wrong): then each error is shown by the field and has its
own line in the error summary, linking to the field.

The markup follows the templates in ``node_modules/govuk-frontend/dist/govuk/components``.
"""

from __future__ import annotations

import copy
from typing import Any

from django import forms, template
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from tandem.frontend.fields import DATE_PARTS, GovukDateInput, date_error_parts

register = template.Library()

SENSITIVE_HINT = "You do not have to answer this. You can leave it blank."

_TEMPLATES = {
    "input": "frontend/govuk/input.html",
    "password": "frontend/govuk/password.html",
    "textarea": "frontend/govuk/textarea.html",
    "select": "frontend/govuk/input.html",
    "file": "frontend/govuk/input.html",
    "radios": "frontend/govuk/choices.html",
    "checkboxes": "frontend/govuk/choices.html",
    "checkbox": "frontend/govuk/checkbox.html",
    "date": "frontend/govuk/date.html",
}


def control_kind(field: BoundField) -> str:
    """Which GOV.UK component draws this field."""
    widget = field.field.widget
    if isinstance(widget, GovukDateInput):
        return "date"
    # CheckboxSelectMultiple is a kind of RadioSelect in Django, so it is checked first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.FileInput):
        return "file"
    if isinstance(widget, forms.PasswordInput):
        return "password"
    return "input"


def _base_id(field: BoundField) -> str:
    widget_id = field.field.widget.attrs.get("id")
    return str(widget_id) if widget_id else field.auto_id or field.html_name


def _max_length(field: BoundField) -> int | None:
    length = getattr(field.field, "max_length", None)
    if length is None:
        length = field.field.widget.attrs.get("maxlength")
    try:
        return int(length) if length is not None else None
    except (TypeError, ValueError):
        return None


def _field_errors(field: BoundField) -> list[ValidationError]:
    if not field.form.is_bound:
        return []
    return list(field.form.errors.as_data().get(field.name, []))


def shown_errors(field: BoundField) -> list[str]:
    """The field's errors that the page shows: the first, or every one when the form says so."""
    errors = [str(error) for error in field.errors]
    if field.name in getattr(field.form, "show_every_error", ()):
        return errors
    return errors[:1]


def field_anchor(field: BoundField) -> str:
    """The id of the element the error summary should link to for this field."""
    base = _base_id(field)
    if control_kind(field) == "date":
        errors = _field_errors(field)
        parts = date_error_parts(errors[0]) if errors else DATE_PARTS
        return f"{base}_{parts[0]}"
    return base


def _control_classes(kind: str, has_error: bool) -> str:
    classes = {
        "input": "govuk-input",
        "password": "govuk-input govuk-password-input__input govuk-js-password-input-input",
        "textarea": "govuk-textarea",
        "select": "govuk-select",
        "file": "govuk-file-upload",
    }[kind]
    if has_error:
        classes += {
            "select": " govuk-select--error",
            "textarea": " govuk-textarea--error",
            "file": " govuk-file-upload--error",
        }.get(kind, " govuk-input--error")
    return classes


def _render_control(field: BoundField, kind: str, described_by: list[str], character_count: bool) -> str:
    """The control element itself (input, textarea, select or file input)."""
    widget = copy.copy(field.field.widget)
    widget.attrs = dict(widget.attrs)
    extra_classes = widget.attrs.pop("class", "")
    # Django adds cols; GOV.UK textareas are full width. A maxlength attribute would silently
    # cut people off, so the limit is shown by the character count and checked on the server.
    for attribute in ("cols", "maxlength"):
        widget.attrs.pop(attribute, None)
    if isinstance(widget, forms.ClearableFileInput):
        # Only the file input: GOV.UK has no "Currently: ... Clear" furniture.
        widget.template_name = forms.FileInput.template_name
    attrs: dict[str, Any] = {"id": _base_id(field)}
    classes = _control_classes(kind, bool(field.errors))
    if character_count:
        classes += " govuk-js-character-count"
    attrs["class"] = f"{classes} {extra_classes}".strip()
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if isinstance(widget, forms.EmailInput):
        widget.attrs.setdefault("autocomplete", "email")
        widget.attrs.setdefault("spellcheck", "false")
    if kind == "password":
        widget.attrs.setdefault("autocomplete", "current-password")
        widget.attrs.setdefault("spellcheck", "false")
        widget.attrs.setdefault("autocapitalize", "none")
    if kind == "textarea":
        widget.attrs.setdefault("rows", "5")
        if widget.attrs.get("rows") == "10":
            widget.attrs["rows"] = "5"
    return str(field.as_widget(widget=widget, attrs=attrs))


def _choices(field: BoundField, kind: str, base_id: str) -> list[dict[str, Any]]:
    value = field.value()
    if isinstance(value, list | tuple):
        selected = {str(v) for v in value}
    elif value is None or value == "":
        selected = set()
    else:
        selected = {str(value)}
    hints: dict[str, str] = {
        str(key): str(text) for key, text in getattr(field.form, "choice_hints", {}).get(field.name, {}).items()
    }
    choices: list[dict[str, Any]] = []
    for choice_value, choice_label in field.field.choices:  # type: ignore[attr-defined]
        # Option groups are flattened: GOV.UK radios and checkboxes have no groups.
        options = list(choice_label) if isinstance(choice_label, list | tuple) else [(choice_value, choice_label)]
        for option_value, option_label in options:
            text_value = "" if option_value is None else str(option_value)
            if text_value == "":
                # The blank "---------" option a select needs; radios and checkboxes do not.
                continue
            number = len(choices)
            # The first option takes the field's id so the error summary can link to it.
            option_id = base_id if number == 0 else f"{base_id}-{number + 1}"
            hint = hints.get(text_value, "")
            choices.append(
                {
                    "id": option_id,
                    "value": text_value,
                    "label": option_label,
                    "checked": text_value in selected,
                    "hint": hint,
                    "hint_id": f"{option_id}-item-hint" if hint else "",
                }
            )
    return choices


def _date_items(field: BoundField, base_id: str) -> list[dict[str, Any]]:
    widget = field.field.widget
    assert isinstance(widget, GovukDateInput)
    value = field.value()
    values = value if isinstance(value, list | tuple) else widget.decompress(value)
    errors = _field_errors(field)
    wrong = set(date_error_parts(errors[0])) if errors else set()
    items = []
    for part, part_value in zip(DATE_PARTS, list(values) + [None] * 3, strict=False):
        width = 4 if part == "year" else 2
        classes = f"govuk-input govuk-date-input__input govuk-input--width-{width}"
        if part in wrong:
            classes += " govuk-input--error"
        items.append(
            {
                "id": f"{base_id}_{part}",
                "name": f"{field.html_name}_{part}",
                "label": part.capitalize(),
                "value": "" if part_value is None else str(part_value),
                "classes": classes,
                "autocomplete": widget.attrs.get(f"autocomplete_{part}", ""),
            }
        )
    return items


@register.simple_tag
def govuk_field(field: BoundField, **options: Any) -> SafeString:
    """Render one bound field the GOV.UK way.

    Options: ``label_class`` (for example "govuk-label--m"), ``heading=True`` to make the label or
    legend the page's h1, ``inline=True`` for two short radio options side by side, ``hint`` to
    replace the field's help text.
    """
    if field.is_hidden:
        return SafeString(str(field))
    kind = control_kind(field)
    form = field.form
    base_id = _base_id(field)
    why = getattr(form, "why_we_ask", {}).get(field.name, "")
    sensitive = field.name in getattr(form, "optional_sensitive", ())
    hint = str(options.get("hint", field.help_text or ""))
    if sensitive:
        if hint and not hint.rstrip().endswith((".", "?", "!", ":")):
            hint = f"{hint.rstrip()}."
        hint = f"{hint} {SENSITIVE_HINT}".strip()
    hint_id = f"{base_id}-hint" if hint else ""
    errors = field.errors
    error_id = f"{base_id}-error" if errors else ""
    max_length = _max_length(field) if kind == "textarea" else None
    character_count = max_length is not None
    info_id = f"{base_id}-info" if character_count else ""
    described_by = [part for part in (hint_id, error_id) if part]
    heading = bool(options.get("heading", False))
    label_class = str(options.get("label_class", "govuk-label--l" if heading else "govuk-label--s"))
    context: dict[str, Any] = {
        "field": field,
        "kind": kind,
        "id": base_id,
        "label": field.label,
        "label_class": label_class,
        "legend_class": label_class.replace("govuk-label--", "govuk-fieldset__legend--"),
        "heading": heading,
        "hint": hint,
        "hint_id": hint_id,
        "why": why,
        "error": errors[0] if errors else "",
        "errors": shown_errors(field),
        "error_id": error_id,
        "described_by": " ".join(described_by),
        "optional": not field.field.required and kind not in {"checkbox", "checkboxes"},
        "character_count": character_count,
        "max_length": max_length,
        "info_id": info_id,
    }
    if kind in {"radios", "checkboxes"}:
        choices = _choices(field, kind, base_id)
        context["choices"] = choices
        context["inline"] = bool(options.get("inline", kind == "radios" and len(choices) == 2))
    elif kind == "checkbox":
        check_test = getattr(field.field.widget, "check_test", bool)
        context["checked"] = bool(check_test(field.value()))
    elif kind == "date":
        context["items"] = _date_items(field, base_id)
    else:
        control_described_by = described_by + ([info_id] if character_count else [])
        context["control"] = SafeString(_render_control(field, kind, control_described_by, character_count))
    return SafeString(render_to_string(_TEMPLATES[kind], context))


@register.simple_tag
def govuk_fields(form: forms.BaseForm) -> SafeString:
    parts = [str(govuk_field(field)) for field in form.visible_fields()]
    parts += [str(field) for field in form.hidden_fields()]
    return SafeString("".join(parts))


def _forms_with_errors(forms_: tuple[forms.BaseForm | None, ...]) -> list[forms.BaseForm]:
    return [form for form in forms_ if form is not None and form.is_bound and form.errors]


@register.simple_tag
def govuk_error_summary(*forms_: forms.BaseForm | None, disable_auto_focus: bool = False) -> SafeString:
    """The error summary: every field's error linked to that field, and form-wide errors.

    Put it at the top of the main content. ``disable_auto_focus=True`` stops GOV.UK Frontend
    moving focus to it when the page loads (for pages that show an example).
    """
    items: list[dict[str, str]] = []
    for form in _forms_with_errors(forms_):
        for error in form.non_field_errors():
            items.append({"text": str(error), "href": ""})
        for field in form:
            if field.errors:
                target = f"#{field_anchor(field)}" if not field.is_hidden else ""
                items.extend({"text": text, "href": target} for text in shown_errors(field))
    if not items:
        return SafeString("")
    return SafeString(
        render_to_string(
            "frontend/govuk/error_summary.html", {"items": items, "disable_auto_focus": disable_auto_focus}
        )
    )


@register.simple_tag
def govuk_error_prefix(*forms_: forms.BaseForm | None) -> str:
    """ "Error: " when a form on the page has errors, for the start of the page title."""
    return "Error: " if _forms_with_errors(forms_) else ""


@register.simple_tag
def govuk_form_enctype(form: forms.BaseForm) -> SafeString:
    """``enctype="multipart/form-data"`` when the form has a file field."""
    return SafeString(' enctype="multipart/form-data"' if form.is_multipart() else "")
