from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.validators import FileExtensionValidator

from tandem.frontend.fields import GovukDateField
from tandem.frontend.paths import safe_local_path

_EMAIL_FORMAT = "Enter an email address in the correct format, like name@example.com"


def _too_long(what: str, limit: int) -> str:
    return f"{what} must be {limit} characters or fewer"


class FeedbackForm(forms.Form):
    doing = forms.CharField(
        label="What were you trying to do?",
        max_length=1200,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Tell us what you were trying to do",
            "max_length": _too_long("What you were trying to do", 1200),
        },
    )
    experience = forms.CharField(
        label="What went well, or what went wrong?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Do not include personal details such as your bank details or health information.",
        error_messages={
            "required": "Tell us what went well or what went wrong",
            "max_length": _too_long("What went well or wrong", 2000),
        },
    )
    email = forms.EmailField(
        label="Your email address",
        required=False,
        max_length=254,
        help_text="Only if you would like a reply.",
        error_messages={"invalid": _EMAIL_FORMAT, "max_length": _too_long("Email address", 254)},
    )
    page = forms.CharField(required=False, widget=forms.HiddenInput, max_length=1000)

    why_we_ask = {
        "doing": "So we know which part of Tandem you mean.",
        "experience": "So we can fix what went wrong and keep what works.",
        "email": "So we can write back to you. We only use it to reply about this feedback.",
    }
    optional_sensitive = ("email",)

    def __init__(self, *args: Any, signed_in: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if signed_in:
            self.fields["anonymous"] = forms.BooleanField(
                label="Do not link this feedback to my account",
                required=False,
                help_text="You are signed in. Unless you tick this, we will know this came from you.",
            )
            self.why_we_ask = {
                **self.why_we_ask,
                "anonymous": "Knowing who sent feedback helps us follow it up. You can choose not to say.",
            }

    def clean_page(self) -> str:
        return safe_local_path(self.cleaned_data.get("page") or "")


class PatternDemoForm(forms.Form):
    """Every kind of question the renderer draws, for the pattern page."""

    full_name = forms.CharField(
        label="Full name",
        max_length=150,
        help_text="As you would like it shown to others.",
        error_messages={"required": "Enter your full name"},
    )
    email = forms.EmailField(
        label="Email address",
        error_messages={"required": "Enter your email address", "invalid": _EMAIL_FORMAT},
    )
    password = forms.CharField(
        label="Password",
        widget=forms.PasswordInput,
        min_length=10,
        error_messages={
            "required": "Enter a password",
            "min_length": "Password must be 10 characters or more",
        },
    )
    about = forms.CharField(
        label="About your organisation",
        max_length=500,
        widget=forms.Textarea,
        help_text="What you do and who you work with.",
        error_messages={
            "required": "Tell us about your organisation",
            "max_length": _too_long("About your organisation", 500),
        },
    )
    area = forms.ChoiceField(
        label="Main area you work in",
        choices=[("", "Choose an area"), ("north", "North Anyborough"), ("south", "South Anyborough")],
        error_messages={"required": "Select the main area you work in"},
    )
    size = forms.ChoiceField(
        label="How many people work for you?",
        widget=forms.RadioSelect,
        choices=[("1-9", "1 to 9"), ("10-49", "10 to 49"), ("50+", "50 or more")],
        error_messages={"required": "Select how many people work for you"},
    )
    support = forms.MultipleChoiceField(
        label="What support do you offer?",
        widget=forms.CheckboxSelectMultiple,
        choices=[("housing", "Housing"), ("advice", "Advice"), ("counselling", "Counselling")],
        help_text="Select all that apply.",
        error_messages={"required": "Select the support you offer"},
    )
    started = GovukDateField(
        label="When did you start?",
        subject="The date you started",
        max_value=datetime.date(2100, 1, 1),
        help_text="For example, 27 3 2019",
        error_messages={"required": "Enter the date you started"},
    )
    income = forms.CharField(
        label="Annual income",
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "numeric"}),
    )
    report = forms.FileField(
        label="Upload your annual report",
        required=False,
        help_text="A PDF file, up to 10 megabytes.",
        validators=[FileExtensionValidator(["pdf"], message="The selected file must be a PDF")],
    )
    agree = forms.BooleanField(
        label="I have read the privacy notice",
        error_messages={"required": "Confirm you have read the privacy notice"},
    )

    why_we_ask = {
        "full_name": "So people know who they are talking to.",
        "email": "So we can send you a link to sign in.",
        "about": "Funders read this to find organisations like yours.",
        "size": "Some funding is only for small organisations.",
        "income": "It puts your organisation in a size band. You can skip it.",
    }
    optional_sensitive = ("income",)
    choice_hints = {"size": {"50+": "Includes volunteers who work regular hours."}}
