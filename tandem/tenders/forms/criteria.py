"""Forms for award criteria and the reason for a low social value weight. Shape and field checks
only; the scale rules are in ``tandem/tenders/rules/criteria.py`` and the services hold the rest."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms

from tandem.core.values import too_long
from tandem.tenders.models import CriterionGroup
from tandem.tenders.rules import criteria
from tandem.tenders.services.criteria import GUIDANCE_MAX, REASON_MAX, TITLE_MAX

# Rows shown for the scale: enough for the suggested scale and a spare, more when a scale has more
# points. Works without JavaScript: blank rows are skipped.
SCALE_ROWS_MIN = 6
REASON_NEEDED = "Say why social value is weighted below 10%, or give it more weight on the criteria page"
WEIGHT_MESSAGE = "Enter the weight as a whole number between 0 and 100, like 20"


def scale_rows_needed(data: Mapping[str, Any] | None = None, existing: int = 0) -> int:
    """How many scale rows to show: at least 6, one spare after the last filled one, at most 11."""
    highest = existing
    if data is not None:
        for number in range(1, criteria.SCALE_POINTS_MAX + 1):
            if (
                str(data.get(f"scale_{number}_score") or "").strip()
                or str(data.get(f"scale_{number}_descriptor") or "").strip()
            ):
                highest = max(highest, number)
    return max(SCALE_ROWS_MIN, min(criteria.SCALE_POINTS_MAX, highest + 1))


def scale_initial(scale: list[dict[str, Any]]) -> dict[str, str]:
    return {
        key: value
        for number, point in enumerate(scale, start=1)
        for key, value in (
            (f"scale_{number}_score", str(point.get("score", ""))),
            (f"scale_{number}_descriptor", str(point.get("descriptor", ""))),
        )
    }


class CriterionForm(forms.Form):
    use_required_attribute = False

    group = forms.ChoiceField(
        label="Which group is this criterion in?",
        choices=CriterionGroup.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose which group the criterion belongs to",
            "invalid_choice": "Choose which group the criterion belongs to",
        },
    )
    title = forms.CharField(
        label="Title",
        help_text="A short name bidders and evaluators will recognise, for example “Safety and choice for survivors”",
        error_messages={"required": "Enter a title for the criterion"},
    )
    weight = forms.CharField(
        label="Weight",
        help_text="A percentage of the whole score, from 0 to 100. All the weights must add up to 100",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3", "spellcheck": "false"}),
        error_messages={"required": "Enter the weight, as a percentage from 0 to 100"},
    )
    evaluator_guidance = forms.CharField(
        label="Guidance for evaluators",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": GUIDANCE_MAX}),
        help_text="What a strong answer looks like, and anything evaluators should look out for",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=2**31)

    choice_hints = {
        "group": {
            CriterionGroup.QUALITY.value: "How well the service will be run and how it will feel to "
            "the people using it",
            CriterionGroup.SOCIAL_VALUE.value: "Wider good for the area, such as local jobs, volunteering and "
            "links with community groups",
            CriterionGroup.PRICE.value: "The cost of the service",
            CriterionGroup.OTHER.value: "Anything that fits none of the groups above",
        }
    }
    why_we_ask = {
        "group": "The page adds up the weights in each group, so you can see the balance between quality, "
        "social value and price.",
        "title": "Bidders see the criteria and their weights when you publish, so they know what you will score.",
        "weight": "Stating each weight openly helps bidders decide whether to bid and where to put their effort.",
        "evaluator_guidance": "Shared guidance helps every evaluator score answers the same way.",
    }

    def __init__(self, *args: Any, scale_rows: int = SCALE_ROWS_MIN, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scale_rows = max(1, min(criteria.SCALE_POINTS_MAX, scale_rows))
        for number in range(1, self.scale_rows + 1):
            self.fields[f"scale_{number}_score"] = forms.CharField(
                label=f"Score for point {number}",
                required=False,
                widget=forms.TextInput(
                    attrs={"inputmode": "numeric", "class": "govuk-input--width-2", "spellcheck": "false"}
                ),
            )
            self.fields[f"scale_{number}_descriptor"] = forms.CharField(
                label=f"What a score at point {number} means",
                required=False,
                widget=forms.TextInput(),
            )

    def scale_rows_bound(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        """Each row's score and description fields, for the template."""
        return [(self[f"scale_{n}_score"], self[f"scale_{n}_descriptor"]) for n in range(1, self.scale_rows + 1)]

    def clean_title(self) -> str:
        title = " ".join(str(self.cleaned_data.get("title") or "").split())
        if not title:
            raise forms.ValidationError("Enter a title for the criterion", code="required")
        if len(title) > TITLE_MAX:
            raise forms.ValidationError(f"The title must be {TITLE_MAX} characters or fewer", code="max_length")
        return title

    def clean_weight(self) -> int:
        text = str(self.cleaned_data.get("weight") or "").strip().removesuffix("%").strip()
        if not text.isascii() or not text.isdigit() or len(text) > 3:
            raise forms.ValidationError(WEIGHT_MESSAGE, code="invalid")
        weight = int(text)
        problem = criteria.weight_problem(weight)
        if problem:
            raise forms.ValidationError(problem, code="invalid")
        return weight

    def clean_evaluator_guidance(self) -> str:
        text = str(self.cleaned_data.get("evaluator_guidance") or "").replace("\r\n", "\n")
        problem = too_long(text, GUIDANCE_MAX, subject="The guidance", counted=True)
        if problem:
            raise forms.ValidationError(problem, code="max_length")
        return text

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        rows = [
            (str(cleaned.get(f"scale_{n}_score") or ""), str(cleaned.get(f"scale_{n}_descriptor") or ""))
            for n in range(1, self.scale_rows + 1)
        ]
        scale, problems = criteria.scale_from_rows(rows)
        for problem in problems:
            row = problem.row if problem.row is not None else 0
            part = problem.part or "score"
            name = f"scale_{row + 1}_{part}"
            if not self.has_error(name):
                self.add_error(name, problem.message)
        cleaned["scale"] = scale
        return cleaned

    def details_values(self) -> dict[str, Any]:
        return {
            "group": self.cleaned_data["group"],
            "title": self.cleaned_data["title"],
            "weight": self.cleaned_data["weight"],
            "evaluator_guidance": self.cleaned_data.get("evaluator_guidance", ""),
            "scale": self.cleaned_data["scale"],
        }


class SocialValueReasonForm(forms.Form):
    use_required_attribute = False

    reason = forms.CharField(
        label="Why is social value weighted below 10%?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": REASON_MAX}),
        help_text="For example, social value is scored in another part of this programme. "
        "Leave it blank to clear the reason once social value has 10% or more",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=2**31)

    why_we_ask = {
        "reason": "Social value covers what local and specialist organisations add to an area. A written reason "
        "shows the choice to weight it low was made on purpose, and helps anyone who reviews the tender later.",
    }

    def __init__(self, *args: Any, reason_required: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.reason_required = reason_required
        if reason_required:
            field = self.fields["reason"]
            field.required = True
            field.error_messages["required"] = REASON_NEEDED
            field.help_text = "For example, social value is scored in another part of this programme"

    def clean_reason(self) -> str:
        text = str(self.cleaned_data.get("reason") or "").replace("\r\n", "\n").strip()
        problem = too_long(text, REASON_MAX, subject="The reason", counted=True)
        if problem:
            raise forms.ValidationError(problem, code="max_length")
        if self.reason_required and not text:
            raise forms.ValidationError(REASON_NEEDED, code="required")
        return text
