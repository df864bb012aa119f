"""Award criteria rules: scoring scales and whether the weights make sense. No Django here.

Where these rules come from:

- Weights stated openly and adding up to 100%, so bidders can see what matters and decide whether
  to bid (seed 000, Procure: "transparency" of how cost and quality are weighted).
- Social value given real weight, not a "duty to consider"; below 10% we ask the team to record
  why (seed 004, chapter 4: social value weighted in awards).
- Price kept to 40% or less, because a price-led award favours the biggest, cheapest bidder over
  small and specialist ones (seed 004, chapter 4; seed 000, Procure). It is a warning, not a rule:
  the team decides.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

QUALITY = "quality"
SOCIAL_VALUE = "social_value"
PRICE = "price"
OTHER = "other"
GROUPS: tuple[str, ...] = (QUALITY, SOCIAL_VALUE, PRICE, OTHER)
GROUP_LABELS: dict[str, str] = {
    QUALITY: "Quality",
    SOCIAL_VALUE: "Social value",
    PRICE: "Price",
    OTHER: "Other",
}

TOTAL = 100
SOCIAL_VALUE_MIN = 10
PRICE_MAX = 40
WEIGHT_MIN = 0
WEIGHT_MAX = 100

SCALE_POINTS_MIN = 2
SCALE_POINTS_MAX = 11
SCORE_MIN = 0
SCORE_MAX = 100
DESCRIPTOR_MAX = 500

# Tandem's suggested scale: five points, each saying plainly what an answer at that score shows.
DEFAULT_SCALE: tuple[tuple[int, str], ...] = (
    (0, "No answer, or the answer does not tell us anything about this."),
    (1, "A weak answer. It leaves out important things or we have serious doubts about it."),
    (2, "An adequate answer. It covers the basics but gives little detail or evidence."),
    (3, "A good answer. It is clear, with some detail and evidence, and only small gaps."),
    (4, "A very good answer. It is clear, detailed and backed by evidence or examples."),
)

# Severities, most serious first.
BLOCKING = "blocking"  # must be put right before the specification is published
WARNING = "warning"  # Tandem suggests thinking again; the team decides
NOTE = "note"  # the team chose differently and said why


def default_scale() -> list[dict[str, Any]]:
    """The suggested scale as the model stores it: a list of {score, descriptor}."""
    return [{"score": score, "descriptor": descriptor} for score, descriptor in DEFAULT_SCALE]


@dataclass(frozen=True)
class ScaleProblem:
    """Something wrong with a scale. ``row`` is the 0-based row typed (None for the scale as a
    whole); ``part`` is "score" or "descriptor" when the problem is in one box."""

    message: str
    row: int | None = None
    part: str | None = None


def _parse_score(text: str) -> int | None:
    text = text.strip()
    if text.startswith(("+", "-")):
        sign, digits = text[0], text[1:]
    else:
        sign, digits = "", text
    if not digits or not digits.isascii() or not digits.isdigit() or len(digits) > 6:
        return None
    return int(sign + digits)


def scale_from_rows(rows: Sequence[tuple[str, str]]) -> tuple[list[dict[str, Any]], list[ScaleProblem]]:
    """Read a scale typed as rows of (score, descriptor). Rows left blank are skipped.

    Returns the scale (lowest score first) and the problems; the scale is only usable when there
    are no problems.
    """
    problems: list[ScaleProblem] = []
    points: list[dict[str, Any]] = []
    seen: dict[int, int] = {}
    for row, (score_text, descriptor_text) in enumerate(rows):
        score_text = str(score_text or "").strip()
        descriptor = " ".join(str(descriptor_text or "").split())
        if not score_text and not descriptor:
            continue
        if not score_text:
            problems.append(ScaleProblem("Enter the score this description is for", row, "score"))
            continue
        score = _parse_score(score_text)
        if score is None:
            problems.append(ScaleProblem("The score must be a whole number, like 0, 1 or 2", row, "score"))
            continue
        if not SCORE_MIN <= score <= SCORE_MAX:
            problems.append(ScaleProblem(f"The score must be between {SCORE_MIN} and {SCORE_MAX}", row, "score"))
            continue
        if score in seen:
            problems.append(
                ScaleProblem(f"The score {score} is used twice. Give each point its own score", row, "score")
            )
            continue
        if not descriptor:
            problems.append(ScaleProblem(f"Describe what a score of {score} means", row, "descriptor"))
            continue
        if len(descriptor) > DESCRIPTOR_MAX:
            problems.append(
                ScaleProblem(f"The description must be {DESCRIPTOR_MAX} characters or fewer", row, "descriptor")
            )
            continue
        seen[score] = row
        points.append({"score": score, "descriptor": descriptor, "row": row})
    if not problems:
        for before, after in pairwise(points):
            if after["score"] < before["score"]:
                problems.append(
                    ScaleProblem("List the scores from lowest to highest, like 0, 1, 2, 3, 4", after["row"], "score")
                )
                break
    if not problems and len(points) < SCALE_POINTS_MIN:
        problems.append(ScaleProblem(f"A scale needs at least {SCALE_POINTS_MIN} points, each with a description"))
    if not problems and len(points) > SCALE_POINTS_MAX:
        problems.append(ScaleProblem(f"A scale can have up to {SCALE_POINTS_MAX} points"))
    return [{"score": p["score"], "descriptor": p["descriptor"]} for p in points], problems


def scale_problems(scale: object) -> list[str]:
    """What is wrong with a stored scale (a list of {score, descriptor}); empty when it is fine."""
    if not isinstance(scale, list):
        return ["The scale must be a list of points"]
    rows: list[tuple[str, str]] = []
    for point in scale:
        if not isinstance(point, Mapping):
            return ["Each point of the scale needs a score and a description"]
        score = point.get("score")
        if isinstance(score, bool) or not isinstance(score, int):
            return ["Each score must be a whole number"]
        rows.append((str(score), str(point.get("descriptor") or "")))
    _, problems = scale_from_rows(rows)
    return [problem.message for problem in problems]


def weight_problem(weight: object) -> str:
    """Why a single weight is not usable ("" when it is)."""
    if isinstance(weight, bool) or not isinstance(weight, int):
        return "Enter the weight as a whole number, like 20"
    if not WEIGHT_MIN <= weight <= WEIGHT_MAX:
        return f"The weight must be between {WEIGHT_MIN}% and {WEIGHT_MAX}%"
    return ""


@dataclass(frozen=True)
class WeightProblem:
    code: str
    severity: str
    message: str
    explanation: str = ""

    @property
    def blocking(self) -> bool:
        return self.severity == BLOCKING


@dataclass(frozen=True)
class WeightCheck:
    total: int
    by_group: dict[str, int]
    problems: list[WeightProblem] = field(default_factory=list)

    @property
    def ready_to_publish(self) -> bool:
        return not any(problem.blocking for problem in self.problems)

    @property
    def blocking(self) -> list[WeightProblem]:
        return [problem for problem in self.problems if problem.blocking]


def weight_check(criteria: Iterable[tuple[str, int]], *, social_value_reason: str = "") -> WeightCheck:
    """Check the weights of (group, weight) pairs.

    A total other than 100% blocks publishing (while the team is still adding criteria it is only
    shown); social value below 10% blocks publishing until a reason is recorded; price above 40%
    warns. Unknown groups count towards the total as "other".
    """
    by_group = dict.fromkeys(GROUPS, 0)
    count = 0
    for group, weight in criteria:
        key = group if group in by_group else OTHER
        by_group[key] += int(weight)
        count += 1
    total = sum(by_group.values())
    problems: list[WeightProblem] = []
    if count == 0:
        problems.append(
            WeightProblem(
                "no_criteria",
                BLOCKING,
                "There are no award criteria yet. Add them, with weights that total 100%, before you publish.",
                "Bidders need to see what you will score and how much each part counts.",
            )
        )
        return WeightCheck(total=0, by_group=by_group, problems=problems)
    if total != TOTAL:
        problems.append(
            WeightProblem(
                "total",
                BLOCKING,
                f"Weights add up to {total}%. They must total 100% before you publish.",
                "Stating weights that add up to 100% shows bidders exactly how much each part counts, "
                "so they can decide whether to bid and where to put their effort.",
            )
        )
    social_value = by_group[SOCIAL_VALUE]
    if social_value < SOCIAL_VALUE_MIN:
        if social_value_reason.strip():
            problems.append(
                WeightProblem(
                    "social_value_low",
                    NOTE,
                    f"Social value is weighted at {social_value}%. You recorded why.",
                )
            )
        else:
            problems.append(
                WeightProblem(
                    "social_value_low",
                    BLOCKING,
                    f"Social value is weighted at {social_value}%, below 10%. "
                    "Record why before you publish, or give it more weight.",
                    "Local and specialist charities often bring extra value to a community, such as local jobs "
                    "and volunteering. A low weight for social value can leave that out of the decision.",
                )
            )
    price = by_group[PRICE]
    if price > PRICE_MAX:
        problems.append(
            WeightProblem(
                "price_high",
                WARNING,
                f"Price is weighted at {price}%, more than 40%. You may want to lower it.",
                "When price counts for a lot, the cheapest bid tends to win even when it is not the best "
                "service, and small and specialist organisations find it hard to compete. This is a "
                "suggestion: the decision is yours.",
            )
        )
    return WeightCheck(total=total, by_group=by_group, problems=problems)
