from __future__ import annotations

from tandem.core.testing.access import Access, everyone

ACCESS = {
    "glossary:index": Access(expect=everyone(200), note="Public: the glossary helps people before they sign in."),
}
