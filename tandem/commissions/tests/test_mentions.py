"""Finding mentions in a comment: plain pytest and hypothesis, no database."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tandem.commissions.mentions import Mentionable, mentions_find, mentions_named, mentions_unknown

PRIYA = Mentionable(key=1, name="Priya Shah", email="priya.shah@anyborough.gov.uk")
PAT = Mentionable(key=2, name="Pat", email="pat@example.org")
PAT_PROVIDER = Mentionable(key=3, name="Pat Provider", email="pp@example.org")
TEAM = [PRIYA, PAT, PAT_PROVIDER]


def test_by_name_or_email_in_any_case():
    assert mentions_find("@Priya Shah can you look?", TEAM) == [1]
    assert mentions_find("ask @priya shah", TEAM) == [1]
    assert mentions_find("cc @PRIYA.SHAH@anyborough.gov.uk.", TEAM) == [1]
    assert mentions_find("(@Priya Shah)", TEAM) == [1]


def test_names_split_over_lines_still_match():
    assert mentions_find("thanks @Priya\n  Shah!", TEAM) == [1]


def test_only_whole_names():
    assert mentions_find("@Priya Shahid", TEAM) == []
    assert mentions_find("@Priya", TEAM) == []
    assert mentions_find("email priya.shah@anyborough.gov.uk", TEAM) == []
    assert mentions_find("@priya.shah@anyborough.gov.uk.extra", TEAM) == []
    assert mentions_find("no at sign at all", TEAM) == []


def test_the_longest_name_wins():
    assert mentions_find("@Pat Provider please", TEAM) == [3]
    assert mentions_find("@Pat and @Pat Provider", TEAM) == [2, 3]


def test_each_person_once_in_order_of_first_mention():
    assert mentions_find("@Pat Provider, @Priya Shah, @Pat Provider again", TEAM) == [3, 1]


def test_people_without_a_name_or_email():
    nobody = Mentionable(key=9, name="  ", email="")
    assert mentions_find("@ hello @", [nobody]) == []


@given(st.text(max_size=300))
def test_any_text_finds_only_people_on_the_list(text):
    found = mentions_find(text, TEAM)
    assert set(found) <= {1, 2, 3}
    assert len(found) == len(set(found))


@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40))
def test_a_name_written_after_an_at_sign_is_found(prefix):
    text = f"{prefix} @Priya Shah"
    if prefix and (prefix[-1].isalnum() or prefix[-1] in "_.@"):
        return
    assert 1 in mentions_find(text, TEAM)


def test_mentions_of_no_one_on_the_list_are_found():
    text = "@Priya Shah and @Sam Jones, could you look? Or @sam.jones@elsewhere.org. Thanks @bob!"
    assert mentions_unknown(text, TEAM) == ["Sam Jones", "sam.jones@elsewhere.org", "bob"]


def test_what_is_not_a_mention_of_anyone():
    assert mentions_unknown("no at sign", TEAM) == []
    assert mentions_unknown("meet @ 3pm, or @3pm; write to me@example.org", TEAM) == []
    assert mentions_unknown("@Pat and @Pat Provider and @PRIYA.SHAH@anyborough.gov.uk.", TEAM) == []


def test_a_near_miss_of_a_name_on_the_list_is_not_a_mention():
    assert mentions_unknown("@Priya Shahid please", TEAM) == ["Priya Shahid"]
    assert mentions_unknown("@priya.shah@anyborough.gov.uk.extra", TEAM) == ["priya.shah@anyborough.gov.uk.extra"]


def test_each_unknown_mention_once_and_names_end_at_lower_case_words():
    assert mentions_unknown("@sam can you, @Sam?", TEAM) == ["sam"]
    assert mentions_unknown("@Ann Marie Lee Smith said", TEAM) == ["Ann Marie Lee"]
    assert mentions_unknown("@Jo\n  Bloggs said", TEAM) == ["Jo Bloggs"]


def test_email_mentions_are_written_as_names():
    assert mentions_named("cc @PRIYA.SHAH@anyborough.gov.uk. Thanks", TEAM) == "cc @Priya Shah. Thanks"
    assert mentions_named("@pat@example.org and @pp@example.org", TEAM) == "@Pat and @Pat Provider"
    # Only whole addresses of people on the list, and never an address that is not a mention.
    assert mentions_named("@pat@example.org.uk", TEAM) == "@pat@example.org.uk"
    assert mentions_named("write to pat@example.org", TEAM) == "write to pat@example.org"
    assert mentions_named("@pat@example.org", [Mentionable(key=2, name=" ", email="pat@example.org")]) == (
        "@pat@example.org"
    )


@given(st.text(max_size=300))
def test_any_text_has_its_unknown_mentions_after_an_at_sign(text):
    flattened = " ".join(text.split())
    unknown = mentions_unknown(text, TEAM)
    for handle in unknown:
        assert f"@{handle}" in flattened
    assert len({handle.casefold() for handle in unknown}) == len(unknown)


@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40))
def test_a_known_person_is_never_unknown(prefix):
    text = f"{prefix} @Priya Shah and @priya.shah@anyborough.gov.uk"
    assert "Priya Shah" not in mentions_unknown(text, TEAM)
    assert "priya.shah@anyborough.gov.uk" not in mentions_named(text, TEAM).split("@Priya Shah")[-1]
