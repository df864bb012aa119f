"""The tender lens: plain Python (no Django) that reviews tender text and returns findings.

Use ``review_text(text, whole=False, value=None)`` for free text, and ``review_snapshot(snapshot)`` for
the structured specification (the dictionary ``tandem/tenders/snapshot.py`` makes). The catalogue of
codes is in ``catalogue.py``.
"""

from tandem.tenders.lens.catalogue import CATALOGUE, WHOLE_DOCUMENT_CODES
from tandem.tenders.lens.finding import Finding
from tandem.tenders.lens.review import IMPLEMENTED_CODES, review_text
from tandem.tenders.lens.structured import review_snapshot

__all__ = ["CATALOGUE", "IMPLEMENTED_CODES", "WHOLE_DOCUMENT_CODES", "Finding", "review_snapshot", "review_text"]
