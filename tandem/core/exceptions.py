from __future__ import annotations


class ApplicationError(Exception):
    """A business rule said no. The message is shown to the person, so write it plainly.

    ``field`` names the form field the message belongs beside, when there is one.
    """

    def __init__(self, message: str, *, field: str | None = None, extra: dict[str, object] | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.extra = extra or {}


class PermissionDenied(ApplicationError):
    """Raised by services when a permission check refuses; carries the reason."""
