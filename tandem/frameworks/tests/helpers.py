"""Paths and helpers the frameworks tests share."""

from __future__ import annotations

from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parent / "fixtures"
VALID = FIXTURES / "valid"
BROKEN = FIXTURES / "broken"


def fixture_versions_load() -> dict[str, Any]:
    """Publish the small valid frameworks (test-journey and test-lens); slug -> current version."""
    from tandem.frameworks.services import frameworks_load

    return {result.framework.slug: result.version for result in frameworks_load(actor=None, path=VALID)}


def edit(path: Path, old: str, new: str) -> None:
    """Replace text in a file, failing if it is not there (so a test cannot silently test nothing)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
