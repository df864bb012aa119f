"""The specification pack as a Word document (python-docx).

The commission's title uses the Title style, each part of the pack Heading 1 and each outcome,
requirement, criterion or question Heading 2, so the navigation pane and screen readers find
them. Tables have a header row that repeats on each page and a caption; the document's title (with
the version and its date), author and language are in its properties, and every page after the
title page is headed with the version and its date.
"""

from __future__ import annotations

import datetime
import io

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.table import Table

from tandem.commissions.exports.word import header_row
from tandem.tenders.exports.pack import (
    NOT_WRITTEN,
    Block,
    Bullets,
    Details,
    Grid,
    Item,
    Prose,
    Section,
    SpecificationPack,
)

GREY = RGBColor(0x50, 0x5A, 0x5F)


def _caption(table: Table, caption: str) -> None:
    """The table's title, which assistive technology reads before the table."""
    properties = table._tbl.tblPr
    element = OxmlElement("w:tblCaption")
    element.set(qn("w:val"), caption[:255])
    properties.append(element)


def _prose(document: DocumentObject, block: Prose) -> None:
    for text in block.paragraphs:
        paragraph = document.add_paragraph()
        run = paragraph.add_run(text)
        if block.missing or text == NOT_WRITTEN:
            run.italic = True
            run.font.color.rgb = GREY


def _details(document: DocumentObject, block: Details) -> None:
    for label, value in block.rows:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(2)
        paragraph.add_run(f"{label}: ").bold = True
        run = paragraph.add_run(value)
        if value == NOT_WRITTEN:
            run.italic = True
            run.font.color.rgb = GREY


def _grid(document: DocumentObject, block: Grid) -> None:
    document.add_paragraph().add_run(block.caption).bold = True
    table = document.add_table(rows=1, cols=len(block.headers))
    table.style = "Table Grid"
    for cell, heading in zip(table.rows[0].cells, block.headers, strict=True):
        cell.text = heading
    header_row(table)
    _caption(table, block.caption)
    for row in block.rows:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = value
    if block.foot:
        for cell, value in zip(table.add_row().cells, block.foot, strict=True):
            cell.text = value
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.bold = True
    document.add_paragraph()


def _bullets(document: DocumentObject, block: Bullets) -> None:
    document.add_paragraph(block.intro)
    for text in block.items:
        document.add_paragraph(text, style="List Bullet")


def _block(document: DocumentObject, block: Block) -> None:
    if isinstance(block, Prose):
        _prose(document, block)
    elif isinstance(block, Details):
        _details(document, block)
    elif isinstance(block, Grid):
        _grid(document, block)
    else:
        _bullets(document, block)


def _section(document: DocumentObject, section: Section) -> None:
    document.add_heading(section.heading, level=1)
    for block in section.blocks:
        if isinstance(block, Item):
            document.add_heading(block.heading, level=2)
            for inner in block.blocks:
                _block(document, inner)
        else:
            _block(document, block)


def _title_page(document: DocumentObject, pack: SpecificationPack) -> None:
    document.add_paragraph("Service specification")
    document.add_heading(pack.title, level=0)
    for label, value in (
        ("Lead funder", pack.lead_funder or NOT_WRITTEN),
        ("Service area", pack.service_area),
        ("Version", pack.edition.label),
        ("Status", pack.edition.status),
        ("Made on", pack.edition.made_display),
    ):
        if value:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{label}: ").bold = True
            paragraph.add_run(value)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def pack_docx(pack: SpecificationPack) -> bytes:
    document = Document()
    properties = document.core_properties
    properties.title = pack.document_title[:255]
    properties.author = pack.lead_funder[:255]
    properties.subject = pack.subject[:255]
    properties.language = "en-GB"
    made = datetime.datetime.combine(pack.edition.made_on, datetime.time())
    properties.created = made
    properties.modified = made
    properties.last_modified_by = "Tandem"
    properties.comments = ""
    properties.revision = 1
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "en-GB")
    normal.element.get_or_add_rPr().append(language)
    page = document.sections[0]
    page.different_first_page_header_footer = True  # the title page says it in full
    head = page.header.paragraphs[0]
    head.text = pack.running_head[:255]
    for run in head.runs:
        run.font.size = Pt(9)
        run.font.color.rgb = GREY
    _title_page(document, pack)
    for section in pack.sections:
        _section(document, section)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
