"""Site administrators find people and reset two-factor authentication for someone locked out."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import PASSWORD, example_rows, make_user
from tandem.accounts.models import RecoveryCode
from tandem.accounts.tests.conftest import enable_two_factor, password_typed_minutes_ago
from tandem.audit.models import AuditEntry
from tandem.core.drafts import RESTORED_NOTICE
from tandem.core.models import Draft
from tandem.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_people_list_searches_by_name_or_email(role_client, site_admin, provider_member, funder_member):
    client = role_client("site_admin")
    response = client.get(reverse("accounts:people"), {"q": "pat.prov"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Pat Provider" in body
    assert "Fran Funder" not in body


def test_people_list_says_plainly_when_nobody_matches(role_client, site_admin):
    response = role_client("site_admin").get(reverse("accounts:people"), {"q": "zzz-nobody"})
    assert "Check the spelling" in response.content.decode()


def test_people_list_runs_the_same_queries_for_few_and_many(role_client, site_admin, django_assert_num_queries):
    client = role_client("site_admin")
    client.get(reverse("accounts:people"))  # warm the session
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("accounts:people"))
    for n in range(40):
        make_user(f"person{n}@example.org", f"Person {n}")
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(reverse("accounts:people"))


def test_people_refused_to_others_with_a_reason(role_client, funder_admin):
    response = role_client("funder_admin").get(reverse("accounts:people"))
    assert response.status_code == 403
    assert "Only site administrators can look up" in response.content.decode()


def test_person_page_shows_memberships(role_client, site_admin, provider_member, provider_org):
    response = role_client("site_admin").get(reverse("accounts:person", args=[provider_member.pk]))
    body = response.content.decode()
    assert escape(provider_org.name) in body
    assert "Two-factor authentication" in body


def test_unknown_person_is_not_found(role_client, site_admin):
    assert role_client("site_admin").get(reverse("accounts:person", args=[999999])).status_code == 404


def test_reset_needs_a_reason_and_keeps_the_page(role_client, site_admin, provider_member):
    enable_two_factor(provider_member)
    url = reverse("accounts:person-two-factor-reset", args=[provider_member.pk])
    response = role_client("site_admin").post(url, {"reason": "   "})
    assert response.status_code == 200
    assert "Enter why you are resetting two-factor authentication" in response.content.decode()
    provider_member.refresh_from_db()
    assert provider_member.has_two_factor


def test_reset_keeps_what_was_typed_when_too_long(role_client, site_admin, provider_member):
    enable_two_factor(provider_member)
    url = reverse("accounts:person-two-factor-reset", args=[provider_member.pk])
    typed = "lost phone " * 50
    response = role_client("site_admin").post(url, {"reason": typed})
    body = response.content.decode()
    assert "400 characters or fewer" in body
    assert "lost phone lost phone" in body


def test_reset_turns_two_factor_off_audits_and_tells_the_person(role_client, site_admin, provider_member):
    enable_two_factor(provider_member)
    url = reverse("accounts:person-two-factor-reset", args=[provider_member.pk])
    response = role_client("site_admin").post(url, {"reason": "Lost phone; checked by phone call"})
    assert response.status_code == 302
    provider_member.refresh_from_db()
    assert not provider_member.has_two_factor
    assert not RecoveryCode.objects.filter(user=provider_member).exists()
    entry = AuditEntry.objects.filter(action="accounts.two_factor.reset").get()
    assert entry.actor_id == site_admin.pk and "Lost phone" in entry.summary
    notice = Notification.objects.filter(recipient=provider_member, kind="accounts.security").latest("created_at")
    assert "reset your two-factor" in notice.title and "Lost phone" in notice.body


def test_cannot_reset_when_two_factor_is_off(role_client, site_admin, provider_member):
    url = reverse("accounts:person-two-factor-reset", args=[provider_member.pk])
    response = role_client("site_admin").get(url)
    assert response.status_code == 403
    assert "nothing to reset" in response.content.decode()


def test_site_admin_cannot_reset_their_own(role_client, site_admin):
    enable_two_factor(site_admin)
    url = reverse("accounts:person-two-factor-reset", args=[site_admin.pk])
    response = role_client("site_admin").get(url)
    assert response.status_code == 403
    assert "Ask another site administrator" in response.content.decode()


@settings(max_examples=30, deadline=None)
@given(reason=st.text(max_size=600), q=st.text(max_size=300), page=st.text(max_size=20))
def test_generated_input_never_breaks_the_pages(reason, q, page):
    with example_rows() as roles:
        provider_member = roles.user("provider_member")
        enable_two_factor(provider_member)
        client = roles.client("site_admin")
        assert client.get(reverse("accounts:people"), {"q": q, "page": page}).status_code < 500
        url = reverse("accounts:person-two-factor-reset", args=[provider_member.pk])
        assert client.post(url, {"reason": reason}).status_code < 500


def test_reset_needs_a_recent_password_and_keeps_the_reason_typed(role_client, site_admin, provider_member):
    enable_two_factor(provider_member)
    client = role_client("site_admin")
    password_typed_minutes_ago(client, 15)
    url = reverse("accounts:person-two-factor-reset", args=[provider_member.pk])
    confirm = reverse("accounts:confirm-password")
    assert client.get(url)["Location"] == f"{confirm}?next={url.replace('/', '%2F')}"
    reason = "Lost their phone; we rang them back on the number we hold"
    response = client.post(url, {"reason": reason})
    assert response["Location"] == f"{confirm}?next={url.replace('/', '%2F')}"
    provider_member.refresh_from_db()
    assert provider_member.has_two_factor
    assert not AuditEntry.objects.filter(action="accounts.two_factor.reset").exists()
    # After the password, back on the page with the reason still there.
    back = client.post(confirm, {"password": PASSWORD, "next": url})
    assert back["Location"] == url
    page = client.get(url).content.decode()
    assert escape(reason) in page
    assert escape(RESTORED_NOTICE) in page
    assert client.post(url, {"reason": reason}).status_code == 302
    provider_member.refresh_from_db()
    assert not provider_member.has_two_factor
    assert not Draft.objects.filter(user=site_admin).exists()


def test_reset_refuses_people_who_may_not_before_asking_for_a_password(role_client, funder_admin, provider_member):
    enable_two_factor(provider_member)
    client = role_client("funder_admin")
    password_typed_minutes_ago(client, 15)
    url = reverse("accounts:person-two-factor-reset", args=[provider_member.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"reason": "x"}).status_code == 403


def test_person_page_lists_organisations_by_name(role_client, site_admin, provider_member, provider_org):
    from tandem.organisations.models import Membership, MembershipRole, Organisation, OrganisationKind

    for name in ("zebra Trust", "Alder Group", "middle Collective"):
        organisation = Organisation.objects.create(
            name=name, slug=name.lower().replace(" ", "-"), kind=OrganisationKind.CHARITY
        )
        Membership.objects.create(user=provider_member, organisation=organisation, role=MembershipRole.MEMBER)
    body = role_client("site_admin").get(reverse("accounts:person", args=[provider_member.pk])).content.decode()
    names = sorted(["zebra Trust", "Alder Group", "middle Collective", provider_org.name], key=str.casefold)
    positions = [body.index(escape(name)) for name in names]
    assert positions == sorted(positions)
