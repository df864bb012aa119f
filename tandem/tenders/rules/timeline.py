"""Checks on a tender's timeline: pure functions, no Django.

Two kinds of answer, both as ``TimelineFinding``:

- ``order_problems``: dates out of order (a submission deadline before publication, say). These are
  bad input: the form shows each one beside the later date and does not save.
- ``check``: dates that are in order but unkind or unrealistic for bidders: a response window
  shorter than Tandem's suggested minimum, windows across the holidays, dates close to the end of
  the financial year, too little time to mobilise, a service starting too soon after the
  submission deadline to evaluate, award, stand still and mobilise, and feedback promised later
  than the award. These are Tandem's suggestions: the team decides.

Sources: seed 000, Procure, "Timing" (consider timings: avoid holidays and the financial year end;
realistic deadlines so small providers can bid; timely feedback to every applicant); seed 001,
stages 3 and 4 (people with lived experience involved in the evaluation; award, then mobilise).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Literal

from tandem.core.values import date_display
from tandem.tenders.rules.fields import TIMELINE, TIMELINE_NAMES, date_from_iso, money_from_text
from tandem.tenders.rules.snapshot_types import snapshot_read, timeline_dates
from tandem.tenders.tender_lens.rules.dates import holiday_periods

Severity = Literal["error", "warning", "info"]

# The timeline's dates in the order they normally happen, with the words the page uses for each
# (``fields.TIMELINE``).
FIELD_LABELS: dict[str, str] = {field.name: field.noun for field in TIMELINE}
FIELDS: tuple[str, ...] = TIMELINE_NAMES

# The guidance each check rests on, as the page names it (seed 000 is the West Midlands guidance,
# Procure stage, "Timing"; seed 001 is the Plymouth toolkit, section 5).
_WEST_MIDLANDS = "West Midlands trauma-informed commissioning guidance, Procure stage"
SOURCE_DEADLINES = f"{_WEST_MIDLANDS}: realistic deadlines"
SOURCE_TIMINGS = f"{_WEST_MIDLANDS}: consider timings"
SOURCE_FEEDBACK = f"{_WEST_MIDLANDS}: timely feedback"
SOURCE_MOBILISATION = "Plymouth co-production commissioning toolkit, section 5: award the contract and mobilise it"

# A short heading for each kind of finding.
TITLES: dict[str, str] = {
    "order": "Dates out of order",
    "response_window_short": "A short time to bid",
    "holiday": "Runs into a holiday",
    "year_end": "Close to the end of the financial year",
    "mobilisation_short": "A short time to get ready",
    "service_start_soon": "The service starts soon after the deadline",
    "feedback_late": "Feedback after the award",
}

# Tandem's suggested minimums, in calendar days, for the steps between the submission deadline and
# the service starting; ``Rules`` holds them (with the response window and mobilisation minimums,
# which come from settings). Evaluation: reading and scoring the bids, agreeing the scores as a
# panel and deciding the award, with time for panel members with lived experience to take part
# (seed 001, stage 3). Standstill: the pause after the award before the contract is signed, at
# least 8 working days under the Procurement Act 2023, so at least 10 calendar days.
MIN_EVALUATION_DAYS = 28
MIN_STANDSTILL_DAYS = 10
MIN_MOBILISATION_DAYS = 90
MIN_RESPONSE_DAYS = 25
CONSORTIUM_EXTRA_DAYS = 10

# How far either side of 31 March counts as "around the financial year end".
YEAR_END_DAYS = 14
# Tandem's own scaling of the response window by value (seed 000, realistic deadlines: bigger,
# more complex bids take longer to write well). Checked from the largest band down.
VALUE_STEPS: tuple[tuple[Decimal, int, str], ...] = (
    (Decimal("1000000"), 10, "£1 million"),
    (Decimal("250000"), 5, "£250,000"),
)
# Dates outside these years are not checked for holidays (the holiday calendar needs the year
# either side); the form does not accept them anyway.
_FIRST_YEAR, _LAST_YEAR = 2, 9998


@dataclass(frozen=True)
class Timeline:
    """The timeline's dates; None when not set yet."""

    publication_on: dt.date | None = None
    clarification_deadline: dt.date | None = None
    submission_deadline: dt.date | None = None
    evaluation_from: dt.date | None = None
    evaluation_to: dt.date | None = None
    presentations_on: dt.date | None = None
    award_on: dt.date | None = None
    feedback_by: dt.date | None = None
    standstill_ends_on: dt.date | None = None
    mobilisation_from: dt.date | None = None
    service_starts_on: dt.date | None = None

    @classmethod
    def from_mapping(cls, values: Mapping[str, object]) -> Timeline:
        """Build from any mapping (a form's cleaned data, a model's fields); other keys and values
        that are not dates are ignored."""
        kept = {name: values.get(name) for name in FIELDS}
        return cls(**{name: value for name, value in kept.items() if isinstance(value, dt.date)})

    def as_dict(self) -> dict[str, dt.date | None]:
        return {item.name: getattr(self, item.name) for item in fields(self)}


@dataclass(frozen=True)
class Rules:
    """Tandem's suggested minimums, in calendar days. The response window, the consortium's extra
    days and mobilisation come from settings (the defaults match the settings' defaults); the
    evaluation and the standstill are Tandem's own."""

    min_response_days: int = MIN_RESPONSE_DAYS
    consortium_extra_days: int = CONSORTIUM_EXTRA_DAYS
    min_mobilisation_days: int = MIN_MOBILISATION_DAYS
    min_evaluation_days: int = MIN_EVALUATION_DAYS
    min_standstill_days: int = MIN_STANDSTILL_DAYS


@dataclass(frozen=True)
class Tender:
    """What else about the tender changes what is realistic."""

    value: Decimal | None = None
    consortium_welcome: bool = False


@dataclass(frozen=True)
class TimelineFinding:
    """One thing to look at: ``fields`` names the dates it is about (the message goes beside the
    last of them), ``suggestion`` says what would fix it, ``source`` the guidance it rests on."""

    code: str
    fields: tuple[str, ...]
    message: str
    suggestion: str
    severity: Severity
    source: str

    @property
    def field(self) -> str:
        return self.fields[-1]

    @property
    def title(self) -> str:
        return TITLES.get(self.code, "Something to check")


def date_text(value: dt.date) -> str:
    """A date as the page shows it: "3 March 2027"."""
    return date_display(value)


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


# Each date must be on or after (False) or strictly after (True) the dates listed for it. Only
# direct steps are listed; ``_AFTER`` adds the steps through dates left blank.
_STEPS: tuple[tuple[str, str, bool], ...] = (
    ("publication_on", "clarification_deadline", True),
    ("clarification_deadline", "submission_deadline", True),
    ("publication_on", "submission_deadline", True),
    ("submission_deadline", "evaluation_from", False),
    ("evaluation_from", "evaluation_to", False),
    ("submission_deadline", "presentations_on", True),
    ("presentations_on", "award_on", False),
    ("evaluation_to", "award_on", False),
    ("submission_deadline", "award_on", True),
    ("submission_deadline", "feedback_by", True),
    ("award_on", "standstill_ends_on", True),
    ("standstill_ends_on", "mobilisation_from", False),
    ("award_on", "mobilisation_from", False),
    ("mobilisation_from", "service_starts_on", False),
    ("standstill_ends_on", "service_starts_on", False),
    ("award_on", "service_starts_on", True),
)


def _closure(steps: Iterable[tuple[str, str, bool]]) -> dict[str, dict[str, bool]]:
    """For each date, every date that must come before it, and whether strictly. When two routes
    disagree the gentler one (on or after) wins: the stricter route is checked directly whenever
    the dates between are given."""
    after: dict[str, dict[str, bool]] = {name: {} for name in FIELDS}
    for earlier, later, strict in steps:
        after[later][earlier] = after[later].get(earlier, True) and strict
    changed = True
    while changed:
        changed = False
        for later in FIELDS:
            for middle, strict_one in list(after[later].items()):
                for earlier, strict_two in after[middle].items():
                    strict = strict_one or strict_two
                    known = after[later].get(earlier)
                    if known is None or (known and not strict):
                        after[later][earlier] = strict if known is None else False
                        changed = True
    return after


_AFTER = _closure(_STEPS)


def order_problems(timeline: Timeline) -> list[TimelineFinding]:
    """Dates out of order, at most one per date, beside the later date. For each date, the
    problem named is with the latest earlier date it should follow."""
    values = timeline.as_dict()
    problems: list[TimelineFinding] = []
    for later in FIELDS:
        when = values[later]
        if when is None:
            continue
        broken = [
            (earlier_when, earlier, strict)
            for earlier, strict in _AFTER[later].items()
            if (earlier_when := values[earlier]) is not None
            and (when <= earlier_when if strict else when < earlier_when)
        ]
        if not broken:
            continue
        earlier_when, earlier, strict = max(broken, key=lambda item: (item[0], FIELDS.index(item[1])))
        relation = "after" if strict else "on or after"
        label = FIELD_LABELS[later]
        problems.append(
            TimelineFinding(
                code="order",
                fields=(earlier, later),
                message=(f"The {label} must be {relation} the {FIELD_LABELS[earlier]} ({date_text(earlier_when)})"),
                suggestion=f"Check both dates: change the {label} or the {FIELD_LABELS[earlier]}.",
                severity="error",
                source=SOURCE_DEADLINES,
            )
        )
    return problems


def response_days_needed(tender: Tender, rules: Rules) -> tuple[int, list[str]]:
    """Tandem's suggested minimum response window in calendar days, and how it was worked out.

    The base minimum (25 days unless configured), plus extra days when consortium bids are
    welcome (partners need time to agree who does what), plus 5 days over £250,000 or 10 days
    from £1 million (larger bids need more evidence, pricing and sign-off)."""
    days = max(0, rules.min_response_days)
    reasons = [f"{_days(days)} as a starting point for any tender"]
    if tender.consortium_welcome and rules.consortium_extra_days > 0:
        days += rules.consortium_extra_days
        reasons.append(f"{_days(rules.consortium_extra_days)} more because consortium bids are welcome")
    if tender.value is not None and tender.value.is_finite():
        for threshold, extra, words in VALUE_STEPS:
            if tender.value >= threshold:
                days += extra
                reasons.append(f"{_days(extra)} more because the value is {words} or more")
                break
    return days, reasons


def _response_window(timeline: Timeline, tender: Tender, rules: Rules) -> list[TimelineFinding]:
    first, last = timeline.publication_on, timeline.submission_deadline
    if first is None or last is None or last <= first:
        return []
    given = (last - first).days
    needed, reasons = response_days_needed(tender, rules)
    if given >= needed:
        return []
    try:
        better = date_text(first + dt.timedelta(days=needed))
        move = f"Move the submission deadline to {better} or later, or publish earlier."
    except OverflowError:
        move = "Move the submission deadline later, or publish earlier."
    return [
        TimelineFinding(
            code="response_window_short",
            fields=("publication_on", "submission_deadline"),
            message=(
                f"Bidders have {_days(given)} from publication to the submission deadline. Tandem suggests at "
                f"least {_days(needed)} ({'; '.join(reasons)}). Short windows favour large bidders with "
                "their own bid teams over small and specialist providers."
            ),
            suggestion=move,
            severity="warning",
            source=SOURCE_DEADLINES,
        )
    ]


def holiday_overlap(first: dt.date, last: dt.date) -> tuple[str, dt.date, dt.date, int] | None:
    """The first holiday period that ``first``..``last`` runs into: its name, its dates and how
    many days of the window fall in it. None when the window misses them all, or its years are
    outside what the calendar can hold."""
    if last < first:
        first, last = last, first
    if first.year < _FIRST_YEAR or last.year > _LAST_YEAR:
        return None
    # Every year has holidays, so a window longer than a year always touches one in its first year.
    last = min(last, dt.date(first.year + 1, 12, 31))
    for year in range(first.year, last.year + 1):
        for name, begin, end in sorted(holiday_periods(year), key=lambda period: period[1]):
            if begin <= last and first <= end:
                overlap = (min(end, last) - max(begin, first)).days + 1
                return name, begin, end, overlap
    return None


def _holidays(timeline: Timeline) -> list[TimelineFinding]:
    findings: list[TimelineFinding] = []
    windows = (
        ("publication_on", "submission_deadline", "response window", "the submission deadline"),
        ("evaluation_from", "evaluation_to", "evaluation", "the evaluation dates"),
    )
    for start_field, end_field, what, move in windows:
        start, end = getattr(timeline, start_field), getattr(timeline, end_field)
        if start is not None and end is not None and end < start:
            continue
        if start is None and end is None:
            continue
        first = start or end
        last = end or start
        assert first is not None and last is not None
        touched = holiday_overlap(first, last)
        if touched is None:
            continue
        holiday, begin, finish, overlap = touched
        concerned = tuple(field for field in (start_field, end_field) if getattr(timeline, field) is not None)
        if start is not None and end is not None:
            message = (
                f"The {what} ({date_text(start)} to {date_text(end)}) runs into {holiday} "
                f"({date_text(begin)} to {date_text(finish)}) for {_days(overlap)}."
            )
            suggestion = (
                f"Move {move} away from {holiday}, or add {_days(overlap)} to make up for the time people are away."
            )
        else:
            only = first
            message = f"The {FIELD_LABELS[concerned[0]]} ({date_text(only)}) falls in {holiday}."
            suggestion = f"Move it outside {holiday} ({date_text(begin)} to {date_text(finish)})."
        findings.append(
            TimelineFinding(
                code="holiday",
                fields=concerned,
                message=message
                + " Staff take leave then, and small teams who also care for people in crisis are stretched.",
                suggestion=suggestion,
                severity="warning",
                source=SOURCE_TIMINGS,
            )
        )
    return findings


def _year_end(timeline: Timeline) -> list[TimelineFinding]:
    findings: list[TimelineFinding] = []
    for name in ("submission_deadline", "award_on", "service_starts_on"):
        when: dt.date | None = getattr(timeline, name)
        if when is None:
            continue
        years = [year for year in (when.year - 1, when.year, when.year + 1) if dt.MINYEAR <= year <= dt.MAXYEAR]
        nearest = min((dt.date(year, 3, 31) for year in years), key=lambda end: abs((when - end).days))
        gap = (when - nearest).days
        if abs(gap) > YEAR_END_DAYS:
            continue
        if gap == 0:
            place = "on the last day of the financial year"
        elif gap < 0:
            place = f"{_days(-gap)} before the financial year ends on {date_text(nearest)}"
        else:
            place = f"{_days(gap)} after the financial year ended on {date_text(nearest)}"
        label = FIELD_LABELS[name]
        message = (
            f"The {label} ({date_text(when)}) is {place}. Finance and contract teams on both sides are at "
            "their busiest then, closing the year and setting budgets."
        )
        severity: Severity = "warning"
        if name == "service_starts_on":
            message += (
                " Many services start on 1 April to match the budget year, which can work well if "
                "mobilisation is finished before the year-end rush."
            )
            severity = "info"
        findings.append(
            TimelineFinding(
                code="year_end",
                fields=(name,),
                message=message,
                suggestion=f"If you can, move the {label} at least {YEAR_END_DAYS} days away from 31 March.",
                severity=severity,
                source=SOURCE_TIMINGS,
            )
        )
    return findings


def _mobilisation(timeline: Timeline, rules: Rules) -> list[TimelineFinding]:
    start = timeline.service_starts_on
    if start is None:
        return []
    given = [
        (value, name)
        for name in ("award_on", "standstill_ends_on", "mobilisation_from")
        if (value := getattr(timeline, name)) is not None
    ]
    if not given:
        return []
    begins, name = max(given, key=lambda item: (item[0], FIELDS.index(item[1])))
    if start < begins:
        return []
    days = (start - begins).days
    needed = max(0, rules.min_mobilisation_days)
    if days >= needed:
        return []
    try:
        later = f"for example start the service on {date_text(begins + dt.timedelta(days=needed))}, or award earlier"
    except OverflowError:
        later = "for example start the service later, or award earlier"
    return [
        TimelineFinding(
            code="mobilisation_short",
            fields=(name, "service_starts_on"),
            message=(
                f"There are {_days(days)} from the {FIELD_LABELS[name]} ({date_text(begins)}) to the service "
                f"starting. Tandem suggests at least {_days(needed)}: the provider needs time to recruit and "
                "train staff, find premises, take over from any current provider and plan a safe handover "
                "for the people using the service."
            ),
            suggestion=f"Allow at least {_days(needed)} to mobilise: {later}.",
            severity="warning",
            source=SOURCE_MOBILISATION,
        )
    ]


def start_days_needed(rules: Rules) -> tuple[int, list[str]]:
    """The fewest calendar days Tandem suggests from the submission deadline to the service
    starting, and what they are for: evaluating and awarding, the standstill and mobilisation,
    each from ``rules``."""
    steps = (
        (rules.min_evaluation_days, "to read and score the bids and decide the award"),
        (rules.min_standstill_days, "for the standstill after the award"),
        (rules.min_mobilisation_days, "for the provider to get ready"),
    )
    kept = [(max(0, days), words) for days, words in steps]
    return sum(days for days, _ in kept), [f"{_days(days)} {words}" for days, words in kept if days]


def _service_start(timeline: Timeline, rules: Rules) -> list[TimelineFinding]:
    deadline, start = timeline.submission_deadline, timeline.service_starts_on
    if deadline is None or start is None or start <= deadline:
        return []
    days = (start - deadline).days
    needed, reasons = start_days_needed(rules)
    if days >= needed:
        return []
    try:
        later = f"Start the service on {date_text(deadline + dt.timedelta(days=needed))} or later"
    except OverflowError:
        later = "Start the service later"
    return [
        TimelineFinding(
            code="service_start_soon",
            fields=("submission_deadline", "service_starts_on"),
            message=(
                f"The service starts {_days(days)} after the submission deadline ({date_text(deadline)}). Tandem "
                f"suggests at least {_days(needed)} ({'; '.join(reasons)}). Rushing the evaluation leaves no time "
                "for a fair reading of every bid, and a rushed start puts the people using the service at risk."
            ),
            suggestion=f"{later}, or set the submission deadline earlier.",
            severity="warning",
            source=f"{SOURCE_DEADLINES}; {SOURCE_MOBILISATION}",
        )
    ]


def _feedback(timeline: Timeline) -> list[TimelineFinding]:
    award, feedback = timeline.award_on, timeline.feedback_by
    if award is None or feedback is None or feedback <= award:
        return []
    late = (feedback - award).days
    return [
        TimelineFinding(
            code="feedback_late",
            fields=("award_on", "feedback_by"),
            message=(
                f"Feedback for bidders is planned for {date_text(feedback)}, {_days(late)} after the award "
                f"({date_text(award)}). Bidders who were not chosen wait longer to learn why, and to move on to "
                "other funding."
            ),
            suggestion=f"Give every bidder their feedback with the award decision, by {date_text(award)}.",
            severity="warning",
            source=SOURCE_FEEDBACK,
        )
    ]


def check(timeline: Timeline, tender: Tender | None = None, rules: Rules | None = None) -> list[TimelineFinding]:
    """Every suggestion about a timeline whose dates are in order (dates out of order are left to
    ``order_problems``; the window they break is not judged)."""
    tender = tender or Tender()
    rules = rules or Rules()
    mobilisation = _mobilisation(timeline, rules)
    return [
        *_response_window(timeline, tender, rules),
        *_holidays(timeline),
        *_year_end(timeline),
        *mobilisation,
        # A service start already flagged for too little time to get ready is flagged once: moving
        # it later, as that finding suggests, is the first step either way.
        *([] if mobilisation else _service_start(timeline, rules)),
        *_feedback(timeline),
    ]


def review(timeline: Timeline, tender: Tender | None = None, rules: Rules | None = None) -> list[TimelineFinding]:
    """Dates out of order first, then the suggestions."""
    return [*order_problems(timeline), *check(timeline, tender, rules)]


def snapshot_review(snapshot: Mapping[str, object], rules: Rules | None = None) -> list[TimelineFinding]:
    """``review`` of a saved version's timeline, with the value and consortium choice it was saved
    with. ``snapshot`` is any stored snapshot: it is read through ``snapshot_read``."""
    spec = snapshot_read(snapshot)
    dates = {name: date_from_iso(value) for name, value in timeline_dates(spec["timeline"]).items()}
    tender = Tender(
        value=money_from_text(spec["route"]["value_including_vat"]),
        consortium_welcome=bool(spec["agreement"]["consortium_welcome"]),
    )
    return review(Timeline.from_mapping(dates), tender, rules)
