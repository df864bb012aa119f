"""Fixtures for the frameworks app's tests: small framework folders of our own, valid and broken,
so these tests do not depend on the real content in content/frameworks."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from tandem.frameworks.tests.helpers import VALID, fixture_versions_load


@pytest.fixture
def fixture_versions(db: Any) -> dict[str, Any]:
    """The small test-journey and test-lens, published: slug -> version."""
    return fixture_versions_load()


@pytest.fixture
def valid_copy(tmp_path: Path) -> Path:
    """A copy of the valid frameworks to change in a test; returns the folder of frameworks."""
    root = tmp_path / "frameworks"
    shutil.copytree(VALID, root)
    return root
