from __future__ import annotations

from typing import Any

from django import forms

from tandem.notifications.kinds import optional_kinds


class MarkReadForm(forms.Form):
    """One notification (``notification``) or all of them (``all``)."""

    notification = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=2**62,
        error_messages={
            "invalid": "Choose a notification",
            "min_value": "Choose a notification",
            "max_value": "Choose a notification",
        },
    )
    all = forms.BooleanField(required=False)
    next = forms.CharField(required=False, max_length=2000)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("all") and not cleaned.get("notification") and "notification" not in self.errors:
            self.add_error("notification", "Choose a notification")
        return cleaned


class EmailPreferencesForm(forms.Form):
    emails = forms.MultipleChoiceField(
        label="Which of these should we email you about?",
        help_text="Select all that apply. You will still see every notification on your notifications page.",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose from the list", "invalid_list": "Choose from the list"},
    )

    why_we_ask = {
        "emails": "Some people like an email for everything; others would rather check Tandem when it suits "
        "them. You decide, and you can change your mind at any time.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["emails"].choices = [  # type: ignore[attr-defined]
            (kind.code, f"{kind.label}: {kind.description[0].lower()}{kind.description[1:]}")
            for kind in optional_kinds()
        ]
