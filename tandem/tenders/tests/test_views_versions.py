"""The specification's versions: listing and saving, reading one, and publishing it to bidders."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import example_rows, make_user, sign_in
from tandem.audit.models import AuditEntry
from tandem.commissions.models import TeamMember, TeamRole
from tandem.core.drafts import draft_save
from tandem.notifications.models import Notification
from tandem.tenders.models import Question, Specification, SpecificationVersion
from tandem.tenders.services.specification import specification_version_save
from tandem.tenders.tests.builders import specification_build
from tandem.tenders.tests.test_services_specification import make_publishable

pytestmark = pytest.mark.django_db

PUBLISHED_NOTE = "Criteria and weights are published with the opportunity"


@pytest.fixture
def spec(funder_member: Any, funder_org: Any) -> Specification:
    return specification_build(lead=funder_member, lead_funder=funder_org)


@pytest.fixture
def lead(client: Client, funder_member: Any, funder_org: Any) -> Client:
    return sign_in(client, funder_member, funder_org)


def urls(spec: Specification, number: int = 1) -> dict[str, str]:
    pk = spec.commission.pk
    return {
        "versions": reverse("tenders:versions", kwargs={"pk": pk}),
        "version": reverse("tenders:version", kwargs={"pk": pk, "number": number}),
        "publish": reverse("tenders:version-publish", kwargs={"pk": pk, "number": number}),
    }


def test_saving_a_version_lists_it_and_tells_the_team(lead: Client, spec: Specification, funder_member: Any) -> None:
    colleague = make_user("fin.finance@example.org", "Fin Finance")
    TeamMember.objects.create(commission=spec.commission, user=colleague, role=TeamRole.FINANCE)
    page = lead.get(urls(spec)["versions"]).content.decode()
    assert "No versions have been saved yet" in page and "data-autosave" in page and "Why we ask" in page
    response = lead.post(urls(spec)["versions"], {"note": "For the survivors' panel"}, follow=True)
    page = response.content.decode()
    assert "Version 1 has been saved. The team has been told." in page
    assert "For the survivors&#x27; panel" in page and "Fran Funder" in page
    assert f'href="{urls(spec)["publish"]}"' in page
    assert Notification.objects.filter(recipient=colleague, kind="tenders.specification").count() == 1
    assert AuditEntry.objects.filter(action="tenders.version.saved").count() == 1


def test_a_note_that_is_too_long_is_answered_beside_the_field(lead: Client, spec: Specification) -> None:
    page = lead.post(urls(spec)["versions"], {"note": "x" * 301}).content.decode()
    assert 'id="id_note-error"' in page and "The note must be 300 characters or fewer" in page
    assert not SpecificationVersion.objects.exists()


def test_a_draft_note_comes_back(lead: Client, spec: Specification, funder_member: Any) -> None:
    draft_save(user=funder_member, path=urls(spec)["versions"], data={"note": "Half a thought"})
    assert 'value="Half a thought"' in lead.get(urls(spec)["versions"]).content.decode()


def test_the_versions_list_makes_the_same_number_of_queries_for_2_and_40(
    lead: Client, spec: Specification, funder_member: Any, django_assert_max_num_queries: Any
) -> None:
    for _ in range(2):
        specification_version_save(actor=funder_member, specification=spec)
    with CaptureQueriesContext(connection) as small:
        lead.get(urls(spec)["versions"])
    for _ in range(38):
        specification_version_save(actor=funder_member, specification=spec)
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = lead.get(urls(spec)["versions"]).content.decode()
    assert "Version 40</a>" in page


def test_a_saved_version_shows_the_specification_as_it_was(
    lead: Client, spec: Specification, funder_member: Any
) -> None:
    Question.objects.create(specification=spec, text="How will you keep people safe?", why_we_ask="W", how_we_use="H")
    specification_version_save(actor=funder_member, specification=spec, note="First")
    Specification.objects.filter(pk=spec.pk).update(purpose="Changed later")
    page = lead.get(urls(spec)["version"]).content.decode()
    assert "Version 1 of the specification" in page
    assert spec.purpose in page and "Changed later" not in page
    assert "How will you keep people safe?" in page
    assert "Note: First" in page
    assert lead.get(urls(spec, 7)["version"]).status_code == 404


def test_publishing_lists_what_is_missing_with_links(lead: Client, spec: Specification, funder_member: Any) -> None:
    specification_version_save(actor=funder_member, specification=spec)
    page = lead.get(urls(spec)["publish"]).content.decode()
    pk = spec.commission.pk
    assert "Version 1 cannot be published yet" in page
    assert f'href="/commissions/{pk}/specification/criteria/">Add at least one award criterion' in page
    assert f'href="/commissions/{pk}/specification/timeline/">Set the submission deadline' in page
    assert "Publish version 1</button>" not in page
    response = lead.post(urls(spec)["publish"])
    assert response.status_code == 400
    assert "Version 1 cannot be published yet" in response.content.decode()
    assert SpecificationVersion.objects.get().published_at is None


def test_publishing_a_ready_version(lead: Client, spec: Specification, funder_member: Any) -> None:
    spec = make_publishable(spec, funder_member)
    specification_version_save(actor=funder_member, specification=spec)
    confirm = lead.get(urls(spec)["publish"]).content.decode()
    assert "Publish version 1</button>" in confirm and PUBLISHED_NOTE in confirm
    response = lead.post(urls(spec)["publish"], follow=True)
    assert response.redirect_chain == [(urls(spec)["version"], 302)]
    page = response.content.decode()
    assert "Version 1 has been published" in page and PUBLISHED_NOTE in page
    assert AuditEntry.objects.filter(action="tenders.version.published").count() == 1
    assert PUBLISHED_NOTE in lead.get(urls(spec)["versions"]).content.decode()
    again = lead.post(urls(spec)["publish"])
    assert again.status_code == 400
    assert "already been published" in again.content.decode()


def test_only_those_who_may_publish_see_the_publish_page(
    client: Client, spec: Specification, funder_member: Any
) -> None:
    specification_version_save(actor=funder_member, specification=spec)
    colleague = make_user("fin.finance@example.org", "Fin Finance")
    TeamMember.objects.create(commission=spec.commission, user=colleague, role=TeamRole.FINANCE)
    sign_in(client, colleague)
    assert client.get(urls(spec)["publish"]).status_code == 403
    assert client.post(urls(spec)["publish"]).status_code == 403
    page = client.get(urls(spec)["versions"]).content.decode()
    assert "Not published" in page and urls(spec)["publish"] not in page


def test_observers_read_versions_but_cannot_save_them(client: Client, spec: Specification) -> None:
    observer = make_user("olive.observer@example.org", "Olive Observer")
    TeamMember.objects.create(commission=spec.commission, user=observer, role=TeamRole.OBSERVER)
    sign_in(client, observer)
    page = client.get(urls(spec)["versions"]).content.decode()
    assert "You can read the versions but not save one" in page
    assert client.post(urls(spec)["versions"], {"note": "x"}).status_code == 403


@settings(max_examples=20, deadline=None)
@given(note=st.text(max_size=400))
def test_any_note_is_answered_without_a_server_error(note: str) -> None:
    with example_rows() as roles:
        funder_member, funder_org = roles.user("funder_member"), roles.funder_org
        spec = specification_build(lead=funder_member, lead_funder=funder_org)
        lead = sign_in(Client(), funder_member, funder_org)
        assert lead.post(urls(spec)["versions"], {"note": note.replace("\x00", "")}).status_code in {200, 302}


# Publishing past Tandem's warnings (issue 10, item 2)


def reason_fields(page: str) -> list[str]:
    return re.findall(r'<textarea name="(reason_[0-9a-f]{12})"', page)


def test_the_publish_page_lists_every_warning_with_a_field_for_its_reason(
    lead: Client, spec: Specification, funder_member: Any
) -> None:
    spec = make_publishable(spec, funder_member, warnings=True)
    specification_version_save(actor=funder_member, specification=spec)
    page = lead.get(urls(spec)["publish"]).content.decode()
    assert "Tandem has 4 warnings about version 1." in page
    assert "Nothing stands in the way" not in page
    for heading in (
        "A short time to bid (Submission deadline)",
        "Runs into a holiday (Submission deadline)",
        "Too little time to respond (Submission deadline)",
        "Deadline in a holiday (Submission deadline)",
    ):
        assert heading in page
        assert f"Your reason for publishing with “{heading}”" in page
    assert len(reason_fields(page)) == 4
    pk = spec.commission.pk
    assert f'href="/commissions/{pk}/specification/timeline/">Change the timeline' in page
    assert "West Midlands trauma-informed commissioning guidance (Procure stage) asks for realistic timescales" in page
    assert "Publish version 1</button>" in page and "data-autosave" in page


def test_publishing_without_reasons_puts_each_message_beside_its_reason_and_keeps_what_was_typed(
    lead: Client, spec: Specification, funder_member: Any
) -> None:
    spec = make_publishable(spec, funder_member, warnings=True)
    specification_version_save(actor=funder_member, specification=spec)
    names = reason_fields(lead.get(urls(spec)["publish"]).content.decode())
    response = lead.post(urls(spec)["publish"], {names[0]: "The funding starts on 1 April.", names[3]: "x" * 1001})
    assert response.status_code == 400
    page = response.content.decode()
    assert "The funding starts on 1 April.</textarea>" in page
    for name in names[1:]:
        assert f'id="id_{name}-error"' in page
    assert f'id="id_{names[0]}-error"' not in page
    assert "Give your reason for publishing with “Runs into a holiday (Submission deadline)”" in page
    assert "The reason for “Deadline in a holiday (Submission deadline)” must be 1,000 characters or fewer" in page
    assert f'href="#id_{names[1]}"' in page  # the error summary links to the field
    assert SpecificationVersion.objects.get().published_at is None


def test_publishing_with_a_reason_for_each_warning_shows_them_to_the_team(
    lead: Client, client: Client, spec: Specification, funder_member: Any
) -> None:
    spec = make_publishable(spec, funder_member, warnings=True)
    specification_version_save(actor=funder_member, specification=spec)
    names = reason_fields(lead.get(urls(spec)["publish"]).content.decode())
    data = {name: f"Reason {number}: the money must be committed this year." for number, name in enumerate(names)}
    response = lead.post(urls(spec)["publish"], data, follow=True)
    assert response.redirect_chain == [(urls(spec)["version"], 302)]
    page = response.content.decode()
    assert "Version 1 has been published" in page
    assert "Published with 4 warnings" in page
    assert "Reason 0: the money must be committed this year." in page
    assert "Bidders have 17 days from publication" in page
    observer = make_user("olive.observer@example.org", "Olive Observer")
    TeamMember.objects.create(commission=spec.commission, user=observer, role=TeamRole.OBSERVER)
    sign_in(client, observer)
    seen = client.get(urls(spec)["version"]).content.decode()
    assert "Published with 4 warnings" in seen and "Reason 3: the money must be committed this year." in seen


def test_a_version_with_nothing_in_the_way_says_so(lead: Client, spec: Specification, funder_member: Any) -> None:
    spec = make_publishable(spec, funder_member)
    specification_version_save(actor=funder_member, specification=spec)
    page = lead.get(urls(spec)["publish"]).content.decode()
    assert "Nothing stands in the way of publishing version 1" in page
    assert "Tandem has" not in page and "Your reason for publishing" not in page
    assert reason_fields(page) == []


@settings(max_examples=15, deadline=None)
@given(reason=st.text(max_size=1200))
def test_any_reason_is_answered_without_a_server_error(reason: str) -> None:
    with example_rows() as roles:
        funder_member, funder_org = roles.user("funder_member"), roles.funder_org
        spec = make_publishable(
            specification_build(lead=funder_member, lead_funder=funder_org), funder_member, warnings=True
        )
        specification_version_save(actor=funder_member, specification=spec)
        lead = sign_in(Client(), funder_member, funder_org)
        names = reason_fields(lead.get(urls(spec)["publish"]).content.decode())
        response = lead.post(urls(spec)["publish"], dict.fromkeys(names, reason.replace("\x00", "")))
        assert response.status_code in {302, 400}
        published = SpecificationVersion.objects.get(specification=spec).published_at is not None
        assert published == (response.status_code == 302)


# An older version once a later one is published (issue 10, item 8)


def test_an_older_version_is_not_offered_for_publishing_once_a_later_one_is(
    lead: Client, spec: Specification, funder_member: Any
) -> None:
    spec = make_publishable(spec, funder_member)
    for _ in range(3):
        specification_version_save(actor=funder_member, specification=spec)
    assert lead.post(urls(spec, 2)["publish"]).status_code == 302
    listing = lead.get(urls(spec)["versions"]).content.decode()
    assert urls(spec, 1)["publish"] not in listing and urls(spec, 3)["publish"] in listing
    assert "Not published. Version 2 is newer and published." in listing
    version_page = lead.get(urls(spec, 1)["version"]).content.decode()
    assert "Publish version 1 to bidders" not in version_page
    assert "Version 2 has been published, so this older version can no longer be published" in version_page
    confirm = lead.get(urls(spec, 1)["publish"]).content.decode()
    assert "Version 2 has been published, so version 1 cannot be published now" in confirm
    assert "Publish version 1</button>" not in confirm
    refused = lead.post(urls(spec, 1)["publish"])
    assert refused.status_code == 400
    assert "Version 2 has been published, so version 1 cannot be published now" in refused.content.decode()
    assert SpecificationVersion.objects.get(number=1).published_at is None


# Comparing two versions (issue 10, item 8)


def compare_url(spec: Specification, query: str = "") -> str:
    return reverse("tenders:versions-compare", kwargs={"pk": spec.commission.pk}) + query


def test_the_compare_page_shows_what_changed_section_by_section(
    lead: Client, spec: Specification, funder_member: Any
) -> None:
    specification_version_save(actor=funder_member, specification=spec, note="Before the panel")
    Specification.objects.filter(pk=spec.pk).update(purpose="Safe support, chosen with survivors.", reporting="Yearly")
    Question.objects.create(
        specification=spec, text="How will people shape the service?", why_we_ask="W", how_we_use="H"
    )
    specification_version_save(actor=funder_member, specification=spec)
    page = lead.get(compare_url(spec)).content.decode()
    assert "From version 1 to version 2" in page and "Before the panel" in page
    assert "3 changes in all." in page
    about = page.split(">About the service</h3>")[1].split("</dl>")[0]
    assert "What the service is for" in about and "Changed" in about
    assert spec.purpose in about and "Safe support, chosen with survivors." in about
    assert "What providers report, and how often" in about and "Added" in about
    questions = page.split(">Questions for bidders</h3>")[1].split("</dl>")[0]
    assert "How will people shape the service?" in questions and "Added" in questions
    lots = page.split(">Lots</h3>")[1].split("<h3")[0]
    assert "No changes." in lots and "<dl" not in lots
    assert "selected>Version 1</option>" in page and "selected>Version 2</option>" in page


def test_two_versions_can_be_chosen_either_way_round(lead: Client, spec: Specification, funder_member: Any) -> None:
    specification_version_save(actor=funder_member, specification=spec)
    Specification.objects.filter(pk=spec.pk).update(ending_plan="Six months' notice.")
    specification_version_save(actor=funder_member, specification=spec)
    specification_version_save(actor=funder_member, specification=spec)
    page = lead.get(compare_url(spec, "?first=3&second=1")).content.decode()
    assert "From version 1 to version 3" in page and "Six months&#x27; notice." in page
    same = lead.get(compare_url(spec, "?first=2&second=3")).content.decode()
    assert "The two versions are the same." in same


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("?first=1&second=1", "second", "Choose two different versions to compare"),
        ("?first=9&second=1", "first", "Choose a saved version"),
        ("?first=abc&second=2", "first", "Choose a saved version"),
        ("?first=1", "second", "Choose a saved version"),
    ],
)
def test_a_bad_choice_is_answered_beside_its_field(
    lead: Client, spec: Specification, funder_member: Any, query: str, field: str, message: str
) -> None:
    specification_version_save(actor=funder_member, specification=spec)
    specification_version_save(actor=funder_member, specification=spec)
    response = lead.get(compare_url(spec, query))
    assert response.status_code == 400
    page = response.content.decode()
    assert f'id="id_{field}-error"' in page and message in page
    assert "From version" not in page


def test_with_fewer_than_two_versions_there_is_nothing_to_compare(
    lead: Client, spec: Specification, funder_member: Any
) -> None:
    assert "No versions have been saved yet." in lead.get(compare_url(spec)).content.decode()
    specification_version_save(actor=funder_member, specification=spec)
    page = lead.get(compare_url(spec)).content.decode()
    assert "Only one version has been saved" in page and "<select" not in page
    assert compare_url(spec) not in lead.get(urls(spec)["versions"]).content.decode()


def test_the_versions_list_and_each_version_link_to_the_comparison(
    lead: Client, client: Client, spec: Specification, funder_member: Any
) -> None:
    for _ in range(3):
        specification_version_save(actor=funder_member, specification=spec)
    listing = lead.get(urls(spec)["versions"]).content.decode()
    assert f'href="{compare_url(spec)}"' in listing
    assert f'href="{compare_url(spec, "?first=2&amp;second=3")}"' in listing
    middle = lead.get(urls(spec, 2)["version"]).content.decode()
    assert f'href="{compare_url(spec, "?first=1&amp;second=2")}">See what changed since version 1' in middle
    assert f'href="{compare_url(spec, "?first=2&amp;second=3")}">See what changed in version 3' in middle
    first = lead.get(urls(spec, 1)["version"]).content.decode()
    assert "See what changed since" not in first and "See what changed in version 2" in first
    observer = make_user("olive.observer@example.org", "Olive Observer")
    TeamMember.objects.create(commission=spec.commission, user=observer, role=TeamRole.OBSERVER)
    sign_in(client, observer)
    assert "From version 2 to version 3" in client.get(compare_url(spec)).content.decode()


def test_the_compare_page_makes_the_same_number_of_queries_for_small_and_large_versions(
    lead: Client, spec: Specification, funder_member: Any, django_assert_max_num_queries: Any
) -> None:
    specification_version_save(actor=funder_member, specification=spec)
    specification_version_save(actor=funder_member, specification=spec)
    with CaptureQueriesContext(connection) as small:
        lead.get(compare_url(spec))
    Question.objects.bulk_create(
        [Question(specification=spec, text=f"Question {n}", why_we_ask="W", how_we_use="H", order=n) for n in range(40)]
    )
    specification_version_save(actor=funder_member, specification=spec)
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = lead.get(compare_url(spec)).content.decode()
    assert "Question 39" in page


@settings(max_examples=25, deadline=None)
@given(first=st.text(max_size=8), second=st.text(max_size=8))
def test_any_choice_in_the_address_is_answered_without_a_server_error(first: str, second: str) -> None:
    with example_rows() as roles:
        funder_member, funder_org = roles.user("funder_member"), roles.funder_org
        spec = specification_build(lead=funder_member, lead_funder=funder_org)
        specification_version_save(actor=funder_member, specification=spec)
        specification_version_save(actor=funder_member, specification=spec)
        lead = sign_in(Client(), funder_member, funder_org)
        response = lead.get(
            compare_url(spec), {"first": first.replace("\x00", ""), "second": second.replace("\x00", "")}
        )
        assert response.status_code in {200, 400}
