"""Showing findings to people: passages around a span, and findings grouped for a page. No Django.

People read a finding by its plain name ("Social value weighted low") and its principles by theirs
("Cultural consideration"); the TL code and the catalogue's name stay for site administrators and
the ``tender_lens`` command's JSON (issue 10, item 16)."""

from __future__ import annotations

from dataclasses import dataclass, field

from tandem.tenders.tender_lens.finding import SEED, Finding

SEVERITY_ORDER = ("high", "medium", "low")
# What the page calls each severity, most serious first.
SEVERITY_HEADINGS = {"high": "Worth looking at first", "medium": "Worth looking at", "low": "Small things"}
# The principles' names, as the trauma-informed journey gives them (content/frameworks/
# trauma-informed-journey/framework.yaml; a test checks they match). Seed 000, "Trauma informed principles".
PRINCIPLE_NAMES = {
    "safety": "Safety",
    "trustworthiness": "Trustworthiness",
    "choice": "Choice",
    "collaboration": "Collaboration",
    "empowerment": "Empowerment",
    "cultural-consideration": "Cultural consideration",
    "connection": "Connection",
}
SEED_TITLE = "West Midlands Trauma Informed Commissioning Guidance (2024)"
CONTEXT = 120


@dataclass(frozen=True)
class Passage:
    """The words around a finding: ``before`` and ``after`` frame ``marked``, the exact span."""

    before: str
    marked: str
    after: str


def passage(text: str, start: int, end: int, *, context: int = CONTEXT) -> Passage | None:
    """The span with up to ``context`` characters either side, cut at a word boundary; None for a
    whole-document finding."""
    if not 0 <= start < end <= len(text):
        return None
    left = max(0, start - context)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    right = min(len(text), end + context)
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space != -1 else right
    before = ("\u2026" if left > 0 else "") + text[left:start]
    after = text[end:right] + ("\u2026" if right < len(text) else "")
    return Passage(before=before, marked=text[start:end], after=after)


TITLES = {
    "TL01": "An abbreviation is not explained",
    "TL02": "A request without a reason",
    "TL03": "Sensitive information asked for too early",
    "TL04": "Weights not stated, or not adding up",
    "TL05": "Social value weighted low",
    "TL06": "Price weighted heavily",
    "TL07": "Too little time to respond",
    "TL08": "Deadline in a holiday",
    "TL09": "Pressure at the end of the financial year",
    "TL10": "Heavy reporting for the money",
    "TL11": "No space to add anything",
    "TL12a": "Missing: person-centred engagement",
    "TL12b": "Missing: monitoring that does not re-traumatise",
    "TL12c": "Missing: trauma-informed policies and safe settings",
    "TL12d": "Missing: culturally responsive practice",
    "TL12e": "Missing: ongoing trauma-informed training",
    "TL12f": "Missing: reflective practice and supervision",
    "TL12g": "Missing: co-production with people with lived experience",
    "TL13": "Words that label people by a problem",
    "TL14": "Too much asked at first contact",
    "TL15": "Only new work can be funded",
    "TL16": "No promise of feedback",
    "TL17": "Questions shared with the name of who asked",
    "TL18": "Targets nobody can meet",
    "TL19": "Short funding for relationship-based work",
    "TL20": "No review of costs over the years",
    "TL21": "Underspend penalised",
    "TL22": "Hard to read",
    "TL23": "No plan for when it ends",
}


def readable_name(finding: Finding) -> str:
    """A plain-English title for the finding's code ("Social value weighted low")."""
    if finding.code in TITLES:
        return TITLES[finding.code]
    words = finding.name.replace("_", " ").lower()
    return words[:1].upper() + words[1:]


def principle_names(finding: Finding) -> list[str]:
    """The principles a finding touches, by name ("Cultural consideration", not its slug)."""
    return [PRINCIPLE_NAMES.get(slug, slug.replace("-", " ").capitalize()) for slug in finding.principles]


@dataclass
class Group:
    severity: str
    findings: list[Finding] = field(default_factory=list)


def by_severity(findings: list[Finding]) -> list[Group]:
    """High, then medium, then low; within each, in the order given (document order)."""
    groups = {severity: Group(severity) for severity in SEVERITY_ORDER}
    for finding in findings:
        groups.setdefault(finding.severity, Group(finding.severity)).findings.append(finding)
    return [group for group in groups.values() if group.findings]


def source_words(finding: Finding) -> str:
    """The guidance a finding rests on, naming the document by its title rather than its file."""
    return finding.source.replace(f"{SEED}, ", f"{SEED_TITLE}, ", 1)
