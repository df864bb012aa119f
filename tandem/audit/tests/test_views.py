"""The audit pages: site administrators only, filters that never fail, a fixed number of queries."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import example_rows
from tandem.audit.models import AuditEntry
from tandem.audit.services import audit_log

pytestmark = pytest.mark.django_db

LIST = reverse("audit:list")


def _fill(count, actor=None, organisation=None, action="core.thing.changed"):
    for number in range(count):
        audit_log(actor=actor, action=action, organisation=organisation, after={"n": number}, summary=f"n{number}")


@pytest.fixture
def admin_client(role_client):
    return role_client("site_admin")


def test_other_roles_are_refused_with_a_reason(role_client):
    for role in ("provider_member", "funder_member", "funder_admin"):
        response = role_client(role).get(LIST)
        assert response.status_code == 403
        assert "Only site administrators can see the audit trail." in response.content.decode()


def test_the_list_shows_entries_newest_first(admin_client, funder_admin, funder_org):
    audit_log(
        actor=funder_admin,
        action="organisations.membership.invited",
        organisation=funder_org,
        summary="Invited someone",
    )
    audit_log(actor=funder_admin, action="organisations.organisation.updated", summary="Renamed")
    response = admin_client.get(LIST)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.index("organisations.organisation.updated") < body.index("organisations.membership.invited")
    assert "Ada Admin &lt;ada.admin@example.org&gt;" in body
    assert funder_org.name in body


def test_filters_narrow_the_list(admin_client, funder_admin, funder_member, funder_org, provider_org):
    audit_log(
        actor=funder_admin,
        action="organisations.membership.invited",
        organisation=funder_org,
        obj=funder_org,
        summary="alpha",
    )
    audit_log(actor=funder_member, action="accounts.user.signed_in", summary="bravo")
    audit_log(
        actor=funder_member,
        action="organisations.organisation.updated",
        organisation=provider_org,
        obj=provider_org,
        summary="charlie",
    )

    def summaries(**params):
        response = admin_client.get(LIST, params)
        assert response.status_code == 200
        return {entry.summary for entry in response.context["page"].object_list}

    assert summaries(action="organisations") == {"alpha", "charlie"}
    assert summaries(action="organisations.membership") == {"alpha"}
    assert summaries(actor_email="fran.funder@") == {"bravo", "charlie"}
    assert summaries(actor_email="ADA.ADMIN") == {"alpha"}
    assert summaries(object_type="organisations.organisation") == {"alpha", "charlie"}
    assert summaries(organisation="riverside") == {"charlie"}
    assert summaries(action="organisations", organisation="anyborough") == {"alpha"}


def test_date_filters_use_whole_days(admin_client):
    audit_log(actor=None, action="core.thing.made", summary="today")
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    page = admin_client.get(LIST, {"date_from": today.strftime("%d/%m/%Y")}).context["page"]
    assert [entry.summary for entry in page.object_list] == ["today"]
    page = admin_client.get(LIST, {"date_to": today.strftime("%d/%m/%Y")}).context["page"]
    assert [entry.summary for entry in page.object_list] == ["today"]
    page = admin_client.get(LIST, {"date_to": yesterday.isoformat()}).context["page"]
    assert list(page.object_list) == []


def test_bad_dates_get_a_message_beside_the_field(admin_client):
    response = admin_client.get(LIST, {"date_from": "31/2/2026", "date_to": "soon"})
    body = response.content.decode()
    assert response.status_code == 200
    assert response.context["page"] is None
    assert 'id="id_date_from-error"' in body
    assert "From date must be a real date, like 27/3/2026" in body
    assert "To date must be a real date, like 27/3/2026" in body
    assert 'value="soon"' in body
    assert "govuk-error-summary" in body


def test_a_to_date_before_the_from_date_is_explained(admin_client):
    response = admin_client.get(LIST, {"date_from": "2/3/2026", "date_to": "1/3/2026"})
    assert "To date must be the same as or after the from date" in response.content.decode()


def test_the_list_is_paginated_in_fifties(admin_client):
    _fill(120)
    first = admin_client.get(LIST)
    assert len(first.context["page"].object_list) == 50
    assert first.context["page"].object_list[0].sequence == 120
    body = first.content.decode()
    assert "Page 1 of 3" in body
    assert "?page=2" in body
    assert 'aria-label="Pages of audit entries"' in body
    assert 'Older<span class="govuk-visually-hidden"> audit entries</span>' in body
    last = admin_client.get(LIST, {"page": "3", "action": "core"})
    assert [entry.sequence for entry in last.context["page"].object_list] == list(range(20, 0, -1))
    assert "action=core" in last.content.decode()
    # A page number past the end or not a number shows the nearest real page.
    assert admin_client.get(LIST, {"page": "999"}).context["page"].number == 3
    assert admin_client.get(LIST, {"page": "many"}).context["page"].number == 1


def test_the_list_makes_the_same_number_of_queries_for_5_or_300_entries(admin_client, funder_org, funder_admin):
    _fill(5, actor=funder_admin, organisation=funder_org)
    admin_client.get(LIST)
    with CaptureQueriesContext(connection) as few:
        assert admin_client.get(LIST).status_code == 200
    _fill(295, actor=funder_admin, organisation=funder_org)
    with CaptureQueriesContext(connection) as many:
        response = admin_client.get(LIST)
    assert len(response.context["page"].object_list) == 50
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
    assert len(many) <= 10


def test_the_detail_page_shows_what_changed_and_the_hashes(admin_client, funder_admin, funder_org):
    entry = audit_log(
        actor=funder_admin,
        action="organisations.organisation.updated",
        obj=funder_org,
        organisation=funder_org,
        before={"name": "Old name", "kind": "charity", "removed": True},
        after={"name": "New name", "kind": "charity", "areas": ["eastgate", "millbrook"]},
        summary="Renamed",
    )
    response = admin_client.get(reverse("audit:detail", kwargs={"sequence": entry.sequence}))
    body = response.content.decode()
    assert response.status_code == 200
    changed = [change.field for change in response.context["changes"]]
    assert changed == ["areas", "name", "removed"]
    assert "Old name" in body and "New name" in body and "eastgate, millbrook" in body
    assert "Not recorded" in body
    assert entry.hash in body and entry.prev_hash in body
    assert "Signed with key" in body and "<code>test</code>" in body
    assert "Renamed" in body


def test_the_detail_page_links_to_neighbours(admin_client):
    _fill(3)
    middle = admin_client.get(reverse("audit:detail", kwargs={"sequence": 2})).content.decode()
    assert reverse("audit:detail", kwargs={"sequence": 1}) in middle
    assert reverse("audit:detail", kwargs={"sequence": 3}) in middle
    newest = admin_client.get(reverse("audit:detail", kwargs={"sequence": 3})).content.decode()
    assert reverse("audit:detail", kwargs={"sequence": 4}) not in newest


def test_a_missing_entry_is_not_found(admin_client):
    assert admin_client.get(reverse("audit:detail", kwargs={"sequence": 5})).status_code == 404
    assert admin_client.get("/audit/99999999999999999999999999/").status_code == 404


def test_audit_pages_are_read_only(admin_client):
    _fill(1)
    assert admin_client.post(LIST, {"action": "x"}).status_code == 405
    assert admin_client.post(reverse("audit:detail", kwargs={"sequence": 1})).status_code == 405
    assert AuditEntry.objects.count() == 1


FIELDS = ["action", "actor_email", "object_type", "organisation", "date_from", "date_to", "page", "other"]


@settings(max_examples=30, deadline=None)
@given(params=st.dictionaries(st.sampled_from(FIELDS), st.text(max_size=300), max_size=len(FIELDS)))
def test_garbage_filters_never_fail(params):
    with example_rows() as roles:
        admin_client = roles.client("site_admin")
        response = admin_client.get(LIST, params)
        assert response.status_code == 200


@settings(max_examples=30, deadline=None)
@given(
    day=st.integers(-5, 40), month=st.integers(-1, 14), year=st.integers(0, 10000), separator=st.sampled_from("/- .")
)
def test_any_date_like_value_never_fails(day, month, year, separator):
    with example_rows() as roles:
        admin_client = roles.client("site_admin")
        value = separator.join(str(part) for part in (day, month, year))
        response = admin_client.get(LIST, {"date_from": value, "date_to": value})
        assert response.status_code == 200
        if response.context["page"] is None:
            assert "must be a real date" in response.content.decode()


def test_the_list_says_what_happened_in_words_and_keeps_the_name_for_administrators(
    admin_client, funder_admin, funder_org
):
    audit_log(actor=funder_admin, action="organisations.membership.invited", summary="The older one")
    audit_log(actor=funder_admin, action="organisations.organisation.updated", organisation=funder_org, summary="Newer")
    body = admin_client.get(LIST).content.decode()
    table = body[body.index("<table") :]
    # Newest first, each in words, with its action name inside a details element.
    assert table.index("Changed an organisation&#x27;s details") < table.index(
        "Invited someone to join an organisation"
    )
    assert table.index("Newer") < table.index("The older one")
    assert (
        '<span class="govuk-details__summary-text">Action name<span class="govuk-visually-hidden"> of entry 2' in table
    )
    assert "<code>organisations.organisation.updated</code>" in table
    assert "<code>" not in table.split('class="govuk-details')[0]


def test_the_filters_offer_plain_names(admin_client):
    body = admin_client.get(LIST).content.decode()
    assert '<label class="govuk-label govuk-label--s" for="id_action">' in body
    assert '<optgroup label="Organisations">' in body
    assert '<option value="organisations">Anything in organisations</option>' in body
    assert '<option value="organisations.membership.invited">Invited someone to join an organisation</option>' in body
    assert '<option value="organisations.membership">Membership</option>' in body
    assert "Action code" not in body


def test_an_action_chosen_by_its_words_is_that_action_only(admin_client, funder_admin):
    audit_log(actor=funder_admin, action="accounts.recovery_code.used", summary="used")
    audit_log(actor=funder_admin, action="accounts.recovery_codes.regenerated", summary="made")
    response = admin_client.get(LIST, {"action": "accounts.recovery_code.used"})
    assert [entry.summary for entry in response.context["page"].object_list] == ["used"]
    assert '<option value="accounts.recovery_code.used" selected>Signed in with a recovery code</option>' in (
        response.content.decode()
    )


def test_a_filter_that_is_not_one_of_the_options_is_kept(admin_client):
    _fill(2)
    response = admin_client.get(LIST, {"action": "core.thing"})
    assert len(response.context["page"].object_list) == 2
    response = admin_client.get(LIST, {"action": "core.thing", "object_type": "core.widget"})
    body = response.content.decode()
    assert list(response.context["page"].object_list) == []
    assert '<option value="core.thing" selected>Action names starting with “core.thing”</option>' in body
    assert '<option value="core.widget" selected>Records whose kind starts with “core.widget”</option>' in body


def test_the_detail_page_says_what_happened_in_words(admin_client, funder_admin, funder_org):
    membership = funder_org.memberships.first()
    entry = audit_log(actor=funder_admin, action="organisations.membership.role_changed", obj=membership)
    old = audit_log(actor=None, action="core.thing.changed")
    body = admin_client.get(reverse("audit:detail", kwargs={"sequence": entry.sequence})).content.decode()
    assert "Changed someone&#x27;s role in an organisation" in body
    assert f"Membership number {membership.pk}" in body
    names = body[body.index("The names Tandem records this under") :]
    assert "<code>organisations.membership.role_changed</code>" in names
    assert "<code>organisations.membership</code>" in names
    assert "<code>" not in body[: body.index("The names Tandem records this under")]
    other = admin_client.get(reverse("audit:detail", kwargs={"sequence": old.sequence})).content.decode()
    assert "Something Tandem recorded under another name" in other


def test_times_are_written_the_one_way(admin_client, funder_admin, settings):
    settings.TIME_ZONE = "Europe/London"
    entry = audit_log(actor=funder_admin, action="accounts.session.signed_in")
    moment = timezone.localtime(entry.occurred_at)
    hour = moment.hour % 12 or 12
    time = f"{hour}:{moment.minute:02d}{'am' if moment.hour < 12 else 'pm'}"
    listed = admin_client.get(LIST).content.decode()
    assert f"{moment.day} {moment:%B %Y}" in listed and time in listed
    detail = admin_client.get(reverse("audit:detail", kwargs={"sequence": entry.sequence})).content.decode()
    assert f"{moment.day} {moment:%B %Y} at {time}" in detail
