"""Which question each guidance point sits beside: plain pytest and hypothesis, no database."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from tandem.frameworks.placement import Item, guidance_placement, likeness, words

PRINCIPLES = ["safety", "trust", "choice", "collaboration", "empowerment"]


def item(key: str, principles: str, text: str = "") -> Item[str]:
    return Item(key, frozenset(principles.split()), text)


def test_likeness_is_the_share_of_principles_in_common() -> None:
    assert likeness(frozenset({"safety"}), frozenset({"safety"})) == 1
    assert likeness(frozenset({"safety"}), frozenset({"safety", "choice"})) == Fraction(1, 2)
    assert likeness(frozenset({"safety", "trust"}), frozenset({"trust", "choice"})) == Fraction(1, 3)
    assert likeness(frozenset({"safety"}), frozenset({"choice"})) == 0
    assert likeness(frozenset(), frozenset()) == 0


def test_words_keep_what_a_text_is_about() -> None:
    assert words("Pay providers on time, which keeps services running.") == {"provider", "keep", "service", "running"}
    assert words("Is it fair? Do they know?") == frozenset()
    assert words("A small business") == {"small", "business"}  # a double "s" is not a plural


def test_each_point_sits_beside_the_question_most_like_it() -> None:
    prompts = [
        item("plan", "safety trust", "Does the plan give people time?"),
        item("money", "trust", "Have we said why the money cannot move?"),
        item("brand", "collaboration trust", "Are our rules on branding fair?"),
    ]
    guidance = [
        item("time", "safety trust", "Give people time to feel safe."),
        item("spend", "trust", "Reward careful spending of money."),
        # As like "brand" as it is like... nothing else: it shares both its principles with "brand".
        item("credit", "trust collaboration", "Share credit and branding."),
        item("alone", "empowerment", "Nothing else serves empowerment."),
    ]
    placement = guidance_placement(prompts, guidance)
    assert placement.beside == {"plan": ("time",), "money": ("spend",), "brand": ("credit",)}
    assert placement.after == ("alone",)


def test_between_equal_questions_words_decide_then_order() -> None:
    prompts = [
        item("first", "collaboration trust", "Do all the people taking part know what is expected?"),
        item("second", "collaboration trust", "Are our rules on branding and who owns materials fair?"),
        item("third", "collaboration trust", "Is anything else missing?"),
    ]
    placement = guidance_placement(
        prompts,
        [
            item("ownership", "trust collaboration", "Agree branding and who owns materials."),
            item("general", "trust collaboration", "Keep talking."),
        ],
    )
    # The words of "ownership" are those of the second question; "general" shares none, so it
    # goes to the first of the questions that fit it as well as any.
    assert placement.beside == {"second": ("ownership",), "first": ("general",)}


keys = st.integers(min_value=0, max_value=30)
principle_sets = st.frozensets(st.sampled_from(PRINCIPLES), max_size=3)
texts = st.text(alphabet="abcdefgh ", max_size=40)
items = st.lists(st.builds(Item, keys, principle_sets, texts), max_size=12, unique_by=lambda i: i.key)


@given(prompts=items, guidance=items)
def test_every_point_is_shown_once_and_only_beside_a_question_it_shares_a_principle_with(
    prompts: list[Item[int]], guidance: list[Item[int]]
) -> None:
    placement = guidance_placement(prompts, guidance)
    placed = [point for points in placement.beside.values() for point in points] + list(placement.after)
    assert sorted(placed) == sorted(point.key for point in guidance)
    by_key = {prompt.key: prompt for prompt in prompts}
    points = {point.key: point for point in guidance}
    for prompt_key, beside in placement.beside.items():
        assert beside, "a question with no guidance is left out"
        for point_key in beside:
            assert points[point_key].principles & by_key[prompt_key].principles
            # No other question is more like the point than the one it sits beside.
            best = max(likeness(points[point_key].principles, p.principles) for p in prompts)
            assert likeness(points[point_key].principles, by_key[prompt_key].principles) == best
    for point_key in placement.after:
        assert not any(points[point_key].principles & prompt.principles for prompt in prompts)
    # Whoever looks, the same answer.
    assert guidance_placement(prompts, guidance) == placement
