"""Making an account from an invitation: the one form every kind of invitation shows."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tandem.core.invitations.rules import FULL_NAME_MAX


class NewAccountForm(forms.Form):
    """Someone with no account accepting an invitation makes one here. A kind of invitation may
    subclass it only to say why it asks for each thing (``why_we_ask``)."""

    full_name = forms.CharField(
        label="Full name",
        max_length=FULL_NAME_MAX,
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your full name",
            "max_length": f"Your full name must be {FULL_NAME_MAX} characters or fewer",
        },
    )
    password1 = forms.CharField(
        label="Create a password",
        strip=False,
        max_length=200,
        help_text="At least 10 characters. A few words strung together are easy to remember and hard to guess",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Enter a password", "max_length": "Your password must be 200 characters or fewer"},
    )
    password2 = forms.CharField(
        label="Type the password again",
        strip=False,
        max_length=200,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Type your password again", "max_length": "The passwords do not match"},
    )

    why_we_ask = {
        "full_name": "So the people you work with know who you are.",
        "password1": "You will use it with your email address to sign in.",
        "password2": "To make sure there is no typing mistake in your password.",
    }

    def __init__(self, *args: Any, email: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean_full_name(self) -> str:
        name = " ".join(self.cleaned_data["full_name"].split())
        if not name:
            raise ValidationError("Enter your full name")
        return name

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password1 = cleaned.get("password1")
        password2 = cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", "The passwords do not match")
        elif password1:
            candidate = get_user_model()(email=self.email, full_name=cleaned.get("full_name", ""))
            try:
                validate_password(password1, user=candidate)
            except ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned
