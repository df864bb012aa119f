"""Authorisation-matrix entries for the lens pages (merged in ``access.py``)."""

from __future__ import annotations

from tandem.core.testing.access import Access

ACCESS: dict[str, Access] = {}
