"""Plain helpers about paths on this site. No Django imports, so they test without a database."""

from __future__ import annotations

MAX_PATH_LENGTH = 300


def safe_local_path(value: str | None) -> str:
    """A path on this site (``/something``), or "" for anything else, such as another website."""
    value = (value or "").strip()[:MAX_PATH_LENGTH]
    if not value.startswith("/") or value.startswith("//") or "\\" in value:
        return ""
    if any(ord(character) < 32 or ord(character) == 127 for character in value):
        return ""
    return value
