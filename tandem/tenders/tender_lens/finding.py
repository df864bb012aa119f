"""The Finding record the tender lens returns, and a helper that builds one from the catalogue."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from tandem.tenders.tender_lens.catalogue import CATALOGUE

SEED = "000_6fbddd7eb558c3a8.txt"


@dataclass(frozen=True)
class Finding:
    """One thing the lens thinks a commissioner should look at.

    ``start`` and ``end`` are character offsets into the text that was reviewed (for a structured
    specification, into the field named by ``place``). Whole-document findings (something missing
    from the whole document) use ``0, 0``.
    """

    code: str
    name: str
    severity: str
    principles: tuple[str, ...]
    start: int
    end: int
    message: str
    suggestion: str
    source: str
    # Where in a structured specification: "about.purpose", "question:12.text", "criteria"; blank
    # for free text. ``place_label`` says it in words ("Purpose", "Question 2").
    place: str = ""
    place_label: str = ""

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["principles"] = list(self.principles)
        return data


def make_finding(code: str, start: int, end: int, *, message: str, suggestion: str, source: str) -> Finding:
    """Build a finding, taking its name, default severity and principles from the catalogue."""
    entry = CATALOGUE[code]
    return Finding(
        code=code,
        name=entry.name,
        severity=entry.severity,
        principles=entry.principles,
        start=start,
        end=end,
        message=message,
        suggestion=suggestion,
        source=f"{SEED}, {source}",
    )
