"""The timeline page (tandem/tenders/views/timeline.py, timeline_view)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import make_user, sign_in
from tandem.audit.models import AuditEntry
from tandem.commissions.models import TeamMember, TeamRole
from tandem.tenders.forms.timeline import TimelineForm
from tandem.tenders.models import Specification
from tandem.tenders.tests.builders import specification_build

pytestmark = pytest.mark.django_db


@pytest.fixture
def specification(funder_member, funder_org):
    return specification_build(lead=funder_member, lead_funder=funder_org)


def url(specification):
    return reverse("tenders:timeline", kwargs={"pk": specification.commission_id})


def dates(**values: str) -> dict[str, str]:
    """{"publication_on": "6/9/2027"} as the three boxes a browser posts."""
    posted: dict[str, str] = {"version": "0"}
    for name, text in values.items():
        day, month, year = text.split("/")
        posted.update({f"{name}_day": day, f"{name}_month": month, f"{name}_year": year})
    return posted


def typed(page: str, name: str) -> str:
    """What the box called ``name`` shows."""
    match = re.search(rf'name="{name}"\s+type="text"\s+inputmode="numeric"\s+value="([^"]*)"', page)
    assert match, name
    return match.group(1)


def test_the_page_asks_for_every_date_with_why_we_ask(specification, funder_member, funder_org):
    response = sign_in(Client(), funder_member, funder_org).get(url(specification))
    assert response.status_code == 200
    page = response.content.decode()
    assert "data-autosave" in page
    assert page.count('class="govuk-date-input"') == 11
    assert page.count("Why we ask") >= 11
    assert "not legal rules" in page
    assert "at least 25 days" in page
    # With nothing saved there is nothing to check, and the page says so rather than "all clear".
    assert "No dates are saved yet" in page
    assert "nothing to suggest" not in page


def test_saving_goes_back_to_the_page_with_the_checks(specification, funder_member, funder_org):
    client = sign_in(Client(), funder_member, funder_org)
    response = client.post(url(specification), dates(publication_on="6/9/2027", submission_deadline="20/9/2027"))
    assert response.status_code == 302 and response["Location"] == url(specification)
    saved = Specification.objects.get(pk=specification.pk)
    assert saved.submission_deadline == dt.date(2027, 9, 20)
    assert AuditEntry.objects.filter(action="tenders.timeline.changed").count() == 1
    page = client.get(url(specification)).content.decode()
    assert "The timeline has been saved" in page
    assert "A short time to bid" in page
    assert "Bidders have 14 days" in page
    assert "Move the submission deadline to 1 October 2027 or later" in page


def test_dates_out_of_order_are_answered_beside_the_later_date_and_kept(specification, funder_member, funder_org):
    client = sign_in(Client(), funder_member, funder_org)
    response = client.post(url(specification), dates(publication_on="6/9/2027", submission_deadline="1/9/2027"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Error:" in page
    assert "The submission deadline must be after the publication date (6 September 2027)" in page
    assert 'id="id_submission_deadline-error"' in page
    assert typed(page, "submission_deadline_day") == "1"
    assert typed(page, "publication_on_day") == "6"
    assert Specification.objects.get(pk=specification.pk).publication_on is None


def test_a_date_that_is_not_real_is_answered_beside_it(specification, funder_member, funder_org):
    client = sign_in(Client(), funder_member, funder_org)
    posted = dates(award_on="31/2/2027")
    posted["publication_on_day"] = "3"
    response = client.post(url(specification), posted)
    page = response.content.decode()
    assert response.status_code == 200
    # Each message names its date (issue 10, item 9): a page of eleven dates never says only "Enter a real date".
    assert "The award date must be a real date" in page
    assert "Enter a real date" not in page
    assert "The publication date must include a month and year" in page


def test_a_clash_shows_the_banner_and_keeps_what_was_typed(specification, funder_member, funder_org, funder_admin):
    sign_in(Client(), funder_admin, funder_org).post(url(specification), dates(award_on="24/11/2027"))
    client = sign_in(Client(), funder_member, funder_org)
    response = client.post(url(specification), dates(award_on="1/12/2027"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed the timeline while you were editing" in page
    assert "24 November 2027" in page
    assert 'value="1"' in page and 'name="version" value="1"' in page
    assert Specification.objects.get(pk=specification.pk).award_on == dt.date(2027, 11, 24)
    again = client.post(url(specification), {**dates(award_on="1/12/2027"), "version": "1"})
    assert again.status_code == 302
    assert Specification.objects.get(pk=specification.pk).award_on == dt.date(2027, 12, 1)


def test_observers_see_the_page_read_only_and_cannot_save(specification, funder_org):
    observer = make_user("olive.observer@example.org", "Olive Observer")
    TeamMember.objects.create(commission=specification.commission, user=observer, role=TeamRole.OBSERVER)
    Specification.objects.filter(pk=specification.pk).update(award_on=dt.date(2027, 11, 24))
    client = sign_in(Client(), observer)
    response = client.get(url(specification))
    page = response.content.decode()
    assert response.status_code == 200
    assert "data-autosave" not in page and "Save the timeline" not in page
    assert "Observers can read the commission but not change it" in page
    assert "24 November 2027" in page
    assert client.post(url(specification), dates(award_on="1/12/2027")).status_code == 403


def test_a_draft_is_shown_again(specification, funder_member, funder_org):
    from tandem.core.drafts import draft_save

    draft_save(user=funder_member, path=url(specification), data={"award_on_day": "9", "award_on_month": "12"})
    page = sign_in(Client(), funder_member, funder_org).get(url(specification)).content.decode()
    assert "We kept what you typed last time" in page
    assert typed(page, "award_on_day") == "9"
    assert typed(page, "award_on_month") == "12"
    assert typed(page, "award_on_year") == ""


# The session, person and memberships; the commission, its team and the specification; the draft;
# unread notifications; saving the session. The same with 2 or 40 people on the team.
TIMELINE_PAGE_QUERIES = 12


@pytest.mark.parametrize("team_size", [2, 40])
def test_the_page_runs_a_fixed_number_of_queries(
    specification, funder_member, funder_org, django_assert_num_queries, team_size
):
    for number in range(team_size):
        person = make_user(f"member{number}@example.org", f"Member {number}")
        TeamMember.objects.create(commission=specification.commission, user=person, role=TeamRole.FINANCE)
    client = sign_in(Client(), funder_member, funder_org)
    client.get(url(specification))
    with django_assert_num_queries(TIMELINE_PAGE_QUERIES):
        response = client.get(url(specification))
    assert response.status_code == 200


parts = st.one_of(st.text(max_size=6), st.sampled_from(["", "1", "12", "31", "2027", "0", "-1", "٣", "Feb"]))


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(
        st.sampled_from(
            [
                f"{n}_{p}"
                for n in ("publication_on", "submission_deadline", "award_on", "feedback_by")
                for p in ("day", "month", "year")
            ]
            + ["version"]
        ),
        parts,
    )
)
def test_any_typed_dates_give_a_form_answer_never_an_exception(data):
    form = TimelineForm(data)
    if form.is_valid():
        assert all(isinstance(value, dt.date) or value is None for value in form.dates().values())
    else:
        assert form.errors
