"""Reading a document someone gives the tender lens: .txt, .md or .docx, at most 2 MB.

Plain Python (no Django), shared by the ``tender_lens`` command and the lens page. ``read_document``
returns the text or raises ``DocumentError`` with a plain message that can be shown as it is. The type
is checked both by name and by content, so a renamed file is caught.
"""

from __future__ import annotations

import io
import zipfile

MAX_BYTES = 2 * 1024 * 1024
SUFFIXES = (".docx", ".txt", ".md")
_ZIP = b"PK\x03\x04"
_BINARY_STARTS = (_ZIP, b"%PDF", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"{\\rtf")


class DocumentError(Exception):
    """A document the lens cannot read. ``message`` is plain English, ready to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def suffix_of(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


def read_document(name: str, data: bytes) -> str:
    """The text of a .txt, .md or .docx file called ``name`` with contents ``data``."""
    display = name.replace("\\", "/").rsplit("/", 1)[-1] or "The file"
    suffix = suffix_of(display)
    if suffix not in SUFFIXES:
        raise DocumentError(f"{display} is not a .txt, .md or .docx file.")
    if len(data) > MAX_BYTES:
        raise DocumentError(f"{display} is larger than 2 MB.")
    if not data.strip():
        raise DocumentError(f"{display} is empty.")
    text = _docx_text(display, data) if suffix == ".docx" else _plain_text(display, data)
    if not text.strip():
        raise DocumentError(f"{display} has no text in it.")
    return text


def _plain_text(display: str, data: bytes) -> str:
    if b"\x00" in data or data.startswith(_BINARY_STARTS):
        raise DocumentError(f"{display} is not a plain text file.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DocumentError(f"{display} is not UTF-8 text. Save it as UTF-8 and try again.") from error
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _docx_text(display: str, data: bytes) -> str:
    damaged = f"{display} could not be read as a Word document. It may be damaged."
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise DocumentError(f"{display} is an older Word (.doc) file. Save it as .docx and try again.")
    if not data.startswith(_ZIP):
        raise DocumentError(f"{display} is not a Word (.docx) document.")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise DocumentError(damaged)
    import docx  # python-docx, only needed here

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises assorted errors (KeyError, ValueError, lxml's) on damaged files
        raise DocumentError(damaged) from error
    # Each Word paragraph is a paragraph of its own (a title, a label line, a heading), so they are
    # kept apart by a blank line: run together, short lines read as one long sentence. Each table
    # row is a line starting with "|", which the lens reads as a row, not as prose.
    blocks = [paragraph.text.strip() for paragraph in document.paragraphs if paragraph.text.strip()]
    for table in document.tables:
        rows = ["| " + " | ".join(cell.text.strip() for cell in row.cells) for row in table.rows]
        blocks.append("\n".join(rows))
    return "\n\n".join(blocks)
