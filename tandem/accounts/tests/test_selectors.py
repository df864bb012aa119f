from __future__ import annotations

from typing import Any

from tandem.accounts.models import User
from tandem.accounts.selectors import (
    recovery_codes_unused_count,
    user_get_active,
    user_get_by_email,
    user_requires_two_factor,
    user_two_factor_reason,
)
from tandem.organisations.models import Membership, MembershipRole, Organisation, OrganisationKind


def test_user_get_by_email_ignores_capitals_and_inactive_people(person: User) -> None:
    assert user_get_by_email("Robin.Resident@EXAMPLE.org ") == person
    assert user_get_by_email("") is None
    person.is_active = False
    person.save(update_fields=["is_active"])
    assert user_get_by_email(person.email) is None


def test_user_get_active_only_takes_whole_numbers(person: User) -> None:
    assert user_get_active(person.pk) == person
    assert user_get_active(str(person.pk)) is None
    assert user_get_active(True) is None
    assert user_get_active(None) is None


def test_who_must_use_two_factor(
    site_admin: User, funder_member: User, funder_admin: User, provider_member: User, person: User
) -> None:
    assert user_requires_two_factor(site_admin)
    assert user_requires_two_factor(funder_member)
    assert user_requires_two_factor(funder_admin)
    assert not user_requires_two_factor(provider_member)
    assert not user_requires_two_factor(person)


def test_each_funder_kind_needs_two_factor(db: Any, person: User) -> None:
    for kind in (
        OrganisationKind.LOCAL_AUTHORITY,
        OrganisationKind.NHS_BODY,
        OrganisationKind.PCC,
        OrganisationKind.CHARITABLE_FUNDER,
    ):
        Membership.objects.filter(user=person).delete()
        org = Organisation.objects.create(name=f"Org {kind}", slug=f"org-{kind}".replace("_", "-"), kind=kind)
        Membership.objects.create(user=person, organisation=org, role=MembershipRole.MEMBER)
        assert user_requires_two_factor(person), kind


def test_requirement_costs_at_most_one_query(
    django_assert_num_queries: Any, site_admin: User, provider_member: User
) -> None:
    with django_assert_num_queries(0):
        user_requires_two_factor(site_admin)
    with django_assert_num_queries(1):
        user_requires_two_factor(provider_member)


def test_the_reason_is_plain_and_names_the_funder(site_admin: User, funder_member: User, provider_member: User) -> None:
    assert "site administrator" in user_two_factor_reason(site_admin)
    assert "Anyborough Borough Council" in user_two_factor_reason(funder_member)
    assert user_two_factor_reason(provider_member) == ""


def test_recovery_code_count(person_with_two_factor: Any) -> None:
    user, _, _ = person_with_two_factor
    assert recovery_codes_unused_count(user) == 10
