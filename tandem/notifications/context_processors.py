from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

from tandem.notifications.selectors import notification_unread_count


class LazyCount:
    """A number worked out the first time a template uses it, then remembered.

    Behaves like an int in templates: ``{{ n }}``, ``{% if n %}``, ``{% if n > 9 %}``,
    ``{{ n|pluralize }}``, ``{{ n|add:1 }}``.
    """

    def __init__(self, compute: Callable[[], int]) -> None:
        self._compute = compute
        self._value: int | None = None

    @property
    def value(self) -> int:
        if self._value is None:
            self._value = self._compute()
        return self._value

    def __int__(self) -> int:
        return self.value

    def __index__(self) -> int:
        return self.value

    def __float__(self) -> float:
        return float(self.value)

    def __bool__(self) -> bool:
        return bool(self.value)

    def __str__(self) -> str:
        return str(self.value)

    def __repr__(self) -> str:
        return f"LazyCount({self._value if self._value is not None else '…'})"

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)

    def __hash__(self) -> int:
        return hash(self.value)

    def __eq__(self, other: object) -> bool:
        return self.value == (int(other) if isinstance(other, LazyCount) else other)

    def __lt__(self, other: Any) -> bool:
        return self.value < int(other)

    def __le__(self, other: Any) -> bool:
        return self.value <= int(other)

    def __gt__(self, other: Any) -> bool:
        return self.value > int(other)

    def __ge__(self, other: Any) -> bool:
        return self.value >= int(other)


def unread(request: HttpRequest) -> dict[str, Any]:
    """``unread_notification_count``: counted only if a template uses it, never for anonymous people."""
    return {"unread_notification_count": LazyCount(lambda: notification_unread_count(getattr(request, "user", None)))}
