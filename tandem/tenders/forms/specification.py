"""Forms for the specification's core sections (about, agreement, route and regime) and its
versions: shape and field checks, GOV.UK messages and "why we ask". The services hold the rules.

Hints rest on seed 000 (Design: streamlined reporting, financial considerations, legacy planning;
Procure: creative service specification; Sustain: endings), seed 004 chapter 4 (grants for small or
specialist work) and appendix C (the tender template: purpose and services required).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from tandem.core.exceptions import ApplicationError
from tandem.core.values import MoneyError, pounds_as_typed, pounds_parse, too_long
from tandem.tenders.models import AgreementKind, Route, SecondStage, Specification
from tandem.tenders.rules import agreement
from tandem.tenders.rules.fields import ABOUT, AGREEMENT, ROUTE, field_named
from tandem.tenders.services.sections import section_version
from tandem.tenders.services.specification import (
    CPV_MESSAGE,
    MONTHS_MAX,
    NO_AGREEMENT_REASON,
    NO_JUSTIFICATION,
    NO_SECOND_STAGE,
    NOTE_MAX,
    TEXT_MAX,
    cpv_clean,
)

YES_NO = [("yes", "Yes"), ("no", "No")]
YES_NO_NOT_SURE = [("yes", "Yes"), ("no", "No"), ("not_sure", "Not sure")]


class PartOfTheWhole(forms.CharField):
    """A box the finished specification needs, but which can be saved blank while the team works
    on it, so it is shown without "(optional)". The services and readiness say what is missing."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=True, **kwargs)

    def validate(self, value: Any) -> None:
        return None


def _text(label: str, help_text: str, *, rows: int = 5) -> forms.CharField:
    return PartOfTheWhole(
        label=label,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows, "maxlength": TEXT_MAX}),
    )


def _too_long(value: object, label: str) -> str:
    text = str(value or "").replace("\r\n", "\n")
    problem = too_long(text, TEXT_MAX, subject=label, counted=True)
    if problem:
        raise forms.ValidationError(problem)
    return text


class SectionForm(forms.Form):
    """What every section form shares: the hidden section version that spots clashes."""

    use_required_attribute = False
    section = ""
    labels: dict[str, str] = {}
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=2**31)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name, label in self.labels.items():
            if name in cleaned and isinstance(cleaned[name], str):
                try:
                    cleaned[name] = _too_long(cleaned[name], label)
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return cleaned

    def values(self) -> dict[str, Any]:
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}


class AboutForm(SectionForm):
    section = "about"
    labels = {field.name: field.subject for field in ABOUT}
    purpose = _text(
        field_named(ABOUT, "purpose").question,
        "What should be different for people once it is running. Bidders read this first",
    )
    people_for = _text(
        field_named(ABOUT, "people_for").question,
        "The people who will use it: ages, where they live, what they may be going through, and their strengths",
    )
    services_required = _text(
        field_named(ABOUT, "services_required").question,
        "Describe what the service must do, and leave room for providers to say how. Say which "
        "approaches you mean, for example counselling or advocacy, rather than only “trauma-informed”",
        rows=8,
    )
    reporting = _text(
        field_named(ABOUT, "reporting").question,
        "Keep it in proportion to the value. Use reports providers already write where you can, "
        "for example their quarterly reports",
    )
    ending_plan = _text(
        field_named(ABOUT, "ending_plan").question,
        "The notice you will give, how people move to other support, and how their care continues",
    )

    why_we_ask = {
        # Seed 004 appendix C: the tender template starts with the purpose and services required.
        "purpose": "Bidders shape their whole bid around the purpose. A clear purpose gets bids that fit.",
        "people_for": "The people a service is for should shape it, and bidders need to know them to plan "
        "safe, suitable support.",
        # Seed 000 Design, "Understanding approaches": say which approach you mean.
        "services_required": "Vague specifications get bids for services you did not ask for. Being specific, "
        "while leaving room for ideas, saves everyone time.",
        # Seed 000 Design, "Streamlined reporting".
        "reporting": "Reporting takes staff away from people. Streamlined reporting lets providers focus on "
        "care, and is fairer to small organisations.",
        # Seed 000 Sustain: early notice of endings and trauma-sensitive exit.
        "ending_plan": "Endings can feel like abandonment to people who use a service. Planning them now "
        "protects people and gives providers time to hand over with care.",
    }


class AgreementForm(SectionForm):
    section = "agreement"
    labels = {name: field_named(AGREEMENT, name).subject for name in ("agreement_reason", "cost_review")}
    specialist_work = forms.ChoiceField(
        label="Is this specialist work?",
        required=False,
        choices=YES_NO,
        widget=forms.RadioSelect,
        help_text="For example, a service by and for one community, or skills that few organisations have",
        error_messages={"invalid_choice": "Say whether this is specialist work"},
    )
    agreement_kind = forms.ChoiceField(
        label="Will this be a contract or a grant?",
        required=False,
        choices=AgreementKind.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose a contract or a grant"},
    )
    agreement_reason = _text(
        "If you chose differently from Tandem's suggestion, say why",
        "Only needed when your choice is not the one Tandem suggests",
        rows=3,
    )
    term_months = forms.IntegerField(
        label="How long is the term, in months?",
        required=False,
        min_value=1,
        max_value=MONTHS_MAX,
        help_text="For example, 36 for three years. Relationship-based work needs time to build trust",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-4", "inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "invalid": "Enter the term as a whole number of months, like 36",
            "min_value": "The term must be at least 1 month",
            "max_value": f"The term must be {MONTHS_MAX} months or fewer",
        },
    )
    extension_months = forms.IntegerField(
        label="How many months can it be extended by?",
        required=False,
        min_value=0,
        max_value=MONTHS_MAX,
        help_text="Enter 0 if it cannot be extended",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-4", "inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "invalid": "Enter the extension as a whole number of months, like 12, or 0",
            "min_value": "The extension must be 0 months or more",
            "max_value": f"The extension must be {MONTHS_MAX} months or fewer",
        },
    )
    consortium_welcome = forms.ChoiceField(
        label="Are bids from a consortium welcome?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether bids from a consortium are welcome"},
    )
    cost_review = _text(
        "How will prices be reviewed over the term?",
        "For example, a yearly review for the cost of living and pay awards",
        rows=3,
    )

    choice_hints = {
        "agreement_kind": {
            AgreementKind.CONTRACT.value: "Clear terms for both sides, awarded through a procurement",
            AgreementKind.GRANT.value: "Often simpler for small sums and specialist work",
        },
        "consortium_welcome": {"yes": "Small organisations can bid together and share the work"},
    }
    why_we_ask = {
        # Seed 004 chapter 4: grants suit specialist work, whatever its size.
        "specialist_work": "Specialist organisations are often small. A grant can keep them in the work, "
        "so your answer changes what Tandem suggests.",
        # Seed 004 chapter 4: grants for smaller sums or specialist work.
        "agreement_kind": "Grants can be simpler and cheaper for small sums and specialist work, and keep "
        "small organisations in the work. Contracts give clear terms for larger services.",
        "agreement_reason": "A reason shows the choice was thought through, and helps whoever reads the "
        "specification later.",
        # Seed 000 Design, "Rethinking time allocation".
        "term_months": "Short terms make it hard to build the trust that trauma work needs, and hard for "
        "providers to keep staff.",
        "extension_months": "An extension lets a service that works carry on without a new tender.",
        # Seed 004 chapter 5: collaboration between providers.
        "consortium_welcome": "Saying so clearly helps small and specialist organisations plan to bid together.",
        # Seed 000 Design, "Financial considerations": no cost-of-living adjustment harms services.
        "cost_review": "Prices fixed for years while costs rise push providers to cut quality or work at a loss.",
    }

    def __init__(self, *args: Any, suggested: str = "", value: Decimal | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.suggested = suggested
        self.value = value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        kind = cleaned.get("agreement_kind") or ""
        reason = str(cleaned.get("agreement_reason") or "").strip()
        suggested = self.suggested
        if "specialist_work" in cleaned and "term_months" in cleaned:
            # The answer to "is this specialist work?" on this same form changes the suggestion.
            specialist = cleaned.get("specialist_work") == "yes"
            suggested = agreement.recommend(self.value, specialist, cleaned.get("term_months")).kind
        if suggested and kind and kind != suggested and not reason and "agreement_reason" in cleaned:
            self.add_error("agreement_reason", NO_AGREEMENT_REASON)
        return cleaned

    def values(self) -> dict[str, Any]:
        values = super().values()
        values["consortium_welcome"] = values.get("consortium_welcome") == "yes"
        values["specialist_work"] = values.get("specialist_work") == "yes"
        return values

    @classmethod
    def initial_from(cls, specification: Specification) -> dict[str, Any]:
        return {
            "specialist_work": "yes" if specification.specialist_work else "no",
            "agreement_kind": specification.agreement_kind,
            "agreement_reason": specification.agreement_reason,
            "term_months": specification.term_months,
            "extension_months": specification.extension_months,
            "consortium_welcome": "yes" if specification.consortium_welcome else "no",
            "cost_review": specification.cost_review,
            "version": section_version(specification, "agreement"),
        }


class RouteForm(SectionForm):
    section = "route"
    labels = {"direct_award_justification": field_named(ROUTE, "direct_award_justification").subject}
    route = forms.ChoiceField(
        label="Which route will you take?",
        required=False,
        choices=Route.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose a route from the list"},
    )
    second_stage = forms.ChoiceField(
        label="If you chose two stages, what is the second stage?",
        required=False,
        choices=SecondStage.choices,
        widget=forms.RadioSelect,
        help_text="Only needed for two stages",
        error_messages={"invalid_choice": NO_SECOND_STAGE},
    )
    direct_award_justification = _text(
        "If you chose a direct award, why is it justified?",
        "Only needed for a direct award. Say which grounds apply, for example that only one provider can "
        "deliver the service",
        rows=4,
    )
    cpv_code = forms.CharField(
        label="CPV code",
        required=False,
        max_length=20,
        help_text="8 digits, with or without a check digit. For example, 85312000 or 85312000-9",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
        error_messages={"max_length": CPV_MESSAGE},
    )
    light_touch = forms.ChoiceField(
        label="Is it a light-touch service?",
        required=False,
        choices=YES_NO_NOT_SURE,
        widget=forms.RadioSelect,
        help_text="Many health, social care and other services for people are. The CPV code decides it",
        error_messages={"invalid_choice": "Say whether it is a light-touch service"},
    )
    value_including_vat = forms.CharField(
        label="Value including VAT, in pounds",
        required=False,
        max_length=40,
        help_text="The whole value over the term, including any extension, for example 450000",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "decimal", "spellcheck": "false"}),
        error_messages={"max_length": "Enter the value as an amount in pounds, like 450000"},
    )

    choice_hints = {
        "route": {
            Route.OPEN.value: "Anyone can bid. Good when the service is well understood",
            Route.TWO_STAGE.value: "A short first stage, then more detail from a shortlist. Asks less of most bidders",
            Route.DIRECT_AWARD.value: "Only in the cases the law allows, with a justification",
        },
        "second_stage": {
            SecondStage.DIALOGUE.value: "Talk through the service with shortlisted bidders and shape it together",
            SecondStage.ASSURANCE.value: "Check shortlisted bidders' plans and finances before you award",
        },
    }
    why_we_ask = {
        # Seed 000 Procure and seed 001 section 5: a two-stage tender with an assurance stage.
        "route": "The route sets how much work bidders do and when. Two stages ask less of everyone at first, "
        "which helps small organisations.",
        "second_stage": "Bidders need to know what the second stage involves so they can plan for it.",
        "direct_award_justification": "A direct award skips competition, so the reason must be written down "
        "and published.",
        "cpv_code": "The CPV code says what is being bought. It decides which rules and threshold apply.",
        "light_touch": "Light-touch services have a higher threshold and more freedom in how you run the procurement.",
        "value_including_vat": "The value decides whether the procurement is above the threshold, and helps "
        "Tandem suggest a contract or a grant.",
    }

    def clean_cpv_code(self) -> str:
        try:
            return cpv_clean(str(self.cleaned_data.get("cpv_code") or ""))
        except ApplicationError as error:
            raise forms.ValidationError(error.message) from None

    def clean_value_including_vat(self) -> Decimal | None:
        try:
            return pounds_parse(str(self.cleaned_data.get("value_including_vat") or ""), subject="The value")
        except MoneyError as error:
            raise forms.ValidationError(error.message) from None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        route = cleaned.get("route")
        if route == Route.TWO_STAGE and not cleaned.get("second_stage") and "second_stage" in cleaned:
            self.add_error("second_stage", NO_SECOND_STAGE)
        justification = str(cleaned.get("direct_award_justification") or "").strip()
        if route == Route.DIRECT_AWARD and not justification and "direct_award_justification" in cleaned:
            self.add_error("direct_award_justification", NO_JUSTIFICATION)
        return cleaned

    def values(self) -> dict[str, Any]:
        values = super().values()
        values["light_touch"] = {"yes": True, "no": False}.get(str(values.get("light_touch") or ""))
        return values

    @classmethod
    def initial_from(cls, specification: Specification) -> dict[str, Any]:
        # Once the section has been saved, no answer means the team chose "Not sure".
        unsure = "not_sure" if section_version(specification, "route") else ""
        light_touch = {True: "yes", False: "no", None: unsure}[specification.light_touch]
        return {
            "route": specification.route,
            "second_stage": specification.second_stage,
            "direct_award_justification": specification.direct_award_justification,
            "cpv_code": specification.cpv_code,
            "light_touch": light_touch,
            "value_including_vat": pounds_as_typed(specification.value_including_vat),
            "version": section_version(specification, "route"),
        }


def about_initial(specification: Specification) -> dict[str, Any]:
    initial: dict[str, Any] = {name: getattr(specification, name) for name in AboutForm.labels}
    initial["version"] = section_version(specification, "about")
    return initial


SECTION_FORMS: dict[str, type[SectionForm]] = {"about": AboutForm, "agreement": AgreementForm, "route": RouteForm}


class VersionSaveForm(forms.Form):
    note = forms.CharField(
        label="Add a note about this version",
        required=False,
        max_length=NOTE_MAX,
        help_text="For example, “Ready for the survivors' panel to read”",
        error_messages={"max_length": f"The note must be {NOTE_MAX} characters or fewer"},
    )

    why_we_ask = {
        "note": "A short note helps the team find the right version later and see what changed.",
    }
