"""The evaluation plan as an Excel workbook (openpyxl): no macros, three sheets.

"Criteria" (group, criterion, weight, guidance for evaluators, and a total row that is a formula,
so the weights still add up when an evaluator changes one), "Scales" (what each score means for
each criterion; for price, how price is scored, since it is not scored on an answer) and
"Questions" (each question with the criterion it is scored against and its share of the total
score: the criterion's weight shared between its questions, so three questions on a 45% criterion
read 15% each, never 45% three times; then each criterion no question is scored against, with its
whole weight, and a total row, so the sheet adds up to what the criteria do). Each sheet's header
row is frozen, filtered and repeated on printed pages, and each printed page is headed with the
plan's title, which names the version and its date.

Text someone typed is always stored as text: a question that starts with "=" is not a formula.
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tandem.tenders.exports.pack import CELL_LIMIT, NOT_WRITTEN, EvaluationPlan

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="F3F2F1")
WRAP = Alignment(wrap_text=True, vertical="top")
PERCENT = '0"%"'
PERCENT_HUNDREDTHS = '0.00"%"'
NOT_SCORED = "Not scored"
QUESTIONS_TOTAL_NOTE = (
    "Each criterion's weight is shared equally between the questions scored against it. "
    "The weights need to add up to 100%."
)

Cell = str | int | Decimal | None


def _percent_format(value: Cell) -> str:
    return PERCENT if not isinstance(value, Decimal) or value == value.to_integral_value() else PERCENT_HUNDREDTHS


def _header_text(text: str) -> str:
    """Text for a printed page's header: "&" starts a code there, so it is doubled."""
    return text.replace("&", "&&")[:200]


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


def _sheet(
    workbook: Workbook, title: str, headers: Sequence[tuple[str, int]], heading: str, first: bool = False
) -> Worksheet:
    sheet = workbook.active if first else workbook.create_sheet()
    assert sheet is not None
    sheet.title = title
    sheet.oddHeader.center.text = _header_text(heading)
    sheet.oddFooter.right.text = "Page &P of &N"
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
        plan.document_title,
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
    sheet = _sheet(
        workbook, "Scales", (("Criterion", 40), ("Score", 10), ("What the score means", 90)), plan.document_title
    )
    for row, point in enumerate(plan.scale, start=2):
        score = _number(point.score) if point.score else None  # price has no score of its own
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
        plan.document_title,
    )
    row = 2
    for question in plan.questions:
        share: Cell = question.share if question.share is not None else (None if question.criterion else NOT_SCORED)
        _write(
            sheet,
            row,
            (
                question.number,
                question.text,
                question.criterion,
                share,
                question.phase,
                question.word_limit,
                question.why_we_ask or NOT_WRITTEN,
                question.how_we_use or NOT_WRITTEN,
                question.coproduced_with,
            ),
        )
        sheet.cell(row=row, column=4).number_format = _percent_format(share)
        row += 1
    if not plan.questions:
        _write(sheet, row, (None, NOT_WRITTEN))
        row += 1
    for unasked in plan.unasked:
        _write(sheet, row, (None, unasked.note, unasked.criterion, unasked.weight))
        sheet.cell(row=row, column=4).number_format = PERCENT
        row += 1
    _write(sheet, row, ("Total", QUESTIONS_TOTAL_NOTE, "", None))
    total = sheet.cell(row=row, column=4, value=f"=SUM(D2:D{row - 1})")
    total.number_format = PERCENT
    for column in range(1, 10):
        sheet.cell(row=row, column=column).font = HEADER_FONT
    sheet.auto_filter.ref = f"A1:I{row - 1}"


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
