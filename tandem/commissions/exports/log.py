"""The commission's reflection log as plain data, ready for the PDF and Word builders.

Pure: no Django, so the builders can be tested without a database. The selector in
``tandem/commissions/exports/selectors.py`` reads the commission and fills these in.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass

from tandem.core.values import datetime_display

DECISION = "decision"
NOT_RELEVANT = "not_relevant"
FORMATS = ("pdf", "docx")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}

# Characters XML 1.0 (and so Word and the PDF's tagged structure) cannot hold.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """The text without characters a document format cannot store."""
    return _NOT_XML.sub("", text)


@dataclass(frozen=True)
class LogLink:
    url: str
    title: str = ""

    @property
    def is_web(self) -> bool:
        """Only http and https addresses become clickable links in a document."""
        return is_web_link(self.url)

    @property
    def label(self) -> str:
        return f"{self.title}: {self.url}" if self.title else self.url


@dataclass(frozen=True)
class LogResponse:
    kind: str  # answer | decision | not_relevant
    kind_label: str
    text: str
    reason: str  # why it is not relevant here (kind not_relevant)
    evidence_links: tuple[LogLink, ...]
    author: str
    recorded_at: datetime.datetime
    revision: int

    @property
    def is_decision(self) -> bool:
        return self.kind == DECISION

    @property
    def is_not_relevant(self) -> bool:
        return self.kind == NOT_RELEVANT

    @property
    def body(self) -> str:
        """What the team wrote: the reason when not relevant, otherwise the text."""
        return self.reason if self.is_not_relevant else self.text

    @property
    def recorded_display(self) -> str:
        return datetime_display(self.recorded_at)

    @property
    def byline(self) -> str:
        return f"{self.author}, {self.recorded_display}"


@dataclass(frozen=True)
class LogComment:
    """A comment the team wrote on a prompt. ``author`` is a name, never an email address."""

    author: str
    text: str
    written_at: datetime.datetime

    @property
    def byline(self) -> str:
        return f"{self.author}, {datetime_display(self.written_at)}"


@dataclass(frozen=True)
class LogPrompt:
    id: int
    text: str
    voice_label: str
    principles: tuple[str, ...]
    response: LogResponse | None = None
    comments: tuple[LogComment, ...] = ()

    @property
    def meta(self) -> str:
        """Who the prompt is for and the principles it serves, in one line."""
        if not self.principles:
            return self.voice_label
        return f"{self.voice_label}. Principles: {', '.join(self.principles)}"


@dataclass(frozen=True)
class LogStage:
    slug: str
    name: str
    title: str
    status_label: str
    prompts: tuple[LogPrompt, ...]

    @property
    def heading(self) -> str:
        return f"{self.name}: {self.title}" if self.title else self.name

    @property
    def considered(self) -> tuple[LogPrompt, ...]:
        return tuple(p for p in self.prompts if p.response is not None)

    @property
    def not_considered(self) -> tuple[LogPrompt, ...]:
        return tuple(p for p in self.prompts if p.response is None)

    @property
    def decisions(self) -> tuple[LogPrompt, ...]:
        return tuple(p for p in self.prompts if p.response is not None and p.response.is_decision)


@dataclass(frozen=True)
class LogPerson:
    name: str
    role: str


@dataclass(frozen=True)
class ReflectionLog:
    title: str
    purpose: str
    lead_funder: str
    partner_funders: tuple[str, ...]
    team: tuple[LogPerson, ...]
    framework: str
    framework_version: int
    made_at: datetime.datetime
    made_by: str
    stages: tuple[LogStage, ...]

    @property
    def document_title(self) -> str:
        return f"Reflection log: {self.title}"

    @property
    def framework_display(self) -> str:
        return f"{self.framework}, version {self.framework_version}"

    @property
    def made_display(self) -> str:
        return datetime_display(self.made_at)

    @property
    def decision_count(self) -> int:
        return sum(len(stage.decisions) for stage in self.stages)

    @property
    def prompt_count(self) -> int:
        return sum(len(stage.prompts) for stage in self.stages)

    @property
    def considered_count(self) -> int:
        return sum(len(stage.considered) for stage in self.stages)

    @property
    def comment_count(self) -> int:
        return sum(len(prompt.comments) for stage in self.stages for prompt in stage.prompts)

    @property
    def comments_display(self) -> str:
        count = self.comment_count
        return "None yet" if not count else f"{count:,} comment{'' if count == 1 else 's'}, with the prompt each is on"


def log_filename(title: str, fmt: str, made_on: datetime.date) -> str:
    """A safe file name from the commission's title: ASCII letters, digits and hyphens only."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}")
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:60].strip("-") or "commission"
    return f"reflection-log-{slug}-{made_on:%Y-%m-%d}.{fmt}"


def is_web_link(link: str) -> bool:
    return link.lower().startswith(("https://", "http://"))
