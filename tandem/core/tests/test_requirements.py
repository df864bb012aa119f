"""Production installs requirements.txt only; development and CI install requirements-dev.txt,
which is requirements.txt plus the tests, linters and bench (issue 9). These tests check that the
split holds: nothing for tests in production, and nothing production needs left out of it."""

from __future__ import annotations

import ast
import re
import sys
from importlib.metadata import PackageNotFoundError, distribution, packages_distributions
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[3]
# What a Python 3.11 virtual environment has before anything is installed (pip freeze leaves them out).
FROM_THE_VENV = {"pip", "setuptools"}
TOOLS = {
    "pytest", "pytest-django", "pytest-xdist", "pytest-playwright", "playwright", "locust", "hypothesis",
    "factory-boy", "faker", "pypdf", "ruff", "mypy", "django-stubs", "djlint", "import-linter",
}  # fmt: skip


def pinned(name: str) -> dict[str, str]:
    """The ``name==version`` lines of a requirements file, by canonical name."""
    pins: dict[str, str] = {}
    for line in (ROOT / name).read_text().splitlines():
        if match := re.fullmatch(r"([A-Za-z0-9._-]+)==(\S+)", line.split("#")[0].strip()):
            pins[canonicalize_name(match[1])] = match[2]
    return pins


def needs(name: str) -> set[str]:
    """What an installed distribution needs (no extras), by canonical name."""
    found: set[str] = set()
    for text in distribution(name).requires or []:
        requirement = Requirement(text)
        if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
            found.add(canonicalize_name(requirement.name))
            if requirement.extras:  # such as psycopg[binary]
                found |= {canonicalize_name(f"{requirement.name}-{extra}") for extra in requirement.extras}
    return found


def test_production_installs_no_test_linting_or_bench_tools() -> None:
    production = pinned("requirements.txt")
    assert not TOOLS & production.keys()
    assert "textstat" in production  # the tender lens grades reading level at run time


def test_development_is_production_plus_the_tools_each_pinned_once() -> None:
    lines = (ROOT / "requirements-dev.txt").read_text().splitlines()
    assert "-r requirements.txt" in lines
    development = pinned("requirements-dev.txt")
    assert development.keys() >= TOOLS
    assert not development.keys() & pinned("requirements.txt").keys()
    assert "-r requirements.in" in (ROOT / "requirements-dev.in").read_text().splitlines()


def test_everything_production_needs_is_pinned_in_it() -> None:
    production = pinned("requirements.txt")
    missing = {
        f"{name} needs {dependency}"
        for name in production
        for dependency in needs(name)
        if dependency not in production and dependency not in FROM_THE_VENV
        if _installed(dependency)
    }
    assert not missing


def _installed(name: str) -> bool:
    try:
        distribution(name)
    except PackageNotFoundError:
        return False
    return True


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module.split(".")[0])
    return modules


def test_the_code_production_runs_imports_only_what_production_installs() -> None:
    runtime = [ROOT / "manage.py", *(ROOT / "config").rglob("*.py")]
    runtime += [
        path for path in (ROOT / "tandem").rglob("*.py") if not {"tests", "testing"} & set(path.relative_to(ROOT).parts)
    ]
    production = pinned("requirements.txt")
    owners = packages_distributions()
    outside = {
        f"{path.relative_to(ROOT)} imports {module}"
        for path in runtime
        for module in _imported_modules(path)
        if module not in sys.stdlib_module_names and module not in {"tandem", "config"}
        if not {canonicalize_name(owner) for owner in owners.get(module, [])} & production.keys()
    }
    assert not outside
