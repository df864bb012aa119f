"""Every audit action the code writes has plain words (issue 10, item 16), read from the code itself.

The test reads every module Tandem ships (not its tests) and collects the action names given to
``audit_log`` (``action="..."``, either side of an ``if``) and to ``InvitationActions``. An
f-string action such as ``f"tenders.{kind.noun}.added"`` is filled in with every value that
module gives the attribute (the ``noun`` of each ``_Kind(...)`` it makes).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import tandem
from tandem.audit.actions import ACTIONS, AREAS, UNKNOWN, action_area, action_choices, action_description

ROOT = Path(tandem.__file__).parent
ACTION_SHAPE = re.compile(r"[a-z_]+\.[a-z_]+\.[a-z_]+")
INVITATION_FIELDS = ("issued", "resent", "accepted", "cancelled")


def _shipped_modules() -> Iterator[Path]:
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if "tests" in parts or "migrations" in parts:
            continue
        yield path


def _call_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _attribute_values(tree: ast.Module, attribute: str) -> list[str]:
    """Every value the module gives ``attribute``: the matching positional argument of each call
    to a dataclass it defines with that field, or a keyword argument of that name."""
    fields: dict[str, int] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            names = [
                item.target.id
                for item in node.body
                if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name)
            ]
            if attribute in names:
                fields[node.name] = names.index(attribute)
    values: list[str] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        for keyword in node.keywords:
            if keyword.arg == attribute and isinstance(keyword.value, ast.Constant):
                values.append(str(keyword.value.value))
        position = fields.get(_call_name(node))
        argument = node.args[position] if position is not None and len(node.args) > position else None
        if isinstance(argument, ast.Constant):
            values.append(str(argument.value))
    return values


def _names(value: ast.expr, tree: ast.Module, where: str) -> Iterator[str]:
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        yield value.value
    elif isinstance(value, ast.IfExp):
        yield from _names(value.body, tree, where)
        yield from _names(value.orelse, tree, where)
    elif isinstance(value, ast.JoinedStr):
        texts = [""]
        for part in value.values:
            if isinstance(part, ast.Constant):
                texts = [text + str(part.value) for text in texts]
                continue
            assert isinstance(part, ast.FormattedValue) and isinstance(part.value, ast.Attribute), where
            filled = _attribute_values(tree, part.value.attr)
            assert filled, f"{where}: cannot tell which actions {ast.unparse(value)} writes"
            texts = [text + fill for text in texts for fill in filled]
        yield from texts
    elif isinstance(value, ast.Attribute) and value.attr in INVITATION_FIELDS:
        # ``kind.actions.accepted``: an invitation kind's names, read where its
        # ``InvitationActions`` is written.
        return
    else:
        raise AssertionError(f"{where}: cannot tell which action {ast.unparse(value)} writes; use a string")


def actions_in_the_code() -> dict[str, str]:
    """Each action name the shipped code writes, with where it is written."""
    found: dict[str, str] = {}
    for path in _shipped_modules():
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = _call_name(node)
            for keyword in node.keywords:
                wanted = (name.endswith("audit_log") and keyword.arg == "action") or (
                    name == "InvitationActions" and keyword.arg in INVITATION_FIELDS
                )
                if wanted:
                    where = f"{path.relative_to(ROOT.parent)}:{keyword.value.lineno}"
                    for action in _names(keyword.value, tree, where):
                        found.setdefault(action, where)
    return found


FOUND = actions_in_the_code()


def test_the_reader_finds_the_actions_it_should() -> None:
    # A check on the reader itself: plain, either side of an if, f-strings and invitations.
    for action in (
        "accounts.session.signed_in",
        "tenders.open_question.switched_off",
        "tenders.budget_line.removed",
        "commissions.invitation.sent",
        "organisations.membership.invited",
    ):
        assert action in FOUND, action
    assert len(FOUND) > 50


@pytest.mark.parametrize("action", sorted(FOUND))
def test_every_action_in_the_code_has_plain_words(action: str) -> None:
    assert ACTION_SHAPE.fullmatch(action), f"{FOUND[action]}: {action!r} is not app.noun.verb"
    assert action in ACTIONS, (
        f"{FOUND[action]} writes {action!r}, which has no plain words: add it to tandem/audit/actions.py"
    )


def test_no_words_for_an_action_nothing_writes() -> None:
    assert sorted(set(ACTIONS) - set(FOUND)) == []


def test_the_words_are_plain() -> None:
    for action, words in ACTIONS.items():
        assert action.split(".", 1)[0] in AREAS, action
        assert words and words[0].isupper() and not words.endswith("."), words
        assert "." not in words and "_" not in words, words
    assert len(set(ACTIONS.values())) == len(ACTIONS), "two actions have the same words"


def test_descriptions_and_areas() -> None:
    assert action_description("organisations.membership.invited") == "Invited someone to join an organisation"
    assert action_description("core.thing.changed") == UNKNOWN
    assert action_area("tenders.lot.added") == "Specifications"
    assert action_area("core.thing.changed") == ""


def test_the_filter_offers_each_area_then_its_actions() -> None:
    groups = dict(action_choices())
    organisations = groups["Organisations"]
    assert organisations[0].value == "organisations"
    assert organisations[0].words == "Anything in organisations"
    assert [choice.value for choice in organisations[1:]] == [a for a in ACTIONS if a.startswith("organisations.")]
    offered = [choice.value for choices in groups.values() for choice in choices]
    assert set(ACTIONS) <= set(offered)
