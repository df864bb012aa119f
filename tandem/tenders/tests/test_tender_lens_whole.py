"""Whole-document codes: judged only with whole=True, and only on the kind of document they suit."""

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.tenders.tender_lens import CATALOGUE, WHOLE_DOCUMENT_CODES, review_text
from tandem.tenders.tender_lens.text import easter_sunday, find_dates

BARE_SPECIFICATION = """Service specification: Anyborough community support service

The provider will offer weekly drop-in sessions in three libraries.
The provider will keep records of every contact and report numbers each quarter.
The service will run from 9am to 5pm on weekdays.
"""

FULL_SPECIFICATION = """Service specification: Anyborough domestic abuse support service

The provider will work in a person-centred way that gives people choice and control over their support.
The provider will monitor outcomes in a trauma-sensitive way that does not re-traumatise people.
The provider will have trauma-informed policies and offer emotionally safe settings.
The service must be culturally responsive and inclusive of diverse communities.
Staff and volunteers will receive ongoing trauma-informed training.
All staff will have monthly clinical supervision and time for reflective practice.
People with lived experience will help shape and review the service.
An exit plan, with six months' notice and continuity of care for every client, is required.
"""

FORM_WITHOUT_SPACE = """Application form

Q1. Describe your organisation (maximum 300 words)
Q2. How will you reach women in the north of the borough? (maximum 500 words)
Q3. What outcomes do you expect? (maximum 300 words)
"""

FORM_WITH_SPACE = FORM_WITHOUT_SPACE + "Q4. Is there anything else you would like us to know? (maximum 500 words)\n"

TI_CODES = {"TL12a", "TL12b", "TL12c", "TL12d", "TL12e", "TL12f", "TL12g"}


def codes(text, whole):
    return {f.code for f in review_text(text, whole=whole)}


def test_bare_specification_misses_every_trauma_informed_element_and_ending():
    found = codes(BARE_SPECIFICATION, whole=True)
    assert TI_CODES | {"TL23"} <= found
    for finding in review_text(BARE_SPECIFICATION, whole=True):
        if finding.code in TI_CODES | {"TL23"}:
            assert (finding.start, finding.end) == (0, 0)


def test_full_specification_has_no_whole_document_findings():
    assert codes(FULL_SPECIFICATION, whole=True) & WHOLE_DOCUMENT_CODES == set()


def test_each_trauma_informed_element_is_recognised_on_its_own():
    lines = FULL_SPECIFICATION.splitlines()
    for index, code in enumerate(sorted(TI_CODES), start=2):
        without = "\n".join(line for n, line in enumerate(lines) if n != index)
        assert codes(without, whole=True) & WHOLE_DOCUMENT_CODES == {code}, code


def test_form_without_open_question_gets_tl11_and_with_one_does_not():
    assert "TL11" in codes(FORM_WITHOUT_SPACE, whole=True)
    assert "TL11" not in codes(FORM_WITH_SPACE, whole=True)


def test_application_form_is_not_judged_as_a_specification():
    assert codes(FORM_WITH_SPACE, whole=True) & (TI_CODES | {"TL23"}) == set()


def test_whole_document_codes_never_fire_on_an_excerpt():
    for text in (BARE_SPECIFICATION, FORM_WITHOUT_SPACE):
        assert codes(text, whole=False) & WHOLE_DOCUMENT_CODES == set()


def test_catalogue_is_the_contract():
    expected = ["TL01", "TL02", "TL03", "TL04", "TL05", "TL06", "TL07", "TL08", "TL09", "TL10", "TL11"]
    expected += [f"TL12{letter}" for letter in "abcdefg"]
    expected += [f"TL{n}" for n in range(13, 24)]
    assert list(CATALOGUE) == expected
    assert {"TL11", "TL23"} | TI_CODES == WHOLE_DOCUMENT_CODES
    assert CATALOGUE["TL07"].name == "DEADLINE_TOO_SHORT"


def test_easter_dates():
    assert [str(easter_sunday(year)) for year in (2024, 2025, 2026, 2027, 2038)] == [
        "2024-03-31",
        "2025-04-20",
        "2026-04-05",
        "2027-03-28",
        "2038-04-25",
    ]


def test_uk_dates_are_read_day_first():
    text = "Friday 20 December 2026, 03/04/2027 and 3rd March 2027; not 31/02/2027."
    assert [(str(d.date), text[d.start : d.end]) for d in find_dates(text)] == [
        ("2026-12-20", "Friday 20 December 2026"),
        ("2027-04-03", "03/04/2027"),
        ("2027-03-03", "3rd March 2027"),
    ]


TENDERISH = st.lists(
    st.sampled_from(
        [
            "ITT",
            "KPI",
            "Quality 60%",
            "Price: 50 per cent",
            "Social value 5%",
            "published 3 March 2027",
            "deadline 20 December 2026",
            "03/03/2027",
            "hard to reach",
            "within one week",
            "spent by 31 March",
            "12-month",
            "underspend will be clawed back",
            "Please attach your audited accounts",
            "bank statements must be provided",
            "monthly monitoring returns",
            "quarterly reports, an annual report",
            "grants of \u00a35,000",
            "our own template",
            "a full trauma history at the first appointment",
            "must disclose details of the abuse",
            "We will only fund new projects",
            "will not fund existing services",
            "\n",
            "\n\n",
            "- ",
            "|",
            ".",
            "(",
            ")",
            "e.g.",
        ]
    )
    | st.text(alphabet=string.printable + "\u2013\u2014\u2019é", max_size=20),
    max_size=40,
).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(
    text=st.one_of(st.text(max_size=500), TENDERISH),
    whole=st.booleans(),
    value=st.one_of(st.none(), st.integers(min_value=0, max_value=10**9)),
)
def test_random_text_never_raises_and_spans_are_inside_the_text(text, whole, value):
    for finding in review_text(text, whole=whole, value=value):
        assert 0 <= finding.start <= finding.end <= len(text)
        assert finding.code in CATALOGUE
        if not whole:
            assert finding.code not in WHOLE_DOCUMENT_CODES


def test_an_element_ruled_out_in_the_text_is_still_missing():
    """Naming supervision only to rule it out is not a requirement for it (TL12f)."""
    from tandem.tenders.tender_lens import review_text

    spec = (
        "Service specification\n\nThe provider will deliver the service described in this specification. "
        "We will not require reflective supervision for volunteers.\n\nThe contract runs for three years."
    )
    assert "TL12f" in {f.code for f in review_text(spec, whole=True)}
    required = spec.replace("We will not require", "We require")
    assert "TL12f" not in {f.code for f in review_text(required, whole=True)}
