"""The values every page shows the same way: dates, money and text limits. No Django imports.

One way each, so a date or an amount reads the same on every page, export and message:

- ``date_display(day)`` gives "5 March 2026"; ``time_display(moment)`` gives "2:05pm";
  ``datetime_display(moment)`` gives "5 March 2026 at 2:05pm". Each shows the date or time it
  is given: a caller holding an aware time converts it to local time first
  (``tandem.core.dates`` does that for Python code, and the ``tandem_values`` template filters
  for the pages).
- ``pounds_parse("£1,250,000.50")`` gives ``Decimal("1250000.50")`` and ``pounds_parse("")``
  gives None (nothing typed); a mistake raises ``MoneyError`` with a message to show beside the
  field. ``pounds_read`` is the reading underneath, for a reader with its own words (annual
  income, in whole pounds). ``pounds_problem(amount, subject=...)`` checks an amount a service was given, with the
  same messages. ``pounds_display`` shows an amount ("£1,250,000", "£1,250.50");
  ``pounds_as_typed`` gives it back to a form for editing ("1250000", "1250.50").
- ``too_long(text, limit, subject=...)`` says "The reason must be 500 characters or fewer"
  when the text is longer than its limit, and nothing when it fits.
"""

from __future__ import annotations

import datetime
import re
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation

# Dates ----------------------------------------------------------------------------------------


def date_display(day: datetime.date | datetime.datetime) -> str:
    """The date the GOV.UK way, for example "5 March 2026" (no leading zero, the month in full)."""
    return f"{day.day} {day:%B %Y}"


def time_display(moment: datetime.datetime | datetime.time) -> str:
    """The time the GOV.UK way, for example "2:05pm", "12:07am" just after midnight and "12:00pm"
    at midday."""
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    return f"{hour}:{moment.minute:02d}{suffix}"


def datetime_display(moment: datetime.datetime) -> str:
    """For example "5 March 2026 at 2:05pm", and "12:07am" just after midnight."""
    return f"{date_display(moment)} at {time_display(moment)}"


# Money ----------------------------------------------------------------------------------------

# Amounts are stored with 14 digits, 2 of them pence: under a trillion pounds.
MAX_POUNDS = Decimal("999999999999.99")
PENCE = Decimal("0.01")

# What is wrong with an amount, in words to show the person. ``{subject}`` starts each message,
# for example "The estimated value".
MONEY_MESSAGES = {
    "missing": "Enter {subject_lower}",
    "negative": "{subject} must be £0 or more",
    "not_an_amount": "{subject} must be an amount in pounds, like 25000 or 25000.50",
    "too_big": "{subject} must be less than £1 trillion",
}

_SPACES = re.compile(r"\s+")
_AMOUNT = re.compile(r"([0-9]+)(?:\.([0-9]{1,2}))?")
_SHORTHAND = re.compile(r"[0-9]+(\.[0-9]+)?")


def money_message(problem: str, subject: str) -> str:
    """The message for one of the ``MONEY_MESSAGES`` problems, started by ``subject``."""
    return MONEY_MESSAGES[problem].format(subject=subject, subject_lower=subject.lower())


class MoneyError(ValueError):
    """What is wrong with a typed amount, in words to show the person."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class MoneyProblem(ValueError):
    """What ``pounds_read`` found wrong: ``problem`` is a key of ``MONEY_MESSAGES``."""

    def __init__(self, problem: str):
        super().__init__(problem)
        self.problem = problem


def pounds_read(value: str) -> Decimal | None:
    """The amount typed, exactly, before any rounding: "25000", "£25,000", "25000.50", "1.2m",
    "40k". None when nothing was typed; ``MoneyProblem`` when it is not an amount under £1
    trillion. For a reader with its own words or rounding; most want ``pounds_parse``."""
    text = _SPACES.sub("", value).lower().replace(",", "")
    if not text:
        return None
    text = text.removeprefix("£").removesuffix("gbp").removesuffix("pounds").removesuffix("£")
    if text.startswith("-"):
        raise MoneyProblem("negative")
    multiplier = Decimal(1)
    if text.endswith(("m", "k")):
        multiplier = Decimal(1_000_000) if text.endswith("m") else Decimal(1_000)
        text = text[:-1]
        matched = _SHORTHAND.fullmatch(text) is not None and len(text) <= 20
    else:
        matched = _AMOUNT.fullmatch(text) is not None
    if not matched:
        raise MoneyProblem("not_an_amount")
    if len(text.split(".")[0].lstrip("0")) > 12:
        raise MoneyProblem("too_big")
    return Decimal(text) * multiplier


def pounds_parse(value: str, *, subject: str = "The amount") -> Decimal | None:
    """Read an amount in pounds and pence: "25000", "£25,000", "25000.50", "1.2m", "40k".

    ``subject`` starts the messages ("The estimated value must be ..."). Returns None when
    nothing was typed.
    """
    try:
        exact = pounds_read(value)
    except MoneyProblem as exc:
        raise MoneyError(money_message(exc.problem, subject)) from exc
    if exact is None:
        return None
    try:
        amount = exact.quantize(PENCE)
    except InvalidOperation as exc:  # pragma: no cover - the length check rules this out
        raise MoneyError(money_message("too_big", subject)) from exc
    if amount > MAX_POUNDS:
        raise MoneyError(money_message("too_big", subject))
    return amount


def pounds_problem(amount: Decimal | None, *, subject: str, required: bool = False) -> str | None:
    """What is wrong with an amount a service was given, or None when it may be saved.

    None counts as wrong only when ``required``. The messages are the parser's, so a form and a
    service say the same thing."""
    if amount is None:
        return money_message("missing", subject) if required else None
    if not amount.is_finite() or amount < 0:
        return money_message("negative", subject)
    if amount > MAX_POUNDS:
        return money_message("too_big", subject)
    return None


def pounds_display(amount: Decimal | None) -> str:
    """£1,250,000 for whole pounds, £1,250.50 with pence, -£3.46 below zero; "" for None.

    The amount is rounded to the penny, halves up, before it is shown."""
    if amount is None:
        return ""
    # Enough digits for any amount to keep its pence: the default 28 would refuse £10^26.
    digits = max(amount.adjusted(), 0) + 4
    pence = amount.quantize(PENCE, rounding=ROUND_HALF_UP, context=Context(prec=max(digits, 28)))
    sign = "-" if pence < 0 else ""
    pence = pence.copy_abs()  # abs() would round to the default 28 digits
    if pence == pence.to_integral_value():
        return f"{sign}£{int(pence):,}"
    return f"{sign}£{pence:,.2f}"


def pounds_as_typed(amount: Decimal | None) -> str:
    """An amount as a form shows it again for editing: 25000 or 25000.50, no symbol or commas."""
    if amount is None:
        return ""
    if amount == amount.to_integral_value():
        return str(int(amount))
    return f"{amount:.2f}"


# Text -----------------------------------------------------------------------------------------


def too_long(text: str, limit: int, *, subject: str, counted: bool = False) -> str | None:
    """ "The reason must be 500 characters or fewer" when ``text`` is longer than ``limit``;
    None when it fits. ``subject`` starts the message; numbers are written with commas.

    ``counted`` adds how long the text is (". It has 1,204"), for a form whose page counts the
    characters as the person types."""
    if len(text) <= limit:
        return None
    message = f"{subject} must be {limit:,} characters or fewer"
    return f"{message}. It has {len(text):,}" if counted else message
