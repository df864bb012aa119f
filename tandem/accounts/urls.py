from django.urls import path

from tandem.accounts.views import (
    account,
    confirm_password,
    password_reset,
    people,
    session,
    sign_in,
    sign_out,
    two_factor,
    two_factor_settings,
)

app_name = "accounts"

urlpatterns = [
    path("", account.account_settings, name="settings"),
    path("sign-in/", sign_in.sign_in, name="sign-in"),
    path("sign-in/code/", two_factor.two_factor, name="two-factor"),
    path("sign-in/recovery-code/", two_factor.recovery_code, name="recovery-code"),
    path("sign-out/", sign_out.sign_out, name="sign-out"),
    path("signed-out/", sign_out.signed_out, name="signed-out"),
    path("password-reset/", password_reset.password_reset, name="password-reset"),
    path("password-reset/sent/", password_reset.password_reset_sent, name="password-reset-sent"),
    path(
        "password-reset/<uidb64>/<token>/",
        password_reset.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path("password-reset/done/", password_reset.password_reset_complete_page, name="password-reset-complete"),
    path("two-factor/set-up/", two_factor_settings.two_factor_setup, name="two-factor-setup"),
    path("two-factor/turn-off/", two_factor_settings.two_factor_disable, name="two-factor-disable"),
    path("two-factor/recovery-codes/", two_factor_settings.recovery_codes, name="recovery-codes"),
    path("confirm-password/", confirm_password.confirm_password, name="confirm-password"),
    path("session/extend/", session.session_extend, name="session-extend"),
    path("people/", people.people, name="people"),
    path("people/<int:pk>/", people.person, name="person"),
    path("people/<int:pk>/two-factor/reset/", people.person_two_factor_reset, name="person-two-factor-reset"),
]
