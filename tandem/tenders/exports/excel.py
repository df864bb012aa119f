"""The evaluation plan as an Excel workbook (openpyxl): no macros, three sheets.

"Criteria" (group, criterion, weight, guidance for evaluators, and a total row that is a formula,
so the weights still add up when an evaluator changes one), "Scales" (what each score means for
each criterion) and "Questions" (each question with the criterion and weight it is scored
against). Each sheet's header row is frozen, filtered and repeated on printed pages.

Text someone typed is always stored as text: a question that starts with "=" is not a formula.
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tandem.tenders.exports.pack import CELL_LIMIT, NOT_WRITTEN, EvaluationPlan

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="F3F2F1")
WRAP = Alignment(wrap_text=True, vertical="top")
PERCENT = '0"%"'

Cell = str | int | None


def _write(sheet: Worksheet, row: int, values: Sequence[Cell]) -> None:
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=column)
        if isinstance(value, str):
            cell.value = value[:CELL_LIMIT]
            cell.data_type = "s"  # never a formula, whatever it starts with
        else:
            cell.value = value
        cell.alignment = WRAP


def _number(text: str) -> Cell:
    """A score as a number when it is a plain whole number, so evaluators can add them up."""
    return int(text) if re.fullmatch(r"-?[0-9]{1,9}", text) else text


def _sheet(workbook: Workbook, title: str, headers: Sequence[tuple[str, int]], first: bool = False) -> Worksheet:
    sheet = workbook.active if first else workbook.create_sheet()
    assert sheet is not None
    sheet.title = title
    for column, (heading, width) in enumerate(headers, start=1):
        cell = sheet.cell(row=1, column=column, value=heading)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = WRAP
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    return sheet


def _criteria(workbook: Workbook, plan: EvaluationPlan) -> None:
    sheet = _sheet(
        workbook,
        "Criteria",
        (("Group", 16), ("Criterion", 40), ("Weight (%)", 12), ("Guidance for evaluators", 80)),
        first=True,
    )
    row = 2
    for criterion in plan.criteria:
        _write(sheet, row, (criterion.group, criterion.title, criterion.weight, criterion.guidance or NOT_WRITTEN))
        sheet.cell(row=row, column=3).number_format = PERCENT
        row += 1
    if not plan.criteria:
        _write(sheet, row, ("", NOT_WRITTEN, None, ""))
        row += 1
    _write(sheet, row, ("Total", "", None, "The weights need to add up to 100%."))
    total = sheet.cell(row=row, column=3, value=f"=SUM(C2:C{row - 1})")
    total.number_format = PERCENT
    for column in range(1, 5):
        sheet.cell(row=row, column=column).font = HEADER_FONT
    sheet.auto_filter.ref = f"A1:D{row - 1}"


def _scales(workbook: Workbook, plan: EvaluationPlan) -> None:
    sheet = _sheet(workbook, "Scales", (("Criterion", 40), ("Score", 10), ("What the score means", 90)))
    for row, point in enumerate(plan.scale, start=2):
        score = _number(point.score)
        _write(sheet, row, (point.criterion, score, point.descriptor))
    if not plan.scale:
        _write(sheet, 2, (NOT_WRITTEN, None, ""))
    sheet.auto_filter.ref = f"A1:C{max(2, len(plan.scale) + 1)}"


def _questions(workbook: Workbook, plan: EvaluationPlan) -> None:
    sheet = _sheet(
        workbook,
        "Questions",
        (
            ("Number", 9),
            ("Question", 60),
            ("Criterion", 30),
            ("Weight (%)", 12),
            ("Who answers", 24),
            ("Word limit", 12),
            ("Why we ask", 50),
            ("How we will use the answer", 50),
            ("Co-produced with", 24),
        ),
    )
    for row, question in enumerate(plan.questions, start=2):
        _write(
            sheet,
            row,
            (
                question.number,
                question.text,
                question.criterion,
                question.weight,
                question.phase,
                question.word_limit,
                question.why_we_ask or NOT_WRITTEN,
                question.how_we_use or NOT_WRITTEN,
                question.coproduced_with,
            ),
        )
        sheet.cell(row=row, column=4).number_format = PERCENT
    if not plan.questions:
        _write(sheet, 2, (None, NOT_WRITTEN))
    sheet.auto_filter.ref = f"A1:I{max(2, len(plan.questions) + 1)}"


def plan_xlsx(plan: EvaluationPlan) -> bytes:
    workbook = Workbook()
    properties = workbook.properties
    properties.title = plan.document_title[:255]
    properties.subject = f"{plan.edition.label}: award criteria, weights, scoring scales and questions"
    properties.creator = plan.lead_funder[:255] or "Tandem"
    properties.lastModifiedBy = "Tandem"
    properties.language = "en-GB"
    made = datetime.datetime.combine(plan.edition.made_on, datetime.time())
    properties.created = made
    properties.modified = made
    _criteria(workbook, plan)
    _scales(workbook, plan)
    _questions(workbook, plan)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
