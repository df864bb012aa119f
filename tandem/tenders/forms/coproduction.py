"""The co-production form: how vulnerable the people are, the level of engagement chosen, and a
reason when it is below Tandem's suggestion (seed 001, section 5; the ladder from seed 004)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from tandem.tenders.models import EngagementLevel, Vulnerability
from tandem.tenders.rules import coproduction
from tandem.tenders.services.coproduction import LEVEL_REQUIRED, REASON_MAX, VULNERABILITY_REQUIRED, reason_message


class CoproductionForm(forms.Form):
    """``value`` and ``term_months`` are the specification's, so the form can tell whether the level
    chosen is below the suggestion for the vulnerability chosen, and ask for a reason."""

    vulnerability = forms.ChoiceField(
        label="How vulnerable are the people using the service likely to be?",
        choices=Vulnerability.choices,
        widget=forms.RadioSelect,
        error_messages={"required": VULNERABILITY_REQUIRED, "invalid_choice": VULNERABILITY_REQUIRED},
    )
    engagement_level = forms.ChoiceField(
        label="What level of engagement with people with lived experience do you plan?",
        choices=EngagementLevel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": LEVEL_REQUIRED, "invalid_choice": LEVEL_REQUIRED},
    )
    engagement_reason = forms.CharField(
        label="If you chose a lower level than Tandem suggests, why?",
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Only needed when you choose less than Tandem's suggestion. For example, people "
        "were involved closely in a review last year and asked not to be asked again so soon",
        error_messages={"max_length": f"The reason must be {REASON_MAX:,} characters or fewer"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=2**31)

    why_we_ask = {
        "vulnerability": "The more the people using a service have been through, the more it matters that "
        "they help shape it. Tandem uses your answer, with the value and the term, to suggest a level.",
        "engagement_level": "Co-production should be in proportion to the size of what you are buying. "
        "Saying what you plan helps the team budget time and pay for it.",
        "engagement_reason": "Tandem suggests, the team decides. A short reason keeps the decision on record "
        "for anyone who reviews the commission later.",
    }
    choice_hints = {"engagement_level": coproduction.LEVEL_MEANINGS}

    def __init__(self, *args: Any, value: Decimal | None = None, term_months: int | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.value = value
        self.term_months = term_months

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        vulnerability = cleaned.get("vulnerability")
        level = cleaned.get("engagement_level")
        if vulnerability and level and not str(cleaned.get("engagement_reason") or "").strip():
            suggestion = coproduction.suggest(self.value, self.term_months, vulnerability)
            if coproduction.reason_needed(level, suggestion):
                self.add_error("engagement_reason", reason_message(level, suggestion))
        return cleaned
