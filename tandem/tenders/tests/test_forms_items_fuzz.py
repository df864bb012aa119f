"""Every form of the outcomes, trauma-informed requirements, budget and lots pages, posted generated
values: never a server error, and a line that was typed comes back when the form is shown again."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import Roles, example_rows, sign_in
from tandem.tenders.forms.items import BudgetLineForm, LotForm, OutcomeForm, TIRequirementsForm
from tandem.tenders.models import BudgetLine, Lot, Outcome, Specification, TIElement
from tandem.tenders.tests.builders import specification_build

pytestmark = pytest.mark.django_db

# Each example builds its own rows inside ``example_rows()``, rolled back when it ends.
FUZZ = settings(max_examples=25, deadline=None)

line = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=80).filter(
    lambda s: s.strip() == s and s.strip() != ""
)
anything = st.one_of(
    st.text(max_size=300),
    st.integers().map(str),
    st.sampled_from(
        ["", " ", "0", "-1", "£", "1.2m", "40k", "1e9", "NaN", "x" * 5000, "hard", "soft", "staff", "\x00", "99" * 30]
    ),
)
ELEMENTS = [element for element, _ in TIElement.choices]
KEYS = [
    "text", "kind", "indicator_6_months", "indicator_2_years", "indicator_5_years",
    "category", "description", "annual_amount", "title", "value", "version", "elements",
    *[f"commit_{element}" for element in ELEMENTS],
]  # fmt: skip


def fields() -> st.SearchStrategy[dict[str, Any]]:
    values = st.one_of(anything, st.lists(st.one_of(anything, st.sampled_from(ELEMENTS)), max_size=4))
    return st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=10)), values, max_size=12)


def spec_for(roles: Roles) -> tuple[Specification, Client]:
    """A specification led by funder_org, and its lead signed in."""
    funder_member, funder_org = roles.user("funder_member"), roles.funder_org
    return specification_build(lead=funder_member, lead_funder=funder_org), sign_in(Client(), funder_member, funder_org)


def kept(response: Any, value: str) -> None:
    assert response.status_code < 500
    if response.status_code == 200:
        assert escape(value) in response.content.decode()


@FUZZ
@given(data=fields(), text=line)
def test_outcome_forms(data: dict[str, Any], text: str) -> None:
    with example_rows() as roles:
        spec, client = spec_for(roles)
        item = Outcome.objects.create(specification=spec, text="People feel safer", kind="soft")
        kwargs = {"pk": spec.commission_id}
        kept(client.post(reverse("tenders:outcomes", kwargs=kwargs), {**data, "text": text}), text)
        kept(
            client.post(reverse("tenders:outcome-edit", kwargs={**kwargs, "item_pk": item.pk}), {**data, "text": text}),
            text,
        )


@FUZZ
@given(data=fields(), description=line)
def test_budget_line_forms(data: dict[str, Any], description: str) -> None:
    with example_rows() as roles:
        spec, client = spec_for(roles)
        item = BudgetLine.objects.create(specification=spec, category="staff", description="Workers", annual_amount=1)
        kwargs = {"pk": spec.commission_id}
        body = {**data, "description": description}
        kept(client.post(reverse("tenders:budget", kwargs=kwargs), body), description)
        kept(client.post(reverse("tenders:budget-line-edit", kwargs={**kwargs, "item_pk": item.pk}), body), description)


@FUZZ
@given(data=fields(), title=line)
def test_lot_forms(data: dict[str, Any], title: str) -> None:
    with example_rows() as roles:
        spec, client = spec_for(roles)
        item = Lot.objects.create(specification=spec, title="North", value=Decimal(5))
        kwargs = {"pk": spec.commission_id}
        body = {**data, "title": title}
        kept(client.post(reverse("tenders:lots", kwargs=kwargs), body), title)
        kept(client.post(reverse("tenders:lot-edit", kwargs={**kwargs, "item_pk": item.pk}), body), title)


@FUZZ
@given(data=fields(), commitments=line, element=st.sampled_from(ELEMENTS))
def test_ti_requirements_form(data: dict[str, Any], commitments: str, element: str) -> None:
    with example_rows() as roles:
        spec, client = spec_for(roles)
        body = {**data, f"commit_{element}": commitments}
        kept(client.post(reverse("tenders:ti-requirements", kwargs={"pk": spec.commission_id}), body), commitments)


@FUZZ
@given(data=fields())
def test_delete_pages(data: dict[str, Any]) -> None:
    with example_rows() as roles:
        spec, client = spec_for(roles)
        kwargs = {"pk": spec.commission_id, "item_pk": 999_999}
        for name in ("tenders:outcome-delete", "tenders:budget-line-delete", "tenders:lot-delete"):
            assert client.post(reverse(name, kwargs=kwargs), data).status_code == 302


@given(data=fields())
def test_the_forms_alone_never_raise(data: dict[str, Any]) -> None:
    for form_class in (OutcomeForm, BudgetLineForm, LotForm, TIRequirementsForm):
        form = form_class(data)
        if form.is_valid():
            if isinstance(form, TIRequirementsForm):
                assert all(text.strip() for text in form.commitments().values())
            else:
                form.details()
