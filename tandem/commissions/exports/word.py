"""The reflection log as a Word document (python-docx).

Real Heading 1/2/3 styles (so the navigation pane and screen readers find the sections), tables
for the summary of decisions with a header row that repeats on each page, and the document's
title, author and language in its properties.
"""

from __future__ import annotations

import datetime
import io

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from tandem.commissions.exports.log import LogLink, LogPrompt, ReflectionLog, xml_safe

LINK_BLUE = RGBColor(0x1D, 0x70, 0xB8)
GREY = RGBColor(0x50, 0x5A, 0x5F)


def _text(value: str) -> str:
    return xml_safe(value)


def header_row(table: Table) -> None:
    """Mark the first row as the table's header: repeated on each page, read as headings."""
    row_properties = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row_properties.append(header)
    for cell in table.rows[0].cells:
        for paragraph in cell.paragraphs:
            for run in paragraph.runs:
                run.bold = True


def _hyperlink(paragraph: Paragraph, link: LogLink) -> None:
    """A clickable web address (python-docx has no call for this, so it is built from parts)."""
    relation = paragraph.part.relate_to(link.url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(qn("r:id"), relation)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    properties.append(style)
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), "1D70B8")
    properties.append(colour)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    properties.append(underline)
    run.append(properties)
    text = OxmlElement("w:t")
    text.text = _text(link.url)
    text.set(qn("xml:space"), "preserve")
    run.append(text)
    hyperlink.append(run)
    paragraph._p.append(hyperlink)


def _small(paragraph: Paragraph, text: str) -> None:
    run = paragraph.add_run(_text(text))
    run.font.size = Pt(9.5)
    run.font.color.rgb = GREY


def _detail(document: DocumentObject, label: str, value: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.add_run(f"{label}: ").bold = True
    paragraph.add_run(_text(value))


def _title_page(document: DocumentObject, log: ReflectionLog) -> None:
    document.add_paragraph("Reflection log")
    document.add_heading(_text(log.title), level=0)
    if log.purpose:
        document.add_paragraph(_text(log.purpose))
    _detail(document, "Lead funder", log.lead_funder)
    if log.partner_funders:
        _detail(document, "Partner funders", ", ".join(log.partner_funders))
    if log.team:
        document.add_paragraph().add_run("Team:").bold = True
        for person in log.team:
            document.add_paragraph(_text(f"{person.name}, {person.role}"), style="List Bullet")
    else:
        _detail(document, "Team", "No one is on the team yet.")
    _detail(document, "Framework", log.framework_display)
    _detail(
        document,
        "Prompts considered",
        f"{log.considered_count} of {log.prompt_count}, with {log.decision_count} "
        f"decision{'' if log.decision_count == 1 else 's'}",
    )
    _detail(document, "Comments", log.comments_display)
    _detail(document, "Made", f"{log.made_display} by {log.made_by}")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _summary(document: DocumentObject, log: ReflectionLog) -> None:
    document.add_heading("Summary of decisions", level=1)
    document.add_paragraph(
        "Every decision the team has recorded, stage by stage. The rest of this log gives everything the team has "
        "written."
    )
    for stage in log.stages:
        document.add_heading(_text(stage.name), level=2)
        if not stage.decisions:
            document.add_paragraph("No decisions recorded in this stage yet.")
            continue
        table = document.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        for cell, heading in zip(table.rows[0].cells, ("Prompt", "Decision", "Who and when"), strict=True):
            cell.text = heading
        header_row(table)
        for prompt in stage.decisions:
            assert prompt.response is not None
            cells = table.add_row().cells
            cells[0].text = _text(prompt.text)
            cells[1].text = _text(prompt.response.text)
            cells[2].text = _text(prompt.response.byline)
        document.add_paragraph()


def _comments(document: DocumentObject, prompt: LogPrompt, *, style: str = "List Bullet") -> None:
    """The team's comments on a prompt, oldest first: who and when, then what they wrote."""
    for comment in prompt.comments:
        item = document.add_paragraph(style=style)
        item.add_run(_text(f"{comment.byline}: ")).bold = True
        for number, line in enumerate(_text(comment.text).split("\n")):
            if number:
                item.add_run().add_break(WD_BREAK.LINE)
            item.add_run(line)


def _response(document: DocumentObject, prompt: LogPrompt) -> None:
    response = prompt.response
    assert response is not None
    document.add_heading(_text(prompt.text), level=3)
    _small(document.add_paragraph(), prompt.meta)
    kind = document.add_paragraph()
    kind.add_run(response.kind_label + (", because:" if response.is_not_relevant else "")).bold = True
    for block in _text(response.body).split("\n\n"):
        if block.strip():
            document.add_paragraph(block.strip())
    if response.evidence_links:
        document.add_paragraph("Evidence:")
        for link in response.evidence_links:
            item = document.add_paragraph(style="List Bullet")
            if link.title:
                item.add_run(_text(f"{link.title}: "))
            if link.is_web:
                _hyperlink(item, link)
            else:
                item.add_run(_text(link.url))
    version = f" (version {response.revision})" if response.revision > 1 else ""
    _small(document.add_paragraph(), f"Recorded by {response.byline}{version}")
    if prompt.comments:
        document.add_paragraph("Comments:")
        _comments(document, prompt)


def _stages(document: DocumentObject, log: ReflectionLog) -> None:
    for stage in log.stages:
        heading = document.add_heading(_text(stage.heading), level=1)
        heading.paragraph_format.page_break_before = True
        status = document.add_paragraph("Status: ")
        status.add_run(_text(stage.status_label)).bold = True
        status.add_run(
            f". {len(stage.considered)} of {len(stage.prompts)} prompt{'' if len(stage.prompts) == 1 else 's'} "
            "considered."
        )
        document.add_heading("What the team recorded", level=2)
        if not stage.considered:
            document.add_paragraph("Nothing recorded in this stage yet.")
        for prompt in stage.considered:
            _response(document, prompt)
        document.add_heading("Not yet considered", level=2)
        if not stage.not_considered:
            document.add_paragraph("Every prompt in this stage has been considered.")
        for prompt in stage.not_considered:
            document.add_paragraph(_text(prompt.text), style="List Bullet")
            _comments(document, prompt, style="List Bullet 2")


def log_docx(log: ReflectionLog) -> bytes:
    document = Document()
    properties = document.core_properties
    properties.title = _text(log.document_title)[:255]
    properties.author = _text(log.lead_funder)[:255]
    properties.subject = "What the team has recorded at each stage of the commissioning journey"
    properties.language = "en-GB"
    made = log.made_at
    if made.tzinfo is not None:  # Word stores these in UTC, without a zone
        made = made.astimezone(datetime.UTC).replace(tzinfo=None)
    properties.created = made
    properties.modified = made
    properties.last_modified_by = _text(log.made_by)[:255]
    properties.comments = ""
    properties.revision = 1
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "en-GB")
    normal.element.get_or_add_rPr().append(language)
    _title_page(document, log)
    _summary(document, log)
    _stages(document, log)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
