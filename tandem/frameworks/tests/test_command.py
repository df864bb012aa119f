"""``python manage.py framework_load``: checking and publishing from the command line."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tandem.frameworks.models import FrameworkVersion
from tandem.frameworks.tests.helpers import BROKEN, VALID, edit

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("framework_load", *args, stdout=out)
    return out.getvalue()


def test_check_says_the_files_are_valid_and_publishes_nothing() -> None:
    output = run("--path", str(VALID), "--check")
    assert "All 2 frameworks in" in output and "are valid: test-journey, test-lens." in output
    assert not FrameworkVersion.objects.exists()


@pytest.mark.parametrize(
    ("folder", "expected"),
    [
        ("missing-field", 'framework.yaml, line 13: principle "choice" is missing "description"'),
        ("unknown-principle", 'framework.yaml, line 33: prompt "weights-published" names a principle "saftey"'),
        ("bad-yaml", "framework.yaml, line 6: is not valid YAML"),
    ],
)
def test_check_fails_listing_each_problem_with_file_and_line(folder: str, expected: str) -> None:
    with pytest.raises(CommandError) as caught:
        run("--path", str(BROKEN / folder), "--check")
    assert expected in str(caught.value)
    assert str(caught.value).startswith("The framework files have")
    with pytest.raises(CommandError):
        run("--path", str(BROKEN / folder))
    assert not FrameworkVersion.objects.exists()


def test_the_command_exits_non_zero_on_problems() -> None:
    # call_command raises; run from the shell, Django turns CommandError into exit status 1.
    from django.core.management import execute_from_command_line

    with pytest.raises(SystemExit) as caught:
        execute_from_command_line(["manage.py", "framework_load", "--check", "--path", str(BROKEN / "bad-yaml")])
    assert caught.value.code == 1


def test_load_publishes_then_says_when_nothing_changed(valid_copy: Path) -> None:
    output = run("--path", str(valid_copy))
    assert "Test journey: published version 1 (3 principles, 2 stages, 3 guidance points, 4 prompts)" in output
    assert "Test lens: published version 1 (2 stages, 3 activities)" in output
    output = run("--path", str(valid_copy))
    assert "Test journey: no change, still version 1" in output
    assert "Nothing has changed, so no new versions were published." in output
    edit(valid_copy / "test-lens/framework.yaml", "summary: Find out what people need.", "summary: Find out needs.")
    output = run("--path", str(valid_copy))
    assert (
        "Test lens: published version 2 (2 stages, 3 activities); since version 1: 0 added, 0 removed, 1 changed"
        in (output)
    )
    assert FrameworkVersion.objects.count() == 3


def test_default_path_is_the_real_content() -> None:
    assert "trauma-informed-journey" in run("--check")
