"""Who may change whose sign-in settings, and why not."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from tandem.accounts.models import User
from tandem.accounts.selectors import user_requires_two_factor
from tandem.core.permissions import SIGN_IN_REASON, Decision


def _self_only(user: User | AnonymousUser, target: User) -> Decision | None:
    if not user.is_authenticated:
        return Decision.deny(SIGN_IN_REASON)
    if user.pk != target.pk:
        return Decision.deny("You can only change your own sign-in settings.")
    return None


def can_enable_two_factor(user: User | AnonymousUser, target: User) -> Decision:
    refused = _self_only(user, target)
    if refused is not None:
        return refused
    if target.has_two_factor:
        return Decision.deny("Two-factor authentication is already turned on for your account.")
    return Decision.allow()


def can_disable_two_factor(user: User | AnonymousUser, target: User) -> Decision:
    refused = _self_only(user, target)
    if refused is not None:
        return refused
    if not target.has_two_factor:
        return Decision.deny("Two-factor authentication is already turned off for your account.")
    if user_requires_two_factor(target):
        return Decision.deny(
            "You cannot turn off two-factor authentication. Everyone who is a site administrator, "
            "or who works for a funder, must use it to keep sensitive information safe."
        )
    return Decision.allow()


def can_regenerate_recovery_codes(user: User | AnonymousUser, target: User) -> Decision:
    refused = _self_only(user, target)
    if refused is not None:
        return refused
    if not target.has_two_factor:
        return Decision.deny("Turn on two-factor authentication first. Recovery codes go with it.")
    return Decision.allow()


def can_manage_people(user: User | AnonymousUser) -> Decision:
    """Site administrators look people up to help them back into their accounts."""
    if not user.is_authenticated:
        return Decision.deny(SIGN_IN_REASON)
    if not user.is_superuser:
        return Decision.deny("Only site administrators can look up people's accounts.")
    return Decision.allow()


def can_reset_two_factor(user: User | AnonymousUser, target: User) -> Decision:
    refused = can_manage_people(user)
    if not refused.allowed:
        return refused
    if user.pk == target.pk:
        return Decision.deny(
            "You cannot reset your own two-factor authentication here. Ask another site administrator, "
            "or use a recovery code."
        )
    if not target.has_two_factor:
        return Decision.deny(
            f"{target} does not have two-factor authentication turned on, so there is nothing to reset."
        )
    return Decision.allow()
