"""Amounts of money in pounds, as people type them and as pages show them. No Django imports.

``pounds_parse("£1,250,000.50")`` gives ``Decimal("1250000.50")``; ``pounds_parse("")`` gives
None (nothing typed). Mistakes raise ``MoneyError`` with a message to show beside the field.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# Commission amounts are stored with 14 digits, 2 of them pence: under a trillion pounds.
MAX_POUNDS = Decimal("999999999999.99")
_SPACES = re.compile(r"\s+")
_AMOUNT = re.compile(r"([0-9]+)(?:\.([0-9]{1,2}))?")


class MoneyError(ValueError):
    """What is wrong with a typed amount, in words to show the person."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def pounds_parse(value: str, *, subject: str = "The amount") -> Decimal | None:
    """Read an amount in pounds: "25000", "£25,000", "25000.50", "1.2m", "40k".

    ``subject`` starts the messages ("The estimated value must be ..."). Returns None when
    nothing was typed.
    """
    text = _SPACES.sub("", value).lower().replace(",", "")
    if not text:
        return None
    text = text.removeprefix("£").removesuffix("gbp").removesuffix("pounds").removesuffix("£")
    if text.startswith("-"):
        raise MoneyError(f"{subject} must be £0 or more")
    multiplier = Decimal(1)
    if text.endswith(("m", "k")):
        multiplier = Decimal(1_000_000) if text.endswith("m") else Decimal(1_000)
        text = text[:-1]
        matched = re.fullmatch(r"[0-9]+(\.[0-9]+)?", text) is not None and len(text) <= 20
    else:
        matched = _AMOUNT.fullmatch(text) is not None
    if not matched:
        raise MoneyError(f"{subject} must be an amount in pounds, like 25000 or 25000.50")
    if len(text.split(".")[0].lstrip("0")) > 12:
        raise MoneyError(f"{subject} must be less than £1 trillion")
    try:
        amount = (Decimal(text) * multiplier).quantize(Decimal("0.01"))
    except InvalidOperation as exc:  # pragma: no cover - the length check above rules this out
        raise MoneyError(f"{subject} must be less than £1 trillion") from exc
    if amount > MAX_POUNDS:
        raise MoneyError(f"{subject} must be less than £1 trillion")
    return amount


def pounds_display(amount: Decimal | None) -> str:
    """£1,250,000 for whole pounds, £1,250.50 with pence; "" for None."""
    if amount is None:
        return ""
    if amount == amount.to_integral_value():
        return f"£{int(amount):,}"
    return f"£{amount:,.2f}"


def pounds_as_typed(amount: Decimal | None) -> str:
    """An amount as a form shows it again for editing: 25000 or 25000.50, no symbol or commas."""
    if amount is None:
        return ""
    if amount == amount.to_integral_value():
        return str(int(amount))
    return f"{amount:.2f}"
