"""The shape every permission check returns: whether it is allowed, and why not."""

from __future__ import annotations

from dataclasses import dataclass

from tandem.core.exceptions import PermissionDenied


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed

    @classmethod
    def allow(cls) -> Decision:
        return cls(True, "")

    @classmethod
    def deny(cls, reason: str) -> Decision:
        return cls(False, reason)

    def require(self) -> None:
        """Raise PermissionDenied with the reason when not allowed (for services)."""
        if not self.allowed:
            raise PermissionDenied(self.reason)


SIGN_IN_REASON = "You need to sign in to see this page."
