"""Forms for a commission's details, its team and the stage it is in: shape and field checks."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField

from tandem.commissions.models import TeamRole
from tandem.commissions.services.commission import (
    PARTNERS_MAX,
    PEOPLE_FOR_MAX,
    PURPOSE_MAX,
    SERVICE_AREA_MAX,
    TITLE_MAX,
    CommissionDetails,
    PartnerShare,
)
from tandem.commissions.services.team import ROLE_DESCRIPTIONS
from tandem.core.invitations.forms import NewAccountForm
from tandem.core.values import MoneyError, pounds_parse
from tandem.frontend.fields import GovukDateField

# Empty partner rows shown under the ones already chosen, so more can be added without JavaScript.
PARTNER_EMPTY_ROWS = 3
_PARTNER_FIELD = re.compile(r"partner_(\d{1,3})_(organisation|contribution)")


def partner_rows_needed(data: Mapping[str, Any] | None, existing: int = 0) -> int:
    """How many partner rows the form shows: the existing ones plus three empty ones, and enough
    for every row in posted or draft ``data`` (up to the most a commission can have)."""
    rows = existing + PARTNER_EMPTY_ROWS
    for key in data or {}:
        match = _PARTNER_FIELD.fullmatch(str(key))
        if match:
            rows = max(rows, int(match.group(1)))
    return max(PARTNER_EMPTY_ROWS, min(rows, PARTNERS_MAX))


@dataclass(frozen=True)
class PartnerRow:
    number: int
    organisation: BoundField
    contribution: BoundField


class CommissionForm(forms.Form):
    """A commission's details. The lead funder is not asked: it is the funder the person acts for.

    ``framework_choices`` adds radios to choose the framework when several journey frameworks
    exist; ``include_version`` adds the hidden field that spots two people editing at once."""

    title = forms.CharField(
        label="Title",
        max_length=TITLE_MAX,
        help_text="A short name people will recognise, for example “Domestic abuse support in Anyborough”",
        error_messages={
            "required": "Enter a title",
            "max_length": f"Title must be {TITLE_MAX} characters or fewer",
        },
    )
    purpose = forms.CharField(
        label="What is the commission for?",
        max_length=PURPOSE_MAX,
        help_text="In plain words: what should be different for people once the service is running?",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": "Enter what the commission is for",
            "max_length": f"What the commission is for must be {PURPOSE_MAX} characters or fewer",
        },
    )
    service_area = forms.CharField(
        label="Service area",
        max_length=SERVICE_AREA_MAX,
        help_text="The kind of service, for example “mental health” or “housing support”",
        error_messages={
            "required": "Enter the service area",
            "max_length": f"Service area must be {SERVICE_AREA_MAX} characters or fewer",
        },
    )
    people_for = forms.CharField(
        label="Who is the service for?",
        max_length=PEOPLE_FOR_MAX,
        help_text="The people who will use it: their ages, where they live, what they are going through",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": "Enter who the service is for",
            "max_length": f"Who the service is for must be {PEOPLE_FOR_MAX} characters or fewer",
        },
    )
    estimated_value = forms.CharField(
        label="Estimated value in pounds",
        required=False,
        max_length=40,
        help_text="The whole value over the life of the contract or grant, for example 450000",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "decimal", "spellcheck": "false"}),
        error_messages={"max_length": "Enter the estimated value as an amount in pounds, like 450000"},
    )
    starts_on = GovukDateField(
        label="When should the service start?",
        required=False,
        subject="The start date",
        help_text="For example, 1 4 2027",
    )
    ends_on = GovukDateField(
        label="When should the service end?",
        required=False,
        subject="The end date",
        help_text="For example, 31 3 2030",
    )
    framework_version = forms.TypedChoiceField(
        label="Which framework will you work through?",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose a framework",
            "invalid_choice": "Choose a framework from the list",
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=2**31)

    # Shown once for the partner funder rows as a whole.
    partners_why = (
        "Commissions paid for by several funders work best when everyone can see who is involved and "
        "what each puts in. Leave these blank if there are no partners."
    )
    why_we_ask = {
        "title": "So the team and partners know which commission they are looking at.",
        "purpose": "Being clear about why you are commissioning helps every later choice. "
        "The team can come back to it at any stage.",
        "service_area": "So people can find commissions like this one and learn from them.",
        "people_for": "The people a service is for should shape it. Naming them keeps them in view "
        "from the first stage to the last.",
        "estimated_value": "It helps size the work fairly, for example how much to spend on involving "
        "people with lived experience. You can leave it blank if you do not know yet.",
        "starts_on": "So the team can plan a timeline that is realistic for providers and the people "
        "who use the service. You can leave it blank for now.",
        "ends_on": "So everyone knows how long the service is meant to run, and can plan for what "
        "happens at the end. You can leave it blank for now.",
        "framework_version": "The framework sets the stages and questions your team works through.",
    }

    def __init__(
        self,
        *args: Any,
        funders: Sequence[tuple[int, str]] = (),
        partner_rows: int = PARTNER_EMPTY_ROWS,
        framework_choices: Sequence[tuple[int, str]] | None = None,
        include_version: bool = False,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.why_we_ask = dict(self.why_we_ask)
        if framework_choices is None:
            del self.fields["framework_version"]
        else:
            self.fields["framework_version"].choices = list(framework_choices)  # type: ignore[attr-defined]
        if not include_version:
            del self.fields["version"]
        # With no other funders on Tandem there is nothing to choose, so no partner rows.
        self.has_funders = bool(funders)
        self.partner_count = max(1, min(partner_rows, PARTNERS_MAX)) if funders else 0
        funder_choices = [("", "Choose a funder"), *((str(pk), name) for pk, name in funders)]
        for number in range(1, self.partner_count + 1):
            organisation = f"partner_{number}_organisation"
            contribution = f"partner_{number}_contribution"
            self.fields[organisation] = forms.ChoiceField(
                label="Funder",
                required=False,
                choices=funder_choices,
                error_messages={"invalid_choice": f"Choose partner funder {number} from the list"},
            )
            self.fields[contribution] = forms.CharField(
                label="What they put in, in pounds",
                required=False,
                max_length=40,
                help_text="Leave blank if it is not agreed yet",
                widget=forms.TextInput(
                    attrs={"class": "govuk-input--width-10", "inputmode": "decimal", "spellcheck": "false"}
                ),
                error_messages={
                    "max_length": f"Enter what partner funder {number} puts in as an amount in pounds, like 50000"
                },
            )

    # -- field checks ---------------------------------------------------------------------------

    def _clean_line(self, name: str, message: str) -> str:
        value = " ".join(str(self.cleaned_data.get(name, "")).split())
        if not value:
            raise ValidationError(message)
        return value

    def _clean_block(self, name: str, message: str) -> str:
        value = str(self.cleaned_data.get(name, "")).strip()
        if not value:
            raise ValidationError(message)
        return value

    def clean_title(self) -> str:
        return self._clean_line("title", "Enter a title")

    def clean_service_area(self) -> str:
        return self._clean_line("service_area", "Enter the service area")

    def clean_purpose(self) -> str:
        return self._clean_block("purpose", "Enter what the commission is for")

    def clean_people_for(self) -> str:
        return self._clean_block("people_for", "Enter who the service is for")

    def clean_estimated_value(self) -> Decimal | None:
        try:
            return pounds_parse(str(self.cleaned_data.get("estimated_value", "")), subject="The estimated value")
        except MoneyError as exc:
            raise ValidationError(exc.message) from exc

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts_on = cleaned.get("starts_on")
        ends_on = cleaned.get("ends_on")
        if starts_on and ends_on and ends_on <= starts_on:
            self.add_error("ends_on", "The end date must be after the start date")
        seen: dict[str, int] = {}
        shares: list[PartnerShare] = []
        for number in range(1, self.partner_count + 1):
            organisation_name = f"partner_{number}_organisation"
            contribution_name = f"partner_{number}_contribution"
            organisation = cleaned.get(organisation_name, "")
            raw = str(cleaned.get(contribution_name, "") or "")
            amount: Decimal | None = None
            if contribution_name not in self.errors:
                try:
                    amount = pounds_parse(raw, subject=f"What partner funder {number} puts in")
                except MoneyError as exc:
                    self.add_error(contribution_name, exc.message)
            if not organisation:
                if raw.strip() and organisation_name not in self.errors:
                    self.add_error(organisation_name, f"Choose partner funder {number}, or clear what they put in")
                continue
            if organisation in seen:
                self.add_error(
                    organisation_name, f"This funder is already partner funder {seen[organisation]}. Choose it once"
                )
                continue
            seen[organisation] = number
            shares.append(PartnerShare(organisation_id=int(organisation), contribution=amount, row=number))
        cleaned["partners"] = shares
        return cleaned

    # -- for templates and views ----------------------------------------------------------------

    def partner_rows(self) -> list[PartnerRow]:
        return [
            PartnerRow(
                number=number,
                organisation=self[f"partner_{number}_organisation"],
                contribution=self[f"partner_{number}_contribution"],
            )
            for number in range(1, self.partner_count + 1)
        ]

    def details(self) -> CommissionDetails:
        data = self.cleaned_data
        return CommissionDetails(
            title=data["title"],
            purpose=data["purpose"],
            service_area=data["service_area"],
            people_for=data["people_for"],
            estimated_value=data["estimated_value"],
            starts_on=data.get("starts_on"),
            ends_on=data.get("ends_on"),
            partners=tuple(data["partners"]),
        )


ROLE_CHOICES = list(TeamRole.choices)


class TeamAddForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="If they already use Tandem, we add them now. If not, we email them an invitation",
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={
            "required": "Enter an email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "Email address must be 254 characters or fewer",
        },
    )
    role = forms.ChoiceField(
        label="What will they do on the team?",
        choices=ROLE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a role", "invalid_choice": "Choose a role"},
    )

    choice_hints = {"role": ROLE_DESCRIPTIONS}
    why_we_ask = {
        "email": "We use it to find their account, or to send them an invitation. We do not use it for anything else.",
        "role": "The role decides what they can do. Everyone on the team can see the whole commission.",
    }

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()


class TeamRoleForm(forms.Form):
    role = forms.ChoiceField(
        label="Role on the team",
        choices=ROLE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a role", "invalid_choice": "Choose a role"},
    )

    choice_hints = {"role": ROLE_DESCRIPTIONS}
    why_we_ask = {
        "role": "The role decides what they can do. A commission always keeps at least one lead.",
    }


class CurrentStageForm(forms.Form):
    stage = forms.ChoiceField(
        label="The stage we are in now",
        error_messages={"required": "Choose a stage", "invalid_choice": "Choose a stage from the list"},
    )

    why_we_ask = {
        "stage": "It shows the team where you are. It does not close any stage: you can go back to any "
        "of them at any time.",
    }

    def __init__(self, *args: Any, stages: Sequence[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = list(stages)  # type: ignore[attr-defined]


class InvitationNewAccountForm(NewAccountForm):
    """Someone invited to a team, with no account yet, makes one."""

    why_we_ask = {
        "full_name": "So the rest of the team knows who you are. It is shown to the people you work with.",
        "password1": "You will use it with your email address to sign in.",
        "password2": "To make sure there is no typing mistake in your password.",
    }
