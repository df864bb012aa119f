"""How far along each part of a specification is, and what must be fixed before publishing.
Pure Python: no Django imports. Reads the plain dictionary from ``tandem/tenders/snapshot.py``.

A part is "Not started", "In progress" or "Ready". Publishing needs (issue 4; seed 000 Procure,
transparency of weights and transparent information requests): award criteria whose weights
total exactly 100; every included question saying why it is asked and how the answer is used; a
route (with the second stage for two stages and the justification for a direct award); and a
submission deadline.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

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


def _filled(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return value is not None


def _status(done: int, total: int, started: bool) -> str:
    if done >= total:
        return READY
    return IN_PROGRESS if started or done else NOT_STARTED


def _section(snapshot: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    value = snapshot.get(name)
    return value if isinstance(value, Mapping) else {}


def _list(snapshot: Mapping[str, Any], name: str) -> list[Mapping[str, Any]]:
    value = snapshot.get(name)
    return [row for row in value if isinstance(row, Mapping)] if isinstance(value, list) else []


def _weight(row: Mapping[str, Any]) -> int:
    weight = row.get("weight")
    return weight if isinstance(weight, int) and not isinstance(weight, bool) else 0


def _about(snapshot: Mapping[str, Any]) -> PartStatus:
    about = _section(snapshot, "about")
    names = ("purpose", "people_for", "services_required", "reporting", "ending_plan")
    done = sum(_filled(about.get(name)) for name in names)
    return PartStatus("about", _status(done, len(names), False), f"{done} of {len(names)} answered")


def _agreement(snapshot: Mapping[str, Any]) -> PartStatus:
    agreement = _section(snapshot, "agreement")
    needed = ("kind", "term_months", "cost_review")
    done = sum(_filled(agreement.get(name)) for name in needed)
    started = _filled(agreement.get("extension_months")) or _filled(agreement.get("reason"))
    return PartStatus("agreement", _status(done, len(needed), started))


def route_problems(snapshot: Mapping[str, Any]) -> list[str]:
    route = _section(snapshot, "route")
    chosen = route.get("route")
    if not chosen:
        return ["Choose a route: open, two stages, or direct award"]
    if chosen == "two_stage" and not _filled(route.get("second_stage")):
        return ["Say whether the second stage is dialogue or assurance"]
    if chosen == "direct_award" and not _filled(route.get("direct_award_justification")):
        return ["Give the justification for a direct award"]
    return []


def _route(snapshot: Mapping[str, Any]) -> PartStatus:
    route = _section(snapshot, "route")
    needed = [not route_problems(snapshot), _filled(route.get("cpv_code")), _filled(route.get("value_including_vat"))]
    started = _filled(route.get("route")) or route.get("light_touch") is not None
    return PartStatus("route", _status(sum(needed), len(needed), started))


def _outcomes(snapshot: Mapping[str, Any]) -> PartStatus:
    outcomes = _list(snapshot, "outcomes")
    if not outcomes:
        return PartStatus("outcomes", NOT_STARTED)
    indicators = ("indicator_6_months", "indicator_2_years", "indicator_5_years")
    complete = all(all(_filled(o.get(name)) for name in indicators) for o in outcomes)
    count = len(outcomes)
    hint = f"{count} outcome{'s' if count != 1 else ''}"
    if not complete:
        return PartStatus("outcomes", IN_PROGRESS, f"{hint}; give each one indicators at 6 months, 2 and 5 years")
    return PartStatus("outcomes", READY, hint)


def _ti(snapshot: Mapping[str, Any]) -> PartStatus:
    chosen = {str(r.get("element")) for r in _list(snapshot, "ti_requirements")}
    count = len(chosen)
    return PartStatus(
        "ti_requirements", _status(count, TI_ELEMENT_COUNT, False), f"{count} of {TI_ELEMENT_COUNT} elements"
    )


def _budget(snapshot: Mapping[str, Any]) -> PartStatus:
    lines = _list(snapshot, "budget_lines")
    return PartStatus("budget", READY if lines else NOT_STARTED, f"{len(lines)} cost lines" if lines else "")


def _lots(snapshot: Mapping[str, Any]) -> PartStatus:
    lots = _list(snapshot, "lots")
    if not lots:
        return PartStatus("lots", OPTIONAL, "Only if you split the work into parts")
    return PartStatus("lots", READY, f"{len(lots)} lot{'s' if len(lots) != 1 else ''}")


def _criteria(snapshot: Mapping[str, Any]) -> PartStatus:
    criteria = _list(snapshot, "criteria")
    if not criteria:
        return PartStatus("criteria", NOT_STARTED)
    total = sum(_weight(c) for c in criteria)
    status = READY if total == WEIGHT_TOTAL else IN_PROGRESS
    return PartStatus("criteria", status, f"Weights total {total}%")


def _questions(snapshot: Mapping[str, Any]) -> PartStatus:
    questions = _list(snapshot, "questions")
    own = [q for q in questions if not q.get("is_open")]
    if not own:
        return PartStatus("questions", NOT_STARTED, "The open question is ready; add your own")
    status = READY if not question_problems(snapshot) else IN_PROGRESS
    return PartStatus("questions", status, f"{len(own)} question{'s' if len(own) != 1 else ''} and the open question")


def _timeline(snapshot: Mapping[str, Any]) -> PartStatus:
    timeline = _section(snapshot, "timeline")
    needed = ("publication_on", "submission_deadline", "award_on", "service_starts_on")
    done = sum(_filled(timeline.get(name)) for name in needed)
    started = any(_filled(value) for value in timeline.values())
    return PartStatus("timeline", _status(done, len(needed), started))


def _coproduction(snapshot: Mapping[str, Any]) -> PartStatus:
    coproduction = _section(snapshot, "coproduction")
    needed = ("vulnerability", "engagement_level")
    done = sum(_filled(coproduction.get(name)) for name in needed)
    return PartStatus("coproduction", _status(done, len(needed), False))


_RULES = {
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


def part_statuses(snapshot: Mapping[str, Any]) -> dict[str, PartStatus]:
    """The status of every part, keyed by part, in ``PARTS`` order."""
    return {part: _RULES[part](snapshot) for part in PARTS}


def question_problems(snapshot: Mapping[str, Any]) -> list[str]:
    problems = []
    for number, question in enumerate(_list(snapshot, "questions"), start=1):
        if not question.get("included", True):
            continue
        missing = [
            words
            for name, words in (("why_we_ask", "why you ask it"), ("how_we_use", "how you will use the answer"))
            if not _filled(question.get(name))
        ]
        if missing:
            text = " ".join(str(question.get("text") or "").split())
            short = text if len(text) <= 60 else f"{text[:57]}..."
            problems.append(f"Question {number} (“{short}”) needs to say {' and '.join(missing)}")
    return problems


def publish_problems(snapshot: Mapping[str, Any]) -> list[Problem]:
    """What must be fixed before this specification can be published; empty when it can be."""
    problems: list[Problem] = []
    criteria = _list(snapshot, "criteria")
    if not criteria:
        problems.append(Problem("criteria", "Add at least one award criterion, with its weight"))
    else:
        total = sum(_weight(c) for c in criteria)
        if total != WEIGHT_TOTAL:
            problems.append(
                Problem("criteria", f"The award criteria weights total {total}%. They must total exactly 100%")
            )
    problems.extend(Problem("questions", message) for message in question_problems(snapshot))
    problems.extend(Problem("route", message) for message in route_problems(snapshot))
    if not _filled(_section(snapshot, "timeline").get("submission_deadline")):
        problems.append(Problem("timeline", "Set the submission deadline"))
    return problems
