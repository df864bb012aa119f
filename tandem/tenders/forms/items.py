"""Forms for the specification's lists: an outcome, the trauma-informed requirements, a budget
line, a lot. Shape and field checks only; the services hold the rules."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from tandem.core.values import MoneyError, pounds_as_typed, pounds_display, pounds_parse
from tandem.frontend.edit_conflict import Saved
from tandem.tenders.models import BudgetCategory, BudgetLine, Lot, Outcome, TIElement
from tandem.tenders.services.items import (
    BUDGET_DESCRIPTION_MAX,
    COMMITMENTS_MAX,
    INDICATOR_MAX,
    LOT_DESCRIPTION_MAX,
    LOT_TITLE_MAX,
    OUTCOME_TEXT_MAX,
    BudgetLineDetails,
    LotDetails,
    OutcomeDetails,
)


def _version_field() -> forms.IntegerField:
    # The item's version as the person opened it, so a later save by someone else is told rather
    # than overwritten.
    return forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=2**31)


def _money_clean(value: object, *, subject: str) -> Decimal | None:
    try:
        return pounds_parse(str(value or ""), subject=subject)
    except MoneyError as problem:
        raise forms.ValidationError(problem.message, code="money") from None


class OutcomeForm(forms.Form):
    """One outcome: what should change, hard or soft, and how to tell at 6 months, 2 and 5 years
    (seed 004, appendix C: the tender's outcome indicators for the individual)."""

    text = forms.CharField(
        label="What should change for people?",
        max_length=OUTCOME_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Write it from the point of view of the people using the service, for example "
        "“People feel safer at home”",
        error_messages={
            "required": "Enter the outcome",
            "max_length": f"The outcome must be {OUTCOME_TEXT_MAX:,} characters or fewer",
        },
    )
    kind = forms.ChoiceField(
        label="Is it a hard or a soft outcome?",
        choices=Outcome.Kind.choices,
        widget=forms.RadioSelect,
        help_text="Hard outcomes can be counted, like moving into safe housing. Soft outcomes are about how "
        "people feel, cope and connect, like feeling more confident. Most services need both",
        error_messages={
            "required": "Choose whether the outcome is hard or soft",
            "invalid_choice": "Choose whether the outcome is hard or soft",
        },
    )
    indicator_6_months = forms.CharField(
        label="How will you know at 6 months?",
        required=False,
        max_length=INDICATOR_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="A good indicator says what you would see and how you would hear about it, for example "
        "“Most people say they have a plan to stay safe, in their own words at review”",
        error_messages={"max_length": f"The indicator at 6 months must be {INDICATOR_MAX:,} characters or fewer"},
    )
    indicator_2_years = forms.CharField(
        label="How will you know at 2 years?",
        required=False,
        max_length=INDICATOR_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Change takes time, and things can look worse before they get better. Say what progress "
        "would look like by then",
        error_messages={"max_length": f"The indicator at 2 years must be {INDICATOR_MAX:,} characters or fewer"},
    )
    indicator_5_years = forms.CharField(
        label="How will you know at 5 years?",
        required=False,
        max_length=INDICATOR_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The lasting difference, for example “Fewer families need crisis support again”",
        error_messages={"max_length": f"The indicator at 5 years must be {INDICATOR_MAX:,} characters or fewer"},
    )
    version = _version_field()

    # Seed 004, appendix C (outcomes at 6 months, 2 years, 5 years); seed 000, Evaluate
    # ("celebrating progress": soft outcomes beside hard ones; "bad before better").
    why_we_ask = {
        "text": "Bidders plan their service around the outcomes you set, and they are how the service is "
        "judged later. Clear outcomes help smaller providers bid with confidence.",
        "kind": "Hard targets alone can be unrealistic and miss real progress. A mix of hard and soft outcomes "
        "gives a fairer picture of change.",
        "indicator_6_months": "Early signs show whether things are on track without waiting years to find out.",
        "indicator_2_years": "Looking at 2 years leaves room for the slow, steady work that trauma recovery takes.",
        "indicator_5_years": "The long view shows whether the change lasts, which is what the service is for.",
    }

    def details(self) -> OutcomeDetails:
        data = self.cleaned_data
        return OutcomeDetails(
            text=data["text"],
            kind=data["kind"],
            indicator_6_months=data.get("indicator_6_months", ""),
            indicator_2_years=data.get("indicator_2_years", ""),
            indicator_5_years=data.get("indicator_5_years", ""),
        )

    @staticmethod
    def initial_from(item: Outcome) -> dict[str, Any]:
        return {
            "text": item.text,
            "kind": item.kind,
            "indicator_6_months": item.indicator_6_months,
            "indicator_2_years": item.indicator_2_years,
            "indicator_5_years": item.indicator_5_years,
            "version": item.version,
        }

    @staticmethod
    def saved_rows(item: Outcome) -> list[Saved]:
        """What is saved now, for the edit-clash banner."""
        return [
            Saved("text", "Outcome", item.text),
            Saved("kind", "Hard or soft", item.kind, shown=item.get_kind_display()),
            Saved("indicator_6_months", "At 6 months", item.indicator_6_months),
            Saved("indicator_2_years", "At 2 years", item.indicator_2_years),
            Saved("indicator_5_years", "At 5 years", item.indicator_5_years),
        ]


class BudgetLineForm(forms.Form):
    category = forms.ChoiceField(
        label="What is the cost for?",
        choices=BudgetCategory.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what the cost is for",
            "invalid_choice": "Choose what the cost is for",
        },
    )
    description = forms.CharField(
        label="Describe the cost",
        max_length=BUDGET_DESCRIPTION_MAX,
        help_text="For example “Monthly clinical supervision for 6 support workers”",
        error_messages={
            "required": "Describe the cost",
            "max_length": f"The description must be {BUDGET_DESCRIPTION_MAX} characters or fewer",
        },
    )
    annual_amount = forms.CharField(
        label="How much each year?",
        max_length=40,
        help_text="In pounds, for example 12000 or 12,000.50",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the amount each year",
            "max_length": "The amount each year must be an amount in pounds, like 25000 or 25000.50",
        },
    )
    version = _version_field()

    # Seed 000, Design, "Financial considerations": realistic costs, supporting staff.
    why_we_ask = {
        "category": "Grouping costs shows at a glance whether the budget pays for supervision, training, "
        "overheads and rising costs, not only front-line hours.",
        "description": "Bidders can see what the money is meant to cover, so they can price their bid honestly.",
        "annual_amount": "A yearly amount lets you compare the budget with the value of the contract or grant "
        "over its whole term.",
    }

    def clean_annual_amount(self) -> Decimal | None:
        amount = _money_clean(self.cleaned_data.get("annual_amount"), subject="The amount each year")
        if amount is None:
            raise forms.ValidationError("Enter the amount each year", code="required")
        return amount

    def details(self) -> BudgetLineDetails:
        data = self.cleaned_data
        return BudgetLineDetails(
            category=data["category"], description=data["description"], annual_amount=data["annual_amount"]
        )

    @staticmethod
    def initial_from(item: BudgetLine) -> dict[str, Any]:
        return {
            "category": item.category,
            "description": item.description,
            "annual_amount": pounds_as_typed(item.annual_amount),
            "version": item.version,
        }

    @staticmethod
    def saved_rows(item: BudgetLine) -> list[Saved]:
        return [
            Saved("category", "What it is for", item.category, shown=item.get_category_display()),
            Saved("description", "Description", item.description),
            Saved("annual_amount", "Each year", item.annual_amount, shown=pounds_display(item.annual_amount)),
        ]


class LotForm(forms.Form):
    title = forms.CharField(
        label="Title of the lot",
        max_length=LOT_TITLE_MAX,
        help_text="For example “Support for children and young people”",
        error_messages={
            "required": "Enter a title for the lot",
            "max_length": f"The title must be {LOT_TITLE_MAX} characters or fewer",
        },
    )
    description = forms.CharField(
        label="What does this lot cover?",
        required=False,
        max_length=LOT_DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The people, the place or the part of the service this lot is for",
        error_messages={"max_length": f"The description must be {LOT_DESCRIPTION_MAX:,} characters or fewer"},
    )
    value = forms.CharField(
        label="Value of the lot",
        required=False,
        max_length=40,
        help_text="In pounds, including VAT, for the whole term. Leave it blank if you have not split the money yet",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10", "spellcheck": "false"}),
        error_messages={"max_length": "The value must be an amount in pounds, like 25000 or 25000.50"},
    )
    version = _version_field()

    # Seed 000, Procure (fairness for small and local organisations); seed 004, chapter 4 (lots
    # help small and medium-sized organisations take part).
    why_we_ask = {
        "title": "A clear title helps a provider see quickly whether a lot is work they do.",
        "description": "Bidders need to know what each lot includes, so a small specialist provider can bid "
        "for the part it knows best.",
        "value": "Knowing the value of each lot helps providers judge whether they can deliver it and price it fairly.",
    }

    def clean_value(self) -> Decimal | None:
        return _money_clean(self.cleaned_data.get("value"), subject="The value of the lot")

    def details(self) -> LotDetails:
        data = self.cleaned_data
        return LotDetails(title=data["title"], description=data.get("description", ""), value=data.get("value"))

    @staticmethod
    def initial_from(item: Lot) -> dict[str, Any]:
        return {
            "title": item.title,
            "description": item.description,
            "value": pounds_as_typed(item.value),
            "version": item.version,
        }

    @staticmethod
    def saved_rows(item: Lot) -> list[Saved]:
        return [
            Saved("title", "Title", item.title),
            Saved("description", "What it covers", item.description),
            Saved("value", "Value", item.value, shown=pounds_display(item.value)),
        ]


# --- trauma-informed requirements ------------------------------------------------------------

# Why each element matters, in one plain sentence, and where it comes from. The seven elements are
# the commitments a creative service specification can ask for (seed 000, Design: "Creative service
# specification"); supervision also rests on seed 000, Design, "Financial considerations"
# (reflection and innovation); sensitive monitoring on seed 000, Evaluate (trauma-sensitive data
# collection); co-production on seed 001, section 5.
GUIDANCE = "West Midlands trauma-informed commissioning guidance (2024)"
TI_WHY: dict[str, tuple[str, str]] = {
    TIElement.PERSON_CENTRED.value: (
        "People who have been hurt need to feel safe and to have a say in their own support.",
        f"{GUIDANCE}, Design stage",
    ),
    TIElement.SENSITIVE_MONITORING.value: (
        "Asking people to retell painful things for a form can harm them, so progress should be tracked gently.",
        f"{GUIDANCE}, Design and Evaluate stages",
    ),
    TIElement.POLICIES.value: (
        "Safe buildings, clear policies and skilled staff make safety real for staff and for the people they support.",
        f"{GUIDANCE}, Design stage",
    ),
    TIElement.CULTURAL.value: (
        "Support only works if it fits people's culture, language and community.",
        f"{GUIDANCE}, Design stage",
    ),
    TIElement.TRAINING.value: (
        "What we know about trauma keeps growing, so staff and volunteers need time to keep learning.",
        f"{GUIDANCE}, Design stage",
    ),
    TIElement.SUPERVISION.value: (
        "Staff who hear about trauma every day need regular space to reflect, or they burn out and leave.",
        f"{GUIDANCE}, Design stage",
    ),
    TIElement.COPRODUCTION.value: (
        "People with lived experience know what helps, so the service should be shaped and checked with them.",
        f"{GUIDANCE}, Design stage, and the Plymouth co-production commissioning toolkit",
    ),
}

# Short names for the boxes' labels, so each box says which element it is for.
TI_SHORT: dict[str, str] = {
    TIElement.PERSON_CENTRED.value: "person-centred engagement",
    TIElement.SENSITIVE_MONITORING.value: "outcome monitoring",
    TIElement.POLICIES.value: "policies and safe settings",
    TIElement.CULTURAL.value: "culturally responsive practice",
    TIElement.TRAINING.value: "ongoing training",
    TIElement.SUPERVISION.value: "reflective practice and supervision",
    TIElement.COPRODUCTION.value: "co-production",
}

# A suggested starting text for each "what providers must commit to" box (our own words).
TI_SUGGESTED: dict[str, str] = {
    TIElement.PERSON_CENTRED.value: "You could start with: Each person agrees their own support plan, chooses how "
    "and where we meet, and can change their mind at any time.",
    TIElement.SENSITIVE_MONITORING.value: "You could start with: We collect only the information we need, never "
    "ask people to repeat their story for monitoring, and explain why we ask each question.",
    TIElement.POLICIES.value: "You could start with: Written trauma-informed policies, reviewed each year, and "
    "settings that are calm, private and easy to leave.",
    TIElement.CULTURAL.value: "You could start with: Interpreters when needed, staff who reflect local "
    "communities, and links with community groups people trust.",
    TIElement.TRAINING.value: "You could start with: Trauma-informed training for all staff and volunteers when "
    "they start, and a refresher every year.",
    TIElement.SUPERVISION.value: "You could start with: Monthly reflective supervision for every worker, and "
    "clinical supervision for those working with people in crisis.",
    TIElement.COPRODUCTION.value: "You could start with: A paid panel of people with lived experience who help "
    "shape and review the service at least twice a year.",
}


def commit_field_name(element: str) -> str:
    return f"commit_{element}"


class NeededWhenChosen(forms.CharField):
    """A box needed only when its element is ticked, so it is shown without "(optional)". The
    form's ``clean`` says when it is missing."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=True, **kwargs)

    def validate(self, value: Any) -> None:
        return None


class TIRequirementsForm(forms.Form):
    use_required_attribute = False

    elements = forms.MultipleChoiceField(
        label="Which trauma-informed elements must providers show?",
        choices=TIElement.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply. For each one, say what providers must commit to",
        error_messages={"invalid_choice": "Choose trauma-informed elements from the list"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=2**31)

    # Seed 000, Design: a creative service specification asks providers to commit to these.
    why_we_ask = {
        "elements": "Naming these in the specification tells providers what trauma-informed practice you "
        "expect, and lets you score how well their bids meet it.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for element, label in TIElement.choices:
            name = commit_field_name(element)
            self.fields[name] = NeededWhenChosen(
                label=f"What providers must commit to for {TI_SHORT[element]}",
                max_length=COMMITMENTS_MAX,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=TI_SUGGESTED[element],
                error_messages={
                    "max_length": f"What providers must commit to must be {COMMITMENTS_MAX:,} characters or fewer"
                },
            )
            self.why_we_ask = {
                **self.why_we_ask,
                name: f"Bidders will answer against this, so it shows them what “{label.lower()}” means here.",
            }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for element in cleaned.get("elements") or []:
            name = commit_field_name(element)
            if name in cleaned and not str(cleaned.get(name) or "").strip():
                label = TIElement(element).label
                self.add_error(name, f"Say what providers must commit to for “{label}”, or untick it")
        return cleaned

    def commitments(self) -> dict[str, str]:
        """Each chosen element and what providers must commit to."""
        return {
            element: str(self.cleaned_data.get(commit_field_name(element)) or "")
            for element in self.cleaned_data.get("elements") or []
        }

    @staticmethod
    def initial_from(current: dict[str, str], version: int) -> dict[str, Any]:
        initial: dict[str, Any] = {"elements": list(current), "version": version}
        for element, text in current.items():
            initial[commit_field_name(element)] = text
        return initial
