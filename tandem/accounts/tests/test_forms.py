"""Form shape and messages, without pages."""

from __future__ import annotations

from tandem.accounts.forms import (
    CODE_FORMAT,
    CODE_REQUIRED,
    RecoveryCodeForm,
    SignInForm,
    TwoFactorCodeForm,
    TwoFactorSetupForm,
)


def test_sign_in_lower_cases_the_email_and_keeps_the_password_exactly() -> None:
    form = SignInForm({"email": " Ada@Example.ORG ", "password": "  spaces kept  "})
    assert form.is_valid()
    assert form.cleaned_data == {"email": "ada@example.org", "password": "  spaces kept  "}
    assert 'value="  spaces kept  "' not in str(form["password"])


def test_code_forms_accept_spaces_and_dashes_between_digits() -> None:
    for form_class in (TwoFactorCodeForm, TwoFactorSetupForm):
        form = form_class({"code": "123 456"})
        assert form.is_valid() and form.cleaned_data["code"] == "123456"
        assert form_class({"code": " - "}).errors["code"] == [CODE_REQUIRED]
        assert form_class({"code": "\uff11\uff12\uff13\uff14\uff15\uff16"}).errors["code"] == [CODE_FORMAT]
        assert "why_we_ask" in form_class.__dict__ or hasattr(form_class, "why_we_ask")


def test_recovery_code_form_normalises() -> None:
    form = RecoveryCodeForm({"code": "ABCDE 23456"})
    assert form.is_valid() and form.cleaned_data["code"] == "abcde23456"
