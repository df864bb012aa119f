"""Services: every change checks permission, keeps the rules and writes the audit trail."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from conftest import PASSWORD, make_user
from tandem.accounts.models import User
from tandem.audit.models import AuditEntry
from tandem.core.concurrency import EditConflict
from tandem.core.exceptions import ApplicationError, PermissionDenied
from tandem.core.invitations import invitation_token_hash
from tandem.notifications.models import Notification
from tandem.organisations.models import Invitation, Membership, MembershipRole, Organisation, OrganisationKind
from tandem.organisations.selectors import invitation_get_by_token
from tandem.organisations.services import (
    OrganisationDetails,
    invitation_accept,
    invitation_accept_new_account,
    invitation_create,
    invitation_resend,
    invitation_revoke,
    invitation_url,
    membership_remove,
    membership_role_change,
    organisation_create,
    organisation_update,
)

pytestmark = pytest.mark.django_db


def details(**changes: Any) -> OrganisationDetails:
    base: dict[str, Any] = {
        "name": "Hollin Park Tenants Together",
        "kind": OrganisationKind.COMMUNITY_GROUP,
        "charity_number": "",
        "company_number": "",
        "annual_income": None,
        "size_band": "",
        "areas_served": ("hollin-park",),
        "specialisms": ("housing",),
        "about": "Neighbours helping neighbours.",
    }
    base.update(changes)
    return OrganisationDetails(**base)


def details_of(organisation: Organisation, **changes: Any) -> OrganisationDetails:
    current: dict[str, Any] = {
        "name": organisation.name,
        "kind": organisation.kind,
        "charity_number": organisation.charity_number,
        "company_number": organisation.company_number,
        "annual_income": organisation.annual_income,
        "size_band": organisation.size_band,
        "areas_served": tuple(organisation.areas_served),
        "specialisms": tuple(organisation.specialisms),
        "about": organisation.about,
    }
    return details(**{**current, **changes})


def actions() -> list[str]:
    return list(AuditEntry.objects.order_by("sequence").values_list("action", flat=True))


# ---------------------------------------------------------------------------------------------
# Organisations


def test_site_admin_creates_an_organisation_with_tidy_numbers_and_band(site_admin: User) -> None:
    organisation = organisation_create(
        actor=site_admin,
        details=details(
            name="  Copper Hill   Youth Club ",
            kind=OrganisationKind.CHARITY,
            charity_number="sc 012345",
            company_number="123456",
            annual_income=45_000,
            size_band="major",  # ignored: the income decides
            areas_served=("copper-hill", "millbrook", "copper-hill"),
        ),
    )
    assert organisation.name == "Copper Hill Youth Club"
    assert organisation.slug == "copper-hill-youth-club"
    assert organisation.charity_number == "SC012345"
    assert organisation.company_number == "00123456"
    assert organisation.size_band == "small"
    # Kept in the order of the list, once each.
    assert organisation.areas_served == ["millbrook", "copper-hill"]
    assert [i.org_id for i in organisation.identifiers] == ["GB-SC-SC012345", "GB-COH-00123456"]
    entry = AuditEntry.objects.get(action="organisations.organisation.created")
    assert entry.actor == site_admin
    assert entry.organisation_id == organisation.pk
    assert entry.after["charity_number"] == "SC012345"


def test_size_band_chosen_when_income_not_given(site_admin: User) -> None:
    organisation = organisation_create(actor=site_admin, details=details(size_band="medium"))
    assert organisation.annual_income is None
    assert organisation.size_band == "medium"


def test_slugs_are_unique_and_avoid_page_names(site_admin: User) -> None:
    first = organisation_create(actor=site_admin, details=details(name="New"))
    second = organisation_create(actor=site_admin, details=details(name="New"))
    assert first.slug == "new-2"
    assert second.slug == "new-3"


@pytest.mark.parametrize("role", ["provider_member", "funder_admin"])
def test_only_site_admins_create_organisations(role: str, request: pytest.FixtureRequest) -> None:
    with pytest.raises(PermissionDenied, match="Only site administrators"):
        organisation_create(actor=request.getfixturevalue(role), details=details())
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": "   "}, "name", "Enter the organisation's name"),
        ({"kind": "castle"}, "kind", "Choose what kind of organisation this is"),
        ({"charity_number": "12"}, "charity_number", "6 to 8 digits"),
        ({"company_number": "ZZ123456"}, "company_number", "not a Companies House prefix"),
        ({"annual_income": -1}, "annual_income", "£0 or more"),
        ({"size_band": "huge"}, "size_band", "Choose a size band"),
        ({"areas_served": ("atlantis",)}, "areas_served", "Choose areas"),
        ({"specialisms": ("juggling",)}, "specialisms", "Choose specialisms"),
        ({"about": "x" * 1501}, "about", "1500 characters"),
    ],
)
def test_bad_details_are_refused_beside_the_field(
    site_admin: User, changes: dict[str, Any], field: str, message: str
) -> None:
    with pytest.raises(ApplicationError) as caught:
        organisation_create(actor=site_admin, details=details(**changes))
    assert caught.value.field == field
    assert message in caught.value.message


def test_update_saves_changed_fields_and_audits_before_and_after(funder_admin: User, funder_org: Organisation) -> None:
    updated = organisation_update(
        actor=funder_admin,
        organisation=funder_org,
        details=details_of(funder_org, about="We fund local services.", annual_income=250_000_000),
        expected_version=funder_org.version,
    )
    assert updated.version == funder_org.version + 1
    assert updated.size_band == "super_major"
    entry = AuditEntry.objects.get(action="organisations.organisation.updated")
    assert entry.before == {"about": "", "annual_income": None, "size_band": ""}
    assert entry.after == {"about": "We fund local services.", "annual_income": 250_000_000, "size_band": "super_major"}
    assert entry.actor == funder_admin


def test_update_with_no_changes_writes_nothing(funder_admin: User, funder_org: Organisation) -> None:
    same = organisation_update(
        actor=funder_admin, organisation=funder_org, details=details_of(funder_org), expected_version=1
    )
    assert same.version == 1
    assert not AuditEntry.objects.filter(action="organisations.organisation.updated").exists()


def test_update_after_someone_else_saved_is_refused_and_says_what_they_saved(
    funder_admin: User, site_admin: User, funder_org: Organisation
) -> None:
    organisation_update(
        actor=site_admin,
        organisation=funder_org,
        details=details_of(funder_org, about="Saved first."),
        expected_version=1,
    )
    with pytest.raises(EditConflict) as caught:
        organisation_update(
            actor=funder_admin,
            organisation=funder_org,
            details=details_of(funder_org, about="Saved second."),
            expected_version=1,
        )
    assert caught.value.saved.about == "Saved first."
    assert caught.value.saved.version == 2
    assert caught.value.version == 2
    funder_org.refresh_from_db()
    assert funder_org.about == "Saved first."
    assert actions().count("organisations.organisation.updated") == 1


def test_members_cannot_edit_and_org_admins_cannot_change_kind(
    funder_member: User, funder_admin: User, funder_org: Organisation
) -> None:
    with pytest.raises(PermissionDenied, match="Only administrators"):
        organisation_update(
            actor=funder_member, organisation=funder_org, details=details_of(funder_org), expected_version=1
        )
    with pytest.raises(PermissionDenied, match="what kind of organisation"):
        organisation_update(
            actor=funder_admin,
            organisation=funder_org,
            details=details_of(funder_org, kind=OrganisationKind.CHARITY),
            expected_version=1,
        )


def test_site_admin_can_change_kind(site_admin: User, funder_org: Organisation) -> None:
    updated = organisation_update(
        actor=site_admin,
        organisation=funder_org,
        details=details_of(funder_org, kind=OrganisationKind.NHS_BODY),
        expected_version=1,
    )
    assert updated.kind == OrganisationKind.NHS_BODY


# ---------------------------------------------------------------------------------------------
# Memberships


def test_role_change_is_audited_and_the_person_told(
    funder_admin: User, funder_member: User, funder_org: Organisation
) -> None:
    membership = Membership.objects.get(user=funder_member, organisation=funder_org)
    changed = membership_role_change(actor=funder_admin, membership=membership, role=MembershipRole.ADMIN)
    assert changed.role == MembershipRole.ADMIN
    entry = AuditEntry.objects.get(action="organisations.membership.role_changed")
    assert entry.before == {"role": "member"}
    assert entry.after == {"role": "admin"}
    assert Notification.objects.filter(recipient=funder_member, kind="organisations.membership").exists()


def test_last_admin_cannot_be_demoted(funder_admin: User, funder_org: Organisation) -> None:
    membership = Membership.objects.get(user=funder_admin, organisation=funder_org)
    with pytest.raises(ApplicationError) as caught:
        membership_role_change(actor=funder_admin, membership=membership, role=MembershipRole.MEMBER)
    assert caught.value.field == "role"
    assert "only administrator" in caught.value.message
    membership.refresh_from_db()
    assert membership.role == MembershipRole.ADMIN


def test_an_admin_can_step_down_when_there_is_another(
    funder_admin: User, funder_member: User, funder_org: Organisation
) -> None:
    Membership.objects.filter(user=funder_member).update(role=MembershipRole.ADMIN)
    membership = Membership.objects.get(user=funder_admin, organisation=funder_org)
    membership_role_change(actor=funder_admin, membership=membership, role=MembershipRole.MEMBER)
    membership.refresh_from_db()
    assert membership.role == MembershipRole.MEMBER
    # Having stepped down, they can no longer manage members.
    other = Membership.objects.get(user=funder_member)
    with pytest.raises(PermissionDenied):
        membership_role_change(actor=funder_admin, membership=other, role=MembershipRole.MEMBER)


def test_last_admin_cannot_be_removed(funder_admin: User, funder_org: Organisation, site_admin: User) -> None:
    membership = Membership.objects.get(user=funder_admin, organisation=funder_org)
    with pytest.raises(ApplicationError, match="only administrator"):
        membership_remove(actor=site_admin, membership=membership, reason="They asked to leave")
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_removing_a_member_is_audited_and_they_are_told(
    funder_admin: User, funder_member: User, funder_org: Organisation
) -> None:
    membership = Membership.objects.get(user=funder_member, organisation=funder_org)
    membership_remove(actor=funder_admin, membership=membership)
    assert not Membership.objects.filter(pk=membership.pk).exists()
    entry = AuditEntry.objects.get(action="organisations.membership.removed")
    assert entry.before == {"user": funder_member.email, "role": "member"}
    assert Notification.objects.filter(recipient=funder_member, title__contains="no longer a member").exists()


def test_members_cannot_remove_others(funder_admin: User, funder_member: User, funder_org: Organisation) -> None:
    membership = Membership.objects.get(user=funder_admin, organisation=funder_org)
    with pytest.raises(PermissionDenied, match="Only administrators"):
        membership_remove(actor=funder_member, membership=membership)


# ---------------------------------------------------------------------------------------------
# Invitations


@override_settings(INVITATION_DAYS=3, SITE_URL="https://tandem.example")
def test_invitation_to_a_new_address_is_hashed_expires_and_emailed_after_commit(
    funder_admin: User, funder_org: Organisation, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        invitation, token = invitation_create(
            actor=funder_admin, organisation=funder_org, email=" New.Person@Example.org ", role="member"
        )
    assert invitation.email == "new.person@example.org"
    assert invitation.token_hash == invitation_token_hash(token)
    assert token not in invitation.token_hash
    assert timedelta(days=2, hours=23) < invitation.expires_at - timezone.now() <= timedelta(days=3)
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["new.person@example.org"]
    assert f"https://tandem.example/invitations/{token}/" in email.body
    assert invitation_url(token) == f"https://tandem.example/invitations/{token}/"
    assert "Anyborough Borough Council" in email.subject
    entry = AuditEntry.objects.get(action="organisations.membership.invited")
    assert entry.after["email"] == "new.person@example.org"
    assert token not in str(entry.after)


def test_no_email_when_the_transaction_does_not_commit(
    funder_admin: User, funder_org: Organisation, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invitation_create(actor=funder_admin, organisation=funder_org, email="later@example.org", role="member")
    assert len(callbacks) == 1
    assert mail.outbox == []


def test_invitation_to_someone_with_an_account_notifies_them(
    funder_admin: User, funder_org: Organisation, provider_member: User, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _invitation, token = invitation_create(
            actor=funder_admin, organisation=funder_org, email=provider_member.email.upper(), role="admin"
        )
    notification = Notification.objects.get(recipient=provider_member, kind="organisations.invitation")
    assert token in notification.url
    assert [m.to for m in mail.outbox] == [[provider_member.email]]
    assert token in mail.outbox[0].body


def test_inviting_a_member_says_so_beside_the_email(
    funder_admin: User, funder_member: User, funder_org: Organisation
) -> None:
    with pytest.raises(ApplicationError) as caught:
        invitation_create(actor=funder_admin, organisation=funder_org, email=funder_member.email, role="member")
    assert caught.value.field == "email"
    assert "already a member of Anyborough Borough Council" in caught.value.message


def test_a_second_invitation_while_one_is_waiting_is_refused(funder_admin: User, funder_org: Organisation) -> None:
    invitation_create(actor=funder_admin, organisation=funder_org, email="a@example.org", role="member")
    with pytest.raises(ApplicationError, match="already been invited") as caught:
        invitation_create(actor=funder_admin, organisation=funder_org, email="A@example.org", role="member")
    assert caught.value.field == "email"


def test_a_new_invitation_can_follow_an_expired_one(funder_admin: User, funder_org: Organisation) -> None:
    old, _ = invitation_create(actor=funder_admin, organisation=funder_org, email="a@example.org", role="member")
    Invitation.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    new, _ = invitation_create(actor=funder_admin, organisation=funder_org, email="a@example.org", role="member")
    assert new.pk != old.pk


@pytest.mark.parametrize(("email", "message"), [("", "Enter an email address"), ("nope", "correct format")])
def test_bad_email_is_refused(funder_admin: User, funder_org: Organisation, email: str, message: str) -> None:
    with pytest.raises(ApplicationError, match=message):
        invitation_create(actor=funder_admin, organisation=funder_org, email=email, role="member")


def test_members_cannot_invite(funder_member: User, funder_org: Organisation) -> None:
    with pytest.raises(PermissionDenied):
        invitation_create(actor=funder_member, organisation=funder_org, email="x@example.org", role="member")


def test_existing_account_accepts_and_joins_with_the_role(
    funder_admin: User, funder_org: Organisation, provider_member: User
) -> None:
    invitation, token = invitation_create(
        actor=funder_admin, organisation=funder_org, email=provider_member.email, role="admin"
    )
    membership = invitation_accept(invitation=invitation, user=provider_member)
    assert membership.role == MembershipRole.ADMIN
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert invitation.accepted_by == provider_member
    entry = AuditEntry.objects.get(action="organisations.invitation.accepted")
    assert entry.actor == provider_member
    assert entry.after["new_account"] is False
    # The link works once.
    with pytest.raises(ApplicationError, match="already been used"):
        invitation_accept(invitation=invitation_get_by_token(token=token), user=provider_member)  # type: ignore[arg-type]


def test_someone_else_cannot_accept(funder_admin: User, funder_org: Organisation, provider_member: User) -> None:
    invitation, _ = invitation_create(
        actor=funder_admin, organisation=funder_org, email="other@example.org", role="member"
    )
    with pytest.raises(PermissionDenied, match=r"sent to other@example\.org"):
        invitation_accept(invitation=invitation, user=provider_member)
    assert not Membership.objects.filter(user=provider_member, organisation=funder_org).exists()


def test_expired_and_revoked_invitations_cannot_be_accepted(
    funder_admin: User, funder_org: Organisation, provider_member: User
) -> None:
    invitation, _ = invitation_create(
        actor=funder_admin, organisation=funder_org, email=provider_member.email, role="member"
    )
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    invitation.refresh_from_db()
    with pytest.raises(ApplicationError, match="expired"):
        invitation_accept(invitation=invitation, user=provider_member)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() + timedelta(days=1))
    invitation.refresh_from_db()
    invitation_revoke(actor=funder_admin, invitation=invitation)
    with pytest.raises(ApplicationError, match="cancelled"):
        invitation_accept(invitation=invitation, user=provider_member)
    assert not Membership.objects.filter(user=provider_member, organisation=funder_org).exists()


def test_new_account_accepts(funder_admin: User, funder_org: Organisation) -> None:
    invitation, _ = invitation_create(
        actor=funder_admin, organisation=funder_org, email="Newbie@Example.org", role="member"
    )
    membership = invitation_accept_new_account(invitation=invitation, full_name=" Nia   Newbie ", password=PASSWORD)
    user = membership.user
    assert user.email == "newbie@example.org"
    assert user.full_name == "Nia Newbie"
    assert user.check_password(PASSWORD)
    assert membership.organisation == funder_org
    assert AuditEntry.objects.get(action="organisations.invitation.accepted").after["new_account"] is True


def test_the_person_who_invited_is_told_when_someone_joins(funder_admin: User, funder_org: Organisation) -> None:
    invitation, _ = invitation_create(actor=funder_admin, organisation=funder_org, email="j@example.org", role="member")
    invitation_accept_new_account(invitation=invitation, full_name="Jo Joiner", password=PASSWORD)
    notice = Notification.objects.get(recipient=funder_admin, kind="organisations.invitation_accepted")
    assert notice.title == f"Jo Joiner has joined {funder_org.name}"
    assert notice.url == reverse("organisations:members", args=[funder_org.slug])


def test_new_account_needs_a_good_password_and_a_name(funder_admin: User, funder_org: Organisation) -> None:
    invitation, _ = invitation_create(actor=funder_admin, organisation=funder_org, email="n@example.org", role="member")
    with pytest.raises(ApplicationError) as caught:
        invitation_accept_new_account(invitation=invitation, full_name="Nia", password="short")
    assert caught.value.field == "password1"
    with pytest.raises(ApplicationError) as caught:
        invitation_accept_new_account(invitation=invitation, full_name="  ", password=PASSWORD)
    assert caught.value.field == "full_name"
    assert not User.objects.filter(email="n@example.org").exists()


def test_new_account_refused_when_the_address_already_has_one(funder_admin: User, funder_org: Organisation) -> None:
    invitation, _ = invitation_create(
        actor=funder_admin, organisation=funder_org, email="late@example.org", role="member"
    )
    make_user("late@example.org", "Late Comer")
    with pytest.raises(ApplicationError, match="already an account"):
        invitation_accept_new_account(invitation=invitation, full_name="Someone", password=PASSWORD)


def test_revoking_is_audited_and_accepted_ones_cannot_be_revoked(
    funder_admin: User, funder_org: Organisation, provider_member: User
) -> None:
    invitation, _ = invitation_create(actor=funder_admin, organisation=funder_org, email="r@example.org", role="member")
    revoked = invitation_revoke(actor=funder_admin, invitation=invitation)
    assert revoked.revoked_at is not None
    assert revoked.revoked_by == funder_admin
    # Doing it again changes nothing and writes nothing more.
    invitation_revoke(actor=funder_admin, invitation=invitation)
    assert actions().count("organisations.invitation.revoked") == 1

    accepted, _ = invitation_create(
        actor=funder_admin, organisation=funder_org, email=provider_member.email, role="member"
    )
    invitation_accept(invitation=accepted, user=provider_member)
    with pytest.raises(ApplicationError, match="already accepted"):
        invitation_revoke(actor=funder_admin, invitation=accepted)


@override_settings(SITE_URL="https://tandem.example")
def test_resending_emails_a_new_link_and_the_old_one_stops_working(
    funder_admin: User, funder_org: Organisation, django_capture_on_commit_callbacks: Any
) -> None:
    invitation, old = invitation_create(
        actor=funder_admin, organisation=funder_org, email="r@example.org", role="member"
    )
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(days=1))
    invitation.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        resent, token = invitation_resend(actor=funder_admin, invitation=invitation)
    assert resent.pk == invitation.pk and resent.is_pending
    assert invitation_get_by_token(token=old) is None
    assert invitation_get_by_token(token=token) == resent
    assert [m.to for m in mail.outbox] == [["r@example.org"]]
    assert f"https://tandem.example/invitations/{token}/" in mail.outbox[0].body
    entry = AuditEntry.objects.get(action="organisations.invitation.resent")
    assert entry.before["status"] == "expired" and entry.after["status"] == "pending"
    assert entry.summary == f"Sent the invitation for r@example.org to join {funder_org.name} again"


def test_members_cannot_resend(funder_admin: User, funder_member: User, funder_org: Organisation) -> None:
    invitation, _ = invitation_create(actor=funder_admin, organisation=funder_org, email="r@example.org", role="member")
    with pytest.raises(PermissionDenied):
        invitation_resend(actor=funder_member, invitation=invitation)


def test_members_cannot_revoke(funder_admin: User, funder_member: User, funder_org: Organisation) -> None:
    invitation, _ = invitation_create(actor=funder_admin, organisation=funder_org, email="r@example.org", role="member")
    with pytest.raises(PermissionDenied):
        invitation_revoke(actor=funder_member, invitation=invitation)


def test_the_whole_trail_is_written_in_order(site_admin: User, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        organisation = organisation_create(actor=site_admin, details=details())
        invitation, _ = invitation_create(
            actor=site_admin,
            organisation=organisation,
            email="lead@example.org",
            role="admin",
            reason="The council asked us to set up its first administrator",
        )
        membership = invitation_accept_new_account(invitation=invitation, full_name="Lee Lead", password=PASSWORD)
        second, _ = invitation_create(
            actor=membership.user, organisation=organisation, email="b@example.org", role="member"
        )
        invitation_revoke(actor=membership.user, invitation=second)
    assert actions() == [
        "organisations.organisation.created",
        "organisations.membership.invited",
        "organisations.invitation.accepted",
        "organisations.membership.invited",
        "organisations.invitation.revoked",
    ]
