"""The pages the benchmark measures. Pure Python: no Django imports.

The first entry is the yardstick: ``/bare/`` renders only the base layout for the same
signed-in person, so it costs what every page costs (session, sign-in checks, current
organisation, the layout). Every other page is reported as a ratio to it.

To measure another page, add one line: a short key, a label and the path to GET as the
benchmark person (a provider member, signed in). The path must answer 200 for them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BenchPage:
    key: str
    label: str
    path: str


PAGES: tuple[BenchPage, ...] = (
    BenchPage("bare", "bare layout (yardstick)", "/bare/"),
    BenchPage("home", "signed-in home page", "/"),
)
