from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser

from tandem.accounts.models import User
from tandem.accounts.permissions import (
    can_disable_two_factor,
    can_enable_two_factor,
    can_regenerate_recovery_codes,
)
from tandem.accounts.tests.conftest import enable_two_factor


def test_only_you_can_change_your_own_sign_in_settings(person: User, provider_member: User) -> None:
    assert can_enable_two_factor(person, person)
    refused = can_enable_two_factor(provider_member, person)
    assert not refused and "your own" in refused.reason
    assert not can_enable_two_factor(AnonymousUser(), person)


def test_cannot_turn_on_twice(person_with_two_factor: Any) -> None:
    user, _, _ = person_with_two_factor
    assert "already" in can_enable_two_factor(user, user).reason


def test_optional_people_can_turn_it_off(person_with_two_factor: Any) -> None:
    user, _, _ = person_with_two_factor
    assert can_disable_two_factor(user, user)
    assert can_regenerate_recovery_codes(user, user)


def test_required_people_cannot_turn_it_off(funder_member: User, site_admin: User) -> None:
    for user in (funder_member, site_admin):
        enable_two_factor(user)
        decision = can_disable_two_factor(user, user)
        assert not decision
        assert "cannot turn off" in decision.reason


def test_nothing_to_turn_off_or_regenerate_without_two_factor(person: User) -> None:
    assert "already turned off" in can_disable_two_factor(person, person).reason
    assert not can_regenerate_recovery_codes(person, person)
