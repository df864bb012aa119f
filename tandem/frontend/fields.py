"""Form fields and widgets that follow GOV.UK Design System patterns.

``GovukDateField`` asks for a date as three boxes (day, month, year), as the GOV.UK date input
pattern does, and answers mistakes with the pattern's specific messages, each naming the date
(its ``subject``), so a page with several dates says which one is wrong: "The award date must
include a month", "The award date must be a real date", "The year of the award date must include
4 numbers". The renderer in ``templatetags/govuk.py`` draws it as a GOV.UK date input and marks
only the boxes that are wrong.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.datastructures import MultiValueDict

from tandem.core.values import date_display

DATE_PARTS = ("day", "month", "year")
# The subject of a date no one named: its messages are the pattern's general ones.
UNNAMED = "Date"

# Error codes name the boxes that are wrong, so the renderer can mark just those:
# ``date_parts_month`` or ``date_parts_day_year``. A code without parts marks every box.
DATE_PARTS_CODE_PREFIX = "date_parts_"

# Plain digits 0-9 only: other scripts' digits (such as "²") are not dates.
_DIGITS = re.compile(r"[0-9]+")

_MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}


def date_error_parts(error: ValidationError) -> tuple[str, ...]:
    """Which boxes of a date input an error is about (all three when it does not say)."""
    code = error.code or ""
    if code.startswith(DATE_PARTS_CODE_PREFIX):
        parts = tuple(part for part in code[len(DATE_PARTS_CODE_PREFIX) :].split("_") if part in DATE_PARTS)
        if parts:
            return parts
    return DATE_PARTS


def _human_join(parts: Sequence[str]) -> str:
    if len(parts) == 1:
        return parts[0]
    return f"{', '.join(parts[:-1])} and {parts[-1]}"


class GovukDateInput(forms.MultiWidget):
    """Three text boxes named ``<name>_day``, ``<name>_month`` and ``<name>_year``."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            "day": forms.TextInput(attrs={"inputmode": "numeric"}),
            "month": forms.TextInput(attrs={"inputmode": "numeric"}),
            "year": forms.TextInput(attrs={"inputmode": "numeric"}),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value: Any) -> list[str | None]:
        if isinstance(value, datetime.date):
            return [str(value.day), str(value.month), str(value.year)]
        if isinstance(value, Mapping):
            return [value.get(part) for part in DATE_PARTS]
        return [None, None, None]

    def value_from_datadict(
        self, data: Mapping[str, Any] | MultiValueDict[str, Any], files: Any, name: str
    ) -> list[str | None]:
        values: list[str | None] = super().value_from_datadict(data, files, name)
        return values


class GovukDateField(forms.Field):
    """A date typed as day, month and year.

    ``subject`` names the date in every message ("The date you started must include a month",
    "The date you started must be a real date", "Enter the date you started"); use something
    like "The date you started". Without one the messages are the general ones ("Date must
    include a month", "Enter a real date"), fine for a page with one date only. A message given
    in ``error_messages`` (``required``, ``invalid`` or ``year``) is used as it is.
    """

    widget = GovukDateInput
    default_error_messages = {
        "required": "Enter a date",
        "invalid": "Enter a real date",
        "year": "Year must include 4 numbers",
    }

    def __init__(
        self,
        *,
        subject: str = "Date",
        min_value: datetime.date | None = None,
        max_value: datetime.date | None = None,
        **kwargs: Any,
    ) -> None:
        self.subject = subject
        self.min_value = min_value
        self.max_value = max_value
        given = dict(kwargs.get("error_messages") or {})
        super().__init__(**kwargs)
        if subject != UNNAMED:
            named = subject[:1].lower() + subject[1:]
            named_messages = {
                "required": f"Enter {named}",
                "invalid": f"{subject} must be a real date",
                "year": f"The year of {named} must include 4 numbers",
            }
            for code, message in named_messages.items():
                if code not in given:
                    self.error_messages[code] = message

    def prepare_value(self, value: Any) -> Any:
        return value

    def to_python(self, value: Any) -> datetime.date | None:
        if isinstance(value, datetime.date):
            return value
        if value in self.empty_values:
            return None
        if isinstance(value, str):
            # A single string (from a test client or an API) in ISO form.
            try:
                return datetime.date.fromisoformat(value.strip())
            except ValueError as error:
                raise ValidationError(self.error_messages["invalid"], code="invalid") from error
        raw = list(value)[:3] if isinstance(value, list | tuple) else []
        raw += [None] * (3 - len(raw))
        day, month, year = (str(part).strip() if part is not None else "" for part in raw)
        if not (day or month or year):
            return None
        missing = [part for part, text in zip(DATE_PARTS, (day, month, year), strict=True) if not text]
        if missing:
            raise ValidationError(
                f"{self.subject} must include a {_human_join(missing)}",
                code=DATE_PARTS_CODE_PREFIX + "_".join(missing),
            )
        wrong: list[str] = []
        day_number = int(day) if _DIGITS.fullmatch(day) and len(day) <= 2 else None
        if day_number is None:
            wrong.append("day")
        month_number: int | None
        if _DIGITS.fullmatch(month) and len(month) <= 2:
            month_number = int(month)
        else:
            month_number = _MONTH_NAMES.get(month.lower().rstrip("."))
        if month_number is None:
            wrong.append("month")
        if not (_DIGITS.fullmatch(year) and len(year) <= 4):
            wrong.append("year")
        if wrong:
            raise ValidationError(self.error_messages["invalid"], code=DATE_PARTS_CODE_PREFIX + "_".join(wrong))
        if len(year) != 4:
            raise ValidationError(self.error_messages["year"], code=DATE_PARTS_CODE_PREFIX + "year")
        assert day_number is not None and month_number is not None
        if not 1 <= month_number <= 12:
            raise ValidationError(self.error_messages["invalid"], code=DATE_PARTS_CODE_PREFIX + "month")
        try:
            return datetime.date(int(year), month_number, day_number)
        except ValueError as error:
            raise ValidationError(self.error_messages["invalid"], code=DATE_PARTS_CODE_PREFIX + "day") from error

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is None:
            return
        if self.min_value is not None and value < self.min_value:
            raise ValidationError(
                f"{self.subject} must be the same as or after {date_display(self.min_value)}",
                code="min_value",
            )
        if self.max_value is not None and value > self.max_value:
            raise ValidationError(
                f"{self.subject} must be the same as or before {date_display(self.max_value)}",
                code="max_value",
            )

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            return self.to_python(data) != self.to_python(initial)
        except ValidationError:
            return True
