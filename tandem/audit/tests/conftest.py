"""Every audit test gets its own empty checkpoint folder, so checkpoints never leak between tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def checkpoint_dir(tmp_path: Path, settings: Any) -> Path:
    folder = tmp_path / "audit-checkpoints"
    settings.TANDEM_AUDIT_CHECKPOINT_DIR = folder
    return folder
