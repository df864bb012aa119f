"""Charity and company numbers, org-id identifiers, income and size bands.

Pure Python: no Django imports, so these rules can be tested on their own.

Registers and their org-id.guide schemes:

* England and Wales charities (Charity Commission): 6 to 8 digits, sometimes with a
  subsidiary suffix such as ``1053467-2``. Shown as ``GB-CHC-1053467``.
* Scottish charities (OSCR): ``SC`` and 6 digits. Shown as ``GB-SC-SC012345``.
* Northern Ireland charities (CCNI): ``NIC`` and 6 digits (older records: ``NI`` and 5 or 6
  digits). Shown as ``GB-NIC-100002``.
* Companies House: 8 characters: 8 digits (shorter numbers are written with leading zeros), or
  a 2-character prefix and 6 digits. Shown as ``GB-COH-01234567``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from tandem.core.values import MoneyProblem, pounds_display, pounds_read

CHARITY_NUMBER_MESSAGE = "Enter a charity number like 1234567 or SC012345"
COMPANY_NUMBER_MESSAGE = "Enter a company number like 01234567 or SC123456"
INCOME_MESSAGE = "Enter annual income as a number of pounds, like 25000"
INCOME_NEGATIVE_MESSAGE = "Annual income must be £0 or more"
INCOME_TOO_LARGE_MESSAGE = "Annual income must be less than £1 trillion"
# What ``pounds_read`` found wrong, in the words the organisation form uses.
_INCOME_MESSAGES = {
    "negative": INCOME_NEGATIVE_MESSAGE,
    "not_an_amount": INCOME_MESSAGE,
    "too_big": INCOME_TOO_LARGE_MESSAGE,
}

# Companies House prefixes for the 2-character part of a company number.
COMPANY_PREFIXES = frozenset(
    {
        "AC", "BR", "CE", "CS", "FC", "FE", "GE", "GN", "GS", "IC", "IP", "LP", "NA", "NC", "NF",
        "NI", "NL", "NO", "NP", "NR", "NV", "NZ", "OC", "OE", "R0", "RC", "RS", "SA", "SC", "SE",
        "SF", "SG", "SI", "SL", "SO", "SP", "SR", "SZ", "ZC",
    }
)  # fmt: skip

MAX_INCOME = 10**12

_SPACES = re.compile(r"[\s\u00a0]+")
_EW_CHARITY = re.compile(r"(?P<main>\d{6,8})(?:-(?P<sub>\d{1,3}))?")
_SC_CHARITY = re.compile(r"SC(?P<digits>\d{6})")
_NI_CHARITY = re.compile(r"NIC(?P<digits>\d{6})|NI(?P<old>\d{5,6})")
_COMPANY_DIGITS = re.compile(r"\d{1,8}")
_COMPANY_PREFIXED = re.compile(r"(?P<prefix>[A-Z][A-Z0-9])(?P<digits>\d{1,6})")


class IdentifierError(ValueError):
    """The value is not in a format the register uses. ``message`` is shown beside the field."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Identifier:
    """A registered number in its tidy form, and the org-id it gives."""

    scheme: str  # org-id.guide list code, such as "GB-CHC"
    registered_number: str  # as the register writes it, such as "1053467-2"
    org_id: str  # such as "GB-CHC-1053467"

    @property
    def register_name(self) -> str:
        return REGISTER_NAMES[self.scheme]

    @property
    def number_name(self) -> str:
        """What people call the number: "Company number" or "Charity number". The org-id is for
        data exports and open data, not for pages."""
        return "Company number" if self.scheme == "GB-COH" else "Charity number"


REGISTER_NAMES = {
    "GB-CHC": "Charity Commission for England and Wales",
    "GB-SC": "Scottish Charity Regulator",
    "GB-NIC": "Charity Commission for Northern Ireland",
    "GB-COH": "Companies House",
}


def _squash(value: str) -> str:
    """Upper case, with spaces and any org-id prefix taken off."""
    text = _SPACES.sub("", value).upper()
    for scheme in ("GB-CHC-", "GB-SC-", "GB-NIC-", "GB-COH-"):
        if text.startswith(scheme):
            text = text[len(scheme) :]
            # "GB-NIC-100002" carries the bare digits.
            if scheme == "GB-NIC-" and text.isdigit():
                text = f"NIC{text}"
            break
    return text


def charity_number_parse(value: str) -> Identifier:
    """Check a charity number from any UK register and return it tidied, with its org-id.

    Raises IdentifierError with a message for the person when the format is wrong.
    """
    text = _squash(value)
    if not text:
        raise IdentifierError(CHARITY_NUMBER_MESSAGE)
    if match := _EW_CHARITY.fullmatch(text):
        main = match["main"]
        sub = match["sub"]
        registered = f"{main}-{int(sub)}" if sub is not None else main
        return Identifier("GB-CHC", registered, f"GB-CHC-{main}")
    if match := _SC_CHARITY.fullmatch(text):
        registered = f"SC{match['digits']}"
        return Identifier("GB-SC", registered, f"GB-SC-{registered}")
    if match := _NI_CHARITY.fullmatch(text):
        digits = match["digits"] or match["old"]
        # Current numbers are NIC and 6 digits; a 5-digit number keeps its older NI form.
        registered = f"NIC{digits}" if len(digits) == 6 else f"NI{digits}"
        return Identifier("GB-NIC", registered, f"GB-NIC-{digits}")
    if text.startswith("SC"):
        raise IdentifierError("A Scottish charity number is SC followed by 6 digits, like SC012345")
    if text.startswith("NI"):
        raise IdentifierError("A Northern Ireland charity number is NIC followed by 6 digits, like NIC100002")
    if text.isdigit():
        raise IdentifierError("A charity number in England and Wales has 6 to 8 digits, like 1234567")
    raise IdentifierError(CHARITY_NUMBER_MESSAGE)


def company_number_parse(value: str) -> Identifier:
    """Check a Companies House number and return it as 8 characters, with its org-id."""
    text = _squash(value)
    if not text:
        raise IdentifierError(COMPANY_NUMBER_MESSAGE)
    if _COMPANY_DIGITS.fullmatch(text):
        number = text.zfill(8)
        return Identifier("GB-COH", number, f"GB-COH-{number}")
    if match := _COMPANY_PREFIXED.fullmatch(text):
        prefix = match["prefix"]
        if prefix not in COMPANY_PREFIXES:
            raise IdentifierError(
                f"{prefix} is not a Companies House prefix. Check the number on your certificate of incorporation"
            )
        number = f"{prefix}{match['digits'].zfill(6)}"
        return Identifier("GB-COH", number, f"GB-COH-{number}")
    if text.isdigit():
        raise IdentifierError("A company number has 8 digits, like 01234567")
    raise IdentifierError(COMPANY_NUMBER_MESSAGE)


def charity_org_id(registered_number: str) -> str:
    """The org-id for a charity number already stored in its tidy form ("" when not valid)."""
    try:
        return charity_number_parse(registered_number).org_id
    except IdentifierError:
        return ""


def company_org_id(registered_number: str) -> str:
    try:
        return company_number_parse(registered_number).org_id
    except IdentifierError:
        return ""


# Size bands by annual income (NCVO Almanac bands). Each band runs from its floor up to, but not
# including, the next band's floor. The values match organisations.models.SizeBand.
SIZE_BAND_FLOORS: tuple[tuple[int, str], ...] = (
    (100_000_000, "super_major"),
    (10_000_000, "major"),
    (1_000_000, "large"),
    (100_000, "medium"),
    (10_000, "small"),
    (0, "micro"),
)


def size_band_for_income(income: int) -> str:
    """The size band for an annual income in whole pounds."""
    if income < 0:
        raise ValueError("Income cannot be negative")
    for floor, band in SIZE_BAND_FLOORS:
        if income >= floor:
            return band
    raise AssertionError("unreachable: the lowest floor is 0")


def income_parse(value: str) -> int | None:
    """Read an annual income typed by a person: "£25,000", "25000", "25000.00", "1.2m", "40k".

    Returns whole pounds (pence rounded to the nearest pound), or None when left blank.
    """
    try:
        exact = pounds_read(value)
    except MoneyProblem as exc:
        raise IdentifierError(_INCOME_MESSAGES[exc.problem]) from exc
    if exact is None:
        return None
    pounds = int(exact.quantize(Decimal(1)))
    if pounds >= MAX_INCOME:
        raise IdentifierError(INCOME_TOO_LARGE_MESSAGE)
    return pounds


def income_display(income: int) -> str:
    return pounds_display(Decimal(income))
