"""The timeline form: every date from publication to the service starting, as GOV.UK date inputs.
Shape and order only; Tandem's suggestions about the dates are shown below the form, not here.
Each date's question, hint and "why we ask" are ``rules.fields.TIMELINE``'s."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from tandem.frontend.fields import GovukDateField
from tandem.tenders.rules import timeline
from tandem.tenders.rules.fields import TIMELINE

EARLIEST = dt.date(2000, 1, 1)
LATEST = dt.date(2099, 12, 31)


class TimelineForm(forms.Form):
    """All the timeline's dates (each optional) and the section version it was opened at."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=2**31)
    why_we_ask: dict[str, str] = {field.name: field.why_we_ask for field in TIMELINE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        dates: dict[str, forms.Field] = {}
        for field in TIMELINE:
            dates[field.name] = GovukDateField(
                label=field.question,
                required=False,
                subject=field.subject,
                help_text=field.hint,
                min_value=EARLIEST,
                max_value=LATEST,
            )
        version = self.fields.pop("version")
        self.fields.update(dates)
        self.fields["version"] = version

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # Only dates that were typed correctly are compared; the others already have a message.
        values = {name: cleaned.get(name) for name in timeline.FIELDS if name not in self.errors}
        for problem in timeline.order_problems(timeline.Timeline.from_mapping(values)):
            if problem.field not in self.errors:
                self.add_error(problem.field, problem.message)
        return cleaned

    def dates(self) -> dict[str, dt.date | None]:
        return {name: self.cleaned_data.get(name) for name in timeline.FIELDS}
