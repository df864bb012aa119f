"""read_document: the text of a .txt, .md or .docx file, or a plain reason why not (no Django)."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.tenders.documents import MAX_BYTES, DocumentError, read_document


def docx_bytes(*paragraphs: str, table: list[list[str]] | None = None) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_text_and_markdown_are_read_as_utf8_with_plain_line_ends():
    assert read_document("a.txt", "caf\u00e9\r\nbar".encode()) == "caf\u00e9\nbar"
    assert read_document("notes.MD", "\ufeff# Heading\n".encode()) == "# Heading\n"


def test_word_paragraphs_and_tables_are_read():
    data = docx_bytes("Service specification", "The provider will run groups.", table=[["Quality", "60%"]])
    # Word paragraphs stay paragraphs, and table rows are read as rows.
    assert (
        read_document("spec.docx", data) == "Service specification\n\nThe provider will run groups.\n\n| Quality | 60%"
    )


def _damaged_docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a word document")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("notes.pdf", b"%PDF-1.7", "notes.pdf is not a .txt, .md or .docx file."),
        ("noextension", b"words", "noextension is not a .txt, .md or .docx file."),
        ("fake.docx", b"just some text", "fake.docx is not a Word (.docx) document."),
        ("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "old.docx is an older Word (.doc) file."),
        ("broken.docx", b"PK\x03\x04 not really a zip", "broken.docx could not be read as a Word document."),
        ("other.docx", _damaged_docx(), "other.docx could not be read as a Word document."),
        ("binary.txt", b"PK\x03\x04\x00\x00binary", "binary.txt is not a plain text file."),
        ("nul.md", b"abc\x00def", "nul.md is not a plain text file."),
        ("latin.txt", "caf\u00e9".encode("latin-1"), "latin.txt is not UTF-8 text."),
        ("big.txt", b"a" * (MAX_BYTES + 1), "big.txt is larger than 2 MB."),
        ("empty.txt", b"", "empty.txt is empty."),
        ("blank.md", b" \n\t ", "blank.md is empty."),
        ("nothing.docx", docx_bytes(""), "nothing.docx has no text in it."),
        ("C:\\Users\\me\\secret.pdf", b"%PDF", "secret.pdf is not a .txt, .md or .docx file."),
    ],
)
def test_bad_documents_give_a_plain_message(name, data, message):
    with pytest.raises(DocumentError) as error:
        read_document(name, data)
    assert error.value.message.startswith(message)
    assert str(error.value) == error.value.message


@settings(max_examples=150, deadline=None)
@given(
    name=st.sampled_from(["a.txt", "b.md", "c.docx", "d.rtf", ""]) | st.text(max_size=20), data=st.binary(max_size=300)
)
def test_any_bytes_give_text_or_a_document_error(name, data):
    try:
        text = read_document(name, data)
    except DocumentError as error:
        assert error.message
    else:
        assert isinstance(text, str) and text.strip()
