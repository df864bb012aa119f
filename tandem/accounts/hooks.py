"""What only an app above ``accounts`` knows about a person, registered here by that app in its
``AppConfig.ready()``. ``accounts`` never imports the apps above it (docs/where-things-go.md,
"Import order").

- Reasons someone must use two-factor authentication. Site administrators always need it; any
  other reason is registered by the app that knows it: ``organisations`` registers "works for a
  funder".
- The places a person is listed to other people (an organisation's members, a commission's team),
  each with whether they share their email address there, for the "Your account" page
  (decision 0022): ``organisations`` and ``commissions`` register theirs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class TwoFactorRule:
    # Whether the rule applies to this person: at most one query, asked on every page they load.
    applies: Callable[[Any], bool]
    # Why it applies, in plain words for the person ("you work for ..."), or "" when it does not.
    reason: Callable[[Any], str]


_two_factor_rules: list[TwoFactorRule] = []


def two_factor_rule_register(rule: TwoFactorRule) -> None:
    if rule not in _two_factor_rules:
        _two_factor_rules.append(rule)


def two_factor_rules() -> tuple[TwoFactorRule, ...]:
    return tuple(_two_factor_rules)


@dataclass(frozen=True)
class ContactPlace:
    """One place where other people see a person listed."""

    # What the place is, as it reads after "In": "the team for Young carers", "Anyborough Council".
    name: str
    # Whether the people there see the person's email address (otherwise only name and role).
    shares_email: bool
    # The page where the person changes it.
    change_url: str


# The places the person making the request is listed; at most one query each.
ContactPlaces = Callable[[HttpRequest], Sequence[ContactPlace]]

_contact_places: list[ContactPlaces] = []


def contact_places_register(finder: ContactPlaces) -> None:
    if finder not in _contact_places:
        _contact_places.append(finder)


def contact_places(request: HttpRequest) -> list[ContactPlace]:
    """Every place the registered finders list for the person making the request, in the order
    they were registered."""
    return [place for finder in _contact_places for place in finder(request)]
