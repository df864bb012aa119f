"""The timeline form: every date from publication to the service starting, as GOV.UK date inputs.
Shape and order only; Tandem's suggestions about the dates are shown below the form, not here."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from tandem.frontend.fields import GovukDateField
from tandem.tenders.rules import timeline

EARLIEST = dt.date(2000, 1, 1)
LATEST = dt.date(2099, 12, 31)

# (field, label, subject for messages, hint, why we ask). The hints rest on seed 000, Procure:
# Timing (realistic deadlines, consider timings, timely feedback).
_DATES: tuple[tuple[str, str, str, str, str], ...] = (
    (
        "publication_on",
        "When will you publish the tender?",
        "The publication date",
        "The day bidders can first see it, for example 1 9 2027",
        "The response window starts here. Tandem checks bidders get long enough to write a good bid.",
    ),
    (
        "clarification_deadline",
        "What is the last day bidders can ask questions?",
        "The deadline for questions",
        "Leave a week or more after it so you can answer before bids are due",
        "Bidders need answers in time to use them. Answers should go to everyone, without naming who asked.",
    ),
    (
        "submission_deadline",
        "When must bids be in?",
        "The submission deadline",
        "Avoid holidays and the weeks around 31 March",
        "Small and specialist providers need time to bid well. Tandem checks the window and the holidays it crosses.",
    ),
    (
        "evaluation_from",
        "When does evaluation start?",
        "The start of evaluation",
        "The day the panel starts reading and scoring bids",
        "Evaluators, including any with lived experience, need to know when to keep time free.",
    ),
    (
        "evaluation_to",
        "When does evaluation end?",
        "The end of evaluation",
        "Allow time for the panel to agree scores together",
        "Tandem checks the evaluation does not run into holidays, when panel members may be away.",
    ),
    (
        "presentations_on",
        "When are presentations or dialogue with bidders?",
        "The presentations date",
        "Leave blank if there are none",
        "Bidders need notice to bring the right people, and people with lived experience may take part.",
    ),
    (
        "award_on",
        "When will you decide the award?",
        "The award date",
        "The day you tell bidders who has been chosen",
        "It sets when bidders hear, and how long the new provider has to get ready.",
    ),
    (
        "feedback_by",
        "When will every bidder get feedback?",
        "The feedback date",
        "Best given with the award decision",
        "Quick, useful feedback respects the work bidders put in and helps them move on to other funding.",
    ),
    (
        "standstill_ends_on",
        "When does the standstill period end?",
        "The end of standstill",
        "The pause after the award when bidders can challenge the decision, before the contract is signed",
        "The contract cannot be signed before standstill ends, so mobilisation starts after it.",
    ),
    (
        "mobilisation_from",
        "When does mobilisation start?",
        "The start of mobilisation",
        "When the new provider starts getting ready: staff, premises, handover",
        "Tandem checks there is enough time to set up safely before people start using the service.",
    ),
    (
        "service_starts_on",
        "When does the service start?",
        "The service start date",
        "The first day people can use the new service",
        "Too little time to get ready puts people using the service at risk during the handover.",
    ),
)


class TimelineForm(forms.Form):
    """All the timeline's dates (each optional) and the section version it was opened at."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=2**31)
    why_we_ask: dict[str, str] = {name: why for name, _label, _subject, _hint, why in _DATES}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        dates: dict[str, forms.Field] = {}
        for name, label, subject, hint, _why in _DATES:
            dates[name] = GovukDateField(
                label=label,
                required=False,
                subject=subject,
                help_text=hint,
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
