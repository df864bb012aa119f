"""Reads about people and their sign-in settings."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from tandem.accounts.hooks import two_factor_rules
from tandem.accounts.models import RecoveryCode, User


def user_get_by_email(email: str) -> User | None:
    """The active person with this email address (any capitalisation), or None."""
    email = (email or "").strip()
    if not email:
        return None
    return User.objects.filter(email__iexact=email, is_active=True).first()


def user_get_active(pk: object) -> User | None:
    if not isinstance(pk, int) or isinstance(pk, bool):
        return None
    return User.objects.filter(pk=pk, is_active=True).first()


def user_requires_two_factor(user: User | AnonymousUser) -> bool:
    """Site administrators and members of funder organisations must use two-factor
    authentication. One query per registered rule (none for a site administrator); the funder
    rule is registered by ``organisations`` (``tandem.accounts.hooks``)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return any(rule.applies(user) for rule in two_factor_rules())


def user_two_factor_reason(user: User) -> str:
    """Why this person must use two-factor authentication, in plain words ("" when optional)."""
    if user.is_superuser:
        return "you are a site administrator, so you can see and change things for everyone"
    for rule in two_factor_rules():
        if reason := rule.reason(user):
            return reason
    return ""


def recovery_codes_unused_count(user: User) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


def user_list_for_admin(*, query: str = "") -> QuerySet[User]:
    """Everyone, for site administrators, optionally narrowed by part of a name or email."""
    qs = User.objects.order_by("full_name", "email")
    query = (query or "").strip()[:200]
    if query:
        qs = qs.filter(Q(full_name__icontains=query) | Q(email__icontains=query))
    return qs


def user_get_for_admin(pk: int) -> User | None:
    """One person with their memberships (and organisations) loaded, for the site admin's page.
    The page puts them in order of the organisation's name."""
    return User.objects.filter(pk=pk).prefetch_related("memberships__organisation").first()
