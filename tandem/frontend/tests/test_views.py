"""The layout, the home page, the static pages, feedback and the pattern page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import example_rows
from tandem.audit.models import AuditEntry
from tandem.frontend.models import Feedback
from tandem.notifications.models import Notification
from tandem.organisations.models import Membership, MembershipRole, Organisation, OrganisationKind

pytestmark = pytest.mark.django_db


def text(response: Any) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def nav_links(response: Any) -> dict[str, str]:
    """The service navigation: link text -> the aria-current value ("" when not current)."""
    html = response.content.decode()
    nav = re.search(r'<nav aria-label="Menu".*?</nav>', html, re.S)
    assert nav, "No service navigation"
    links = {}
    for attrs, inner in re.findall(r"<a class=\"govuk-service-navigation__link\"([^>]*)>(.*?)</a>", nav.group(0), re.S):
        label = re.sub(r"<[^>]+>", "", inner)
        label = re.sub(r"\s+", " ", label).strip()
        current = re.search(r'aria-current="([^"]+)"', attrs)
        links[label] = current.group(1) if current else ""
    return links


# The layout ----------------------------------------------------------------------------------


def test_layout_has_skip_link_header_phase_banner_and_footer(client: Client) -> None:
    response = client.get(reverse("frontend:bare"))
    assert response.status_code == 200
    body = text(response)
    assert '<a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">' in body
    assert '<main class="govuk-main-wrapper" id="main-content">' in body
    assert '<header class="govuk-template__header">' in body
    assert 'class="govuk-generic-header__homepage-link">Tandem</a>' in body
    # Not a GOV.UK service: no crown, no GOV.UK logo, no Crown copyright.
    assert "govuk-header__logotype" not in body and "govuk-logo" not in body
    assert "Crown copyright" not in body and "Open Government Licence" not in body
    assert "<title>Layout check \u2013 Tandem</title>" in body
    assert body.count("<h1") == 1
    # Phase banner, with a link to feedback that says which page it came from.
    assert 'class="govuk-tag govuk-phase-banner__content__tag">Beta</strong>' in body
    assert f'href="{reverse("frontend:feedback")}?from=/bare/"' in body
    # Footer links.
    for name in ("frontend:accessibility", "frontend:privacy", "frontend:cookies", "glossary:index"):
        assert f'href="{reverse(name)}"' in body
    assert '<footer class="govuk-template__footer">' in body
    # GOV.UK Frontend's JavaScript is started by Tandem's own module.
    assert '<script type="module" src="/static/tandem/tandem.js">' in body


def test_each_id_appears_once_on_the_layout(role_client: Any) -> None:
    for role in ("anonymous", "funder_admin", "site_admin"):
        html = role_client(role).get(reverse("frontend:home")).content.decode()
        ids = re.findall(r'\sid="([^"]+)"', html)
        assert len(ids) == len(set(ids)), (role, sorted({i for i in ids if ids.count(i) > 1}))


def test_navigation_when_signed_out(client: Client) -> None:
    response = client.get(reverse("frontend:home"))
    assert nav_links(response) == {"Sign in": ""}
    response = client.get(reverse("accounts:sign-in"))
    assert nav_links(response) == {"Sign in": "page"}


def test_navigation_for_a_member(role_client: Any) -> None:
    client = role_client("provider_member")
    links = nav_links(client.get(reverse("frontend:home")))
    assert links == {"Home": "page", "Commissions": "", "Notifications": "", "Your account": "", "Sign out": ""}
    links = nav_links(client.get(reverse("accounts:settings")))
    assert links["Your account"] == "page" and links["Home"] == ""


def test_navigation_for_a_site_admin_adds_one_administration_item(role_client: Any) -> None:
    client = role_client("site_admin")
    links = nav_links(client.get(reverse("frontend:site-admin")))
    assert list(links) == ["Home", "Commissions", "Notifications", "Your account", "Administration", "Sign out"]
    assert links["Administration"] == "page"
    # Every page it gathers shows it as the current part of the site.
    for name in ("audit:list", "organisations:list", "accounts:people", "frontend:feedback-list", "frameworks:list"):
        assert nav_links(client.get(reverse(name)))["Administration"] == "true", name
    assert 'class="govuk-service-navigation__item govuk-service-navigation__item--active"' in text(
        client.get(reverse("audit:list"))
    )


def test_navigation_shows_unread_notifications(role_client: Any, provider_member: Any) -> None:
    client = role_client("provider_member")
    for number in range(2):
        Notification.objects.create(recipient=provider_member, kind="test", title=f"Note {number}")
    Notification.objects.create(recipient=provider_member, kind="test", title="Old", read_at=timezone.now())
    assert "Notifications (2 new)" in nav_links(client.get(reverse("frontend:bare")))


def test_organisation_switcher_shows_under_the_navigation(role_client: Any, provider_org: Organisation) -> None:
    html = text(role_client("provider_member").get(reverse("frontend:bare")))
    assert 'class="tandem-context-bar"' in html
    assert provider_org.name.replace("'", "&#x27;") in html


# Home ----------------------------------------------------------------------------------------


def test_home_signed_out_is_a_landing_page(client: Client) -> None:
    response = client.get(reverse("frontend:home"))
    body = text(response)
    assert response.status_code == 200
    assert "Plan and run services together" in body
    assert "Who it is for" in body
    assert (
        f'href="{reverse("accounts:sign-in")}" role="button" draggable="false" class="govuk-button govuk-button--start"'
        in body
    )


def test_home_dashboard_for_an_organisation_admin(role_client: Any, funder_org: Organisation) -> None:
    body = text(role_client("funder_admin").get(reverse("frontend:home")))
    assert "Acting for" in body and funder_org.name in body
    assert "Administrator" in body
    assert reverse("organisations:detail", kwargs={"slug": funder_org.slug}) in body
    assert reverse("organisations:members", kwargs={"slug": funder_org.slug}) in body
    assert reverse("organisations:invite", kwargs={"slug": funder_org.slug}) in body
    assert "Two-factor authentication" in body
    assert "You have no notifications yet." in body


def test_home_dashboard_for_a_member_has_no_invite_link(role_client: Any, provider_org: Organisation) -> None:
    body = text(role_client("provider_member").get(reverse("frontend:home")))
    assert "Member" in body
    assert reverse("organisations:invite", kwargs={"slug": provider_org.slug}) not in body
    assert reverse("organisations:members", kwargs={"slug": provider_org.slug}) in body


def test_home_dashboard_for_a_site_admin(role_client: Any) -> None:
    body = text(role_client("site_admin").get(reverse("frontend:home")))
    assert "Site administrator" in body
    for name in ("organisations:list", "audit:list", "frontend:feedback-list"):
        assert f'href="{reverse(name)}"' in body
    assert "Acting for" not in body


def test_home_dashboard_for_someone_without_an_organisation(client: Client) -> None:
    from conftest import make_user, sign_in

    sign_in(client, make_user("new.person@example.org", "New Person"))
    body = text(client.get(reverse("frontend:home")))
    assert "You are not part of an organisation yet." in body


def test_home_shows_the_five_latest_notifications(role_client: Any, provider_member: Any) -> None:
    for number in range(7):
        Notification.objects.create(
            recipient=provider_member, kind="test", title=f"Notice number {number}", url="/notifications/"
        )
    body = text(role_client("provider_member").get(reverse("frontend:home")))
    shown = re.findall(r"Notice number (\d)", body)
    assert shown == ["6", "5", "4", "3", "2"]
    assert "See all your notifications (7 new)" in body


def _home_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("frontend:home"))
    assert response.status_code == 200
    return len(queries)


def test_home_makes_the_same_number_of_queries_for_1_or_50_notifications_and_memberships(
    role_client: Any, funder_admin: Any, django_assert_max_num_queries: Any
) -> None:
    client = role_client("funder_admin")
    Notification.objects.create(recipient=funder_admin, kind="test", title="One")
    few = _home_queries(client)

    for number in range(49):
        Notification.objects.create(recipient=funder_admin, kind="test", title=f"More {number}")
        org = Organisation.objects.create(
            name=f"Funder {number}", slug=f"funder-{number}", kind=OrganisationKind.CHARITABLE_FUNDER
        )
        Membership.objects.create(user=funder_admin, organisation=org, role=MembershipRole.MEMBER)
    many = _home_queries(client)
    assert few == many
    with django_assert_max_num_queries(many):
        client.get(reverse("frontend:home"))


def test_bare_page_adds_no_queries_of_its_own(client: Client, role_client: Any) -> None:
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("frontend:bare"))
    assert len(queries) == 0, [q["sql"] for q in queries]
    signed_in = role_client("provider_member")
    with CaptureQueriesContext(connection) as bare_queries:
        signed_in.get(reverse("frontend:bare"))
    with CaptureQueriesContext(connection) as home_queries:
        signed_in.get(reverse("frontend:home"))
    # The layout's own reads (session, person, organisation, unread count) and nothing else;
    # the home page adds one: its latest notifications.
    assert len(bare_queries) <= len(home_queries) - 1
    tables = " ".join(q["sql"] for q in bare_queries)
    assert "frontend_feedback" not in tables


# Static pages --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "heading", "phrases"),
    [
        (
            "frontend:accessibility",
            "Accessibility statement for Tandem",
            [
                "WCAG",
                "2.2",
                "AA",
                "axe-core",
                "keyboard",
                "JavaScript turned off",
                "Equality and Human Rights Commission",
            ],
        ),
        (
            "frontend:privacy",
            "Privacy notice",
            [
                "the organisation running this copy of Tandem",
                "audit trail",
                "Notifications",
                "GDPR",
                "How long we keep it",
            ],
        ),
        (
            "frontend:cookies",
            "Cookies",
            ["sessionid", "csrftoken", "no cookie banner", "After 30 minutes without activity"],
        ),
    ],
)
def test_static_pages_have_real_content(client: Client, name: str, heading: str, phrases: list[str]) -> None:
    response = client.get(reverse(name))
    assert response.status_code == 200
    body = text(response)
    assert f'<h1 class="govuk-heading-l">{heading}</h1>' in body
    for phrase in phrases:
        assert phrase in body, phrase


@override_settings(TANDEM_OPERATOR_NAME="Anyborough Borough Council", TANDEM_CONTACT_EMAIL="data@anyborough.example")
def test_privacy_notice_names_the_organisation_running_this_copy(client: Client) -> None:
    body = text(client.get(reverse("frontend:privacy")))
    assert "Anyborough Borough Council decides how your personal data is used" in body
    assert "mailto:data@anyborough.example" in body
    assert "has not yet added its name" not in body
    assert "This copy of Tandem is run by Anyborough Borough Council." in text(client.get(reverse("frontend:bare")))


# Feedback ------------------------------------------------------------------------------------


def test_feedback_form_asks_why_and_remembers_the_page(client: Client) -> None:
    response = client.get(reverse("frontend:feedback"), {"from": "/organisations/"})
    body = text(response)
    assert response.status_code == 200
    assert "What were you trying to do?" in body and "Why we ask" in body
    assert "Your email address (optional)" in body
    assert 'name="page" value="/organisations/"' in body
    # Only a path on this site is remembered.
    body = text(client.get(reverse("frontend:feedback"), {"from": "https://evil.example/"}))
    assert 'name="page" value="https://evil.example/"' not in body


def test_feedback_from_someone_signed_in_is_saved_and_audited(role_client: Any, provider_member: Any) -> None:
    client = role_client("provider_member")
    response = client.post(
        reverse("frontend:feedback"),
        {"doing": "Inviting a colleague", "experience": "It was quick.", "email": "", "page": "/organisations/"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("frontend:feedback-sent")
    feedback = Feedback.objects.get()
    assert feedback.user == provider_member
    assert feedback.page == "/organisations/"
    entry = AuditEntry.objects.get(action="frontend.feedback.submitted")
    assert entry.actor == provider_member
    assert entry.object_id == str(feedback.pk)
    assert entry.after == {"named": True, "page": "/organisations/", "wants_reply": False}
    # The words are not copied into the trail, which can never be changed.
    assert "quick" not in str(entry.after) + entry.summary
    assert "Thank you for your feedback" in text(client.get(response["Location"]))


def test_feedback_can_be_sent_without_naming_the_sender(role_client: Any) -> None:
    client = role_client("funder_member")
    client.post(
        reverse("frontend:feedback"),
        {"doing": "Reading", "experience": "Fine", "email": "me@example.org", "anonymous": "on"},
    )
    feedback = Feedback.objects.get()
    assert feedback.user is None
    assert feedback.email == "me@example.org"
    entry = AuditEntry.objects.get(action="frontend.feedback.submitted")
    assert entry.actor is None and entry.after["wants_reply"] is True


def test_feedback_from_someone_signed_out(client: Client) -> None:
    response = client.post(reverse("frontend:feedback"), {"doing": "Looking around", "experience": "Nice and clear"})
    assert response.status_code == 302
    assert response["Location"] == reverse("frontend:feedback-sent")
    feedback = Feedback.objects.get()
    assert feedback.user is None
    assert AuditEntry.objects.filter(action="frontend.feedback.submitted").count() == 1


def test_feedback_mistakes_are_explained_and_what_was_typed_is_kept(role_client: Any) -> None:
    response = role_client("provider_member").post(
        reverse("frontend:feedback"), {"doing": "", "experience": "x" * 2001, "email": "not-an-email"}
    )
    assert response.status_code == 200
    body = text(response)
    assert "<title>Error: Give feedback about Tandem \u2013 Tandem</title>" in body
    assert '<a href="#id_doing">Tell us what you were trying to do</a>' in body
    assert '<a href="#id_experience">What went well or wrong must be 2000 characters or fewer</a>' in body
    assert "Enter an email address in the correct format, like name@example.com" in body
    assert "x" * 2001 in body
    assert 'value="not-an-email"' in body
    assert not Feedback.objects.exists()


@settings(max_examples=30, deadline=None)
@given(
    data=st.dictionaries(
        st.sampled_from(["doing", "experience", "email", "page", "anonymous", "other"]),
        st.one_of(st.text(max_size=2500), st.lists(st.text(max_size=50), max_size=3)),
    )
)
def test_feedback_never_fails_on_any_input(data: dict[str, Any]) -> None:
    with example_rows() as roles:
        response = roles.client("provider_member").post(reverse("frontend:feedback"), data)
        assert response.status_code < 500
        if response.status_code == 200:
            # The answer says what went wrong beside a question.
            assert "govuk-error-summary" in response.content.decode()


@pytest.fixture
def feedback_limit(settings: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Two pieces of feedback per hour, counted from an empty cache, ten minutes into an hour."""
    from django.core.cache import cache

    from tandem.accounts import throttling

    cache.clear()
    monkeypatch.setattr(throttling, "clock", lambda: 1_700_002_800.0 + 600)
    settings.FEEDBACK_POSTS_PER_ADDRESS = 2
    settings.PUBLIC_FORM_WINDOW_SECONDS = 3600
    yield
    cache.clear()


FEEDBACK = {"doing": "Looking for the privacy notice", "experience": "It took a while to find."}


def test_feedback_from_one_address_waits_after_its_limit_and_keeps_what_was_typed(feedback_limit: Any) -> None:
    client = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(2):
        assert client.post(reverse("frontend:feedback"), FEEDBACK).status_code == 302
    response = client.post(
        reverse("frontend:feedback"),
        {"doing": "Sending a third note", "experience": "Still here", "email": "me@example.org"},
    )
    assert response.status_code == 429
    body = text(response)
    assert "We have had a lot of feedback from your internet connection in a short time." in body
    # Both were sent in this hour, so they are forgotten at the end of the next.
    assert "Wait 110 minutes, then send it again. What you typed is still here." in body
    # Beside the form as well as in the error summary, and what was typed is all still there.
    assert body.count("We have had a lot of feedback") == 2
    assert "govuk-error-summary" in body and "<title>Error: Give feedback" in body
    assert "Sending a third note" in body and "Still here" in body and 'value="me@example.org"' in body
    # Nothing more was stored or audited.
    assert Feedback.objects.count() == 2
    assert AuditEntry.objects.filter(action="frontend.feedback.submitted").count() == 2


def test_feedback_from_another_address_is_not_held_up(feedback_limit: Any) -> None:
    busy = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(3):
        busy.post(reverse("frontend:feedback"), FEEDBACK)
    assert Client(REMOTE_ADDR="198.51.100.4").post(reverse("frontend:feedback"), FEEDBACK).status_code == 302
    assert Feedback.objects.count() == 3


def test_feedback_mistakes_do_not_use_up_a_turn(feedback_limit: Any) -> None:
    client = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(5):
        assert client.post(reverse("frontend:feedback"), {"doing": "", "experience": ""}).status_code == 200
    assert client.post(reverse("frontend:feedback"), FEEDBACK).status_code == 302


def test_feedback_from_people_signed_in_is_counted_for_each_person(
    feedback_limit: Any, role_client: Any, provider_member: Any
) -> None:
    """An office on one connection: signed-out posts from it do not hold up the people signed in."""
    for _ in range(2):
        Client().post(reverse("frontend:feedback"), FEEDBACK)
    assert Client().post(reverse("frontend:feedback"), FEEDBACK).status_code == 429
    member = role_client("provider_member")
    assert [member.post(reverse("frontend:feedback"), FEEDBACK).status_code for _ in range(3)] == [302, 302, 429]
    assert role_client("funder_member").post(reverse("frontend:feedback"), FEEDBACK).status_code == 302
    assert Feedback.objects.filter(user=provider_member).count() == 2


def test_feedback_list_is_for_site_admins(role_client: Any, provider_member: Any) -> None:
    from tandem.frontend.services import feedback_submit

    for number in range(30):
        feedback_submit(actor=provider_member, doing=f"Task {number}", experience="Went fine", page="/")
    client = role_client("site_admin")
    response = client.get(reverse("frontend:feedback-list"))
    body = text(response)
    assert response.status_code == 200
    assert "30 messages" in body
    assert "Task 29" in body and "Task 4" not in body
    assert 'aria-label="Pagination"' in body
    body = text(client.get(reverse("frontend:feedback-list"), {"page": "2"}))
    assert "Task 4" in body
    refused = role_client("funder_admin").get(reverse("frontend:feedback-list"))
    assert refused.status_code == 403
    assert "Only site administrators can read the feedback" in text(refused)


def test_feedback_list_queries_do_not_grow(role_client: Any, provider_member: Any) -> None:
    from tandem.frontend.services import feedback_submit

    client = role_client("site_admin")
    feedback_submit(actor=provider_member, doing="One", experience="One")
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("frontend:feedback-list"))
    for number in range(24):
        feedback_submit(actor=provider_member, doing=f"More {number}", experience="More")
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("frontend:feedback-list"))
    assert len(one) == len(many)


# The pattern page ----------------------------------------------------------------------------


def test_pattern_page_is_not_found_unless_debug(client: Client) -> None:
    assert client.get(reverse("frontend:patterns")).status_code == 404


@override_settings(DEBUG=True)
def test_pattern_page_shows_every_component_with_its_markup(client: Client) -> None:
    response = client.get(reverse("frontend:patterns"))
    assert response.status_code == 200
    html = response.content.decode()
    for marker in (
        "govuk-button--secondary",
        "govuk-button--warning",
        "govuk-button--start",
        "govuk-password-input",
        "govuk-character-count",
        "govuk-select",
        "govuk-radios",
        "govuk-checkboxes",
        "govuk-date-input",
        "govuk-file-upload",
        "govuk-error-summary",
        "Why we ask",
        "govuk-inset-text",
        "govuk-warning-text",
        "govuk-notification-banner--success",
        "govuk-summary-list",
        "govuk-table",
        "govuk-tag--red",
        "govuk-task-list",
        "govuk-tabs",
        "govuk-accordion",
        "govuk-details",
        "govuk-panel",
        "govuk-pagination",
        "govuk-back-link",
        "govuk-breadcrumbs",
        "govuk-phase-banner",
        "The date you started must include a month",
    ):
        assert marker in html, marker
    # Each example's markup is shown, escaped.
    assert "&lt;div class=&quot;govuk-inset-text&quot;&gt;" in html
    assert html.count("<h1") == 1
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    # The example with mistakes does not steal focus when the page loads.
    assert 'data-disable-auto-focus="true"' in html


@override_settings(DEBUG=True)
def test_pattern_page_form_can_be_tried(role_client: Any) -> None:
    response = role_client("provider_member").post(reverse("frontend:patterns"), {"full_name": "Pat", "size": "10-49"})
    assert response.status_code == 200
    body = text(response)
    assert "<title>Error: Patterns \u2013 Tandem</title>" in body
    assert re.search(r'<input[^>]*value="10-49"[^>]*checked', body)


def test_the_administration_page_links_to_each_part(role_client: Any) -> None:
    html = text(role_client("site_admin").get(reverse("frontend:site-admin")))
    assert '<h1 class="govuk-heading-l">Administration</h1>' in html
    for name in ("organisations:list", "accounts:people", "audit:list", "frontend:feedback-list", "frameworks:list"):
        assert f'href="{reverse(name)}"' in html, name
