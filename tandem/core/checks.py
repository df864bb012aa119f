"""System checks of Tandem's own (``manage.py check``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register

from tandem.core.shared_cache import cache_problem


@register(Tags.caches, deploy=True)
def shared_cache_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """tandem.E001: sign-in throttling needs a cache that every worker shares."""
    problem = cache_problem(settings.CACHES)
    if not problem:
        return []
    return [
        Error(
            problem,
            hint="See README.md, 'Run with production settings', and docs/decisions/0007-sign-in-throttling.md.",
            id="tandem.E001",
        )
    ]
