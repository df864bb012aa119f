"""Word documents made byte by byte for the tests: ordinary ones, and the hostile ones from issue 8.

``zip_bytes`` writes a zip by hand, so a test can state sizes the content does not have and build a
part that unpacks to a gigabyte from about a megabyte without ever holding the gigabyte: a chunk
compressed after a full flush always compresses to the same bytes, so those bytes are repeated.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCUMENT_START = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}"><w:body>'
DOCUMENT_END = "</w:body></w:document>"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
RELATIONSHIPS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)


@dataclass(frozen=True)
class Repeated:
    """``start``, then ``chunk`` ``times`` over, then ``end``: a part far larger unpacked than packed."""

    start: bytes
    chunk: bytes
    times: int
    end: bytes

    @property
    def size(self) -> int:
        return len(self.start) + len(self.chunk) * self.times + len(self.end)

    def packed(self) -> tuple[bytes, int]:
        """The raw deflate stream and the CRC-32 of what it unpacks to."""
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        head = compressor.compress(self.start) + compressor.flush(zlib.Z_FULL_FLUSH)
        block = compressor.compress(self.chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
        again = compressor.compress(self.chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
        assert block == again, "a chunk after a full flush compresses the same way each time"
        tail = compressor.compress(self.end) + compressor.flush()
        crc = zlib.crc32(self.start)
        for _ in range(self.times):
            crc = zlib.crc32(self.chunk, crc)
        return head + block * self.times + tail, zlib.crc32(self.end, crc)


@dataclass(frozen=True)
class Member:
    name: str
    content: bytes | Repeated
    declared_size: int | None = None  # what the zip says it unpacks to, when that should be a lie


def zip_bytes(members: list[Member]) -> bytes:
    """A zip of deflated members, with each member's declared size as given (true unless stated)."""
    local, central = bytearray(), bytearray()
    for member in members:
        if isinstance(member.content, Repeated):
            packed, crc = member.content.packed()
            size = member.content.size
        else:
            compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
            packed = compressor.compress(member.content) + compressor.flush()
            crc, size = zlib.crc32(member.content), len(member.content)
        declared = size if member.declared_size is None else member.declared_size
        name = member.name.encode()
        fields = (20, 0, 8, 0, 0x21, crc, len(packed), declared, len(name))
        central += struct.pack("<IH", 0x02014B50, 20) + struct.pack("<HHHHHIIIH", *fields)
        central += struct.pack("<HHHHII", 0, 0, 0, 0, 0, len(local)) + name
        local += struct.pack("<I", 0x04034B50) + struct.pack("<HHHHHIIIH", *fields) + struct.pack("<H", 0)
        local += name + packed
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), len(local), 0)
    return bytes(local + central + end)


def word_package(document: bytes | Repeated, *extra: Member, declared_size: int | None = None) -> bytes:
    """A .docx python-docx can open: content types, the package's relationships and ``document``."""
    return zip_bytes(
        [
            Member("[Content_Types].xml", CONTENT_TYPES.encode()),
            Member("_rels/.rels", RELATIONSHIPS.encode()),
            Member("word/document.xml", document, declared_size),
            *extra,
        ]
    )


def body(xml: str) -> bytes:
    return (DOCUMENT_START + xml + DOCUMENT_END).encode()


def paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


# The attacks from issue 8, item 3, each at the size the issue gives.


def unpacks_to_a_gigabyte() -> bytes:
    """About 1 MB that unpacks to 1 GB: the document's part is a short paragraph and then spaces."""
    start = (DOCUMENT_START + paragraph("A short specification.")).encode()
    return word_package(Repeated(start, b" " * (1024 * 1024), 1024, DOCUMENT_END.encode()))


def fifty_megabytes_of_paragraphs(declared_size: int | None = None) -> bytes:
    """Well under 2 MB that unpacks to 50 MB of paragraph XML, each paragraph a full sentence."""
    sentences = [paragraph(f"The provider will run weekly groups for {n} people.") for n in range(20)]
    chunk = ("".join(sentences) * 1000).encode()
    times = 50 * 1024 * 1024 // len(chunk)
    return word_package(
        Repeated(DOCUMENT_START.encode(), chunk, times, DOCUMENT_END.encode()), declared_size=declared_size
    )


def a_cell_spanning_a_million_columns() -> bytes:
    """Under a kilobyte: one table cell that says it spans 1,000,000 grid columns."""
    cell = '<w:tc><w:tcPr><w:gridSpan w:val="1000000"/></w:tcPr><w:p><w:r><w:t>Quality</w:t></w:r></w:p></w:tc>'
    return word_package(body(f"<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr>{cell}</w:tr></w:tbl>"))


def rows_merged_down(rows: int = 3000) -> bytes:
    """A table whose first cell starts a vertical merge that the next ``rows - 1`` rows continue."""
    first = (
        '<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>Outreach</w:t></w:r></w:p></w:tc>'
        "<w:tc><w:p><w:r><w:t>Row 0</w:t></w:r></w:p></w:tc></w:tr>"
    )
    more = "".join(
        f"<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc>{paragraph(f'Row {n}')}</w:tc></w:tr>"
        for n in range(1, rows)
    )
    return word_package(body(f"<w:tbl>{first}{more}</w:tbl>"))
