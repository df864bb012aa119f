"""Reasons someone must use two-factor authentication that only an app above ``accounts`` knows.

``accounts`` never imports the apps above it (docs/where-things-go.md, "Import order"). Site
administrators always need two-factor; any other reason is registered here by the app that
knows it, in its ``AppConfig.ready()``: ``organisations`` registers "works for a funder".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


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
