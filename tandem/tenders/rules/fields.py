"""Each field of the specification's sections, written once: its name, its order, how its value is
shown, and the words each place uses for it. Pure Python: no Django imports.

The pages, the forms, the services' messages, the snapshot, the rules, the exports and the tender lens
all take their names, order and wording from here, so a field is never listed in one place and
forgotten in another. A field is named differently where the reader is different, and each of
those names lives on the field:

- ``label``: what a page's summary row calls it (a saved version's page; the section's own page);
- ``document``: what the exported specification pack calls it (and the tender lens, which points
  at the same place), when not the label;
- ``noun``: the words for it inside a sentence ("the submission deadline must be after ...");
- ``question``, ``subject``, ``hint`` and ``why_we_ask``: the form's label, how the form's and the
  service's messages name it ("The purpose must be ..."), the hint, and why Tandem asks.

Hints rest on seed 000, Procure: Timing (realistic deadlines, consider timings, timely feedback).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from tandem.core.values import date_display, pounds_display

# How a field's value is shown: "text" as typed, "date" as "5 March 2026", "money" as "£1,250,000",
# "months" as "1 month" or "36 months", "yes_no" as Yes or No, and "choice" by its label.
Kind = Literal["text", "date", "money", "months", "yes_no", "choice"]


@dataclass(frozen=True)
class Field:
    """One field of a section. ``name`` is the model's (and the form's) field; ``key`` is the
    snapshot's, when it is not the name (the agreement's ``kind`` is the model's ``agreement_kind``)."""

    name: str
    kind: Kind
    label: str
    document: str = ""
    noun: str = ""
    question: str = ""
    subject: str = ""
    hint: str = ""
    why_we_ask: str = ""
    key: str = ""

    @property
    def snapshot_key(self) -> str:
        return self.key or self.name

    @property
    def in_document(self) -> str:
        """What the exported pack and the tender lens call it."""
        return self.document or self.label

    @property
    def title(self) -> str:
        """The noun at the start of a line: "Submission deadline"."""
        words = self.noun or self.label
        return words[:1].upper() + words[1:]


def field_named(fields: Iterable[Field], name: str) -> Field:
    """The field called ``name`` (the model's name or the snapshot's key); KeyError when there is none."""
    for field in fields:
        if name in (field.name, field.snapshot_key):
            return field
    raise KeyError(name)


def names(fields: Iterable[Field]) -> tuple[str, ...]:
    return tuple(field.name for field in fields)


# Showing a value ----------------------------------------------------------------------------------


def months_display(months: int) -> str:
    """ "1 month", "36 months"."""
    return f"{months} month{'' if months == 1 else 's'}"


def yes_no(value: bool | None) -> str:
    """ "Yes", "No", or "" when it has not been answered."""
    return "" if value is None else ("Yes" if value else "No")


def date_from_iso(text: str | None) -> dt.date | None:
    """A date as the snapshot stores it ("2027-01-10"); None when blank or not a date."""
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def money_from_text(text: str | None) -> Decimal | None:
    """An amount as the snapshot stores it ("12500.00"); None when blank or not an amount."""
    if not text:
        return None
    try:
        amount = Decimal(text)
    except ArithmeticError:
        return None
    return amount if amount.is_finite() else None


def value_display(field: Field, value: str | int | bool | None) -> str:
    """A snapshot value as every page and document shows it; "" when there is nothing to show.
    A "choice" is shown by the label the snapshot keeps beside it, so it is shown as text here."""
    if value is None:
        return ""
    if field.kind == "date":
        day = date_from_iso(str(value))
        return date_display(day) if day else ""
    if field.kind == "money":
        return pounds_display(money_from_text(str(value)))
    if field.kind == "yes_no":
        return yes_no(bool(value))
    if field.kind == "months":
        return months_display(int(value))
    return str(value)


# The timeline ------------------------------------------------------------------------------------

# In the order the dates normally happen.
TIMELINE: tuple[Field, ...] = (
    Field(
        "publication_on",
        "date",
        label="Published",
        document="The opportunity is published",
        noun="publication date",
        question="When will you publish the tender?",
        subject="The publication date",
        hint="The day bidders can first see it, for example 1 9 2027",
        why_we_ask="The response window starts here. Tandem checks bidders get long enough to write a good bid.",
    ),
    Field(
        "clarification_deadline",
        "date",
        label="Deadline for questions from bidders",
        document="Last day to ask a clarification question",
        noun="deadline for questions",
        question="What is the last day bidders can ask questions?",
        subject="The deadline for questions",
        hint="Leave a week or more after it so you can answer before bids are due",
        why_we_ask="Bidders need answers in time to use them. Answers should go to everyone, without naming who asked.",
    ),
    Field(
        "submission_deadline",
        "date",
        label="Submission deadline",
        document="Bids are due",
        noun="submission deadline",
        question="When must bids be in?",
        subject="The submission deadline",
        hint="Avoid holidays and the weeks around 31 March",
        why_we_ask="Small and specialist providers need time to bid well. Tandem checks the window and the holidays "
        "it crosses.",
    ),
    Field(
        "evaluation_from",
        "date",
        label="Evaluation starts",
        noun="start of evaluation",
        question="When does evaluation start?",
        subject="The start of evaluation",
        hint="The day the panel starts reading and scoring bids",
        why_we_ask="Evaluators, including any with lived experience, need to know when to keep time free.",
    ),
    Field(
        "evaluation_to",
        "date",
        label="Evaluation ends",
        noun="end of evaluation",
        question="When does evaluation end?",
        subject="The end of evaluation",
        hint="Allow time for the panel to agree scores together",
        why_we_ask="Tandem checks the evaluation does not run into holidays, when panel members may be away.",
    ),
    Field(
        "presentations_on",
        "date",
        label="Presentations or dialogue",
        noun="presentations or dialogue",
        question="When are presentations or dialogue with bidders?",
        subject="The presentations date",
        hint="Leave blank if there are none",
        why_we_ask="Bidders need notice to bring the right people, and people with lived experience may take part.",
    ),
    Field(
        "award_on",
        "date",
        label="Award",
        document="The award is decided",
        noun="award date",
        question="When will you decide the award?",
        subject="The award date",
        hint="The day you tell bidders who has been chosen",
        why_we_ask="It sets when bidders hear, and how long the new provider has to get ready.",
    ),
    Field(
        "feedback_by",
        "date",
        label="Feedback to every bidder by",
        document="Every bidder has feedback by",
        noun="feedback date",
        question="When will every bidder get feedback?",
        subject="The feedback date",
        hint="Best given with the award decision",
        why_we_ask="Quick, useful feedback respects the work bidders put in and helps them move on to other funding.",
    ),
    Field(
        "standstill_ends_on",
        "date",
        label="Standstill ends",
        document="The standstill period ends",
        noun="end of standstill",
        question="When does the standstill period end?",
        subject="The end of standstill",
        hint="The pause after the award when bidders can challenge the decision, before the contract is signed",
        why_we_ask="The contract cannot be signed before standstill ends, so mobilisation starts after it.",
    ),
    Field(
        "mobilisation_from",
        "date",
        label="Mobilisation starts",
        noun="start of mobilisation",
        question="When does mobilisation start?",
        subject="The start of mobilisation",
        hint="When the new provider starts getting ready: staff, premises, handover",
        why_we_ask="Tandem checks there is enough time to set up safely before people start using the service.",
    ),
    Field(
        "service_starts_on",
        "date",
        label="Service starts",
        document="The service starts",
        noun="service start date",
        question="When does the service start?",
        subject="The service start date",
        hint="The first day people can use the new service",
        why_we_ask="Too little time to get ready puts people using the service at risk during the handover.",
    ),
)
TIMELINE_NAMES = names(TIMELINE)


# About the service -------------------------------------------------------------------------------

ABOUT: tuple[Field, ...] = (
    Field(
        "purpose",
        "text",
        label="What the service is for",
        document="Purpose",
        question="What is the service for?",
        subject="The purpose",
    ),
    Field(
        "people_for",
        "text",
        label="Who it is for",
        document="The people it is for",
        question="Who is it for?",
        subject="Who the service is for",
    ),
    Field(
        "services_required",
        "text",
        label="Services required",
        question="What services are needed?",
        subject="The services required",
    ),
    Field(
        "reporting",
        "text",
        label="What providers report, and how often",
        document="Reporting",
        question="What will providers report, and how often?",
        subject="What providers report",
    ),
    Field(
        "ending_plan",
        "text",
        label="When the service ends",
        question="What happens when the service ends?",
        subject="The plan for the ending",
    ),
)
ABOUT_NAMES = names(ABOUT)


# The agreement -----------------------------------------------------------------------------------

AGREEMENT: tuple[Field, ...] = (
    Field("specialist_work", "yes_no", label="Specialist work"),
    Field("agreement_kind", "choice", label="Contract or grant", key="kind"),
    Field(
        "agreement_reason",
        "text",
        label="Why, if not Tandem's suggestion",
        document="Why we chose this",
        subject="Your reason",
        key="reason",
    ),
    Field("term_months", "months", label="Term", subject="The term"),
    Field("extension_months", "months", label="Extension", document="Possible extension", subject="The extension"),
    Field("consortium_welcome", "yes_no", label="Bids from a consortium welcome", document="Bids from a consortium"),
    Field(
        "cost_review",
        "text",
        label="How prices are reviewed",
        document="How prices are reviewed over the term",
        subject="How prices are reviewed",
    ),
)


# The route and regime ----------------------------------------------------------------------------

ROUTE: tuple[Field, ...] = (
    Field("route", "choice", label="Route"),
    Field("second_stage", "choice", label="Second stage", document="The second stage"),
    Field(
        "direct_award_justification",
        "text",
        label="Justification for a direct award",
        document="Why a direct award",
        subject="The justification",
    ),
    Field("cpv_code", "text", label="CPV code", document="CPV (Common Procurement Vocabulary) code"),
    Field(
        "light_touch",
        "yes_no",
        label="Light-touch service",
        document="Light touch regime (for health, social and other services to people)",
    ),
    Field("value_including_vat", "money", label="Value including VAT", subject="The value"),
)


# Co-production ------------------------------------------------------------------------------------

COPRODUCTION: tuple[Field, ...] = (
    Field("vulnerability", "choice", label="How vulnerable the people are likely to be"),
    Field("engagement_level", "choice", label="Engagement level"),
    Field("engagement_reason", "text", label="Why this level"),
)
