"""GOV.UK Design System markup for Django forms, in one place.

``{% govuk_error_summary form %}`` renders the error summary; ``{% govuk_field form.name %}``
renders one field (label, hint, "Why we ask", error message, control) and
``{% govuk_fields form %}`` renders every visible field in order.

A form can say why it asks for each field with a ``why_we_ask`` dict on the form class:
``why_we_ask = {"annual_income": "We use this to ..."}``. Fields listed in ``optional_sensitive``
are shown with "(optional)" and a note that they can be skipped.
"""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.forms.boundfield import BoundField
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

register = template.Library()

_CHOICE_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple)


def _control_kind(field: BoundField) -> str:
    widget = field.field.widget
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return "file"
    if isinstance(widget, forms.PasswordInput):
        return "password"
    return "input"


def _widget_attrs(field: BoundField, kind: str) -> dict[str, Any]:
    attrs: dict[str, Any] = dict(field.field.widget.attrs)
    classes = {
        "input": "govuk-input",
        "password": "govuk-input govuk-password-input__input govuk-js-password-input-input",
        "textarea": "govuk-textarea",
        "select": "govuk-select",
        "file": "govuk-file-upload",
    }.get(kind, "")
    if field.errors and kind in {"input", "password", "textarea", "select", "file"}:
        classes += {"select": " govuk-select--error", "textarea": " govuk-textarea--error",
                    "file": " govuk-file-upload--error"}.get(kind, " govuk-input--error")
    extra = attrs.pop("class", "")
    attrs["class"] = f"{classes} {extra}".strip()
    described = []
    if field.help_text:
        described.append(f"{field.id_for_label}-hint")
    if field.errors:
        described.append(f"{field.id_for_label}-error")
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return attrs


@register.simple_tag
def govuk_field(field: BoundField, **options: Any) -> SafeString:
    """Render one bound field. Options: label_class, heading (bool), width class via widget attrs."""
    kind = _control_kind(field)
    form = field.form
    why = getattr(form, "why_we_ask", {}).get(field.name, "")
    sensitive = field.name in getattr(form, "optional_sensitive", ())
    control = "" if kind in {"radios", "checkboxes", "checkbox"} else field.as_widget(attrs=_widget_attrs(field, kind))
    value = field.value()
    selected = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value)} if value is not None else set()
    choices = []
    if kind in {"radios", "checkboxes"}:
        for index, (choice_value, choice_label) in enumerate(field.field.choices):  # type: ignore[attr-defined]
            if choice_value == "" and kind == "radios":
                continue
            choices.append({
                "id": f"{field.id_for_label}" if index == 0 else f"{field.id_for_label}-{index}",
                "value": choice_value,
                "label": choice_label,
                "checked": str(choice_value) in selected,
            })
    context = {
        "field": field,
        "kind": kind,
        "control": control,
        "choices": choices,
        "checked": bool(value) if kind == "checkbox" else False,
        "why": why,
        "sensitive": sensitive,
        "optional": not field.field.required and kind not in {"checkbox", "checkboxes"},
        "label_class": options.get("label_class", "govuk-label--s"),
        "heading": options.get("heading", False),
    }
    return render_to_string("frontend/govuk/field.html", context)


@register.simple_tag
def govuk_fields(form: forms.BaseForm) -> SafeString:
    parts = [str(govuk_field(field)) for field in form.visible_fields()]
    parts += [str(field) for field in form.hidden_fields()]
    return SafeString("".join(parts))


@register.simple_tag
def govuk_error_summary(*forms_: forms.BaseForm | None) -> SafeString:
    """The error summary, listing every field error (linked to its field) and form-wide errors."""
    items: list[dict[str, str]] = []
    for form in forms_:
        if form is None or not form.is_bound or not form.errors:
            continue
        for error in form.non_field_errors():
            items.append({"text": str(error), "href": ""})
        for field in form:
            for error in field.errors:
                items.append({"text": str(error), "href": f"#{field.id_for_label}"})
    if not items:
        return SafeString("")
    return render_to_string("frontend/govuk/error_summary.html", {"items": items})
