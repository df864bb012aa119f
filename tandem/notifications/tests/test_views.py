"""The notifications pages, marking read, email preferences and the unread count."""

from __future__ import annotations

import pytest
from django.db import connection
from django.template import engines
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import example_rows
from tandem.audit.models import AuditEntry
from tandem.notifications.context_processors import LazyCount, unread
from tandem.notifications.kinds import optional_kinds
from tandem.notifications.models import EmailPreference, Notification
from tandem.notifications.services import notify

pytestmark = pytest.mark.django_db

LIST = reverse("notifications:list")
MARK = reverse("notifications:mark-read")
PREFERENCES = reverse("notifications:preferences")


@pytest.fixture
def member_client(role_client):
    return role_client("funder_member")


def _notify(user, count, **extra):
    for number in range(count):
        notify(
            recipients=[user],
            kind="accounts.security",
            title=f"Notice {number}",
            body="Line one\nLine two",
            url="/accounts/",
            **extra,
        )


def test_the_list_shows_your_notifications_newest_first_with_new_tags(
    member_client, funder_member, funder_admin, funder_org
):
    notify(
        recipients=[funder_member],
        kind="organisations.membership",
        title="Older one",
        actor=funder_admin,
        organisation=funder_org,
    )
    newer = notify(recipients=[funder_member], kind="accounts.security", title="Newer <one>", url="/accounts/")[0]
    notify(recipients=[funder_admin], kind="accounts.security", title="Not for Fran")
    Notification.objects.filter(title="Older one").update(read_at=newer.created_at)
    response = member_client.get(LIST)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Not for Fran" not in body
    assert body.index("Newer &lt;one&gt;") < body.index("Older one")
    assert body.count('<strong class="govuk-tag govuk-tag--blue">New</strong>') == 1
    assert 'href="/accounts/"' in body
    assert "from Ada Admin" in body and funder_org.name in body
    assert "Mark all 1 as read" in body


def test_an_empty_list_says_so(member_client):
    assert "You have no notifications yet" in member_client.get(LIST).content.decode()


def test_the_list_is_paginated_with_a_fixed_number_of_queries(member_client, funder_member, funder_admin, funder_org):
    _notify(funder_member, 3, actor=funder_admin, organisation=funder_org)
    member_client.get(LIST)
    with CaptureQueriesContext(connection) as few:
        member_client.get(LIST)
    _notify(funder_member, 60, actor=funder_admin, organisation=funder_org)
    with CaptureQueriesContext(connection) as many:
        response = member_client.get(LIST)
    assert len(response.context["page"].object_list) == 25
    assert len(many) == len(few), [query["sql"] for query in many.captured_queries]
    assert len(many) <= 12
    assert "Page 1 of 3" in response.content.decode()
    assert 'Older<span class="govuk-visually-hidden"> notifications</span>' in response.content.decode()
    assert list(member_client.get(LIST, {"page": "3"}).context["page"].object_list)[-1].title == "Notice 0"


def test_mark_one_read_and_go_back(member_client, funder_member):
    _notify(funder_member, 2)
    first = Notification.objects.order_by("id").first()
    assert first is not None
    response = member_client.post(MARK, {"notification": first.pk, "next": f"{LIST}?page=1"})
    assert response.status_code == 302
    assert response["Location"] == f"{LIST}?page=1"
    first.refresh_from_db()
    assert first.read_at is not None
    assert Notification.objects.filter(read_at__isnull=True).count() == 1


def test_mark_all_read(member_client, funder_member, funder_admin):
    _notify(funder_member, 3)
    _notify(funder_admin, 2)
    response = member_client.post(MARK, {"all": "on"}, follow=True)
    assert response.redirect_chain[-1][0] == LIST
    assert "All your notifications are marked as read." in response.content.decode()
    assert not Notification.objects.filter(recipient=funder_member, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=funder_admin, read_at__isnull=True).count() == 2


def test_you_cannot_mark_someone_elses_notification(member_client, funder_admin):
    _notify(funder_admin, 1)
    theirs = Notification.objects.get()
    response = member_client.post(MARK, {"notification": theirs.pk})
    assert response.status_code == 302
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_read_never_redirects_off_site(member_client, funder_member):
    _notify(funder_member, 1)
    for target in ("https://evil.example/", "//evil.example/", "javascript:alert(1)"):
        response = member_client.post(MARK, {"all": "on", "next": target})
        assert response["Location"] == LIST


def test_mark_read_needs_a_post(member_client):
    assert member_client.get(MARK).status_code == 405


def test_mark_read_with_nothing_chosen_explains(member_client):
    response = member_client.post(MARK, {"notification": "many"}, follow=True)
    assert "We could not tell which notification to mark as read" in response.content.decode()


def test_preferences_show_checkboxes_and_the_emails_we_always_send(member_client):
    response = member_client.get(PREFERENCES)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'type="checkbox"' in body and 'value="organisations.membership"' in body
    assert body.count("checked") == len(optional_kinds())
    assert "Why we ask" in body
    assert "Emails we always send" in body and "Security of your account" in body
    assert 'value="accounts.security"' not in body


def test_saving_preferences(member_client, funder_member):
    response = member_client.post(PREFERENCES, {"emails": ["commissions.stage"]}, follow=True)
    assert response.redirect_chain[-1][0] == PREFERENCES
    assert "Your email choices are saved." in response.content.decode()
    assert EmailPreference.objects.get(user=funder_member, kind="organisations.membership").email_enabled is False
    assert AuditEntry.objects.filter(action="notifications.preferences.updated", actor=funder_member).count() == 1
    # Nothing ticked turns every optional email off.
    member_client.post(PREFERENCES, {})
    assert not EmailPreference.objects.filter(user=funder_member, email_enabled=True).exists()


def test_a_bad_choice_is_explained_beside_the_field(member_client, funder_member):
    response = member_client.post(PREFERENCES, {"emails": ["accounts.security"]})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Choose from the list" in body and "govuk-error-summary" in body
    assert not EmailPreference.objects.exists()


@settings(max_examples=30, deadline=None)
@given(
    data=st.dictionaries(
        st.sampled_from(["emails", "other", "csrfmiddlewaretoken"]),
        st.lists(st.text(max_size=80), max_size=4),
        max_size=3,
    )
)
def test_garbage_preferences_never_fail(data):
    with example_rows() as roles:
        member_client = roles.client("funder_member")
        assert member_client.post(PREFERENCES, data).status_code < 500


@settings(max_examples=30, deadline=None)
@given(
    data=st.dictionaries(st.sampled_from(["notification", "all", "next", "other"]), st.text(max_size=200), max_size=4)
)
def test_garbage_mark_read_never_fails(data):
    with example_rows() as roles:
        member_client = roles.client("funder_member")
        assert member_client.post(MARK, data).status_code < 500


def _render(source, request):
    context = unread(request)
    return engines["django"].from_string(source).render(context)


def test_the_unread_count_makes_no_query_unless_used(funder_member, django_assert_num_queries):
    _notify(funder_member, 3)
    request = RequestFactory().get("/")
    request.user = funder_member
    with django_assert_num_queries(0):
        assert _render("Nothing here", request) == "Nothing here"
    with django_assert_num_queries(1):
        out = _render(
            "{{ unread_notification_count }} {% if unread_notification_count > 2 %}many{% endif %} "
            "notification{{ unread_notification_count|pluralize }} {{ unread_notification_count|add:1 }}",
            request,
        )
    assert out == "3 many notifications 4"


def test_the_unread_count_is_zero_without_a_query_for_anonymous_people(django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with django_assert_num_queries(0):
        assert _render("{% if unread_notification_count %}yes{% else %}none{% endif %}", request) == "none"


def test_lazy_count_behaves_like_a_number():
    calls = []

    def compute():
        calls.append(1)
        return 2

    count = LazyCount(compute)
    assert calls == []
    assert count == 2 and count > 1 and count >= 2 and count < 3 and count <= 2 and bool(count)
    assert int(count) == 2 and float(count) == 2.0 and f"{count:02d}" == "02" and str(count) == "2"
    assert [0, 1, 2][count] == 2
    assert len(calls) == 1
