"""The forms on the versions pages: publishing a version past Tandem's warnings, each with a reason,
and choosing two versions to compare."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from django import forms

from tandem.core.values import too_long
from tandem.tenders.rules.readiness import LENS_ORIGIN, PublishWarning
from tandem.tenders.services.specification import PUBLISH_REASON_MAX, reason_needed, reason_too_long

# Why a reason is asked for each warning. Seed 000 (West Midlands guidance), Procure stage, Timing:
# realistic deadlines and timings that keep the tender fair for every applicant, whatever its size;
# and its Design stage on what a trauma-informed specification asks for (the lens's findings).
WHY_TIMELINE = (
    "The West Midlands trauma-informed commissioning guidance (Procure stage) asks for realistic timescales, "
    "so small and specialist providers get a fair chance. A reason shows the team chose these dates on purpose, "
    "and tells anyone who reviews the tender later why."
)
WHY_LENS = (
    "The tender lens checks the specification against the West Midlands trauma-informed commissioning guidance, "
    "so the tender is fair to every provider and safe for the people it is for. A reason shows the team chose "
    "this on purpose, and tells anyone who reviews the tender later why."
)

EXAMPLE_TIMELINE = (
    "For example, the funding starts on a fixed date, and we will brief small providers in the first week"
)
EXAMPLE_LENS = "For example, the provider agrees this with the people using the service in the first month"


def reason_field_name(key: str) -> str:
    """The form field for a warning's reason: the same for the same warning every time, and safe in
    an HTML id."""
    return f"reason_{hashlib.sha256(key.encode('utf-8')).hexdigest()[:12]}"


class VersionPublishForm(forms.Form):
    """One reason for each open warning on the version (none when there are no warnings)."""

    use_required_attribute = False

    def __init__(self, *args: Any, warnings: Sequence[PublishWarning], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.warnings = list(warnings)
        self.why_we_ask: dict[str, str] = {}
        self.names: dict[str, str] = {}
        for warning in self.warnings:
            name = reason_field_name(warning.key)
            self.names[warning.key] = name
            self.fields[name] = forms.CharField(
                label=f"Your reason for publishing with “{warning.heading}”",
                widget=forms.Textarea(attrs={"rows": 3, "maxlength": PUBLISH_REASON_MAX}),
                error_messages={"required": reason_needed(warning)},
                help_text=EXAMPLE_LENS if warning.origin == LENS_ORIGIN else EXAMPLE_TIMELINE,
            )
            self.why_we_ask[name] = WHY_LENS if warning.origin == LENS_ORIGIN else WHY_TIMELINE

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for warning in self.warnings:
            name = self.names[warning.key]
            text = str(cleaned.get(name) or "").replace("\r\n", "\n").strip()
            if name in cleaned:
                cleaned[name] = text
            if text and too_long(text, PUBLISH_REASON_MAX, subject="The reason"):
                self.add_error(name, f"{reason_too_long(warning)}. It has {len(text):,}")
        return cleaned

    def rows(self) -> list[tuple[PublishWarning, forms.BoundField]]:
        """Each warning with its reason's field, in the order they are listed."""
        return [(warning, self[self.names[warning.key]]) for warning in self.warnings]

    def reasons(self) -> dict[str, str]:
        """The reasons typed, by the warning's key."""
        return {key: str(self.cleaned_data.get(name) or "") for key, name in self.names.items()}

    def field_for(self, key: str) -> str | None:
        """The field a warning's reason is typed in; None for a warning this form does not list."""
        return self.names.get(key)


NOT_A_VERSION = "Choose a saved version"
SAME_VERSION = "Choose two different versions to compare"


class VersionCompareForm(forms.Form):
    """Two saved versions to compare (sent in the address, so a comparison can be shared)."""

    use_required_attribute = False

    first = forms.TypedChoiceField(label="Compare version", coerce=int, error_messages={"required": NOT_A_VERSION})
    second = forms.TypedChoiceField(label="with version", coerce=int, error_messages={"required": NOT_A_VERSION})

    why_we_ask = {
        "first": "Seeing what changed between two versions helps the team check a change before it is published, "
        "and answer bidders who ask what is different.",
    }

    def __init__(self, *args: Any, numbers: Sequence[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(n), f"Version {n}") for n in numbers]
        for name in ("first", "second"):
            field = self.fields[name]
            assert isinstance(field, forms.TypedChoiceField)
            field.choices = choices
            field.error_messages["invalid_choice"] = NOT_A_VERSION

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("first") is not None and cleaned.get("first") == cleaned.get("second"):
            self.add_error("second", SAME_VERSION)
        return cleaned
