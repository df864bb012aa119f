"""Fixtures for the accounts tests: a clean throttle cache, and people with two-factor on."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

import pyotp
import pytest
from django.test import Client
from django.utils import timezone

from conftest import make_user
from tandem.accounts import totp
from tandem.accounts.models import User
from tandem.accounts.services import two_factor_enable
from tandem.accounts.sessions import PASSWORD_CONFIRMED_SESSION_KEY


def enable_two_factor(user: User) -> tuple[str, list[str]]:
    """Turn two-factor on with a code from the previous time step, so the current code
    (``pyotp.TOTP(secret).now()``) is still unused for the test to sign in with."""
    secret = totp.secret_new()
    now = time.time()
    previous = totp.code_for_step(secret, totp.step_for(now) - 1)
    codes = two_factor_enable(actor=user, secret=secret, code=previous, now=now)
    user.refresh_from_db()
    return secret, codes


def password_typed_minutes_ago(client: Client, minutes: float) -> None:
    """Make the signed-in client's password look as if it was last typed ``minutes`` ago."""
    session = client.session
    session[PASSWORD_CONFIRMED_SESSION_KEY] = (timezone.now() - timedelta(minutes=minutes)).isoformat()
    session.save()


def current_code(secret: str) -> str:
    return pyotp.TOTP(secret).now()


def person_build() -> User:
    """Someone in no organisation: two-factor authentication is optional for them."""
    return make_user("robin.resident@example.org", "Robin Resident")


@pytest.fixture
def person(db: Any) -> User:
    return person_build()


@pytest.fixture
def person_with_two_factor(person: User) -> tuple[User, str, list[str]]:
    secret, codes = enable_two_factor(person)
    return person, secret, codes
