"""Forms for organisations, memberships and invitations: shape and field checks only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from tandem.core.invitations.forms import NewAccountForm
from tandem.organisations.content import organisation_lists
from tandem.organisations.identifiers import (
    IdentifierError,
    charity_number_parse,
    company_number_parse,
    income_parse,
)
from tandem.organisations.models import Membership, MembershipRole, OrganisationKind, SizeBand
from tandem.organisations.services import ABOUT_MAX, NAME_MAX, OrganisationDetails

ROLE_CHOICES = [(MembershipRole.MEMBER.value, "Member"), (MembershipRole.ADMIN.value, "Administrator")]
ROLE_HINTS = {
    MembershipRole.MEMBER.value: "Can see the organisation's work and take part in it",
    MembershipRole.ADMIN.value: "Can also change the organisation's details, and invite or remove members",
}


class OrganisationForm(forms.Form):
    """The organisation's profile. ``kind`` is only offered to site administrators."""

    name = forms.CharField(
        label="Organisation name",
        max_length=NAME_MAX,
        error_messages={
            "required": "Enter the organisation's name",
            "max_length": f"The organisation's name must be {NAME_MAX} characters or fewer",
        },
    )
    kind = forms.ChoiceField(
        label="What kind of organisation is it?",
        choices=OrganisationKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what kind of organisation this is",
            "invalid_choice": "Choose what kind of organisation this is",
        },
    )
    charity_number = forms.CharField(
        label="Registered charity number",
        required=False,
        max_length=30,
        help_text="For example, 1234567 in England and Wales, SC012345 in Scotland or NIC100002 in Northern Ireland",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
        error_messages={"max_length": "Enter a charity number like 1234567 or SC012345"},
    )
    company_number = forms.CharField(
        label="Company number",
        required=False,
        max_length=30,
        help_text="The 8 characters from Companies House, for example 01234567 or SC123456",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
        error_messages={"max_length": "Enter a company number like 01234567 or SC123456"},
    )
    annual_income = forms.CharField(
        label="Annual income in pounds",
        required=False,
        max_length=40,
        help_text="Your total income in your last accounts, for example 85000",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "decimal", "spellcheck": "false"}),
        error_messages={"max_length": "Enter annual income as a number of pounds, like 25000"},
    )
    size_band = forms.ChoiceField(
        label="Size",
        required=False,
        choices=SizeBand.choices,
        widget=forms.RadioSelect,
        help_text="If you give your annual income, we work the size out from it and you can leave this blank",
        error_messages={"invalid_choice": "Choose a size from the list"},
    )
    areas_served = forms.MultipleChoiceField(
        label="Areas you serve",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply",
        error_messages={"invalid_choice": "Choose areas from the list"},
    )
    specialisms = forms.MultipleChoiceField(
        label="What you specialise in",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply",
        error_messages={"invalid_choice": "Choose specialisms from the list"},
    )
    about = forms.CharField(
        label="About us",
        required=False,
        max_length=ABOUT_MAX,
        help_text=f"A few sentences in plain words: who you are, who you help and how. Up to {ABOUT_MAX} characters",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"max_length": f"About us must be {ABOUT_MAX} characters or fewer"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=2**31)

    why_we_ask = {
        "name": "So people can find your organisation and know who they are working with.",
        "kind": "Funders and providers see different parts of Tandem, and some funders must use extra "
        "security when signing in.",
        "charity_number": "So funders can check the public register without asking you for documents.",
        "company_number": "So funders can check Companies House without asking you for documents.",
        "annual_income": "We use it to work out your size. You can leave it blank and choose a size instead.",
        "size_band": "So funders can set proportionate requirements, and small groups are not asked for "
        "what large charities are.",
        "areas_served": "So funders can find local organisations and see which places have few services.",
        "specialisms": "So funders can find organisations with the right experience when they plan a service.",
        "about": "So people who do not know you yet can understand what you do, in your own words.",
    }
    optional_sensitive = ("annual_income",)

    def __init__(self, *args: Any, include_kind: bool = True, **kwargs: Any):
        super().__init__(*args, **kwargs)
        lists = organisation_lists()
        self.fields["areas_served"].choices = [(o.key, o.label) for o in lists.areas_served]  # type: ignore[attr-defined]
        self.fields["specialisms"].choices = [(o.key, o.label) for o in lists.specialisms]  # type: ignore[attr-defined]
        if not include_kind:
            del self.fields["kind"]

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise ValidationError("Enter the organisation's name")
        return name

    def clean_charity_number(self) -> str:
        value: str = self.cleaned_data["charity_number"]
        if not value.strip():
            return ""
        try:
            return charity_number_parse(value).registered_number
        except IdentifierError as exc:
            raise ValidationError(exc.message) from exc

    def clean_company_number(self) -> str:
        value: str = self.cleaned_data["company_number"]
        if not value.strip():
            return ""
        try:
            return company_number_parse(value).registered_number
        except IdentifierError as exc:
            raise ValidationError(exc.message) from exc

    def clean_annual_income(self) -> int | None:
        try:
            return income_parse(self.cleaned_data["annual_income"])
        except IdentifierError as exc:
            raise ValidationError(exc.message) from exc

    def details(self, *, kind: str) -> OrganisationDetails:
        """The cleaned answers for the service. ``kind`` is used when the form does not ask it."""
        data = self.cleaned_data
        return OrganisationDetails(
            name=data["name"],
            kind=data.get("kind") or kind,
            charity_number=data["charity_number"],
            company_number=data["company_number"],
            annual_income=data["annual_income"],
            size_band=data["size_band"] or "",
            areas_served=tuple(data["areas_served"]),
            specialisms=tuple(data["specialisms"]),
            about=data["about"],
        )


SITE_ADMIN_REASON_WHY = (
    "You are changing this organisation as someone who runs Tandem, not as one of its administrators. "
    "We tell its administrators straight away, with your reason, so nothing changes without them knowing."
)


class SiteAdminReasonMixin(forms.Form):
    """Adds a required "reason" field when a site administrator changes an organisation they are not
    an administrator of (decision 0009): pass ``reason_for`` the organisation's name. Everyone else
    sees the form as before."""

    why_we_ask: dict[str, str] = {}

    def __init__(self, *args: Any, reason_for: str = "", **kwargs: Any):
        super().__init__(*args, **kwargs)
        if reason_for:
            self.fields["reason"] = forms.CharField(
                label="Why are you making this change?",
                help_text=f"{reason_for}'s administrators will see this",
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={
                    "required": f"Say why you are making this change. {reason_for}'s administrators will see it",
                    "max_length": "The reason must be 1000 characters or fewer",
                },
            )
            self.why_we_ask = {**self.why_we_ask, "reason": SITE_ADMIN_REASON_WHY}

    def reason_given(self) -> str:
        return str(self.cleaned_data.get("reason") or "")


class SiteAdminReasonForm(SiteAdminReasonMixin):
    """Only the reason: for removing a member or cancelling an invitation as a site administrator."""


class InvitationForm(SiteAdminReasonMixin):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="We will send the invitation to this address",
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={
            "required": "Enter an email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "Email address must be 254 characters or fewer",
        },
    )
    role = forms.ChoiceField(
        label="What should they be able to do?",
        choices=ROLE_CHOICES,
        widget=forms.RadioSelect,
        initial=MembershipRole.MEMBER.value,
        error_messages={"required": "Choose a role", "invalid_choice": "Choose a role"},
    )

    choice_hints = {"role": ROLE_HINTS}
    why_we_ask = {
        "email": "We only use it to send the invitation. The link in it works once, for this address.",
        "role": "Administrators can change things for everyone, so give this role only to people who need it.",
    }

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()


class MembershipRoleForm(SiteAdminReasonMixin):
    role = forms.ChoiceField(
        label="Role",
        choices=ROLE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a role", "invalid_choice": "Choose a role"},
    )

    choice_hints = {"role": ROLE_HINTS}
    why_we_ask = {
        "role": "Administrators can change the organisation's details and decide who is a member.",
    }


class OrganisationSwitchForm(forms.Form):
    organisation = forms.TypedChoiceField(
        label="Which organisation are you acting for?",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose an organisation",
            "invalid_choice": "Choose one of the organisations you belong to",
        },
    )

    why_we_ask = {
        "organisation": "What you see and do next is for this organisation, until you switch again.",
    }

    def __init__(self, *args: Any, memberships: list[Membership], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [  # type: ignore[attr-defined]
            (m.organisation_id, m.organisation.name) for m in memberships
        ]
        self.choice_hints = {
            "organisation": {
                str(m.organisation_id): f"{m.organisation.get_kind_display()}. You are {m.get_role_display().lower()}."
                for m in memberships
            }
        }


class AcceptNewAccountForm(NewAccountForm):
    """Someone invited to an organisation, with no account yet, makes one."""

    why_we_ask = {
        "full_name": "So the people you work with know who you are. It is shown to members of your organisations.",
        "password1": "You will use it with your email address to sign in.",
        "password2": "To make sure there is no typing mistake in your password.",
    }
