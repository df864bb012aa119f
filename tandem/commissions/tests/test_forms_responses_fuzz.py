"""The response, comment and status forms, posted generated values: never a server error, and
what was typed comes back in the page when it is shown again."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import Roles, example_rows, sign_in
from tandem.commissions.evidence import EvidenceProblem, evidence_parse
from tandem.commissions.models import Commission, Response
from tandem.commissions.tests.journey_builders import prompt_of, rich_commission_build

pytestmark = pytest.mark.django_db

# Each example builds its own rows inside ``example_rows()``, rolled back when it ends.
FUZZ = settings(max_examples=30, deadline=None)

# One-line text that a browser would send back unchanged.
line = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=80).filter(
    lambda s: s.strip() == s and s.strip() != ""
)
anything = st.one_of(
    st.text(max_size=300),
    st.integers().map(str),
    st.sampled_from(["", " ", "0", "-1", "answer", "decision", "not_relevant", "https://example.org", "x" * 6000]),
)


def fields(keys: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    values = st.one_of(anything, st.lists(anything, max_size=4))
    return st.dictionaries(st.one_of(st.sampled_from(keys), st.text(max_size=10)), values, max_size=10)


def kept(response: Any, value: str) -> None:
    if response.status_code == 200:
        assert escape(value) in response.content.decode()


def rich_commission_for(roles: Roles) -> tuple[Commission, Client]:
    """The ``rich_commission`` fixture for one example, and its lead signed in."""
    roles.user("funder_admin")
    lead = roles.user("funder_member")
    commission = rich_commission_build(lead=lead, lead_funder=roles.funder_org)
    return commission, sign_in(Client(), lead, roles.funder_org)


@FUZZ
@given(data=fields(["kind", "text", "reason", "evidence", "version", "discard"]), text=line)
def test_response_form(data: dict[str, Any], text: str) -> None:
    with example_rows() as roles:
        rich_commission, member_client = rich_commission_for(roles)
        url = reverse(
            "commissions:prompt", kwargs={"pk": rich_commission.pk, "prompt_pk": prompt_of(rich_commission).pk}
        )
        data = {**data, "text": text}
        data.pop("discard", None)
        response = member_client.post(url, data)
        assert response.status_code < 500
        kept(response, text)


@FUZZ
@given(data=fields(["kind", "text", "reason", "evidence", "version"]), reason=line)
def test_response_form_not_relevant(data: dict[str, Any], reason: str) -> None:
    with example_rows() as roles:
        rich_commission, member_client = rich_commission_for(roles)
        url = reverse(
            "commissions:prompt", kwargs={"pk": rich_commission.pk, "prompt_pk": prompt_of(rich_commission).pk}
        )
        response = member_client.post(url, {**data, "kind": "not_relevant", "reason": reason})
        assert response.status_code < 500
        kept(response, reason)


@FUZZ
@given(
    evidence=st.lists(
        st.one_of(line, st.sampled_from(["https://example.org/a", "Doc http://example.org/b"])), max_size=8
    )
)
def test_evidence_field(evidence: list[str]) -> None:
    with example_rows() as roles:
        rich_commission, member_client = rich_commission_for(roles)
        url = reverse(
            "commissions:prompt", kwargs={"pk": rich_commission.pk, "prompt_pk": prompt_of(rich_commission).pk}
        )
        current = Response.objects.filter(prompt=prompt_of(rich_commission), is_current=True).first()
        text = "\n".join(evidence)
        data = {
            "kind": "answer",
            "text": "Our view.",
            "evidence": text,
            "version": current.revision if current else 0,
        }
        response = member_client.post(url, data)
        assert response.status_code in (200, 302)
        try:
            evidence_parse(text)
        except EvidenceProblem as problem:
            wrong = list(problem.messages)
        else:
            wrong = []
        assert (response.status_code == 200) == bool(wrong)
        if response.status_code == 200:
            page = response.content.decode()
            for item in evidence:
                assert escape(item) in page
            # Every wrong line has its own line in the error summary, linking to the box.
            for message in wrong:
                assert f'<a href="#id_evidence">{escape(message)}</a>' in page


@FUZZ
@given(data=fields(["text"]), text=line)
def test_comment_form(data: dict[str, Any], text: str) -> None:
    with example_rows() as roles:
        rich_commission, member_client = rich_commission_for(roles)
        url = reverse(
            "commissions:comment", kwargs={"pk": rich_commission.pk, "prompt_pk": prompt_of(rich_commission).pk}
        )
        response = member_client.post(url, {**data, "text": text})
        assert response.status_code < 500
        kept(response, text)


@FUZZ
@given(data=fields(["text"]))
def test_comment_form_anything(data: dict[str, Any]) -> None:
    with example_rows() as roles:
        rich_commission, member_client = rich_commission_for(roles)
        url = reverse(
            "commissions:comment", kwargs={"pk": rich_commission.pk, "prompt_pk": prompt_of(rich_commission).pk}
        )
        assert member_client.post(url, data).status_code < 500


@FUZZ
@given(data=fields(["status"]))
def test_status_form(data: dict[str, Any]) -> None:
    with example_rows() as roles:
        rich_commission, member_client = rich_commission_for(roles)
        url = reverse("commissions:stage-status", kwargs={"pk": rich_commission.pk, "stage": "assess"})
        response = member_client.post(url, data)
        assert response.status_code in (200, 302)
