"""What every demo account shares: the published password and how its two-factor secret is made.

Its own module so the command and the builders can both use it without importing each other.
"""

from __future__ import annotations

import base64
import hashlib

DEMO_PASSWORD = "Anyborough-demo-2026"  # noqa: S105 - published on purpose: demo accounts only


def demo_secret(email: str) -> str:
    """The fixed two-factor secret (base32) for a demo account, the same on every machine."""
    digest = hashlib.sha256(f"tandem-anyborough-demo:{email.lower()}".encode()).digest()[:20]
    return base64.b32encode(digest).decode("ascii")
