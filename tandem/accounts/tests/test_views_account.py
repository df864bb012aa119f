from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from conftest import sign_in
from tandem.accounts.models import User
from tandem.accounts.tests.conftest import enable_two_factor
from tandem.commissions.tests.builders import commission_build, journey_build
from tandem.organisations.models import Membership

SETTINGS = reverse("accounts:settings")


def test_shows_name_email_and_how_to_turn_two_factor_on(client: Client, person: User) -> None:
    sign_in(client, person)
    html = client.get(SETTINGS).content.decode()
    assert "Robin Resident" in html and "robin.resident@example.org" in html
    assert reverse("accounts:two-factor-setup") in html
    assert reverse("accounts:two-factor-disable") not in html


def test_optional_and_on_offers_turn_off_and_new_codes(client: Client, person_with_two_factor: Any) -> None:
    user, _, _ = person_with_two_factor
    sign_in(client, user)
    html = client.get(SETTINGS).content.decode()
    assert reverse("accounts:two-factor-disable") in html
    assert reverse("accounts:recovery-codes") in html
    assert "10 unused" in html


def test_required_and_on_explains_why_and_offers_no_turn_off(client: Client, funder_admin: User) -> None:
    enable_two_factor(funder_admin)
    sign_in(client, funder_admin)
    html = client.get(SETTINGS).content.decode()
    assert "You must use it because you work for Anyborough Borough Council" in html
    assert reverse("accounts:two-factor-disable") not in html


def test_links_to_notification_preferences_once_that_page_exists(client: Client, person: User) -> None:
    from django.urls import NoReverseMatch

    sign_in(client, person)
    html = client.get(SETTINGS).content.decode()
    try:
        url = reverse("notifications:preferences")
    except NoReverseMatch:
        return
    assert url in html


def test_signed_out_people_are_sent_to_sign_in(client: Client, db: Any) -> None:
    response = client.get(SETTINGS)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:sign-in"))


def test_account_page_has_a_fixed_number_of_queries(
    client: Client, person_with_two_factor: Any, funder_admin: User, django_assert_max_num_queries: Any
) -> None:
    user, _, _ = person_with_two_factor
    sign_in(client, user)
    with django_assert_max_num_queries(10):
        assert client.get(SETTINGS).status_code == 200
    enable_two_factor(funder_admin)
    sign_in(client, funder_admin)
    with django_assert_max_num_queries(10):
        assert client.get(SETTINGS).status_code == 200


def test_lists_where_people_see_you_and_what_they_see(client: Client, funder_member: User, funder_org: Any) -> None:
    """Decision 0022: each organisation and team the person is in, with a link to change it."""
    commission = commission_build(lead=funder_member, lead_funder=funder_org, version=journey_build())
    Membership.objects.filter(user=funder_member).update(shares_email=True)
    enable_two_factor(funder_member)
    sign_in(client, funder_member)
    html = " ".join(client.get(SETTINGS).content.decode().split())
    assert "What people see about you" in html
    assert (
        'Anyborough Borough Council</dt> <dd class="govuk-summary-list__value"> Your name, role and email address'
        in html
    )
    assert 'The team for Domestic abuse support</dt> <dd class="govuk-summary-list__value"> Your name and role' in html
    assert reverse("organisations:member-contact", args=[funder_org.slug]) in html
    assert reverse("commissions:team-contact", args=[commission.pk]) in html


def test_someone_listed_nowhere_is_not_shown_the_section(client: Client, person: User) -> None:
    sign_in(client, person)
    assert "What people see about you" not in client.get(SETTINGS).content.decode()
