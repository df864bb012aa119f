"""How far along each part of a specification is, and what must be fixed before publishing.
Pure Python: no Django imports. Reads the snapshot (``rules/snapshot_types.py``), whatever version
of Tandem saved it.

A part is "Not started", "In progress" or "Ready". Publishing needs (issue 4; seed 000 Procure,
transparency of weights and transparent information requests): award criteria whose weights
total exactly 100; every included question saying why it is asked and how the answer is used; a
route (with the second stage for two stages and the justification for a direct award); and a
submission deadline. Those are ``publish_problems``, and they block.

Tandem's other suggestions do not block: the timeline's warnings (``rules/timeline.py``) and the
tender lens's findings. ``publish_warnings`` lists them for a version, and the team publishes past
each one only with a reason, kept with the version (issue 10, item 2; seed 000, Procure: Timing,
realistic deadlines and a fair playing field for every applicant).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from tandem.tenders.rules import timeline
from tandem.tenders.rules.fields import TIMELINE, field_named
from tandem.tenders.rules.snapshot_types import SpecificationSnapshot, about_texts, snapshot_read, timeline_dates
from tandem.tenders.tender_lens.finding import Finding
from tandem.tenders.tender_lens.present import readable_name, source_words

NOT_STARTED = "Not started"
IN_PROGRESS = "In progress"
READY = "Ready"
OPTIONAL = "Optional"
TI_ELEMENT_COUNT = 7
WEIGHT_TOTAL = 100

# The parts with a status, in the order the overview lists them.
PARTS = (
    "about",
    "agreement",
    "route",
    "outcomes",
    "ti_requirements",
    "budget",
    "lots",
    "criteria",
    "questions",
    "timeline",
    "coproduction",
)


@dataclass(frozen=True)
class PartStatus:
    part: str
    status: str
    hint: str = ""


@dataclass(frozen=True)
class Problem:
    """Something to fix before publishing, and the part of the specification where it is fixed."""

    part: str
    message: str


def _filled(value: str | int | None) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return value is not None


def _status(done: int, total: int, started: bool) -> str:
    if done >= total:
        return READY
    return IN_PROGRESS if started or done else NOT_STARTED


def _about(snapshot: SpecificationSnapshot) -> PartStatus:
    about = about_texts(snapshot["about"])
    done = sum(_filled(text) for text in about.values())
    total = len(about)
    return PartStatus("about", _status(done, total, False), f"{done} of {total} answered")


def _agreement(snapshot: SpecificationSnapshot) -> PartStatus:
    agreement = snapshot["agreement"]
    needed = (agreement["kind"], agreement["term_months"], agreement["cost_review"])
    done = sum(_filled(value) for value in needed)
    started = _filled(agreement["extension_months"]) or _filled(agreement["reason"])
    return PartStatus("agreement", _status(done, len(needed), started))


def _route_problems(snapshot: SpecificationSnapshot) -> list[str]:
    route = snapshot["route"]
    chosen = route["route"]
    if not chosen:
        return ["Choose a route: open, two stages, or direct award"]
    if chosen == "two_stage" and not _filled(route["second_stage"]):
        return ["Say whether the second stage is dialogue or assurance"]
    if chosen == "direct_award" and not _filled(route["direct_award_justification"]):
        return ["Give the justification for a direct award"]
    return []


def route_problems(snapshot: Mapping[str, object]) -> list[str]:
    return _route_problems(snapshot_read(snapshot))


def _route(snapshot: SpecificationSnapshot) -> PartStatus:
    route = snapshot["route"]
    needed = [not _route_problems(snapshot), _filled(route["cpv_code"]), _filled(route["value_including_vat"])]
    started = _filled(route["route"]) or route["light_touch"] is not None
    return PartStatus("route", _status(sum(needed), len(needed), started))


def _outcomes(snapshot: SpecificationSnapshot) -> PartStatus:
    outcomes = snapshot["outcomes"]
    if not outcomes:
        return PartStatus("outcomes", NOT_STARTED)
    complete = all(
        _filled(o["indicator_6_months"]) and _filled(o["indicator_2_years"]) and _filled(o["indicator_5_years"])
        for o in outcomes
    )
    count = len(outcomes)
    hint = f"{count} outcome{'s' if count != 1 else ''}"
    if not complete:
        return PartStatus("outcomes", IN_PROGRESS, f"{hint}; give each one indicators at 6 months, 2 and 5 years")
    return PartStatus("outcomes", READY, hint)


def _ti(snapshot: SpecificationSnapshot) -> PartStatus:
    chosen = {r["element"] for r in snapshot["ti_requirements"]}
    count = len(chosen)
    return PartStatus(
        "ti_requirements", _status(count, TI_ELEMENT_COUNT, False), f"{count} of {TI_ELEMENT_COUNT} elements"
    )


def _budget(snapshot: SpecificationSnapshot) -> PartStatus:
    lines = snapshot["budget_lines"]
    return PartStatus("budget", READY if lines else NOT_STARTED, f"{len(lines)} cost lines" if lines else "")


def _lots(snapshot: SpecificationSnapshot) -> PartStatus:
    lots = snapshot["lots"]
    if not lots:
        return PartStatus("lots", OPTIONAL, "Only if you split the work into parts")
    return PartStatus("lots", READY, f"{len(lots)} lot{'s' if len(lots) != 1 else ''}")


def _criteria(snapshot: SpecificationSnapshot) -> PartStatus:
    criteria = snapshot["criteria"]
    if not criteria:
        return PartStatus("criteria", NOT_STARTED)
    total = sum(c["weight"] for c in criteria)
    status = READY if total == WEIGHT_TOTAL else IN_PROGRESS
    return PartStatus("criteria", status, f"Weights total {total}%")


def _questions(snapshot: SpecificationSnapshot) -> PartStatus:
    own = [q for q in snapshot["questions"] if not q["is_open"]]
    if not own:
        return PartStatus("questions", NOT_STARTED, "The open question is ready; add your own")
    status = READY if not _question_problems(snapshot) else IN_PROGRESS
    return PartStatus("questions", status, f"{len(own)} question{'s' if len(own) != 1 else ''} and the open question")


# The dates a timeline needs before it is ready.
TIMELINE_NEEDED = ("publication_on", "submission_deadline", "award_on", "service_starts_on")


def _timeline(snapshot: SpecificationSnapshot) -> PartStatus:
    timeline = timeline_dates(snapshot["timeline"])
    done = sum(_filled(timeline[name]) for name in TIMELINE_NEEDED)
    started = any(_filled(value) for value in timeline.values())
    return PartStatus("timeline", _status(done, len(TIMELINE_NEEDED), started))


def _coproduction(snapshot: SpecificationSnapshot) -> PartStatus:
    coproduction = snapshot["coproduction"]
    needed = (coproduction["vulnerability"], coproduction["engagement_level"])
    done = sum(_filled(value) for value in needed)
    return PartStatus("coproduction", _status(done, len(needed), False))


_RULES: dict[str, Callable[[SpecificationSnapshot], PartStatus]] = {
    "about": _about,
    "agreement": _agreement,
    "route": _route,
    "outcomes": _outcomes,
    "ti_requirements": _ti,
    "budget": _budget,
    "lots": _lots,
    "criteria": _criteria,
    "questions": _questions,
    "timeline": _timeline,
    "coproduction": _coproduction,
}


def part_statuses(snapshot: Mapping[str, object]) -> dict[str, PartStatus]:
    """The status of every part, keyed by part, in ``PARTS`` order. ``snapshot`` is any stored
    snapshot: it is read through ``snapshot_read``."""
    read = snapshot_read(snapshot)
    return {part: _RULES[part](read) for part in PARTS}


def _question_problems(snapshot: SpecificationSnapshot) -> list[str]:
    problems = []
    for number, question in enumerate(snapshot["questions"], start=1):
        if not question["included"]:
            continue
        missing = [
            words
            for value, words in (
                (question["why_we_ask"], "why you ask it"),
                (question["how_we_use"], "how you will use the answer"),
            )
            if not _filled(value)
        ]
        if missing:
            text = " ".join(question["text"].split())
            short = text if len(text) <= 60 else f"{text[:57]}..."
            problems.append(f"Question {number} (“{short}”) needs to say {' and '.join(missing)}")
    return problems


def question_problems(snapshot: Mapping[str, object]) -> list[str]:
    return _question_problems(snapshot_read(snapshot))


def publish_problems(snapshot: Mapping[str, object]) -> list[Problem]:
    """What must be fixed before this specification can be published; empty when it can be.
    ``snapshot`` is any stored snapshot: it is read through ``snapshot_read``."""
    read = snapshot_read(snapshot)
    problems: list[Problem] = []
    criteria = read["criteria"]
    if not criteria:
        problems.append(Problem("criteria", "Add at least one award criterion, with its weight"))
    else:
        total = sum(c["weight"] for c in criteria)
        if total != WEIGHT_TOTAL:
            problems.append(
                Problem("criteria", f"The award criteria weights total {total}%. They must total exactly 100%")
            )
    problems.extend(Problem("questions", message) for message in _question_problems(read))
    problems.extend(Problem("route", message) for message in _route_problems(read))
    if not _filled(read["timeline"]["submission_deadline"]):
        problems.append(Problem("timeline", "Set the submission deadline"))
    return problems


# ----------------------------------------------------------------------------------------------
# Warnings: what Tandem suggests looking at again before publishing, which a reason can pass


TIMELINE_ORIGIN = "timeline"
LENS_ORIGIN = "lens"
# The key of the one warning given when the tender lens could not read the version at all.
LENS_UNREAD_KEY = "lens:unread"


@dataclass(frozen=True)
class PublishWarning:
    """One open warning on a version. ``key`` names it the same way every time the same version is
    checked, so a reason typed for it is matched to it; ``origin`` is ``"timeline"`` or ``"lens"``;
    ``place`` is where the lens found it ("about.purpose"), blank for the timeline; ``where`` says
    that place, or the date it is about, in words."""

    key: str
    origin: str
    title: str
    where: str
    message: str
    suggestion: str
    source: str
    place: str = ""

    @property
    def heading(self) -> str:
        """The title with where it is: "A short time to bid (Submission deadline)"."""
        return f"{self.title} ({self.where})" if self.where else self.title


def _timeline_warning(finding: timeline.TimelineFinding) -> PublishWarning:
    return PublishWarning(
        key=f"{TIMELINE_ORIGIN}:{finding.code}:{','.join(finding.fields)}",
        origin=TIMELINE_ORIGIN,
        title=finding.title,
        where=field_named(TIMELINE, finding.field).title,
        message=finding.message,
        suggestion=finding.suggestion,
        source=finding.source,
    )


def _lens_warning(finding: Finding) -> PublishWarning:
    return PublishWarning(
        key=f"{LENS_ORIGIN}:{finding.code}:{finding.place}:{finding.start}-{finding.end}",
        origin=LENS_ORIGIN,
        title=readable_name(finding),
        where=finding.place_label,
        message=finding.message,
        suggestion=finding.suggestion,
        source=source_words(finding),
        place=finding.place,
    )


LENS_UNREAD = PublishWarning(
    key=LENS_UNREAD_KEY,
    origin=LENS_ORIGIN,
    title="The tender lens could not check this version",
    where="",
    message="This version has more text than the tender lens reads at once, so nobody has checked it for things "
    "that could put off good providers or harm people.",
    suggestion="Check the longest parts with the tender lens's own form, a part at a time.",
    source="",
)


def publish_warnings(
    snapshot: Mapping[str, object], *, rules: timeline.Rules, lens: Sequence[Finding] | None
) -> list[PublishWarning]:
    """Every open warning on a saved version, each once: the timeline's warnings (its advice is left
    out) and the tender lens's findings, ``lens``, or one warning saying the lens could not read it
    when ``lens`` is None. ``snapshot`` is any stored snapshot: it is read through ``snapshot_read``."""
    found = [_timeline_warning(f) for f in timeline.snapshot_review(snapshot, rules) if f.severity != "info"]
    found.extend([LENS_UNREAD] if lens is None else [_lens_warning(f) for f in lens])
    unique: dict[str, PublishWarning] = {}
    for warning in found:
        unique.setdefault(warning.key, warning)
    return list(unique.values())
