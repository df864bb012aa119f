"""The question every place asks about contact details (decision 0022), fed anything at all: only
"yes" or "no" is ever taken, anything else gets the field's own message, and the words name who
would see the address."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tandem.accounts.forms import ContactChoiceForm

OPTIONS = {"audience": "the team", "still_reach": "The lead can still reach you through Tandem."}


@given(st.one_of(st.text(max_size=60), st.sampled_from(["yes", "no", "", " yes", "YES", "true", "1"])))
def test_only_yes_or_no_is_taken(typed: str) -> None:
    form = ContactChoiceForm({"shares_email": typed}, **OPTIONS)
    if typed in ("yes", "no"):
        assert form.is_valid()
        assert form.shares() is (typed == "yes")
    else:
        assert not form.is_valid()
        assert form.errors["shares_email"] == ["Choose whether the team can see your email address"]


def test_nothing_chosen_is_asked_again_in_the_same_words() -> None:
    form = ContactChoiceForm({}, **OPTIONS)
    assert not form.is_valid()
    assert form.errors["shares_email"] == ["Choose whether the team can see your email address"]


def test_the_words_name_who_would_see_it_and_say_why_we_ask() -> None:
    form = ContactChoiceForm(audience="other members of Anyborough Council", still_reach="Reach", initial={})
    assert form.fields["shares_email"].label == "Can other members of Anyborough Council see your email address?"
    hints = form.choice_hints["shares_email"]
    assert hints["no"] == "Reach"
    assert hints["yes"].startswith("Other members of Anyborough Council can see it")
    assert "Either is fine" in form.why_we_ask["shares_email"]
    assert ContactChoiceForm.initial_for(False) == {"shares_email": "no"}
    assert ContactChoiceForm.initial_for(True) == {"shares_email": "yes"}
