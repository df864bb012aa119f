"""Organisation pages: list, add, profile, change (with the "someone else changed it" warning)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tandem.audit.models import AuditEntry
from tandem.organisations.models import Membership, MembershipRole, Organisation, OrganisationKind
from tandem.organisations.services import OrganisationDetails, organisation_update

pytestmark = pytest.mark.django_db


def edit_data(organisation: Organisation, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": organisation.name,
        "charity_number": organisation.charity_number,
        "company_number": organisation.company_number,
        "annual_income": "" if organisation.annual_income is None else str(organisation.annual_income),
        "size_band": organisation.size_band,
        "areas_served": list(organisation.areas_served),
        "specialisms": list(organisation.specialisms),
        "about": organisation.about,
        "version": str(organisation.version),
    }
    data.update(changes)
    return data


def test_profile_shows_org_ids_size_and_lists(role_client: Any, provider_org: Organisation) -> None:
    Organisation.objects.filter(pk=provider_org.pk).update(
        company_number="04567890",
        annual_income=780_000,
        size_band="medium",
        areas_served=["riverside", "eastgate"],
        specialisms=["domestic-abuse"],
        about="We support women and children.",
    )
    page = role_client("funder_member").get(reverse("organisations:detail", args=[provider_org.slug])).content.decode()
    assert "GB-CHC-1098765" in page
    assert "Charity Commission for England and Wales, number 1098765" in page
    assert "GB-COH-04567890" in page
    assert "Medium: £100,000 to £1 million" in page
    assert "Riverside" in page and "Eastgate" in page
    assert "Domestic abuse" in page
    assert "We support women and children." in page
    assert "Provider" in page
    # Income is only for the organisation's own people and site administrators.
    assert "£780,000" not in page
    assert "Change details" not in page
    own = role_client("provider_member").get(reverse("organisations:detail", args=[provider_org.slug])).content.decode()
    assert "£780,000" in own
    assert "Change details" not in own


def test_unknown_organisation_is_404(role_client: Any) -> None:
    assert role_client("funder_member").get(reverse("organisations:detail", args=["nowhere"])).status_code == 404


def test_list_searches_and_pages(role_client: Any, funder_org: Organisation, provider_org: Organisation) -> None:
    Organisation.objects.bulk_create(
        [
            Organisation(name=f"Group {n:02d}", slug=f"group-{n:02d}", kind=OrganisationKind.COMMUNITY_GROUP)
            for n in range(30)
        ]
    )
    client = role_client("site_admin")
    page = client.get(reverse("organisations:list")).content.decode()
    assert "32 organisations" in page
    assert 'aria-label="Page 2"' in page
    found = client.get(reverse("organisations:list"), {"q": "women"}).content.decode()
    assert "Riverside Women&#x27;s Aid" in found
    assert "Group 01" not in found
    none = client.get(reverse("organisations:list"), {"q": "zzz"}).content.decode()
    assert "No organisations have a name matching" in none
    assert client.get(reverse("organisations:list"), {"page": "999"}).status_code == 200
    assert client.get(reverse("organisations:list"), {"page": "abc"}).status_code == 200


def test_list_refusal_gives_a_reason(role_client: Any) -> None:
    response = role_client("funder_admin").get(reverse("organisations:list"))
    assert response.status_code == 403
    assert "Only site administrators can see the list of every organisation" in response.content.decode()


def test_site_admin_adds_an_organisation(role_client: Any) -> None:
    response = role_client("site_admin").post(
        reverse("organisations:create"),
        {
            "name": "Westmoor Food Share",
            "kind": "community_group",
            "annual_income": "£6,500",
            "areas_served": ["westmoor"],
            "specialisms": ["food-poverty"],
            "about": "Free food, no questions asked.",
        },
    )
    organisation = Organisation.objects.get(name="Westmoor Food Share")
    assert response.status_code == 302
    assert response["Location"] == reverse("organisations:members", args=[organisation.slug])
    assert organisation.size_band == "micro"
    assert organisation.annual_income == 6500
    assert AuditEntry.objects.filter(action="organisations.organisation.created").count() == 1


def test_add_keeps_what_was_typed_and_explains_errors(role_client: Any) -> None:
    response = role_client("site_admin").post(
        reverse("organisations:create"),
        {"name": "Typed Name", "kind": "", "charity_number": "SC12", "annual_income": "lots"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose what kind of organisation this is" in page
    assert "A Scottish charity number is SC followed by 6 digits" in page
    assert "Enter annual income as a number of pounds" in page
    assert 'value="Typed Name"' in page
    assert 'value="SC12"' in page
    assert 'value="lots"' in page
    assert "There is a problem" in page
    assert not Organisation.objects.filter(name="Typed Name").exists()


def test_create_refused_for_org_admins(role_client: Any) -> None:
    response = role_client("funder_admin").get(reverse("organisations:create"))
    assert response.status_code == 403
    assert "Only site administrators can add an organisation" in response.content.decode()


def test_edit_form_has_the_current_values_and_why_we_ask(role_client: Any, funder_org: Organisation) -> None:
    page = role_client("funder_admin").get(reverse("organisations:edit", args=[funder_org.slug])).content.decode()
    assert 'value="Anyborough Borough Council"' in page
    assert 'name="version"' in page
    assert "Why we ask" in page
    assert "proportionate requirements" in page
    # Organisation administrators do not choose the kind; site administrators do.
    assert 'name="kind"' not in page
    admin_page = role_client("site_admin").get(reverse("organisations:edit", args=[funder_org.slug])).content.decode()
    assert 'name="kind"' in admin_page


def test_edit_saves_and_audits(role_client: Any, funder_org: Organisation) -> None:
    response = role_client("funder_admin").post(
        reverse("organisations:edit", args=[funder_org.slug]),
        edit_data(funder_org, about="We fund services for everyone in Anyborough.", areas_served=["whole-borough"]),
    )
    assert response.status_code == 302
    funder_org.refresh_from_db()
    assert funder_org.about == "We fund services for everyone in Anyborough."
    assert funder_org.areas_served == ["whole-borough"]
    entry = AuditEntry.objects.get(action="organisations.organisation.updated")
    assert set(entry.after) == {"about", "areas_served"}


def test_edit_refused_for_members_with_the_reason(role_client: Any, funder_org: Organisation) -> None:
    response = role_client("funder_member").get(reverse("organisations:edit", args=[funder_org.slug]))
    assert response.status_code == 403
    assert "Only administrators of Anyborough Borough Council can change its details" in response.content.decode()


def test_someone_else_saving_first_is_shown_and_nothing_is_lost(
    role_client: Any, funder_org: Organisation, site_admin: Any
) -> None:
    client = role_client("funder_admin")
    opened_version = funder_org.version
    # Someone else saves while this person is typing.
    organisation_update(
        actor=site_admin,
        organisation=funder_org,
        details=OrganisationDetails(name=funder_org.name, kind=funder_org.kind, about="Their words."),
        expected_version=opened_version,
    )
    response = client.post(
        reverse("organisations:edit", args=[funder_org.slug]),
        edit_data(funder_org, about="My words.", version=str(opened_version)),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this organisation's details while you were editing" in page
    assert "Their words." in page
    assert "My words." in page  # what this person typed is kept in the form
    assert "Different from yours" in page
    assert "Save my changes" in page
    funder_org.refresh_from_db()
    assert funder_org.about == "Their words."
    # The form now carries the latest version: saving again is a deliberate choice and goes through.
    assert f'value="{funder_org.version}"' in page
    again = client.post(
        reverse("organisations:edit", args=[funder_org.slug]),
        edit_data(funder_org, about="My words."),
    )
    assert again.status_code == 302
    funder_org.refresh_from_db()
    assert funder_org.about == "My words."


def test_edit_without_a_version_is_treated_as_a_clash(role_client: Any, funder_org: Organisation) -> None:
    data = edit_data(funder_org, about="Changed")
    del data["version"]
    response = role_client("funder_admin").post(reverse("organisations:edit", args=[funder_org.slug]), data)
    assert response.status_code == 200
    assert "Someone else changed" in response.content.decode()


def test_org_admin_of_another_organisation_cannot_edit(role_client: Any, provider_org: Organisation) -> None:
    assert role_client("funder_admin").get(reverse("organisations:edit", args=[provider_org.slug])).status_code == 403


def test_member_sees_members_link_and_admin_sees_change(
    role_client: Any, funder_org: Organisation, funder_member: Any
) -> None:
    page = role_client("funder_member").get(reverse("organisations:detail", args=[funder_org.slug])).content.decode()
    assert reverse("organisations:members", args=[funder_org.slug]) in page
    assert "Change details" not in page
    Membership.objects.filter(user=funder_member).update(role=MembershipRole.ADMIN)
    page = role_client("funder_member").get(reverse("organisations:detail", args=[funder_org.slug])).content.decode()
    assert "Change details" in page


def test_a_draft_is_restored_and_cleared_once_saved(
    role_client: Any, funder_org: Organisation, funder_admin: Any
) -> None:
    from tandem.core.drafts import draft_get, draft_save

    url = reverse("organisations:edit", args=[funder_org.slug])
    draft_save(user=funder_admin, path=url, data=edit_data(funder_org, about="Half-typed words"))
    client = role_client("funder_admin")
    page = client.get(url).content.decode()
    assert "Half-typed words" in page
    assert "We kept what you typed" in page
    assert client.post(url, edit_data(funder_org, about="Finished words")).status_code == 302
    assert draft_get(user=funder_admin, path=url) is None
