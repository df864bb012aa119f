"""The outcomes, trauma-informed requirements, budget and lots pages."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from conftest import make_user, sign_in
from tandem.audit.models import AuditEntry
from tandem.commissions.models import TeamMember, TeamRole
from tandem.core.drafts import draft_save
from tandem.core.models import Draft
from tandem.core.testing.access import ROLES, SIGN_IN, Ctx
from tandem.tenders.models import BudgetLine, Lot, Outcome, Specification, TIRequirement
from tandem.tenders.tests.access_items import POST_ACCESS
from tandem.tenders.tests.builders import specification_build

pytestmark = pytest.mark.django_db


@pytest.fixture
def spec(funder_member: Any, funder_org: Any) -> Specification:
    return specification_build(lead=funder_member, lead_funder=funder_org)


@pytest.fixture
def client(funder_member: Any, funder_org: Any) -> Client:
    return sign_in(Client(), funder_member, funder_org)


@pytest.fixture
def observer_client(spec: Specification, funder_org: Any) -> Client:
    user = make_user("olive.observer@example.org", "Olive Observer")
    TeamMember.objects.create(commission=spec.commission, user=user, role=TeamRole.OBSERVER)
    return sign_in(Client(), user)


def url(name: str, spec: Specification, item: Any = None) -> str:
    kwargs: dict[str, Any] = {"pk": spec.commission_id}
    if item is not None:
        kwargs["item_pk"] = item.pk
    return reverse(f"tenders:{name}", kwargs=kwargs)


def flat(response: Any) -> str:
    return " ".join(response.content.decode().split())


def outcome(spec: Specification, text: str = "People feel safer", kind: str = "soft", order: int = 1) -> Outcome:
    return Outcome.objects.create(specification=spec, order=order, text=text, kind=kind)


# --- every role, posting to every page -----------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url_name", sorted(POST_ACCESS))
def test_posting_for_every_role(url_name: str, role: str, request: pytest.FixtureRequest, role_client: Any) -> None:
    entry = POST_ACCESS[url_name]
    ctx = Ctx(
        **{
            name: request.getfixturevalue(name)
            for name in ("funder_org", "provider_org", "provider_member", "funder_member", "funder_admin", "site_admin")
        }
    )
    assert entry.setup is not None
    ctx.extra.update(entry.setup(ctx))
    before = AuditEntry.objects.count()
    response = role_client(role).post(reverse(url_name, kwargs=entry.kwargs(ctx)), entry.data(ctx))
    expected = entry.expect[role]
    if expected == SIGN_IN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse(settings.LOGIN_URL))
        assert AuditEntry.objects.count() == before
    elif expected == 403:
        assert response.status_code == 403
        assert AuditEntry.objects.count() == before
    else:
        assert response.status_code == expected, response.content.decode()[:2000]
        assert AuditEntry.objects.count() == before + 1


# --- outcomes --------------------------------------------------------------------------------


def test_adding_an_outcome_lists_it_as_a_card_and_audits_it(spec, client):
    response = client.post(
        url("outcomes", spec),
        {"text": "People feel safer at home", "kind": "soft", "indicator_6_months": "They tell us at review"},
        follow=True,
    )
    html = flat(response)
    assert "has been added" in html
    assert "govuk-summary-card" in html and "People feel safer at home" in html and "They tell us at review" in html
    assert AuditEntry.objects.filter(action="tenders.outcome.added").count() == 1
    assert 'href="' + url("outcome-edit", spec, Outcome.objects.get()) + '"' in html


def test_bad_outcome_input_keeps_what_was_typed_with_a_message_beside_the_field(spec, client):
    response = client.post(url("outcomes", spec), {"text": "", "kind": "", "indicator_2_years": "Kept words"})
    html = flat(response)
    assert response.status_code == 200
    assert "<title> Error:" in html
    assert 'id="id_text-error"' in html and "Enter the outcome" in html
    assert "Choose whether the outcome is hard or soft" in html
    assert "Kept words" in html
    assert not Outcome.objects.exists()


def test_the_page_notes_kindly_when_every_outcome_is_hard(spec, client):
    outcome(spec, "No repeat referrals", "hard")
    assert 'id="only-hard"' in flat(client.get(url("outcomes", spec)))
    outcome(spec, "People feel safer", "soft", order=2)
    html = flat(client.get(url("outcomes", spec)))
    assert 'id="only-hard"' not in html
    # The hint explains both kinds, and why it asks.
    assert "Hard outcomes can be counted" in html and "Soft outcomes are about how people feel" in html
    assert html.count("Why we ask") >= 5


def test_changing_an_outcome(spec, client):
    item = outcome(spec)
    page = flat(client.get(url("outcome-edit", spec, item)))
    assert "People feel safer" in page and 'name="version"' in page and "data-autosave" in page
    version = re.search(r'name="version" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    assert version == "1"
    response = client.post(
        url("outcome-edit", spec, item), {"text": "People feel safe", "kind": "soft", "version": version}
    )
    assert response.status_code == 302 and response["Location"] == url("outcomes", spec)
    item.refresh_from_db()
    assert item.text == "People feel safe"


def test_an_edit_after_someone_else_saved_shows_the_clash_and_keeps_what_was_typed(spec, client):
    item = outcome(spec)
    stale = str(item.version)
    item.text = "Their words"
    item.version += 1
    item.save()
    response = client.post(url("outcome-edit", spec, item), {"text": "My words", "kind": "hard", "version": stale})
    html = flat(response)
    assert response.status_code == 200
    assert "Someone else changed this outcome while you were editing" in html
    assert "Their words" in html and "My words" in html and "Different from yours" in html
    assert "Save my changes" in html
    item.refresh_from_db()
    assert item.text == "Their words"
    # Saving again, having seen theirs, goes through.
    version = re.search(r'name="version" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]
    assert version == "2"
    response = client.post(url("outcome-edit", spec, item), {"text": "My words", "kind": "hard", "version": version})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.text == "My words"


def test_an_edit_of_an_outcome_someone_removed_says_so_and_keeps_what_was_typed(spec, client):
    item = outcome(spec)
    path = url("outcome-edit", spec, item)
    version = str(item.version)
    item.delete()
    html = flat(client.post(path, {"text": "Still mine", "kind": "soft", "version": version}))
    assert "Someone else removed this outcome while you were editing" in html
    assert "Still mine" in html
    assert f'action="{url("outcomes", spec)}"' in html and "Add it as a new outcome" in html
    assert client.get(path).status_code == 404


def test_removing_an_outcome_asks_first_and_says_when_it_was_already_gone(spec, client):
    item = outcome(spec)
    page = flat(client.get(url("outcome-delete", spec, item)))
    assert "Are you sure you want to remove this outcome?" in page and "People feel safer" in page
    response = client.post(url("outcome-delete", spec, item), follow=True)
    assert "has been removed" in flat(response)
    assert not Outcome.objects.exists()
    response = client.post(url("outcome-delete", spec, item), follow=True)
    assert "had already been removed" in flat(response)
    assert client.get(url("outcome-delete", spec, item)).status_code == 404


def test_an_item_of_another_specification_is_not_found(spec, client, funder_member, funder_org):
    other = specification_build(lead=funder_member, lead_funder=funder_org, title="Another")
    theirs = outcome(other)
    assert client.get(url("outcome-edit", spec, theirs)).status_code == 404
    assert client.get(url("outcome-delete", spec, theirs)).status_code == 404


def test_observers_read_the_lists_without_forms_and_cannot_change_anything(spec, observer_client):
    item = outcome(spec)
    line = BudgetLine.objects.create(
        specification=spec, category="staff", description="Support workers", annual_amount=Decimal(1)
    )
    lot = Lot.objects.create(specification=spec, title="North")
    for name in ("outcomes", "budget", "lots", "ti-requirements"):
        response = observer_client.get(url(name, spec))
        html = flat(response)
        assert response.status_code == 200
        assert "You can read this page but not change it" in html
        assert "data-autosave" not in html and "Change<span" not in html and ">Add " not in html
    assert "People feel safer" in flat(observer_client.get(url("outcomes", spec)))
    assert observer_client.post(url("outcomes", spec), {"text": "x", "kind": "soft"}).status_code == 403
    for name, thing in (("outcome-edit", item), ("budget-line-delete", line), ("lot-edit", lot)):
        assert observer_client.get(url(name, spec, thing)).status_code == 403
    assert observer_client.post(url("outcome-delete", spec, item)).status_code == 403
    assert Outcome.objects.filter(pk=item.pk).exists()


def test_a_draft_comes_back_on_the_list_page_and_is_cleared_once_saved(spec, client, funder_member):
    path = url("outcomes", spec)
    draft_save(user=funder_member, path=path, data={"text": "Half typed", "kind": "soft"})
    html = flat(client.get(path))
    assert "We kept what you typed last time" in html and "Half typed" in html
    client.post(path, {"text": "Half typed", "kind": "soft"})
    assert not Draft.objects.filter(path=path).exists()


# --- trauma-informed requirements ------------------------------------------------------------


def test_the_page_explains_each_element_and_works_without_javascript(spec, client):
    html = flat(client.get(url("ti-requirements", spec)))
    assert html.count('class="govuk-checkboxes__input"') == 7
    # Every commitments box is in the page, so it shows with JavaScript off.
    assert html.count('id="conditional-') == 7
    assert html.count("What providers must commit to for") == 7
    assert "You could start with:" in html
    assert "From the West Midlands trauma-informed commissioning guidance (2024)" in html
    assert 'data-aria-controls="conditional-id_elements"' in html


def test_choosing_elements_saves_them_with_their_commitments(spec, client):
    response = client.post(
        url("ti-requirements", spec),
        {
            "elements": ["training", "supervision"],
            "commit_training": "Training every year",
            "commit_supervision": "Monthly supervision",
            "commit_cultural": "Typed but not ticked",
            "version": "0",
        },
        follow=True,
    )
    assert "have been saved" in flat(response)
    assert dict(TIRequirement.objects.values_list("element", "commitments")) == {
        "training": "Training every year",
        "supervision": "Monthly supervision",
    }
    html = flat(client.get(url("ti-requirements", spec)))
    assert 'value="training" checked' in html and "Monthly supervision" in html
    assert 'name="version" value="1"' in html
    assert AuditEntry.objects.filter(action="tenders.ti_requirements.changed").count() == 1


def test_a_chosen_element_needs_its_commitments_beside_its_box(spec, client):
    response = client.post(
        url("ti-requirements", spec),
        {"elements": ["cultural", "training"], "commit_training": "Kept text", "version": "0"},
    )
    html = flat(response)
    assert response.status_code == 200
    assert 'id="id_commit_cultural-error"' in html and "or untick it" in html
    assert 'href="#id_commit_cultural"' in html
    assert "Kept text" in html
    assert not TIRequirement.objects.exists()


def test_requirements_saved_by_someone_else_meanwhile_show_the_clash(spec, client, funder_admin):
    from tandem.tenders.services.items import ti_requirements_set

    ti_requirements_set(actor=funder_admin, specification=spec, commitments={"training": "Theirs"}, expected_version=0)
    html = flat(
        client.post(url("ti-requirements", spec), {"elements": ["training"], "commit_training": "Mine", "version": "0"})
    )
    assert "Someone else changed the trauma-informed requirements while you were editing" in html
    assert "Theirs" in html and "Mine" in html and 'name="version" value="1"' in html
    assert TIRequirement.objects.get().commitments == "Theirs"


# --- budget ----------------------------------------------------------------------------------


def test_the_budget_shows_the_total_the_term_and_the_costs_not_yet_there(spec, client):
    Specification.objects.filter(pk=spec.pk).update(term_months=36, value_including_vat=Decimal("300000"))
    client.post(
        url("budget", spec), {"category": "staff", "description": "Support workers", "annual_amount": "£90,000"}
    )
    client.post(url("budget", spec), {"category": "supervision", "description": "Clinical", "annual_amount": "6k"})
    html = flat(client.get(url("budget", spec)))
    assert "£90,000" in html and "£6,000" in html and "£96,000" in html
    assert "Over the term of 3 years, the budget lines add up to £288,000." in html
    assert "£12,000 less than the value of £300,000 including VAT" in html
    missing = html.split('id="missing-lines"')[1].split("</div>")[0]
    assert "Training" in missing and "Overheads" in missing and "cost-of-living review" in missing
    assert "<strong>Supervision.</strong>" not in missing
    assert reverse("tenders:section", kwargs={"pk": spec.commission_id, "section": "agreement"}) in html


def test_a_written_cost_review_counts_as_the_cost_of_living_line(spec, client):
    Specification.objects.filter(pk=spec.pk).update(cost_review="Prices rise with the pay award each April")
    for category in ("supervision", "training", "overheads"):
        BudgetLine.objects.create(specification=spec, category=category, description=category, annual_amount=1)
    html = flat(client.get(url("budget", spec)))
    assert 'id="missing-lines"' not in html
    assert "is set out in the agreement section" in html


def test_a_bad_amount_gets_a_specific_message_and_keeps_what_was_typed(spec, client):
    html = flat(
        client.post(url("budget", spec), {"category": "staff", "description": "Workers", "annual_amount": "lots"})
    )
    assert "The amount each year must be an amount in pounds" in html and 'value="lots"' in html
    assert not BudgetLine.objects.exists()


def test_changing_a_budget_line(spec, client):
    line = BudgetLine.objects.create(
        specification=spec, category="staff", description="Workers", annual_amount=Decimal("1000.50")
    )
    page = flat(client.get(url("budget-line-edit", spec, line)))
    assert 'value="1000.50"' in page
    response = client.post(
        url("budget-line-edit", spec, line),
        {"category": "training", "description": "Training", "annual_amount": "2000", "version": str(line.version)},
    )
    assert response.status_code == 302
    line.refresh_from_db()
    assert (line.category, line.annual_amount) == ("training", Decimal("2000.00"))


# --- lots ------------------------------------------------------------------------------------


def test_lots_explain_why_and_are_added_changed_and_removed(spec, client):
    html = flat(client.get(url("lots", spec)))
    assert "small or specialist provider" in html
    client.post(url("lots", spec), {"title": "Children and young people", "value": "£120,000"})
    lot = Lot.objects.get()
    assert lot.value == Decimal("120000.00")
    html = flat(client.get(url("lots", spec)))
    assert "Lot 1: Children and young people" in html and "£120,000" in html
    client.post(
        url("lot-edit", spec, lot),
        {"title": "Children", "value": "", "version": str(lot.version)},
    )
    lot.refresh_from_db()
    assert lot.title == "Children" and lot.value is None
    client.post(url("lot-delete", spec, lot))
    assert not Lot.objects.exists()
    assert [
        e
        for e in AuditEntry.objects.filter(action__startswith="tenders.lot.")
        .order_by("sequence")
        .values_list("action", flat=True)
    ] == [
        "tenders.lot.added",
        "tenders.lot.changed",
        "tenders.lot.removed",
    ]


# --- a fixed number of queries ---------------------------------------------------------------


def _fill(spec: Specification, count: int) -> dict[str, Any]:
    Outcome.objects.bulk_create(
        [
            Outcome(specification=spec, order=n, text=f"Outcome {n}", kind="hard" if n % 2 else "soft")
            for n in range(count)
        ]
    )
    BudgetLine.objects.bulk_create(
        [
            BudgetLine(specification=spec, order=n, category="staff", description=f"Line {n}", annual_amount=n)
            for n in range(count)
        ]
    )
    Lot.objects.bulk_create([Lot(specification=spec, order=n, title=f"Lot {n}", value=n) for n in range(count)])
    TIRequirement.objects.bulk_create(
        [TIRequirement(specification=spec, element=e, commitments=e) for e in ("training", "cultural")[: min(count, 2)]]
    )
    return {
        "outcome-edit": Outcome.objects.first(),
        "budget-line-edit": BudgetLine.objects.first(),
        "lot-edit": Lot.objects.first(),
        "outcome-delete": Outcome.objects.first(),
    }


@pytest.mark.parametrize("count", [2, 40])
@pytest.mark.parametrize(
    ("name", "queries"),
    [
        ("outcomes", 13),
        ("budget", 13),
        ("lots", 13),
        ("ti-requirements", 13),
        ("outcome-edit", 13),
        ("budget-line-edit", 13),
        ("lot-edit", 13),
        ("outcome-delete", 12),
    ],
)
def test_each_page_runs_a_fixed_number_of_queries(spec, client, django_assert_num_queries, count, name, queries):
    items = _fill(spec, count)
    path = url(name, spec, items.get(name))
    client.get(path)
    with django_assert_num_queries(queries):
        response = client.get(path)
    assert response.status_code == 200
    if name in {"outcomes", "budget", "lots"}:
        assert f"{'Outcome' if name == 'outcomes' else 'Line' if name == 'budget' else 'Lot'} {count - 1}" in flat(
            response
        )
