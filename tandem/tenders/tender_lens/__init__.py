"""The tender lens: plain Python (no Django) that reviews tender text and returns findings.

Use ``review_text(text, whole=False, value=None)`` for free text, and ``review_snapshot(snapshot)`` for
the structured specification (the dictionary ``tandem/tenders/snapshot.py`` makes). The catalogue of
codes is in ``catalogue.py``. Both raise ``TextTooLong`` when there is more than ``MAX_CHARACTERS`` of text
to read; the lens's cost grows in proportion to the text's length (see ``patterns.py``).
"""

from tandem.tenders.tender_lens.catalogue import CATALOGUE, WHOLE_DOCUMENT_CODES
from tandem.tenders.tender_lens.finding import Finding
from tandem.tenders.tender_lens.limits import MAX_CHARACTERS, TextTooLong
from tandem.tenders.tender_lens.review import IMPLEMENTED_CODES, review_text
from tandem.tenders.tender_lens.structured import review_snapshot

__all__ = [
    "CATALOGUE",
    "IMPLEMENTED_CODES",
    "MAX_CHARACTERS",
    "WHOLE_DOCUMENT_CODES",
    "Finding",
    "TextTooLong",
    "review_snapshot",
    "review_text",
]
