"""Links to documents or evidence, written one a line. Pure Python: no Django imports.

People type links into one box, one a line, with an optional name in front::

    Needs assessment 2024 https://www.anyborough.gov.uk/needs
    https://example.org/report.pdf

``evidence_parse`` turns that into ``[{"title": ..., "url": ...}]`` or explains, line by line,
what is wrong: every line that is wrong gets its own message, not only the first.
``evidence_as_text`` turns saved links back into the same text for editing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from urllib.parse import urlsplit

MAX_LINKS = 5
MAX_TITLE = 200
MAX_URL = 2000
# Each wrong line gets its own message, up to this many; one more message counts the rest.
MAX_PROBLEMS = 10

_HOST = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$")
_IPV4 = re.compile(r"^\d{1,3}(\.\d{1,3}){3}$")


class EvidenceProblem(Exception):
    """What is wrong with the links, in words for the person who typed them: ``messages`` has one
    for each thing wrong (each wrong line, and too many links), ``message`` is the first."""

    def __init__(self, message: str | Sequence[str]):
        messages = (message,) if isinstance(message, str) else tuple(message)
        if not messages:
            raise ValueError("An evidence problem needs a message")
        super().__init__(messages[0])
        self.message = messages[0]
        self.messages = messages


def problems_counted(problems: Sequence[str]) -> list[str]:
    """The problems, each its own message, up to ``MAX_PROBLEMS``; one more message counts the rest."""
    shown = list(problems[:MAX_PROBLEMS])
    rest = len(problems) - len(shown)
    if rest > 0:
        lines = "line has" if rest == 1 else "lines have"
        shown.append(f"{rest:,} more {lines} a problem too. Check each line ends with a web address")
    return shown


def _host_ok(host: str) -> bool:
    host = host.lower()
    if host == "localhost":
        return True
    if _IPV4.match(host):
        return all(int(part) <= 255 for part in host.split("."))
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    return "." in ascii_host and bool(_HOST.match(ascii_host))


def url_problem(url: str) -> str:
    """Why ``url`` is not a web address we can link to ("" when it is one)."""
    if len(url) > MAX_URL:
        return f"must be {MAX_URL} characters or fewer"
    if any(ord(c) < 33 or ord(c) == 127 for c in url):
        return "must not contain spaces"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return "is not a web address we can link to"
    if parts.scheme.lower() not in {"http", "https"}:
        return "must start with https:// or http://"
    host = parts.hostname or ""
    if not host or not _host_ok(host) or (port is not None and not 0 < port < 65536):
        return "is not a web address we can link to. Check it has a name like www.example.org after https://"
    return ""


def _line_parse(line: str, number: int) -> dict[str, str]:
    words = line.split()
    url = words[-1]
    title = " ".join(words[:-1])
    if not url.lower().startswith(("http://", "https://")):
        if "://" in url or url.lower().startswith(("www.", "ftp:", "file:", "javascript:", "mailto:", "data:")):
            raise EvidenceProblem(f"The link on line {number} must start with https:// or http://")
        raise EvidenceProblem(
            f"Line {number} does not end with a web address. Put the address last, starting with https://"
        )
    problem = url_problem(url)
    if problem:
        raise EvidenceProblem(f"The link on line {number} {problem}")
    if len(title) > MAX_TITLE:
        raise EvidenceProblem(f"The name on line {number} must be {MAX_TITLE} characters or fewer")
    return {"title": title, "url": url}


def evidence_parse(text: str) -> list[dict[str, str]]:
    """The links in ``text``, one a line. Raises EvidenceProblem with a message for the person
    for each line that is wrong (and for too many links), so they can fix them all at once."""
    lines = [(number, line.strip()) for number, line in enumerate(text.splitlines(), start=1) if line.strip()]
    problems: list[str] = []
    if len(lines) > MAX_LINKS:
        problems.append(
            f"You can add up to {MAX_LINKS} links. You have {len(lines)}. "
            "Remove some, or put them together in one document and link to that"
        )
    links: list[dict[str, str]] = []
    line_problems: list[str] = []
    for number, line in lines:
        try:
            links.append(_line_parse(line, number))
        except EvidenceProblem as problem:
            line_problems.append(problem.message)
    problems += problems_counted(line_problems)
    if problems:
        raise EvidenceProblem(problems)
    seen: set[str] = set()
    unique: list[dict[str, str]] = []
    for link in links:
        if link["url"] not in seen:
            seen.add(link["url"])
            unique.append(link)
    return unique


def evidence_as_text(links: Iterable[Mapping[str, object]] | object) -> str:
    """Saved links as the text people edit: one a line, name first."""
    if not isinstance(links, list):
        return ""
    lines = []
    for link in links:
        if not isinstance(link, Mapping):
            continue
        url = str(link.get("url", "")).strip()
        title = " ".join(str(link.get("title", "")).split())
        if url:
            lines.append(f"{title} {url}".strip())
    return "\n".join(lines)
