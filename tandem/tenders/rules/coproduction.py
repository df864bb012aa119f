"""Sizing co-production for a commission: pure functions, no Django.

Seed 001, section 5 asks that co-production be in proportion to the size of the procurement, and
lists co-production activities for each stage of commissioning. The ladder of engagement (Inform,
Consult, Involve, Collaborate, Empower) is from seed 004, chapter 3. How Tandem turns the value,
the term and how vulnerable the people are into a suggested minimum level is Tandem's own
proposal, not a legal rule: the team decides, and says why when it chooses less.

Scoring (each part adds points; the total picks the level):

- value including VAT: under £25,000 adds 0; under £250,000 adds 1; under £1 million adds 2;
  £1 million or more adds 3;
- term: under 3 years adds 0; 3 years to under 5 adds 1; 5 years or more adds 2;
- vulnerability: lower adds 0; moderate adds 1; high adds 2.

0 points suggests Inform; 1 to 2 Consult; 3 to 4 Involve; 5 to 6 Collaborate; 7 Empower. When
most people using the service have experienced trauma, abuse or crisis, Tandem suggests at least
Involve whatever the size: the people most affected should shape what is bought for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from tandem.core.values import pounds_display

LEVELS: tuple[str, ...] = ("inform", "consult", "involve", "collaborate", "empower")
LEVEL_NAMES: dict[str, str] = {
    "inform": "Inform",
    "consult": "Consult",
    "involve": "Involve",
    "collaborate": "Collaborate",
    "empower": "Empower",
}
# What each step of the ladder means, in plain words (seed 004, chapter 3: the engagement scale).
LEVEL_MEANINGS: dict[str, str] = {
    "inform": "Tell people what you plan and why, and later what happened.",
    "consult": "Ask people for their views, and tell them what you did with what they said.",
    "involve": "Work with people all the way through, so their worries and ideas shape the choices.",
    "collaborate": "Make the decisions together with people, as partners at each stage.",
    "empower": "People with lived experience make the final decisions, with your support.",
}
VULNERABILITIES: tuple[str, ...] = ("low", "moderate", "high")

STAGES: tuple[tuple[str, str], ...] = (
    ("reflect", "Reflect"),
    ("assess", "Assess"),
    ("design", "Design"),
    ("procure", "Procure"),
    ("relate", "Relate"),
    ("evaluate", "Evaluate"),
    ("sustain", "Sustain"),
)

VALUE_BANDS: tuple[tuple[Decimal, int], ...] = (
    (Decimal("1000000"), 3),
    (Decimal("250000"), 2),
    (Decimal("25000"), 1),
)
TERM_BANDS: tuple[tuple[int, int], ...] = ((60, 2), (36, 1))
VULNERABILITY_POINTS: dict[str, int] = {"low": 0, "moderate": 1, "high": 2}
HIGH_VULNERABILITY_FLOOR = "involve"

# Activities for each journey stage, with the lowest level at which Tandem suggests them. Written
# from seed 001, section 5 (its five commissioning stages: analyse the need, develop the strategy,
# source the supplier, award the contract, manage the contract), placed on Tandem's seven stages.
ACTIVITIES: dict[str, tuple[tuple[str, str], ...]] = {
    "reflect": (
        ("inform", "Tell people who use services now that you are starting to commission, and how to have a say."),
        ("consult", "Ask people with lived experience how, where and how often they would like to take part."),
        ("involve", "Agree fair payment for people's time, checked so it does not harm their benefits."),
        ("collaborate", "Set up a lived experience group that meets from the start, with support and training."),
        ("empower", "Let the lived experience group set the questions the commission must answer."),
    ),
    "assess": (
        ("inform", "Share what local needs assessments and earlier engagement already say."),
        ("consult", "Hear from people who are not using services now, not only existing panels."),
        ("involve", "Map a few real journeys through services with the people who made them, and cost them."),
        ("collaborate", "Make sense of the evidence together, and write the equality impact assessment jointly."),
        ("empower", "Let people with lived experience lead peer research on what is needed."),
    ),
    "design": (
        ("inform", "Publish the draft outcomes and ask for comments."),
        ("consult", "Test the draft specification with people who use services, in places they already go."),
        ("involve", "Bring people with lived experience to market events, beside providers."),
        ("collaborate", "Write the outcomes and the trauma-informed requirements together."),
        ("empower", "Let the lived experience group agree the final specification."),
    ),
    "procure": (
        ("inform", "Explain in plain words how bids will be judged, and when."),
        ("consult", "Ask people what they most want to know from bidders."),
        ("involve", "Write at least one question for bidders with people who have lived experience."),
        ("collaborate", "Include trained people with lived experience on the evaluation panel and at presentations."),
        ("empower", "Give the lived experience members of the panel a real share of the scores."),
    ),
    "relate": (
        ("inform", "Tell people who won, what changes for them and when."),
        ("consult", "Ask people what would make the move to the new provider feel safe."),
        ("involve", "Plan mobilisation with people with lived experience: the timing and the words used."),
        ("collaborate", "Have people with lived experience on the contract's steering group."),
        ("empower", "Let people with lived experience co-chair the contract review meetings."),
    ),
    "evaluate": (
        ("inform", "Share what the service has achieved, in plain words."),
        ("consult", "Gather feedback in several ways, reaching people where they are."),
        ("involve", "Write a survey with the people who will answer it, and ask providers for peer-led self-review."),
        ("collaborate", "Run mystery shopping or learning walks with people who use services."),
        ("empower", "Fund an independent evaluation led by peer researchers."),
    ),
    "sustain": (
        ("inform", "Tell people early about any change or ending, and what support continues."),
        ("consult", "Ask people what they want kept, changed or stopped."),
        ("involve", "Keep reflecting together on what was learned, and feed it into the next commission."),
        ("collaborate", "Plan endings and transitions together, so nobody is left without support."),
        ("empower", "Let people with lived experience decide how the learning shapes future commissioning."),
    ),
}


@dataclass(frozen=True)
class StageActivities:
    slug: str
    name: str
    activities: tuple[str, ...]


@dataclass(frozen=True)
class Suggestion:
    """Tandem's suggested minimum level, how it got there, and what to do at each stage."""

    level: str
    points: int
    reasons: tuple[str, ...]
    stages: tuple[StageActivities, ...]
    # What Tandem did not know (value, term or vulnerability), so the level may rise once given.
    missing: tuple[str, ...]

    @property
    def level_name(self) -> str:
        return LEVEL_NAMES[self.level]

    @property
    def meaning(self) -> str:
        return LEVEL_MEANINGS[self.level]


@dataclass(frozen=True)
class Comparison:
    """A chosen level beside the suggestion: ``steps_below`` is 0 when it meets or goes beyond it."""

    chosen: str
    suggested: str
    steps_below: int
    message: str

    @property
    def below(self) -> bool:
        return self.steps_below > 0


def _years(months: int) -> str:
    if months % 12 == 0:
        years = months // 12
        return "1 year" if years == 1 else f"{years} years"
    return "1 month" if months == 1 else f"{months} months"


def level_at_least(level: str, floor: str) -> str:
    return LEVELS[max(LEVELS.index(level), LEVELS.index(floor))]


def _level_for(points: int) -> str:
    if points <= 0:
        return "inform"
    if points <= 2:
        return "consult"
    if points <= 4:
        return "involve"
    if points <= 6:
        return "collaborate"
    return "empower"


def activities_for(level: str) -> tuple[StageActivities, ...]:
    """The activities Tandem suggests at ``level``: everything at that level and below."""
    reach = LEVELS.index(level) if level in LEVELS else 0
    return tuple(
        StageActivities(
            slug=slug,
            name=name,
            activities=tuple(text for minimum, text in ACTIVITIES[slug] if LEVELS.index(minimum) <= reach),
        )
        for slug, name in STAGES
    )


def suggest(value: Decimal | None, term_months: int | None, vulnerability: str | None) -> Suggestion:
    """Tandem's suggested minimum engagement level for a commission of this size and these people.

    Anything unknown (None, a blank or unknown vulnerability, a value that is not a finite
    amount) counts as adding nothing, and is named in ``missing``."""
    points = 0
    reasons: list[str] = []
    missing: list[str] = []
    if value is None or not value.is_finite() or value < 0:
        missing.append("the value")
    else:
        value_points = next((extra for threshold, extra in VALUE_BANDS if value >= threshold), 0)
        points += value_points
        if value_points:
            reasons.append(
                f"The value is {pounds_display(value)}, which adds {value_points} to the size of the commission."
            )
        else:
            reasons.append(f"The value is {pounds_display(value)}, a small purchase, so it adds nothing.")
    if term_months is None or term_months <= 0:
        missing.append("the term")
    else:
        term_points = next((extra for months, extra in TERM_BANDS if term_months >= months), 0)
        points += term_points
        if term_points:
            reasons.append(f"The term is {_years(term_months)}, long enough to add {term_points}.")
        else:
            reasons.append(f"The term is {_years(term_months)}, under 3 years, so it adds nothing.")
    vulnerable_points = VULNERABILITY_POINTS.get(vulnerability or "")
    if vulnerable_points is None:
        missing.append("how vulnerable the people are")
    else:
        points += vulnerable_points
        wording = {
            "low": "Most people using the service are not in crisis, so this adds nothing.",
            "moderate": "Some people using the service are at risk or in crisis, which adds 1.",
            "high": "Most people using the service have experienced trauma, abuse or crisis, which adds 2.",
        }
        reasons.append(wording[str(vulnerability)])
    level = _level_for(points)
    if vulnerability == "high" and LEVELS.index(level) < LEVELS.index(HIGH_VULNERABILITY_FLOOR):
        level = HIGH_VULNERABILITY_FLOOR
        reasons.append(
            "Because most people using it have experienced trauma, abuse or crisis, Tandem suggests at least "
            "Involve whatever the size: the people most affected should help shape what is bought for them."
        )
    return Suggestion(
        level=level,
        points=points,
        reasons=tuple(reasons),
        stages=activities_for(level),
        missing=tuple(missing),
    )


def compare(chosen: str, suggestion: Suggestion) -> Comparison:
    """How a chosen level sits beside the suggestion. An unknown level counts as the lowest."""
    chosen_index = LEVELS.index(chosen) if chosen in LEVELS else 0
    suggested_index = LEVELS.index(suggestion.level)
    below = max(0, suggested_index - chosen_index)
    chosen_name = LEVEL_NAMES[LEVELS[chosen_index]]
    if below:
        message = (
            f"You chose {chosen_name}, which is below Tandem's suggested minimum of {suggestion.level_name}. "
            "That is your decision to make: say why, so the reason is on record."
        )
    elif chosen_index == suggested_index:
        message = f"You chose {chosen_name}, which matches Tandem's suggestion."
    else:
        message = f"You chose {chosen_name}, which goes beyond Tandem's suggestion of {suggestion.level_name}."
    return Comparison(chosen=LEVELS[chosen_index], suggested=suggestion.level, steps_below=below, message=message)


def reason_needed(chosen: str, suggestion: Suggestion) -> bool:
    """A reason is asked for only when the chosen level is below the suggestion."""
    return compare(chosen, suggestion).below
