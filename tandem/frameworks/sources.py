"""The source documents framework content rests on. Pure Python: no Django.

Every principle, stage, guidance point, prompt and activity cites one of these files and a
section of it. Pages show the document's title rather than its file name.
"""

from __future__ import annotations

# File name -> the document's title, as people would name it. Acronyms are written out, so the
# pages need no glossary entry for them.
SEED_DOCUMENTS: dict[str, str] = {
    "000_6fbddd7eb558c3a8.txt": "West Midlands Trauma Informed Commissioning Guidance (2024)",
    "001_c2a03f602861de7d.txt": "Plymouth Co-production Commissioning Toolkit (Changing Futures)",
    "002_8aa32778582341fd.txt": (
        "North East and North Cumbria Integrated Care System: guidance for trauma-informed mental health transformation"
    ),
    "003_e5a1c04663832076.txt": (
        "Research in Practice: evidence in commissioning, and strategic partnerships with the voluntary sector"
    ),
    "004_e699c5b1eb6dfbf4.txt": (
        "New Local Government Network, All Together Now: whole systems commissioning for councils and the "
        "voluntary sector"
    ),
}


def document_title(file: str) -> str:
    """The title of a source document, or the file name when it is not one we know."""
    return SEED_DOCUMENTS.get(file, file)
