"""The apps import one way and the pure rule modules import no Django (issue 9): the
import-linter contracts in pyproject.toml, run here too so the suite fails when a change breaks
them, not only `make lint`."""

from __future__ import annotations

from pathlib import Path

from importlinter import configuration
from importlinter.application.use_cases import lint_imports

ROOT = Path(__file__).resolve().parents[3]


def test_every_import_linter_contract_is_kept() -> None:
    configuration.configure()  # what the lint-imports command does first
    # On failure, the captured output names each import that goes the wrong way.
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), cache_dir=None, no_logo=True)
