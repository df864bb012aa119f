"""A system check: the audit keys must be readable, or every audit entry would fail to be written."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register

from tandem.audit.chain import KeyringError, parse_keyring


@register()
def audit_keys_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    try:
        parse_keyring(settings.TANDEM_AUDIT_KEYS)
    except KeyringError as error:
        return [
            Error(
                f"The audit keys cannot be read: {error}.",
                hint="Set TANDEM_AUDIT_KEYS to id:secret pairs, comma-separated, newest first.",
                id="audit.E001",
            )
        ]
    return []
