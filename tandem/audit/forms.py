"""The audit trail's filters. The page reads them from the address, so every field is lenient:
what was asked for is kept and shown back, even when it is not one of the options (an older
bookmark, or an action name typed into the address)."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms

from tandem.audit.actions import action_choices
from tandem.audit.selectors import object_type_choices

Choices = list[tuple[str, Any]]

DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d %m %Y", "%d.%m.%Y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y"]
DATE_HINT = "For example, 27/3/2026"


class AuditFilterForm(forms.Form):
    """Narrow the audit trail. Every field is optional; the page reads them from the address."""

    action = forms.CharField(
        label="What happened",
        help_text="Everything in one area, or one kind of action",
        max_length=120,
        required=False,
        widget=forms.Select,
        error_messages={"max_length": "What happened must be 120 characters or fewer"},
    )
    actor_email = forms.CharField(
        label="Done by (name or email address)",
        help_text="Part of the person's name or email address",
        max_length=254,
        required=False,
        error_messages={"max_length": "Name or email address must be 254 characters or fewer"},
    )
    object_type = forms.CharField(
        label="What was changed",
        help_text="The kind of record, for example a membership of an organisation",
        max_length=100,
        required=False,
        widget=forms.Select,
        error_messages={"max_length": "What was changed must be 100 characters or fewer"},
    )
    organisation = forms.CharField(
        label="Organisation",
        help_text="Part of the organisation's name",
        max_length=200,
        required=False,
        error_messages={"max_length": "Organisation must be 200 characters or fewer"},
    )
    date_from = forms.DateField(
        label="From date",
        help_text=DATE_HINT,
        required=False,
        input_formats=DATE_FORMATS,
        error_messages={"invalid": "From date must be a real date, like 27/3/2026"},
    )
    date_to = forms.DateField(
        label="To date",
        help_text=DATE_HINT,
        required=False,
        input_formats=DATE_FORMATS,
        error_messages={"invalid": "To date must be a real date, like 27/3/2026"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        actions: Choices = [
            (area, [(choice.value, choice.words) for choice in choices]) for area, choices in action_choices()
        ]
        self._offer("action", actions, "Any action", "Action names starting with")
        types: Choices = [(area, list(choices)) for area, choices in object_type_choices()]
        self._offer("object_type", types, "Any kind of record", "Records whose kind starts with")
        for name in ("date_from", "date_to"):
            self.fields[name].widget.attrs.update({"class": "govuk-input--width-10", "autocomplete": "off"})

    def _offer(self, name: str, groups: Choices, anything: str, other: str) -> None:
        """Give the select its options in words, keeping a value asked for that is not one of them."""
        asked = str(self.data.get(name) or "") if self.is_bound else ""
        known = {value for _area, options in groups for value, _words in options}
        choices: Choices = [("", anything)]
        if asked and asked not in known:
            choices.append((asked, f"{other} “{asked}”"))
        widget = self.fields[name].widget
        assert isinstance(widget, forms.Select)
        widget.choices = choices + groups

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start: datetime.date | None = cleaned.get("date_from")
        end: datetime.date | None = cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "To date must be the same as or after the from date")
        return cleaned
