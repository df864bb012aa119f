"""Authorisation-matrix entries for the core app's URLs (drafts)."""

from __future__ import annotations

from tandem.core.testing.access import Access, signed_in

ACCESS = {
    "drafts:save": Access(
        method="post",
        data=lambda ctx: {"draft_path": "/accounts/", "about": "What I was typing"},
        expect=signed_in(204, anonymous=401),
        note="anonymous: 401 with a JSON message, as autosave.js calls it with fetch",
    ),
}
