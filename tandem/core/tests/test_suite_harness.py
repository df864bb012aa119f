"""The suite's own harness (root conftest.py): each hypothesis example builds its own rows inside
``example_rows()`` and none of them reach the next example; the hypothesis profiles CI loads; and
the LibreOffice checks fail in CI, rather than skip, when LibreOffice is missing."""

from __future__ import annotations

import os
from typing import Any

import pytest
from django.core.cache import cache
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import example_rows, libreoffice
from tandem.accounts.models import User
from tandem.organisations.models import Membership, Organisation, OrganisationKind

SEEN: list[int] = []


@pytest.mark.django_db
@settings(max_examples=15, deadline=None)
@given(name=st.text(alphabet="abcdefgh ", min_size=1, max_size=20))
def test_each_example_starts_without_the_rows_and_cache_of_the_one_before(name: str) -> None:
    with example_rows() as roles:
        assert not Organisation.objects.exists() and not User.objects.exists()
        assert cache.get("example") is None
        admin = roles.user("funder_admin")
        assert roles.user("funder_admin") == admin  # built once per example
        assert Membership.objects.get(user=admin).organisation == roles.funder_org
        Organisation.objects.create(name=name, slug=f"made-{len(SEEN)}", kind=OrganisationKind.CHARITY)
        cache.set("example", name)
        SEEN.append(Organisation.objects.count())
    assert not Organisation.objects.exists() and not User.objects.exists()
    assert set(SEEN) == {2}


def test_an_example_that_fails_is_rolled_back_too(db: Any) -> None:
    with pytest.raises(ZeroDivisionError), example_rows() as roles:
        assert roles.client("site_admin").get("/").status_code == 200
        _ = 1 / 0
    assert not User.objects.exists()


def test_ci_loads_the_ci_profile_which_is_repeatable_and_prints_how_to_reproduce() -> None:
    ci = settings.get_profile("ci")
    assert ci.derandomize and ci.print_blob and ci.database is None and ci.deadline is None
    assert not settings.get_profile("dev").derandomize
    expected = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
    assert settings.default is not None and settings.default.derandomize == (expected == "ci")


def test_without_libreoffice_its_checks_fail_in_ci(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # a folder with no soffice in it
    monkeypatch.setenv("CI", "1")
    with pytest.raises(pytest.fail.Exception, match="CI must run this check"):
        libreoffice()


def test_without_libreoffice_its_checks_are_skipped_elsewhere_and_say_why(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="LibreOffice is not installed"):
        libreoffice()


def test_libreoffice_is_found_on_the_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    program = tmp_path / "soffice"
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("CI", "1")
    assert libreoffice() == str(program)
