"""Reading a document someone gives the tender lens: .txt, .md or .docx, at most 2 MB.

Plain Python (no Django), shared by the ``tender_lens`` command and the lens page. ``read_document``
returns the text or raises ``DocumentError`` with a plain message that can be shown as it is. The type
is checked both by name and by content, so a renamed file is caught.

A .docx is a zip of XML parts, and a small one can unpack to something huge, so the work it can cause
is bounded at every step (docs/decisions/0010-reading-word-documents-within-bounds.md): the number of
parts and each part's declared size and compression ratio are checked before anything is unpacked;
the two parts read are unpacked in chunks through a stream that stops at a byte limit whatever the
zip declares; the document's XML is read by a streaming parser that refuses DTDs and entities, keeps
no tree, never recurses, reads each table cell once however many columns or rows it spans, and stops
as soon as the text passes the lens's character cap, which applies to every kind of file.
"""

from __future__ import annotations

import io
import posixpath
import struct
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO, NoReturn
from xml.parsers import expat

from tandem.tenders.tender_lens.limits import MAX_CHARACTERS

MAX_BYTES = 2 * 1024 * 1024
SUFFIXES = (".docx", ".txt", ".md")
# A Word document has a few dozen parts, a few hundred with many pictures.
MAX_MEMBERS = 1_000
# No part of a real document under 2 MB unpacks to more than this; the largest Word writes for
# 300,000 characters (run by run, with formatting) is a few MB.
MAX_PART_BYTES = 16 * 1024 * 1024
# Word's XML shrinks about tenfold; a hundredfold is allowed for very repetitive parts over 1 MB.
MAX_RATIO = 100
_RATIO_FROM_BYTES = 1024 * 1024
MAX_RELATIONSHIP_BYTES = 1024 * 1024
_CHUNK = 64 * 1024

_ZIP = b"PK\x03\x04"
_BINARY_STARTS = (_ZIP, b"%PDF", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"{\\rtf")
_WORD_NAMESPACES = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",  # Strict Open XML
)
_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_MAIN_DOCUMENT = "/officeDocument"  # how the package relationship to the main part ends, in both flavours


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
    if len(text) > MAX_CHARACTERS:
        raise _too_long(display, len(text))
    if not text.strip():
        raise DocumentError(f"{display} has no text in it.")
    return text


def _too_long(display: str, length: int | None = None) -> DocumentError:
    amount = f"{length:,} characters" if length is not None else f"more than {MAX_CHARACTERS:,} characters"
    return DocumentError(
        f"{display} has {amount} of text. The tender lens reads at most {MAX_CHARACTERS:,} at once, "
        "so check it in parts."
    )


def _plain_text(display: str, data: bytes) -> str:
    if b"\x00" in data or data.startswith(_BINARY_STARTS):
        raise DocumentError(f"{display} is not a plain text file.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DocumentError(f"{display} is not UTF-8 text. Save it as UTF-8 and try again.") from error
    return text.replace("\r\n", "\n").replace("\r", "\n")


class _Refused(Exception):
    """Raised inside the reader to stop it; ``read_document`` turns it into a DocumentError."""


class _TooMuchText(_Refused):
    pass


class _TooBig(_Refused):
    pass


class _NotWord(_Refused):
    pass


# What a damaged or hostile zip can make the standard library raise while it is read.
_UNREADABLE = (
    zipfile.BadZipFile,
    struct.error,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,  # zipfile's answer to a compression method it does not support
    RuntimeError,
)


def _docx_text(display: str, data: bytes) -> str:
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise DocumentError(f"{display} is an older Word (.doc) file. Save it as .docx and try again.")
    if not data.startswith(_ZIP):
        raise DocumentError(f"{display} is not a Word (.docx) document.")
    damaged = DocumentError(f"{display} could not be read as a Word document. It may be damaged.")
    too_big = DocumentError(
        f"{display} is too big for the lens to open. Try saving it again from Word, or paste the text instead."
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_members(archive)
            return _WordText(_open(archive, _main_part(archive), MAX_PART_BYTES)).read()
    except _TooMuchText:
        raise _too_long(display) from None
    except _TooBig:
        raise too_big from None
    except _NotWord:
        raise DocumentError(f"{display} is not a Word (.docx) document.") from None
    except (_Refused, expat.ExpatError, *_UNREADABLE):
        raise damaged from None


def _check_members(archive: zipfile.ZipFile) -> None:
    """Refuse a zip with too many parts, or any part that says it unpacks too far, before unpacking any."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise _TooBig
    for member in members:
        if member.file_size > MAX_PART_BYTES:
            raise _TooBig
        if member.file_size > _RATIO_FROM_BYTES and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise _TooBig


def _open(archive: zipfile.ZipFile, name: str, limit: int) -> _Bounded:
    try:
        member = archive.getinfo(name)
    except KeyError:
        raise _Refused from None
    if member.flag_bits & 0x1 or member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise _Refused  # encrypted, or packed in a way Word never uses
    return _Bounded(archive.open(member), limit)


class _Bounded:
    """A zip member read in chunks, refusing to give more than ``limit`` bytes whatever the zip declares."""

    def __init__(self, stream: IO[bytes], limit: int) -> None:
        self._stream = stream
        self._left = limit

    def __iter__(self) -> Iterator[bytes]:
        while chunk := self._stream.read(min(_CHUNK, self._left + 1)):
            self._left -= len(chunk)
            if self._left < 0:
                raise _TooBig
            yield chunk


def _refuse(*_: object) -> NoReturn:
    raise _Refused


def _safe_parser() -> expat.XMLParserType:
    """An expat parser with namespaces, that refuses any DTD, so no entity can be declared or expanded."""
    parser = expat.ParserCreate(namespace_separator=" ")

    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse
    parser.buffer_text = True
    return parser


def _main_part(archive: zipfile.ZipFile) -> str:
    """The name of the main document part, from the package's relationships (word/document.xml as a rule)."""
    targets: list[str] = []

    def start(name: str, attributes: dict[str, str]) -> None:
        if name == f"{_RELATIONSHIPS} Relationship" and attributes.get("Type", "").endswith(_MAIN_DOCUMENT):
            targets.append(attributes.get("Target", ""))

    try:
        stream = _open(archive, "_rels/.rels", MAX_RELATIONSHIP_BYTES)
    except _Refused:
        return "word/document.xml"
    parser = _safe_parser()
    parser.StartElementHandler = start
    for chunk in stream:
        parser.Parse(chunk, False)
    parser.Parse(b"", True)
    if not targets:
        return "word/document.xml"
    return posixpath.normpath("/" + targets[0]).lstrip("/")


class _WordText:
    """The text of a Word document's main part, read as a stream of XML events.

    Each paragraph outside a table is a block; each table is a block of rows, one line each, starting
    "| " with the cells joined by " | ". A cell's text is read once, in its place: a cell spanning
    several columns (``w:gridSpan``) is not repeated, and a cell that continues a merge from the row
    above (``w:vMerge``) is empty, because its words were read in that row. Text in a nested table
    belongs to the outer table's cell; text boxes and deleted text are left out, as python-docx did.
    """

    def __init__(self, source: _Bounded) -> None:
        self._source = source
        self._ns = ""
        self._started = False
        self._paragraph_depth = 0
        self._table_depth = 0
        self._in_text = 0
        self._in_cell = False
        self._continues_merge = False
        self._paragraph: list[str] = []
        self._paragraph_length = 0
        self._cell: list[str] = []
        self._row: list[str] | None = None
        self._rows: list[str] = []
        self._blocks: list[str] = []
        self._length = 0  # characters emitted so far, counting the separators

    def read(self) -> str:
        parser = _safe_parser()
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._characters
        for chunk in self._source:
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
        return "\n\n".join(self._blocks)

    def _grow(self, amount: int) -> None:
        """Count ``amount`` more characters of output; stop once it (with the paragraph being read) passes the cap."""
        self._length += amount
        if self._length + self._paragraph_length > MAX_CHARACTERS:
            raise _TooMuchText

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        if not self._started:
            self._started = True
            namespace, _, local = name.rpartition(" ")
            if namespace not in _WORD_NAMESPACES or local != "document":
                raise _NotWord
            self._ns = namespace + " "
            return
        if not name.startswith(self._ns):
            return
        local = name[len(self._ns) :]
        if local == "p":
            self._paragraph_depth += 1
        elif self._paragraph_depth == 1 and local in ("t", "tab", "br", "cr", "noBreakHyphen", "ptab"):
            if local == "t":
                self._in_text += 1
            else:
                self._add_text("-" if local == "noBreakHyphen" else "\t" if local in ("tab", "ptab") else "\n")
        elif local == "tbl":
            self._table_depth += 1
        elif self._table_depth != 1:
            return
        elif local == "tr":
            self._row = []
        elif local == "tc":
            self._in_cell, self._continues_merge, self._cell = True, False, []
        elif local == "vMerge" and self._in_cell:
            self._continues_merge = attributes.get(self._ns + "val", "continue") != "restart"

    def _characters(self, data: str) -> None:
        if self._in_text and self._paragraph_depth == 1:
            self._add_text(data)

    def _add_text(self, data: str) -> None:
        self._paragraph.append(data)
        self._paragraph_length += len(data)
        self._grow(0)

    def _end(self, name: str) -> None:
        if not name.startswith(self._ns):
            return
        local = name[len(self._ns) :]
        if local == "p":
            self._paragraph_depth -= 1
            if self._paragraph_depth == 0:
                self._end_paragraph()
        elif local == "t" and self._in_text:
            self._in_text -= 1
        elif local == "tbl" and self._table_depth:
            self._table_depth -= 1
            if self._table_depth == 0:
                self._end_table()
        elif self._table_depth != 1:
            return
        elif local == "tc" and self._in_cell:
            self._in_cell = False
            if self._row is None:
                return
            if self._continues_merge:
                self._grow(-len("\n".join(self._cell)))  # counted as it came, but read in the row above
                self._cell = []
            self._grow(3 if self._row else 0)
            self._row.append("\n".join(self._cell))
        elif local == "tr" and self._row is not None:
            self._grow(2 + (1 if self._rows else 2 if self._blocks else 0))
            self._rows.append("| " + " | ".join(self._row))
            self._row = None

    def _end_paragraph(self) -> None:
        text = "".join(self._paragraph).strip()
        self._paragraph, self._paragraph_length, self._in_text = [], 0, 0
        if not text:
            return
        if not self._table_depth:
            self._grow(len(text) + (2 if self._blocks else 0))
            self._blocks.append(text)
        elif self._in_cell:
            self._grow(len(text) + (1 if self._cell else 0))
            self._cell.append(text)

    def _end_table(self) -> None:
        if self._rows:
            self._blocks.append("\n".join(self._rows))
        self._rows, self._row, self._in_cell = [], None, False
