from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied


class ApplicationError(Exception):
    """A business rule said no. The message is shown to the person, so write it plainly.

    ``field`` names the form field the message belongs beside, when there is one. A check that
    finds several things wrong at once (each wrong line of a list) gives the rest as ``more``, so
    people can fix them all in one go; ``messages`` is every one, ``message`` first.
    """

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        extra: dict[str, object] | None = None,
        more: Sequence[str] = (),
    ):
        super().__init__(message)
        self.message = message
        self.field = field
        self.extra = extra or {}
        self.messages: tuple[str, ...] = (message, *more)


class PermissionDenied(DjangoPermissionDenied):
    """Raised by services and selectors when a permission check refuses; carries the reason.

    It is Django's own refusal, so it is never an ``ApplicationError``: a view that shows business
    rule messages beside fields (``except ApplicationError``) lets it through, and Django answers
    with the 403 page (``tandem.frontend.errors.forbidden``) showing ``message``. Views never catch
    it.
    """

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
