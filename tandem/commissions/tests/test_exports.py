"""The reflection log builders, from plain data: no database."""

from __future__ import annotations

import dataclasses
import datetime
import io
import zipfile
from typing import Any
from zoneinfo import ZoneInfo

import docx
import pypdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.commissions.exports.log import (
    LogComment,
    LogLink,
    LogPerson,
    LogPrompt,
    LogResponse,
    LogStage,
    ReflectionLog,
    log_filename,
    xml_safe,
)
from tandem.commissions.exports.pdf import log_html, log_pdf
from tandem.commissions.exports.word import log_docx
from tandem.core.values import date_display, datetime_display

LONDON = ZoneInfo("Europe/London")
WHEN = datetime.datetime(2026, 3, 4, 14, 5, tzinfo=LONDON)


def _response(kind: str, text: str = "", reason: str = "", links=()) -> LogResponse:
    labels = {"answer": "Our thinking", "decision": "A decision", "not_relevant": "Not relevant here"}
    return LogResponse(
        kind=kind,
        kind_label=labels[kind],
        text=text,
        reason=reason,
        evidence_links=tuple(links),
        author="Fran Funder",
        recorded_at=WHEN,
        revision=2,
    )


def sample_log(
    title: str = "Domestic abuse support", decision: str = "We will pay for a year of planning."
) -> ReflectionLog:
    reflect = LogStage(
        slug="reflect",
        name="Reflect",
        title="Readiness and reflection",
        status_label="In progress",
        prompts=(
            LogPrompt(
                1,
                "Why are we commissioning this now?",
                "For funders",
                ("Safety", "Choice"),
                _response(
                    "answer",
                    "Because the old contract ends.\n\nAnd people asked us to.",
                    links=[
                        LogLink("https://example.org/needs", "Needs assessment"),
                        LogLink("javascript:alert(1)"),
                    ],
                ),
            ),
            LogPrompt(2, "How long do we need to plan?", "For funders", ("Safety",), _response("decision", decision)),
            LogPrompt(
                3,
                "Who else funds this?",
                "For funders and providers",
                (),
                _response("not_relevant", reason="We are the only funder."),
            ),
            LogPrompt(4, "What does the team already know about trauma?", "For funders", ("Safety",)),
        ),
    )
    assess = LogStage(
        slug="assess",
        name="Assess",
        title="",
        status_label="Not started",
        prompts=(LogPrompt(5, "What do people say they need?", "For funders", ("Collaboration",)),),
    )
    return ReflectionLog(
        title=title,
        purpose="Safe, steady support for people who have lived through abuse.",
        lead_funder="Anyborough Borough Council",
        partner_funders=("Anyborough Integrated Care Board",),
        team=(LogPerson("Fran Funder", "Lead"), LogPerson("Lee Lived", "Lived-experience member")),
        framework="Trauma-informed commissioning journey",
        framework_version=3,
        made_at=WHEN,
        made_by="Ada Admin",
        stages=(reflect, assess),
    )


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_the_plain_data_counts_and_formats():
    log = sample_log()
    assert log.decision_count == 1
    assert log.prompt_count == 5
    assert log.considered_count == 3
    reflect = log.stages[0]
    responses: list[Any] = [p.response for p in reflect.prompts]
    assert [p.id for p in reflect.decisions] == [2]
    assert [p.id for p in reflect.not_considered] == [4]
    assert reflect.heading == "Reflect: Readiness and reflection"
    assert log.stages[1].heading == "Assess"
    assert responses[2].body == "We are the only funder."
    assert reflect.prompts[0].meta == "For funders. Principles: Safety, Choice"
    assert reflect.prompts[2].meta == "For funders and providers"
    assert datetime_display(WHEN) == "4 March 2026 at 2:05pm"
    assert datetime_display(WHEN.replace(hour=0, minute=7)) == "4 March 2026 at 12:07am"
    assert date_display(datetime.date(2026, 12, 25)) == "25 December 2026"
    assert [link.is_web for link in responses[0].evidence_links] == [True, False]
    assert xml_safe("a\x00b\x1fc\td") == "abc\td"


@pytest.mark.parametrize(
    ("title", "fmt", "expected"),
    [
        ("Domestic abuse support", "pdf", "reflection-log-domestic-abuse-support-2026-03-04.pdf"),
        ("Young people's mental health", "docx", "reflection-log-young-people-s-mental-health-2026-03-04.docx"),
        ('../../etc/passwd"; x=', "pdf", "reflection-log-etc-passwd-x-2026-03-04.pdf"),
        ("Café für Ölçü", "pdf", "reflection-log-cafe-fur-olcu-2026-03-04.pdf"),
        ("日本語", "docx", "reflection-log-commission-2026-03-04.docx"),
        ("x" * 300, "pdf", f"reflection-log-{'x' * 60}-2026-03-04.pdf"),
    ],
)
def test_file_names_are_safe(title, fmt, expected):
    assert log_filename(title, fmt, WHEN.date()) == expected


def test_an_unknown_format_has_no_file_name():
    with pytest.raises(ValueError):
        log_filename("A", "exe", WHEN.date())


def test_the_pdf_is_a_tagged_a4_pdf_with_the_decisions():
    content = log_pdf(sample_log())
    assert content.startswith(b"%PDF")
    reader = pypdf.PdfReader(io.BytesIO(content))
    page = reader.pages[0]
    # A4 is 595 by 842 points.
    assert round(float(page.mediabox.width)) == 595
    assert round(float(page.mediabox.height)) == 842
    root: Any = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root  # tagged, for screen readers
    assert root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "en-GB"
    assert reader.metadata is not None
    assert reader.metadata.title == "Reflection log: Domestic abuse support"
    text = pdf_text(content)
    for expected in (
        "Domestic abuse support",
        "Anyborough Borough Council",
        "Anyborough Integrated Care Board",
        "Fran Funder, Lead",
        "Trauma-informed commissioning journey, version 3",
        "4 March 2026 at 2:05pm by Ada Admin",
        "Summary of decisions",
        "We will pay for a year of planning.",
        "Not yet considered",
        "What does the team already know about trauma?",
        "We are the only funder.",
        "Status: In progress",
        "Needs assessment",
        "https://example.org/needs",
        "No decisions recorded in this stage yet.",
    ):
        assert expected in text, expected

    # The outline (bookmarks) follows the headings.
    def flatten(items):
        for item in items:
            yield from flatten(item) if isinstance(item, list) else [item.title]

    titles = list(flatten(reader.outline))
    assert titles[0] == "Domestic abuse support"
    assert "Summary of decisions" in titles
    assert "Reflect: Readiness and reflection" in titles


def test_only_web_links_are_clickable_in_the_pdf():
    content = log_pdf(sample_log())
    reader = pypdf.PdfReader(io.BytesIO(content))
    uris = [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if "/A" in annotation.get_object()
    ]
    assert "https://example.org/needs" in uris
    assert not any(uri.startswith("javascript") for uri in uris)


def test_the_pdf_html_escapes_what_people_typed():
    html = log_html(sample_log(title="<script>alert(1)</script>", decision="<img src=x onerror=alert(1)>"))
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;" in html


def _headings(document) -> list[tuple[str, str]]:
    return [
        (p.style.name, p.text) for p in document.paragraphs if p.style and p.style.name.startswith(("Heading", "Title"))
    ]


def test_the_word_document_reopens_with_headings_and_answers():
    content = log_docx(sample_log())
    assert zipfile.is_zipfile(io.BytesIO(content))
    document = docx.Document(io.BytesIO(content))
    headings = _headings(document)
    assert ("Title", "Domestic abuse support") in headings
    assert ("Heading 1", "Summary of decisions") in headings
    assert ("Heading 2", "Reflect") in headings
    assert ("Heading 1", "Reflect: Readiness and reflection") in headings
    assert ("Heading 2", "Not yet considered") in headings
    assert ("Heading 3", "Why are we commissioning this now?") in headings
    body = "\n".join(p.text for p in document.paragraphs)
    assert "Because the old contract ends." in body
    assert "And people asked us to." in body
    assert "We are the only funder." in body
    assert "What does the team already know about trauma?" in body
    assert "Recorded by Fran Funder, 4 March 2026 at 2:05pm (version 2)" in body
    # The summary of decisions is a table with a header row.
    table = document.tables[0]
    assert [cell.text for cell in table.rows[0].cells] == ["Prompt", "Decision", "Who and when"]
    assert [cell.text for cell in table.rows[1].cells] == [
        "How long do we need to plan?",
        "We will pay for a year of planning.",
        "Fran Funder, 4 March 2026 at 2:05pm",
    ]
    assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")
    assert document.core_properties.title == "Reflection log: Domestic abuse support"
    assert document.core_properties.language == "en-GB"
    # The web link is a real hyperlink; the other is only text.
    targets = [rel.target_ref for rel in document.part.rels.values() if rel.reltype.endswith("/hyperlink")]
    assert targets == ["https://example.org/needs"]
    assert "javascript:alert(1)" in body


@settings(max_examples=30, deadline=None)
@given(st.text(max_size=200), st.text(max_size=400))
def test_any_text_makes_documents(title, decision):
    log = sample_log(title=xml_safe(title) or "x", decision=xml_safe(decision))
    document = docx.Document(io.BytesIO(log_docx(log)))
    assert document.paragraphs
    assert log_html(log)


def with_comments(
    log: ReflectionLog, text: str = "Could we ask the survivors' forum?\nThey meet monthly."
) -> ReflectionLog:
    """The sample log with comments on an answered prompt and on one no one has answered yet."""
    reflect = log.stages[0]
    prompts = list(reflect.prompts)
    prompts[0] = dataclasses.replace(
        prompts[0],
        comments=(
            LogComment("Lee Lived", text, WHEN),
            LogComment("Fran Funder", "Yes, I will ask them.", WHEN.replace(hour=16, minute=30)),
        ),
    )
    prompts[3] = dataclasses.replace(prompts[3], comments=(LogComment("Ada Admin", "Who could help here?", WHEN),))
    return dataclasses.replace(log, stages=(dataclasses.replace(reflect, prompts=tuple(prompts)), *log.stages[1:]))


def test_the_comments_are_counted_and_signed():
    log = with_comments(sample_log())
    assert log.comment_count == 3
    assert log.comments_display == "3 comments, with the prompt each is on"
    assert sample_log().comments_display == "None yet"
    assert log.stages[0].prompts[0].comments[1].byline == "Fran Funder, 4 March 2026 at 4:30pm"


def test_the_pdf_has_the_comments_by_their_prompts():
    text = pdf_text(log_pdf(with_comments(sample_log())))
    assert "Comments 3 comments, with the prompt each is on" in text
    assert "Lee Lived, 4 March 2026 at 2:05pm: Could we ask the survivors' forum? They meet monthly." in text
    assert "Fran Funder, 4 March 2026 at 4:30pm: Yes, I will ask them." in text
    # On a prompt not yet considered, the comment follows it in that list.
    assert "What does the team already know about trauma? Ada Admin, 4 March 2026 at 2:05pm: Who could help" in text


def test_the_word_document_has_the_comments_by_their_prompts():
    document = docx.Document(io.BytesIO(log_docx(with_comments(sample_log()))))
    paragraphs = [(p.style.name if p.style else "", p.text) for p in document.paragraphs]
    texts = [text for _style, text in paragraphs]
    assert "Comments: 3 comments, with the prompt each is on" in texts
    first = texts.index("Lee Lived, 4 March 2026 at 2:05pm: Could we ask the survivors' forum?\nThey meet monthly.")
    assert texts[first - 1] == "Comments:"
    assert paragraphs[first][0] == "List Bullet"
    assert texts[first + 1] == "Fran Funder, 4 March 2026 at 4:30pm: Yes, I will ask them."
    unanswered = texts.index("What does the team already know about trauma?")
    assert paragraphs[unanswered + 1] == ("List Bullet 2", "Ada Admin, 4 March 2026 at 2:05pm: Who could help here?")


@settings(max_examples=30, deadline=None)
@given(st.text(max_size=400))
def test_any_comment_makes_documents(text):
    log = with_comments(sample_log(), text=xml_safe(text))
    document = docx.Document(io.BytesIO(log_docx(log)))
    assert document.paragraphs
    assert log_html(log)
