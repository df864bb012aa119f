"""Every change to a person's account and sign-in settings. Each writes an audit entry."""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tandem.accounts import throttling, totp
from tandem.accounts.models import RecoveryCode, User
from tandem.accounts.permissions import (
    can_disable_two_factor,
    can_enable_two_factor,
    can_regenerate_recovery_codes,
    can_reset_two_factor,
)
from tandem.accounts.selectors import user_get_by_email
from tandem.accounts.throttle import wait_words
from tandem.audit.services import audit_log
from tandem.core.exceptions import ApplicationError
from tandem.notifications.services import notify

logger = logging.getLogger(__name__)

CODE_NOT_RIGHT = "The code is not right. Check your app and try again"
RECOVERY_CODE_NOT_RIGHT = "That recovery code is not right, or it has been used already. Check it and try again"
PASSWORD_NOT_RIGHT = "Your password is not right. Check it and try again"  # noqa: S105 (a message)


NOT_YOU = "If this was not you, reset your password straight away from the sign-in page, and tell a site administrator."


def _security_notice(user: User, title: str, body: str) -> None:
    """Tell the person (in the app, and by email once saved) that their sign-in settings changed."""
    notify(
        recipients=[user],
        kind="accounts.security",
        title=title,
        body=f"{body} {NOT_YOU}",
        url=reverse("accounts:settings"),
        actor=user,
    )


def session_signed_in(*, actor: User, method: str) -> None:
    """Record a sign-in. ``method`` says how: "password", "password and code",
    "password and recovery code"."""
    with transaction.atomic():
        audit_log(
            actor=actor,
            action="accounts.session.signed_in",
            obj=actor,
            after={"method": method},
            summary=f"Signed in with {method}",
        )


SIGN_OUT_REASONS = {
    "chosen": "Signed out",
    "timed_out": "Signed out after a period without activity",
    "two_factor_missing": "Signed out because this session had not passed two-factor authentication",
}


def session_signed_out(*, actor: User, reason: str = "chosen") -> None:
    """Record a sign-out. ``reason`` is one of ``SIGN_OUT_REASONS``."""
    if reason not in SIGN_OUT_REASONS:
        raise ValueError(f"Unknown sign-out reason {reason!r}")
    with transaction.atomic():
        audit_log(
            actor=actor,
            action="accounts.session.signed_out",
            obj=actor,
            after={"reason": reason},
            summary=SIGN_OUT_REASONS[reason],
        )


_SLOWED_WHAT = {
    throttling.PAIR: "this account from one network address",
    throttling.ACCOUNT: "this account from every network address, by a few seconds",
    throttling.ADDRESS: "a network address",
}


def sign_in_slowed(*, email: str, scope: str) -> None:
    """Record that failed attempts used up the free tries of a scope (``throttling.PAIR``,
    ``ACCOUNT`` or ``ADDRESS``), so further attempts there now wait a while first.

    The entry names the account only when one exists; the typed email address and the network
    address are not stored."""
    if scope not in _SLOWED_WHAT:
        raise ValueError(f"Unknown throttling scope {scope!r}")
    user = user_get_by_email(email) if scope != throttling.ADDRESS else None
    what = _SLOWED_WHAT[scope] if user or scope == throttling.ADDRESS else "an email address with no account"
    with transaction.atomic():
        audit_log(
            actor=None,
            action="accounts.sign_in.slowed",
            obj=user,
            after={"scope": scope},
            summary=f"Sign-in slowed down for {what} after failed attempts",
        )


FAILURES_NOTICE_TITLE = "Someone has been trying to sign in to your account"


def sign_in_failures_notice(*, email: str) -> bool:
    """Tell the person that their account has seen many failed sign-ins. Returns whether there
    was an account to tell (an email address with no account gets nothing, and no one sees which).

    Sent as a security notice, which people cannot turn off (``accounts.security``)."""
    user = user_get_by_email(email)
    if user is None or not user.is_active:
        return False
    body = (
        f"There were {settings.SIGN_IN_NOTICE_AFTER} or more attempts to sign in to your account in the last hour "
        "with a wrong password or code. None of these tries got into your account, and we never show or "
        "send your password to anyone. "
        "We now make each new try wait a little longer, to keep your account safe. "
        "If it was you, you do not need to do anything. "
        "If it was not you, choose a new password: on the sign-in page, "
        "choose “I have forgotten my password”."
    )
    with transaction.atomic():
        audit_log(
            actor=None,
            action="accounts.sign_in.failures_notified",
            obj=user,
            after={"failures_at_least": int(settings.SIGN_IN_NOTICE_AFTER)},
            summary="Told the person about many failed attempts to sign in to their account",
        )
        notify(
            recipients=[user],
            kind="accounts.security",
            title=FAILURES_NOTICE_TITLE,
            body=body,
            url=reverse("accounts:password-reset"),
        )
    return True


def sign_in_attempt_failure_record(*, attempt: throttling.Attempt) -> throttling.Failure:
    """A wrong password or code, on signing in or confirming the password: count it, audit any
    slow-down it started, and tell the person once their account has seen many failures."""
    failure = throttling.sign_in_attempt_failed(attempt=attempt)
    for scope in failure.slowed:
        sign_in_slowed(email=attempt.email, scope=scope)
    if failure.notify:
        sign_in_failures_notice(email=attempt.email)
    return failure


class PasswordConfirmWait(ApplicationError):
    """Too many wrong passwords: nothing is checked until ``seconds`` have passed."""

    def __init__(self, seconds: float):
        super().__init__(
            f"You have typed a wrong password too many times. Wait {wait_words(seconds)}, then try again. "
            "We slow this down to protect your account.",
            extra={"seconds": seconds},
        )
        self.seconds = seconds


def password_confirm(*, actor: User, password: str, address: str) -> None:
    """Check the signed-in person's password again before a sensitive change.

    Each try counts toward the same slow-down as signing in (this person's email address from
    ``address``, the client's network address), so a borrowed session cannot be used to guess
    the password. Raises ``PasswordConfirmWait`` when the try must wait, and an
    ``ApplicationError`` for the password field when the password is not right."""
    # Counted before the password is looked at, as signing in does.
    attempt = throttling.sign_in_attempt_start(email=actor.email, address=address)
    if not attempt.allowed:
        raise PasswordConfirmWait(attempt.wait)
    if not actor.check_password(password):
        failure = sign_in_attempt_failure_record(attempt=attempt)
        if failure.wait > 0:
            raise PasswordConfirmWait(failure.wait)
        raise ApplicationError(PASSWORD_NOT_RIGHT, field="password")
    throttling.sign_in_success_record(email=actor.email, address=address)
    with transaction.atomic():
        audit_log(
            actor=actor,
            action="accounts.password.confirmed",
            obj=actor,
            summary="Typed their password again before a change to sensitive settings",
        )


def two_factor_code_check(*, user: User, code: str, now: float | None = None) -> bool:
    """Check a code from the person's authenticator app. A code is accepted once only."""
    if not user.has_two_factor:
        return False
    now = time.time() if now is None else now
    step = totp.code_step(secret=user.totp_secret, code=code, now=now, after_step=user.totp_last_step)
    if step is None:
        return False
    # Conditional update: two requests racing with the same code cannot both win.
    updated = (
        User.objects.filter(pk=user.pk)
        .filter(Q(totp_last_step__isnull=True) | Q(totp_last_step__lt=step))
        .update(totp_last_step=step)
    )
    if updated != 1:
        return False
    user.totp_last_step = step
    return True


_RECOVERY_SALT = "tandem.accounts.recovery-code"


def _recovery_code_digests(user: User, normalised: str) -> list[str]:
    """The keyed digests a recovery code may be stored under: one per secret key in use.

    Recovery codes carry about 50 random bits, so a keyed HMAC (which needs the server's secret
    key to attack offline) protects them without the cost of a password hash per code. Rotated
    keys in SECRET_KEY_FALLBACKS keep existing codes working. See docs/decisions.
    """
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [
        salted_hmac(_RECOVERY_SALT, f"{user.pk}:{normalised}", secret=key, algorithm="sha256").hexdigest()
        for key in keys
    ]


def _recovery_code_digest(user: User, normalised: str) -> str:
    return _recovery_code_digests(user, normalised)[0]


def _recovery_codes_replace(user: User) -> list[str]:
    codes = totp.recovery_codes_new()
    RecoveryCode.objects.filter(user=user).delete()
    RecoveryCode.objects.bulk_create(
        [RecoveryCode(user=user, code_hash=_recovery_code_digest(user, totp.recovery_code_normalise(c))) for c in codes]
    )
    return codes


def two_factor_enable(*, actor: User, secret: str, code: str, now: float | None = None) -> list[str]:
    """Turn on two-factor authentication with a secret the person's app has just shown a code
    for. Returns ten new recovery codes, to be shown once."""
    can_enable_two_factor(actor, actor).require()
    now = time.time() if now is None else now
    step = totp.code_step(secret=secret, code=code, now=now)
    if step is None:
        raise ApplicationError(CODE_NOT_RIGHT, field="code")
    with transaction.atomic():
        actor.totp_secret = secret
        actor.totp_confirmed_at = timezone.now()
        actor.totp_last_step = step
        actor.save(update_fields=["totp_secret", "totp_confirmed_at", "totp_last_step"])
        codes = _recovery_codes_replace(actor)
        audit_log(
            actor=actor,
            action="accounts.two_factor.enabled",
            obj=actor,
            before={"two_factor": False},
            after={"two_factor": True, "recovery_codes": len(codes)},
            summary="Turned on two-factor authentication",
        )
        _security_notice(
            actor,
            "Two-factor authentication is now on",
            "You turned on two-factor authentication for your account.",
        )
    return codes


def two_factor_disable(*, actor: User, password: str, address: str) -> None:
    """Turn off two-factor authentication, after checking the person's password (throttled like
    signing in; ``address`` is the client's network address)."""
    can_disable_two_factor(actor, actor).require()
    password_confirm(actor=actor, password=password, address=address)
    with transaction.atomic():
        actor.totp_secret = ""
        actor.totp_confirmed_at = None
        actor.totp_last_step = None
        actor.save(update_fields=["totp_secret", "totp_confirmed_at", "totp_last_step"])
        RecoveryCode.objects.filter(user=actor).delete()
        audit_log(
            actor=actor,
            action="accounts.two_factor.disabled",
            obj=actor,
            before={"two_factor": True},
            after={"two_factor": False},
            summary="Turned off two-factor authentication",
        )
        _security_notice(
            actor,
            "Two-factor authentication has been turned off",
            "Two-factor authentication was turned off for your account. You now sign in with only your password.",
        )


def recovery_codes_regenerate(*, actor: User) -> list[str]:
    """Replace every recovery code with ten new ones. The old ones stop working."""
    can_regenerate_recovery_codes(actor, actor).require()
    with transaction.atomic():
        codes = _recovery_codes_replace(actor)
        audit_log(
            actor=actor,
            action="accounts.recovery_codes.regenerated",
            obj=actor,
            after={"recovery_codes": len(codes)},
            summary="Made new recovery codes; the old ones no longer work",
        )
        _security_notice(
            actor,
            "You have new recovery codes",
            "New recovery codes were made for your account. The old ones no longer work.",
        )
    return codes


def recovery_code_use(*, user: User, code: str) -> bool:
    """Accept one unused recovery code instead of an app code, and mark it used."""
    normalised = totp.recovery_code_normalise(code)
    if not user.has_two_factor or not totp.recovery_code_is_well_formed(normalised):
        return False
    with transaction.atomic():
        digests = _recovery_code_digests(user, normalised)
        for candidate in RecoveryCode.objects.filter(user=user, used_at__isnull=True, code_hash__in=digests)[:1]:
            used = RecoveryCode.objects.filter(pk=candidate.pk, used_at__isnull=True).update(used_at=timezone.now())
            if used != 1:
                return False
            left = RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()
            audit_log(
                actor=user,
                action="accounts.recovery_code.used",
                obj=user,
                after={"recovery_codes_left": left},
                summary=f"Signed in with a recovery code ({left} left)",
            )
            _security_notice(
                user,
                "A recovery code was used to sign in",
                f"Someone signed in to your account with one of your recovery codes. You have {left} left.",
            )
            return True
    return False


def password_reset_send(*, email: str, site_url: str) -> None:
    """Email a link to set a new password, when the address has an account.

    Says nothing either way, so the page cannot be used to find out who has an account. At most
    a few emails an hour go to one address."""
    user = user_get_by_email(email)
    if user is None or not throttling.password_reset_email_allowed(email=user.email):
        return
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = site_url.rstrip("/") + reverse("accounts:password-reset-confirm", kwargs={"uidb64": uidb64, "token": token})
    minutes = settings.PASSWORD_RESET_TIMEOUT // 60
    lasts = f"{minutes // 60} hour{'s' if minutes != 60 else ''}" if minutes % 60 == 0 else f"{minutes} minutes"
    body = (
        f"Hello {user.full_name or ''},\n\n"
        f"Someone asked to reset the password for your {settings.SERVICE_NAME} account. "
        "If it was you, use this link to choose a new password:\n\n"
        f"{link}\n\n"
        f"The link works once, for {lasts}.\n\n"
        "If you did not ask for this, you do not need to do anything. Your password has not changed.\n"
    )
    try:
        send_mail(
            subject=f"Reset your {settings.SERVICE_NAME} password",
            message=body,
            from_email=None,
            recipient_list=[user.email],
        )
    except Exception:  # a broken mail server must not tell the visitor whether the account exists
        logger.exception("Could not send a password reset email")


def password_reset_complete(*, user: User, password: str) -> None:
    """Set a new password from a reset link. Other sessions for this person stop working."""
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        audit_log(
            actor=user,
            action="accounts.password.reset",
            obj=user,
            summary="Set a new password using a reset link",
        )
        _security_notice(user, "Your password has been changed", "The password for your account was changed.")
    throttling.sign_in_success_record(email=user.email)


def two_factor_reset(*, actor: User, user: User, reason: str) -> None:
    """A site administrator turns off someone's two-factor authentication because they have
    lost their phone and their recovery codes. If their role needs it, they set it up again the
    next time they sign in. The person is told, and the reason is kept in the audit trail."""
    can_reset_two_factor(actor, user).require()
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError("Enter why you are resetting two-factor authentication", field="reason")
    with transaction.atomic():
        user.totp_secret = ""
        user.totp_confirmed_at = None
        user.totp_last_step = None
        user.save(update_fields=["totp_secret", "totp_confirmed_at", "totp_last_step"])
        RecoveryCode.objects.filter(user=user).delete()
        audit_log(
            actor=actor,
            action="accounts.two_factor.reset",
            obj=user,
            before={"two_factor": True},
            after={"two_factor": False},
            summary=f"Reset two-factor authentication: {reason}"[:500],
        )
        notify(
            recipients=[user],
            kind="accounts.security",
            title="A site administrator reset your two-factor authentication",
            body=(
                f"{actor} turned off two-factor authentication on your account so you can get back in. "
                f"The reason they gave: {reason} "
                "If your role needs it, you will be asked to set it up again when you next sign in. "
                f"{NOT_YOU}"
            ),
            url=reverse("accounts:settings"),
            actor=actor,
        )
