"""Parsing and checking glossary entries, and finding acronyms. Plain pytest: no database."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tandem.glossary.terms import (
    DIGITS,
    GlossaryError,
    anchor_for,
    find_acronyms,
    glossary_load,
    glossary_parse,
    is_acronym,
)

REPO = Path(__file__).resolve().parents[3]


def test_the_real_glossary_loads_and_covers_the_core_terms():
    terms = {term.term for term in glossary_load(REPO / "content" / "glossary.yaml")}
    for word in (
        "ICB",
        "NHS",
        "PCC",
        "VCSE",
        "VCS",
        "OCDS",
        "CPV",
        "KPI",
        "SLA",
        "ITT",
        "TOTP",
        "QR",
        "UK",
        "VAT",
        "GOV.UK",
        "PDF",
        "CSV",
        "WCAG",
        "2FA",
        "lived experience",
        "co-production",
        "commissioning",
        "commissioner",
        "provider",
        "consortium",
        "social value",
        "standstill",
        "trauma-informed",
        "Safety",
        "Trustworthiness",
        "Choice",
        "Collaboration",
        "Empowerment",
        "Cultural consideration",
        "Connection",
        "Reflect",
        "Assess",
        "Design",
        "Procure",
        "Relate",
        "Evaluate",
        "Sustain",
    ):
        assert word in terms, word


def test_entries_are_sorted_digits_first_then_a_to_z_whatever_the_case():
    terms = glossary_parse(
        [
            {"term": "zebra", "definition": "z"},
            {"term": "ICB", "full": "integrated care board", "definition": "i"},
            {"term": "2FA", "definition": "t"},
            {"term": "apple", "definition": "a"},
        ]
    )
    assert [term.term for term in terms] == ["2FA", "apple", "ICB", "zebra"]
    assert [term.letter for term in terms] == [DIGITS, "A", "I", "Z"]


def test_definitions_are_tidied():
    (term,) = glossary_parse([{"term": "KPI", "full": " key  performance indicator", "definition": "A  number.\n"}])
    assert term.definition == "A number."
    assert term.full == "key performance indicator"


@pytest.mark.parametrize(
    ("entries", "problem"),
    [
        ([{"definition": "x"}], "entry 1 needs a term"),
        ([{"term": "ICB"}], "entry 1 (ICB) needs a definition"),
        ([{"term": "ICB", "definition": "   "}], "entry 1 (ICB) needs a definition"),
        (
            [{"term": "ICB", "definition": "x", "meaning": "y"}],
            "entry 1 (ICB) has fields the glossary does not use: meaning",
        ),
        (
            [{"term": "ICB", "definition": "x"}, {"term": "icb", "definition": "y"}],
            "entry 2 (icb) repeats entry 1 (ICB)",
        ),
        (
            [{"term": "GOV.UK", "definition": "x"}, {"term": "GOV UK", "definition": "y"}],
            "entry 2 (GOV UK) would share a link with entry 1 (GOV.UK)",
        ),
        (["ICB"], "entry 1 must have term and definition fields"),
        ([{"term": "ICB", "definition": "x", "full": 3}], "entry 1 (ICB): full must be text"),
        ([{"term": " ICB", "definition": "x"}], "no spaces around it"),
        ([{"term": "...", "definition": "x"}], "needs at least one letter or digit"),
    ],
)
def test_problems_name_the_entry(entries, problem):
    with pytest.raises(GlossaryError) as caught:
        glossary_parse(entries)
    assert any(problem in text for text in caught.value.problems), caught.value.problems


def test_every_problem_is_listed_at_once():
    with pytest.raises(GlossaryError) as caught:
        glossary_parse([{"term": "A1"}, {"definition": "x"}, {"term": "B2", "definition": "ok"}])
    assert len(caught.value.problems) == 2
    assert "entry 1 (A1) needs a definition" in str(caught.value)


def test_the_file_must_be_a_list():
    with pytest.raises(GlossaryError):
        glossary_parse({"term": "ICB"})
    assert glossary_parse(None) == ()


def test_bad_yaml_is_reported(tmp_path):
    path = tmp_path / "glossary.yaml"
    path.write_text("- term: [unclosed\n", encoding="utf-8")
    with pytest.raises(GlossaryError) as caught:
        glossary_load(path)
    assert "not valid YAML" in str(caught.value)


def test_anchors():
    assert anchor_for("ICB") == "term-icb"
    assert anchor_for("GOV.UK") == "term-gov-uk"
    assert anchor_for("lived experience") == "term-lived-experience"
    assert anchor_for("2FA") == "term-2fa"


def test_acronyms_are_two_or_more_capitals():
    assert find_acronyms("The ICB, the NHS and GOV.UK use 2FA. A UK VAT bill. I am OK with PDFs") == [
        "ICB",
        "NHS",
        "GOV.UK",
        "2FA",
        "UK",
        "VAT",
        "OK",
        "PDF",
    ]
    assert find_acronyms("Tandem, iPhone, eBay, A, I, x.UK, ICBss, As") == []
    assert is_acronym("GOV.UK") and is_acronym("2FA") and not is_acronym("Ab") and not is_acronym("A1")


@given(st.lists(st.text(min_size=1, max_size=20), max_size=10), st.lists(st.text(max_size=40), max_size=10))
def test_parsing_any_entries_returns_terms_or_a_named_problem(terms, definitions):
    entries = [{"term": term, "definition": definition} for term, definition in zip(terms, definitions, strict=False)]
    try:
        parsed = glossary_parse(entries)
    except GlossaryError as error:
        assert error.problems
        assert all(problem.startswith("entry ") for problem in error.problems)
    else:
        assert len(parsed) == len(entries)
        assert len({term.term.casefold() for term in parsed}) == len(parsed)
