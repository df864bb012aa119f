"""Sign-in and account forms, with GOV.UK error messages. Passwords are never shown again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

from tandem.accounts import totp
from tandem.accounts.models import User

EMAIL_REQUIRED = "Enter your email address"
EMAIL_FORMAT = "Enter an email address in the correct format, like name@example.com"
PASSWORD_REQUIRED = "Enter your password"  # noqa: S105 (a message, not a password)
CODE_REQUIRED = "Enter the 6-digit code from your authenticator app"
CODE_FORMAT = "The code must be 6 numbers, like 123456"
RECOVERY_REQUIRED = "Enter one of your recovery codes"
RECOVERY_FORMAT = "A recovery code is 10 letters and numbers, like abcde-23456"
SIGN_IN_NOT_RIGHT = "The email address or password is not right. Check them and try again"

_EMAIL_MAX = 254


def _email_field(label: str = "Email address") -> forms.EmailField:
    return forms.EmailField(
        label=label,
        max_length=_EMAIL_MAX,
        error_messages={
            "required": EMAIL_REQUIRED,
            "invalid": EMAIL_FORMAT,
            "max_length": f"Your email address must be {_EMAIL_MAX} characters or fewer",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


def _password_field(label: str, *, required_message: str, autocomplete: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        strip=False,
        max_length=4096,
        error_messages={"required": required_message, "max_length": "Your password must be 4096 characters or fewer"},
        # render_value=False (the default): what was typed is never sent back to the browser.
        widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}),
    )


class SignInForm(forms.Form):
    email = _email_field()
    password = _password_field("Password", required_message=PASSWORD_REQUIRED, autocomplete="current-password")

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()


class TwoFactorCodeForm(forms.Form):
    """The 6-digit code from an authenticator app."""

    code = forms.CharField(
        label="Code from your authenticator app",
        help_text="Open the app on your phone and type the 6 numbers it shows for Tandem.",
        max_length=20,
        error_messages={"required": CODE_REQUIRED, "max_length": CODE_FORMAT},
        widget=forms.TextInput(
            attrs={
                "class": "govuk-input--width-5",
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
            }
        ),
    )
    why_we_ask = {
        "code": (
            "Only you have the app on your phone, so this second check means someone who learns "
            "your password still cannot get into your account."
        )
    }

    def clean_code(self) -> str:
        code = totp.code_normalise(self.cleaned_data["code"])
        if not code:
            raise ValidationError(CODE_REQUIRED)
        if not totp.code_is_well_formed(code):
            raise ValidationError(CODE_FORMAT)
        return code


class TwoFactorSetupForm(TwoFactorCodeForm):
    """Confirms the app has the new key: the code it now shows."""

    why_we_ask = {
        "code": (
            "Typing the code your app shows proves it has the right key, so you will not be "
            "locked out the next time you sign in."
        )
    }


class RecoveryCodeForm(forms.Form):
    code = forms.CharField(
        label="Recovery code",
        help_text="Each code works once. It looks like abcde-23456.",
        max_length=40,
        error_messages={"required": RECOVERY_REQUIRED, "max_length": RECOVERY_FORMAT},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_code(self) -> str:
        code = totp.recovery_code_normalise(self.cleaned_data["code"])
        if not code:
            raise ValidationError(RECOVERY_REQUIRED)
        if not totp.recovery_code_is_well_formed(code):
            raise ValidationError(RECOVERY_FORMAT)
        return code


class TwoFactorDisableForm(forms.Form):
    password = _password_field("Your password", required_message=PASSWORD_REQUIRED, autocomplete="current-password")
    why_we_ask = {
        "password": "We check it is really you before we remove a protection from your account.",
    }


class PasswordConfirmForm(forms.Form):
    """Type the password again before a change that could lock you out or let someone else in."""

    password = _password_field("Your password", required_message=PASSWORD_REQUIRED, autocomplete="current-password")
    why_we_ask = {
        "password": (
            "We ask again before changes that could lock you out or let someone else in. It stops "
            "anyone who uses your device while you are signed in from making them."
        ),
    }


class PasswordResetRequestForm(forms.Form):
    email = _email_field()
    why_we_ask = {
        "email": "We send the link to the address on your account, so only the owner can change the password.",
    }

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()


# Django's password validators, in our own words.
_VALIDATOR_MESSAGES = {
    "password_too_short": "Your password must be at least {min_length} characters long",
    "password_too_common": "This password is too easy to guess. Choose a different one",
    "password_entirely_numeric": "Your password cannot be only numbers. Add some letters",
    "password_too_similar": "Your password is too like your name or email address. Choose a different one",
}


class SetNewPasswordForm(forms.Form):
    """Choose a new password (from a reset link). Takes the person as the first argument, like
    Django's SetPasswordForm, so Django's reset view can use it."""

    new_password1 = _password_field(
        "New password", required_message="Enter a new password", autocomplete="new-password"
    )
    new_password2 = _password_field(
        "Type the new password again", required_message="Type your new password again", autocomplete="new-password"
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields[
            "new_password1"
        ].help_text = "Use at least 10 characters. A few random words together are easy to remember and hard to guess."

    def clean_new_password1(self) -> str:
        password = str(self.cleaned_data["new_password1"])
        try:
            password_validation.validate_password(password, self.user)
        except ValidationError as exc:
            messages = []
            for error in exc.error_list:
                template = _VALIDATOR_MESSAGES.get(error.code or "")
                if template:
                    messages.append(template.format(**(error.params or {})))
                else:
                    messages.extend(error.messages)
            raise ValidationError(messages) from exc
        return password

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, second = cleaned.get("new_password1"), cleaned.get("new_password2")
        if first and second and first != second:
            self.add_error("new_password2", "The passwords do not match. Type the same password in both boxes")
        return cleaned


class PeopleSearchForm(forms.Form):
    q = forms.CharField(
        label="Search by name or email address",
        required=False,
        max_length=200,
        error_messages={"max_length": "Search for 200 characters or fewer"},
    )
    why_we_ask = {"q": "So you can find the person who asked for help. Part of a name or email is enough."}


class TwoFactorResetForm(forms.Form):
    reason = forms.CharField(
        label="Why are you resetting it?",
        help_text="For example: they lost their phone and their recovery codes, and we checked it was them by phone.",
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter why you are resetting two-factor authentication",
            "max_length": "The reason must be 400 characters or fewer",
        },
    )
    why_we_ask = {
        "reason": (
            "The reason is kept in the audit trail and sent to the person, so they and other "
            "administrators can see why their account was changed."
        )
    }


class ContactChoiceForm(forms.Form):
    """What a person lets the people in one place (a commission's team, an organisation) see of
    their contact details: their name and role always, their email address only if they say so.
    Asked the same way everywhere (docs/decisions/0022-contact-details-are-the-persons-choice.md).

    ``audience`` is who would see it ("the team", "other members of Anyborough Council");
    ``still_reach`` says how they can be reached when they keep it to themselves."""

    YES = "yes"
    NO = "no"

    shares_email = forms.ChoiceField(widget=forms.RadioSelect)

    def __init__(self, *args: Any, audience: str, still_reach: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        choose = f"Choose whether {audience} can see your email address"
        field = self.fields["shares_email"]
        field.label = f"Can {audience} see your email address?"
        field.choices = [  # type: ignore[attr-defined]
            (self.NO, "No, show only my name and role"),
            (self.YES, "Yes, show my email address as well"),
        ]
        field.error_messages = {"required": choose, "invalid_choice": choose}
        self.choice_hints = {
            "shares_email": {
                self.NO: still_reach,
                self.YES: f"{audience[:1].upper()}{audience[1:]} can see it beside your name, and email you directly.",
            }
        }
        # Safety and Choice: what is shared about a person is theirs to decide, and saying no is as
        # easy as saying yes (Plymouth Co-production Commissioning Toolkit, 4.3 "Key principles";
        # NENC trauma-informed guidance, 5 "Issues of Language and Power").
        self.why_we_ask = {
            "shares_email": (
                "Your email address is yours. Some people are happy for the people they work with to have it, "
                "and some would rather keep it to themselves. Either is fine. You can change your mind at any time."
            )
        }

    def shares(self) -> bool:
        return bool(self.cleaned_data["shares_email"] == self.YES)

    @classmethod
    def initial_for(cls, shares_email: bool) -> dict[str, str]:
        return {"shares_email": cls.YES if shares_email else cls.NO}
