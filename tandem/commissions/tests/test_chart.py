"""The coverage chart: valid XML, accessible, honest numbers, escaped text. No database."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.commissions.chart import BANDS, BLACK, WHITE, band_for, contrast_ratio, coverage_chart_svg, coverage_text
from tandem.commissions.coverage import ANSWER, NOT_RELEVANT, Cell, PrincipleRef, PromptRef, StageRef, coverage_compute

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314  (our own output, not untrusted input)


def _coverage(principle_name: str = "Safety", stage_name: str = "Reflect"):
    return coverage_compute(
        principles=[PrincipleRef("safety", principle_name), PrincipleRef("choice", "Choice")],
        stages=[StageRef("reflect", stage_name), StageRef("assess", "Assess")],
        prompts=[
            PromptRef(1, "reflect", ("safety",)),
            PromptRef(2, "reflect", ("safety", "choice")),
            PromptRef(3, "reflect", ("safety",)),
            PromptRef(4, "reflect", ("safety",)),
            PromptRef(5, "reflect", ("safety",)),
            PromptRef(6, "assess", ("choice",)),
        ],
        responses={1: ANSWER, 2: NOT_RELEVANT, 3: ANSWER, 6: ANSWER},
    )


def test_the_chart_is_an_accessible_image_that_parses():
    root = parse(coverage_chart_svg(_coverage()))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text
    assert desc is not None and "Reflect: 3 of 5" in (desc.text or "")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"


def test_the_chart_writes_every_number_in_its_square():
    root = parse(coverage_chart_svg(_coverage()))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    # Safety: Reflect 3 of 5 considered, no prompts in Assess; Choice: Reflect 1 of 1, Assess 1 of 1.
    # Whole stage: Reflect 3 of 5 (prompt 2 counts once, though it is in both rows), Assess 1 of 1.
    assert texts.count("3 of 5") == 2
    assert texts.count("no prompts") == 1
    assert texts.count("1 of 1") == 3
    assert {"Safety", "Choice", "Reflect", "Assess", "Whole stage"} <= set(texts)
    # The legend names every band, so colour is never the only cue.
    assert {band.label for band in BANDS} <= set(texts)


def test_the_chart_has_no_inline_style():
    """The Content Security Policy blocks style attributes; the chart's sizing is in the stylesheet."""
    root = parse(coverage_chart_svg(_coverage()))
    assert all(element.get("style") is None for element in root.iter())
    assert root.get("class") == "tandem-coverage-chart"


def test_text_from_the_content_is_escaped():
    nasty = 'Safety <script>alert("x")</script> & co'
    svg = coverage_chart_svg(_coverage(principle_name=nasty, stage_name="Re\x00flect"))
    assert "<script>" not in svg
    root = parse(svg)
    assert nasty in [t.text for t in root.iter(f"{SVG}text")]
    assert "Reflect" in [t.text for t in root.iter(f"{SVG}text")]


def test_a_bad_id_prefix_is_refused():
    with pytest.raises(ValueError):
        coverage_chart_svg(_coverage(), id_prefix='x" onload="alert(1)')


def test_every_band_has_enough_contrast():
    for band in BANDS:
        assert contrast_ratio(band.text, band.fill) >= 4.5, band
        # The square's border stands out from the page (non-text contrast, 3:1).
        assert contrast_ratio(BLACK, WHITE) >= 3
    assert contrast_ratio(BLACK, WHITE) == pytest.approx(19.8, abs=0.3)
    assert contrast_ratio("#777777", "#777777") == 1.0


@pytest.mark.parametrize(
    ("cell", "key"),
    [
        (Cell(), "empty"),
        (Cell(total=3), "none"),
        (Cell(answered=1, total=3), "some"),
        (Cell(answered=1, not_relevant=1, total=4), "most"),
        (Cell(not_relevant=2, total=2), "all"),
    ],
)
def test_bands(cell, key):
    assert band_for(cell).key == key


def test_the_text_alternative_gives_the_overall_count():
    assert "In all, 4 of 6 prompts have been answered." in coverage_text(_coverage())


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=60), st.text(max_size=60))
def test_any_names_make_valid_xml(principle_name, stage_name):
    parse(coverage_chart_svg(_coverage(principle_name=principle_name, stage_name=stage_name)))
