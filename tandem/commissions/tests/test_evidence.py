"""Reading links to evidence, one a line: plain pytest and hypothesis, no database."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tandem.commissions.evidence import EvidenceProblem, evidence_as_text, evidence_parse, url_problem


def test_links_with_and_without_names():
    text = "Needs assessment 2024 https://www.anyborough.gov.uk/needs\n\n  http://example.org/report.pdf  \n"
    assert evidence_parse(text) == [
        {"title": "Needs assessment 2024", "url": "https://www.anyborough.gov.uk/needs"},
        {"title": "", "url": "http://example.org/report.pdf"},
    ]


def test_nothing_is_no_links():
    assert evidence_parse("") == []
    assert evidence_parse(" \n\n ") == []


def test_the_same_link_twice_is_kept_once():
    assert len(evidence_parse("https://example.org/a\nAgain https://example.org/a")) == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Just some words", "Line 1 does not end with a web address"),
        ("https://example.org\n\nftp://example.org/file", "The link on line 3 must start with https:// or http://"),
        ("javascript:alert(1)", "The link on line 1 must start with https:// or http://"),
        ("www.example.org", "The link on line 1 must start with https:// or http://"),
        ("https://", "The link on line 1 is not a web address we can link to"),
        ("https://nodot", "The link on line 1 is not a web address we can link to"),
        ("https://exa mple.org", "Line 1 does not end with a web address"),
        ("https://example.org:99999/", "The link on line 1 is not a web address we can link to"),
        ("\n".join(f"https://example.org/{n}" for n in range(6)), "You can add up to 5 links. You have 6"),
        ("t" * 201 + " https://example.org", "The name on line 1 must be 200 characters or fewer"),
    ],
)
def test_problems_name_the_line(text, message):
    with pytest.raises(EvidenceProblem) as problem:
        evidence_parse(text)
    assert problem.value.message.startswith(message)


def test_addresses_we_accept():
    for url in (
        "https://localhost:8000/x",
        "http://10.0.0.1/a?b=c#d",
        "https://bücher.example/",
        "HTTPS://EXAMPLE.ORG",
    ):
        assert url_problem(url) == "", url


def test_saved_links_back_to_text():
    links = [{"title": "Minutes", "url": "https://example.org/m"}, {"title": "", "url": "https://example.org/n"}]
    assert evidence_as_text(links) == "Minutes https://example.org/m\nhttps://example.org/n"
    assert evidence_parse(evidence_as_text(links)) == links
    assert evidence_as_text("not a list") == ""
    assert evidence_as_text([{"url": ""}, "junk"]) == ""


@given(st.text(max_size=500))
def test_any_text_gives_links_or_a_message(text):
    try:
        links = evidence_parse(text)
    except EvidenceProblem as problem:
        assert problem.message
    else:
        assert len(links) <= 5
        assert all(link["url"].lower().startswith(("http://", "https://")) for link in links)
        assert evidence_parse(evidence_as_text(links)) == links
