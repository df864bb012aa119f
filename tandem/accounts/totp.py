"""Time-based one-time passwords (TOTP) and recovery codes. Pure: no Django.

A TOTP code belongs to a 30-second "time step". We accept the step before and after the
current one (clocks on phones drift), and never a step at or before the last one accepted, so
a code cannot be used twice.
"""

from __future__ import annotations

import hmac
import re
import secrets

import pyotp

STEP_SECONDS = 30
DIGITS = 6
# How many steps either side of now we accept.
DRIFT_STEPS = 1
RECOVERY_CODE_COUNT = 10
# Letters and numbers that are hard to mix up when read aloud or copied by hand.
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
_RECOVERY_HALF = 5

_SEPARATORS = re.compile(r"[\s\-]+")


def secret_new() -> str:
    """A new base32 secret (160 bits)."""
    return pyotp.random_base32()


def secret_groups(secret: str) -> str:
    """The secret in groups of four, easier to type into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def provisioning_uri(*, secret: str, account: str, issuer: str) -> str:
    """The ``otpauth://`` address an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS).provisioning_uri(name=account, issuer_name=issuer)


def code_normalise(raw: str) -> str:
    """Take out spaces and dashes people type or paste between the digits."""
    return _SEPARATORS.sub("", raw or "")


def code_is_well_formed(code: str) -> bool:
    return len(code) == DIGITS and code.isascii() and code.isdigit()


def step_for(now: float) -> int:
    return int(now // STEP_SECONDS)


def code_for_step(secret: str, step: int) -> str:
    return pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS).generate_otp(step)


def code_step(*, secret: str, code: str, now: float, after_step: int | None = None) -> int | None:
    """The time step the code belongs to, or None when it is wrong or already used.

    ``after_step`` is the last step accepted for this person; codes for it or earlier steps are
    refused (replay protection).
    """
    code = code_normalise(code)
    if not secret or not code_is_well_formed(code):
        return None
    current = step_for(now)
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if after_step is not None and step <= after_step:
            continue
        if step < 0:
            continue
        if hmac.compare_digest(code_for_step(secret, step), code):
            return step
    return None


def recovery_codes_new(count: int = RECOVERY_CODE_COUNT) -> list[str]:
    """New one-use recovery codes, like ``k7mqa-3xwpe``."""
    codes = []
    for _ in range(count):
        chars = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(_RECOVERY_HALF * 2))
        codes.append(f"{chars[:_RECOVERY_HALF]}-{chars[_RECOVERY_HALF:]}")
    return codes


def recovery_code_normalise(raw: str) -> str:
    """Lower case, with spaces and dashes taken out, so it matches however it was typed."""
    return code_normalise(raw).lower()


def recovery_code_is_well_formed(code: str) -> bool:
    code = recovery_code_normalise(code)
    return len(code) == _RECOVERY_HALF * 2 and all(c in _RECOVERY_ALPHABET for c in code)
