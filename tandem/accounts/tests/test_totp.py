"""TOTP codes and recovery codes on their own."""

from __future__ import annotations

import pyotp
from hypothesis import given
from hypothesis import strategies as st

from tandem.accounts import totp

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
NOW = 1_700_000_000.0


def test_pyotp_code_for_now_is_accepted() -> None:
    code = pyotp.TOTP(SECRET).at(NOW)
    assert totp.code_step(secret=SECRET, code=code, now=NOW) == totp.step_for(NOW)


def test_codes_one_step_either_side_are_accepted_but_not_two() -> None:
    step = totp.step_for(NOW)
    for offset in (-1, 0, 1):
        assert totp.code_step(secret=SECRET, code=totp.code_for_step(SECRET, step + offset), now=NOW) == step + offset
    for offset in (-2, 2):
        assert totp.code_step(secret=SECRET, code=totp.code_for_step(SECRET, step + offset), now=NOW) is None


def test_a_code_at_or_before_the_last_step_is_refused() -> None:
    step = totp.step_for(NOW)
    code = totp.code_for_step(SECRET, step)
    assert totp.code_step(secret=SECRET, code=code, now=NOW, after_step=step) is None
    assert totp.code_step(secret=SECRET, code=code, now=NOW, after_step=step - 1) == step


def test_spaces_and_dashes_are_ignored() -> None:
    code = pyotp.TOTP(SECRET).at(NOW)
    assert totp.code_step(secret=SECRET, code=f" {code[:3]}-{code[3:]} ", now=NOW) is not None


def test_secret_groups_and_uri() -> None:
    assert totp.secret_groups("ABCDEFGHIJ") == "ABCD EFGH IJ"
    uri = totp.provisioning_uri(secret=SECRET, account="ada@example.org", issuer="Tandem")
    assert uri.startswith("otpauth://totp/Tandem:ada%40example.org?secret=" + SECRET)
    assert "issuer=Tandem" in uri


def test_new_secret_is_long_enough_and_different() -> None:
    first, second = totp.secret_new(), totp.secret_new()
    assert len(first) >= 32 and first != second


def test_recovery_codes_are_ten_unique_well_formed_codes() -> None:
    codes = totp.recovery_codes_new()
    assert len(codes) == 10 and len(set(codes)) == 10
    for code in codes:
        assert totp.recovery_code_is_well_formed(code)
        assert totp.recovery_code_is_well_formed(code.upper().replace("-", " "))


@given(st.text(max_size=30))
def test_any_typed_text_never_breaks_code_checks(text: str) -> None:
    step = totp.code_step(secret=SECRET, code=text, now=NOW)
    assert step is None or text.strip()
    totp.recovery_code_is_well_formed(text)


@given(st.integers(min_value=0, max_value=10**9))
def test_every_step_code_is_six_digits(step: int) -> None:
    code = totp.code_for_step(SECRET, step)
    assert totp.code_is_well_formed(code)
