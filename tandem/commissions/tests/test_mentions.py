"""Finding mentions in a comment: plain pytest and hypothesis, no database."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tandem.commissions.mentions import Mentionable, mentions_find

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
