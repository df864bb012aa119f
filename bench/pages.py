"""The pages the benchmark measures. Pure Python: no Django imports.

The first entry is the yardstick: ``/bare/`` renders only the base layout for the same
signed-in person, so it costs what every page costs (session, sign-in checks, current
organisation, the layout). Every other page is reported as a ratio to it.

To measure another page, add one line: a short key, a label and the path to GET as the
benchmark person (a provider member, signed in). The path must answer 200 for them.

The commission pages are those of the commission the benchmark person leads. The generator
(bench/generate.py) fills an empty database and gives that commission the id below, so its
paths are known before the run.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BenchPage:
    key: str
    label: str
    path: str


# The commission the benchmark person leads, and the stage of it that is measured.
BENCH_COMMISSION_PK = 1
BENCH_STAGE = "design"

PAGES: tuple[BenchPage, ...] = (
    BenchPage("bare", "bare layout (yardstick)", "/bare/"),
    BenchPage("home", "signed-in home page", "/"),
    BenchPage("journey", "commission journey", f"/commissions/{BENCH_COMMISSION_PK}/"),
    BenchPage("stage", "stage page", f"/commissions/{BENCH_COMMISSION_PK}/stages/{BENCH_STAGE}/"),
    BenchPage("coverage", "coverage", f"/commissions/{BENCH_COMMISSION_PK}/coverage/"),
    # The tender lens reviewing the commission's 20,000-word specification (bench/lens_text.py).
    BenchPage("lens", "tender lens", f"/commissions/{BENCH_COMMISSION_PK}/specification/lens/"),
)
