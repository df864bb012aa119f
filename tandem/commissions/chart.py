"""The coverage grid drawn as a picture: a server-rendered SVG heat map.

Pure: no Django. One square per principle and stage, shaded by how much of it the team has
considered, with the count written in every square, so colour is never the only cue. A last row
gives each stage's own total. The picture carries a <title> and a <desc> (a text alternative),
and the page shows the same numbers in a table before it.

Colours come from the GOV.UK palette. Every text colour has a contrast ratio of at least 4.5:1
with the fill behind it, and every square has a dark border (checked by the tests).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from tandem.commissions.coverage import Cell, Coverage

BLACK = "#0b0c0c"
WHITE = "#ffffff"


@dataclass(frozen=True)
class Band:
    key: str
    label: str  # for the legend
    fill: str
    text: str  # text colour on this fill
    hatched: bool = False


BANDS: tuple[Band, ...] = (
    Band("empty", "No prompts here", "#f3f2f1", BLACK, hatched=True),
    Band("none", "None answered yet", WHITE, BLACK),
    Band("some", "Less than half answered", "#d2e2f1", BLACK),
    Band("most", "Half or more answered", "#5694ca", BLACK),
    Band("all", "All answered", "#1d70b8", WHITE),
)
_BAND = {band.key: band for band in BANDS}

FONT = "GDS Transport, arial, sans-serif"
FONT_SIZE = 16
CELL_HEIGHT = 48
HEADER_HEIGHT = 40
GAP = 12  # between the principle rows and the whole-stage row, and before the legend
LEGEND_ROW = 30
PAD = 4
# Rough width of one character at 16px, generous so labels are not clipped.
CHAR_WIDTH = 9.0

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ID = re.compile(r"^[a-z][a-z0-9-]*$")


def band_for(cell: Cell) -> Band:
    if cell.total == 0:
        return _BAND["empty"]
    if cell.considered == 0:
        return _BAND["none"]
    if cell.considered == cell.total:
        return _BAND["all"]
    if cell.considered * 2 >= cell.total:
        return _BAND["most"]
    return _BAND["some"]


def cell_label(cell: Cell) -> str:
    return f"{cell.considered} of {cell.total}" if cell.total else "no prompts"


def _text(value: str) -> str:
    """Escaped for XML text and attributes, with characters XML cannot hold removed."""
    return escape(_NOT_XML.sub("", value), quote=True)


def _luminance(colour: str) -> float:
    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else float(((c + 0.055) / 1.055) ** 2.4)

    value = colour.lstrip("#")
    r, g, b = (channel(value[i : i + 2]) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """The WCAG contrast ratio between two #rrggbb colours (1.0 to 21.0)."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def coverage_text(coverage: Coverage) -> str:
    """The chart in words: what each stage has considered, and the overall count."""
    by_stage = "; ".join(
        f"{stage.name}: {cell_label(total)}"
        for stage, total in zip(coverage.stages, coverage.stage_totals, strict=True)
    )
    overall = coverage.total
    return (
        f"A grid with a row for each principle and a column for each stage. Each square shows how many of "
        f"its prompts the team has answered (with its thinking, a decision, or why it is not relevant here). "
        f"Prompts answered in each stage: {by_stage}. In all, {overall.considered} of {overall.total} prompts have "
        f"been answered."
    )


def _cell_svg(x: float, y: float, width: float, height: float, cell: Cell, hatch_id: str) -> str:
    band = band_for(cell)
    parts = [
        f'<rect x="{x:.0f}" y="{y:.0f}" width="{width:.0f}" height="{height:.0f}" fill="{band.fill}" '
        f'stroke="{BLACK}" stroke-width="1"/>'
    ]
    if band.hatched:
        parts.append(
            f'<rect x="{x:.0f}" y="{y:.0f}" width="{width:.0f}" height="{height:.0f}" fill="url(#{hatch_id})"/>'
        )
    weight = ' font-weight="700"' if band.key == "all" else ""
    parts.append(
        f'<text x="{x + width / 2:.0f}" y="{y + height / 2:.0f}" text-anchor="middle" dominant-baseline="central" '
        f'fill="{band.text}"{weight}>{_text(cell_label(cell))}</text>'
    )
    return "".join(parts)


def coverage_chart_svg(coverage: Coverage, *, id_prefix: str = "coverage-chart", title: str = "") -> str:
    """The SVG markup for the grid, ready to place in a page (all text escaped)."""
    if not _ID.match(id_prefix):
        raise ValueError("id_prefix must be lowercase letters, digits and hyphens, starting with a letter")
    title_id, desc_id, hatch_id = f"{id_prefix}-title", f"{id_prefix}-desc", f"{id_prefix}-hatch"
    title = title or "How much of each stage the team has answered, by principle"
    whole_stage = "Whole stage"
    row_labels = [row.principle.name for row in coverage.rows] + [whole_stage]
    label_width = max(140.0, CHAR_WIDTH * max(len(label) for label in row_labels) + 2 * PAD)
    legend_width = max(CHAR_WIDTH * len(band.label) for band in BANDS) + 40
    column_width = max(96.0, CHAR_WIDTH * max((len(stage.name) for stage in coverage.stages), default=0) + 2 * PAD)
    grid_width = column_width * len(coverage.stages)
    width = max(label_width + grid_width, legend_width) + PAD
    rows_top = HEADER_HEIGHT
    total_top = rows_top + CELL_HEIGHT * len(coverage.rows) + GAP
    legend_top = total_top + CELL_HEIGHT + 2 * GAP
    height = legend_top + LEGEND_ROW * len(BANDS) + PAD

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{title_id} {desc_id}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" '
        f'class="tandem-coverage-chart" '
        f'font-family="{FONT}" font-size="{FONT_SIZE}">',
        f'<title id="{title_id}">{_text(title)}</title>',
        f'<desc id="{desc_id}">{_text(coverage_text(coverage))}</desc>',
        f'<defs><pattern id="{hatch_id}" width="8" height="8" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="8" stroke="#b1b4b6" stroke-width="2"/>'
        f"</pattern></defs>",
        f'<rect x="0" y="0" width="{width:.0f}" height="{height:.0f}" fill="{WHITE}"/>',
    ]
    for i, stage in enumerate(coverage.stages):
        x = label_width + column_width * (i + 0.5)
        out.append(
            f'<text x="{x:.0f}" y="{HEADER_HEIGHT / 2:.0f}" text-anchor="middle" dominant-baseline="central" '
            f'fill="{BLACK}" font-weight="700">{_text(stage.name)}</text>'
        )
    for r, row in enumerate(coverage.rows):
        y = rows_top + CELL_HEIGHT * r
        out.append(
            f'<text x="{PAD}" y="{y + CELL_HEIGHT / 2:.0f}" dominant-baseline="central" fill="{BLACK}">'
            f"{_text(row.principle.name)}</text>"
        )
        for c, cell in enumerate(row.cells):
            out.append(_cell_svg(label_width + column_width * c, y, column_width, CELL_HEIGHT, cell, hatch_id))
    out.append(
        f'<text x="{PAD}" y="{total_top + CELL_HEIGHT / 2:.0f}" dominant-baseline="central" fill="{BLACK}" '
        f'font-weight="700">{whole_stage}</text>'
    )
    for c, total in enumerate(coverage.stage_totals):
        out.append(_cell_svg(label_width + column_width * c, total_top, column_width, CELL_HEIGHT, total, hatch_id))
    for b, band in enumerate(BANDS):
        y = legend_top + LEGEND_ROW * b
        out.append(
            f'<rect x="{PAD}" y="{y:.0f}" width="24" height="20" fill="{band.fill}" stroke="{BLACK}" stroke-width="1"/>'
        )
        if band.hatched:
            out.append(f'<rect x="{PAD}" y="{y:.0f}" width="24" height="20" fill="url(#{hatch_id})"/>')
        out.append(
            f'<text x="{PAD + 34}" y="{y + 10:.0f}" dominant-baseline="central" fill="{BLACK}">'
            f"{_text(band.label)}</text>"
        )
    out.append("</svg>")
    return "".join(out)
