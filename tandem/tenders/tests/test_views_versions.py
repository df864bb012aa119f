"""The specification's versions: listing and saving, reading one, and publishing it to bidders."""

from __future__ import annotations

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
