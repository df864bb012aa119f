"""Reading links to evidence, one a line: plain pytest and hypothesis, no database."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tandem.commissions.evidence import (
    MAX_LINKS,
    MAX_PROBLEMS,
    EvidenceProblem,
    evidence_as_text,
    evidence_parse,
    problems_counted,
    url_problem,
)


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


def test_every_wrong_line_has_its_own_message():
    text = "Plan ftp://example.org/plan\nhttps://example.org/fine\nsee the shared drive\n\nhttps://nodot"
    with pytest.raises(EvidenceProblem) as problem:
        evidence_parse(text)
    assert problem.value.messages == (
        "The link on line 1 must start with https:// or http://",
        "Line 3 does not end with a web address. Put the address last, starting with https://",
        "The link on line 5 is not a web address we can link to. Check it has a name like www.example.org after "
        "https://",
    )
    assert problem.value.message == problem.value.messages[0]


def test_too_many_links_and_wrong_lines_are_all_said():
    text = "\n".join(["https://example.org/1", "no link here", *(f"https://example.org/{n}" for n in range(2, 7))])
    with pytest.raises(EvidenceProblem) as problem:
        evidence_parse(text)
    assert problem.value.messages[0].startswith("You can add up to 5 links. You have 7")
    assert problem.value.messages[1:] == (
        "Line 2 does not end with a web address. Put the address last, starting with https://",
    )


def test_a_long_paste_of_wrong_lines_is_counted_after_the_first_ten():
    with pytest.raises(EvidenceProblem) as problem:
        evidence_parse("\n".join(["just words"] * 4))
    assert len(problem.value.messages) == 4
    assert problems_counted([f"p{n}" for n in range(MAX_PROBLEMS)]) == [f"p{n}" for n in range(MAX_PROBLEMS)]
    assert problems_counted([f"p{n}" for n in range(MAX_PROBLEMS + 1)])[-1] == (
        "1 more line has a problem too. Check each line ends with a web address"
    )
    counted = problems_counted([f"p{n}" for n in range(1234)])
    assert len(counted) == MAX_PROBLEMS + 1
    assert counted[-1] == "1,224 more lines have a problem too. Check each line ends with a web address"


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
        assert all(problem.messages)
    else:
        assert len(links) <= 5
        assert all(link["url"].lower().startswith(("http://", "https://")) for link in links)
        assert evidence_parse(evidence_as_text(links)) == links


line = st.one_of(
    st.sampled_from(["https://example.org/a", "Doc http://example.org/b", "  "]),
    # One line each: none of the characters ``splitlines`` breaks a line at.
    st.text(
        alphabet=st.characters(
            exclude_categories=["Cs"], exclude_characters="\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
        ),
        max_size=40,
    ),
)


@given(st.lists(line, max_size=14))
def test_each_wrong_line_is_named_once_in_order(lines):
    """Every line that is wrong on its own gets one message naming it, in the order typed."""
    wrong = []
    for number, written in enumerate(lines, start=1):
        if written.strip():
            try:
                evidence_parse(written)
            except EvidenceProblem:
                wrong.append(number)
    filled = sum(1 for written in lines if written.strip())
    try:
        evidence_parse("\n".join(lines))
    except EvidenceProblem as problem:
        messages = list(problem.messages)
        if filled > MAX_LINKS:
            assert messages.pop(0).startswith(f"You can add up to {MAX_LINKS} links. You have {filled}")
        named, rest = wrong[:MAX_PROBLEMS], wrong[MAX_PROBLEMS:]
        if rest:
            assert messages.pop().startswith(f"{len(rest)} more line")
        for number, message in zip(named, messages, strict=True):
            assert f"ine {number} " in message
    else:
        assert not wrong and filled <= MAX_LINKS
