from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tandem.frontend.paths import MAX_PATH_LENGTH, safe_local_path


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("/organisations/", "/organisations/"),
        ("/search/?q=food", "/search/?q=food"),
        ("", ""),
        (None, ""),
        ("https://example.com/", ""),
        ("//example.com/", ""),
        ("/\\example.com", ""),
        ("javascript:alert(1)", ""),
        ("/a\nb", ""),
    ],
)
def test_only_paths_on_this_site_are_kept(value: str | None, expected: str) -> None:
    assert safe_local_path(value) == expected


@given(st.text())
def test_result_is_always_a_short_local_path_or_nothing(value: str) -> None:
    result = safe_local_path(value)
    assert result == "" or (result.startswith("/") and not result.startswith("//"))
    assert len(result) <= MAX_PATH_LENGTH
