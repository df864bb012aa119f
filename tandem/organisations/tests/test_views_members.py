"""Members pages: the list, inviting, changing roles, removing, cancelling invitations."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from tandem.audit.models import AuditEntry
from tandem.organisations.models import Invitation, Membership, MembershipRole, Organisation
from tandem.organisations.services import invitation_accept, invitation_create

pytestmark = pytest.mark.django_db


def members_url(organisation: Organisation) -> str:
    return reverse("organisations:members", args=[organisation.slug])


def test_admins_see_roles_change_links_and_waiting_invitations(
    role_client: Any, funder_org: Organisation, funder_admin: Any, funder_member: Any
) -> None:
    invitation_create(actor=funder_admin, organisation=funder_org, email="waiting@example.org", role="member")
    page = role_client("funder_admin").get(members_url(funder_org)).content.decode()
    assert "Ada Admin" in page and "Fran Funder" in page
    assert "Administrator" in page
    assert "waiting@example.org" in page
    assert "Invite someone" in page
    assert (
        reverse("organisations:membership-edit", args=[funder_org.slug, Membership.objects.get(user=funder_member).pk])
        in page
    )


def test_members_see_the_list_but_not_invitations_or_changes(
    role_client: Any, funder_org: Organisation, funder_admin: Any
) -> None:
    invitation_create(actor=funder_admin, organisation=funder_org, email="waiting@example.org", role="member")
    page = role_client("funder_member").get(members_url(funder_org)).content.decode()
    assert "Ada Admin" in page
    assert "waiting@example.org" not in page
    assert "Invite someone" not in page
    assert "/members/invite/" not in page


def test_outsiders_are_refused_with_a_reason(role_client: Any, funder_org: Organisation) -> None:
    response = role_client("provider_member").get(members_url(funder_org))
    assert response.status_code == 403
    assert "Only people in Anyborough Borough Council can see who its members are" in response.content.decode()


def test_invite_sends_an_email_and_shows_success(
    role_client: Any, funder_org: Organisation, django_capture_on_commit_callbacks: Any
) -> None:
    client = role_client("funder_admin")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("organisations:invite", args=[funder_org.slug]), {"email": "New@Example.org", "role": "admin"}
        )
    assert response.status_code == 302
    assert response["Location"] == members_url(funder_org)
    invitation = Invitation.objects.get()
    assert invitation.email == "new@example.org"
    assert invitation.role == MembershipRole.ADMIN
    assert len(mail.outbox) == 1
    assert "/invitations/" in mail.outbox[0].body
    page = client.get(members_url(funder_org)).content.decode()
    assert "We have sent an invitation to new@example.org" in page


def test_inviting_a_member_says_so_beside_the_field(
    role_client: Any, funder_org: Organisation, funder_member: Any
) -> None:
    response = role_client("funder_admin").post(
        reverse("organisations:invite", args=[funder_org.slug]), {"email": funder_member.email, "role": "member"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "fran.funder@example.org is already a member of Anyborough Borough Council" in page
    assert 'id="email-error"' in page or "govuk-error-message" in page
    assert f'value="{funder_member.email}"' in page
    assert not Invitation.objects.exists()


def test_invite_with_bad_email_keeps_it(role_client: Any, funder_org: Organisation) -> None:
    response = role_client("funder_admin").post(
        reverse("organisations:invite", args=[funder_org.slug]), {"email": "not an email", "role": ""}
    )
    page = response.content.decode()
    assert "Enter an email address in the correct format" in page
    assert "Choose a role" in page
    assert 'value="not an email"' in page


def test_role_change_and_last_admin_rule(
    role_client: Any, funder_org: Organisation, funder_admin: Any, funder_member: Any
) -> None:
    client = role_client("funder_admin")
    own = Membership.objects.get(user=funder_admin)
    url = reverse("organisations:membership-edit", args=[funder_org.slug, own.pk])
    response = client.post(url, {"action": "role", "role": "member"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ada Admin is the only administrator of Anyborough Borough Council" in page
    own.refresh_from_db()
    assert own.role == MembershipRole.ADMIN

    other = Membership.objects.get(user=funder_member)
    response = client.post(
        reverse("organisations:membership-edit", args=[funder_org.slug, other.pk]), {"action": "role", "role": "admin"}
    )
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.role == MembershipRole.ADMIN
    assert AuditEntry.objects.filter(action="organisations.membership.role_changed").count() == 1


def test_removing_the_last_admin_is_explained(role_client: Any, funder_org: Organisation, funder_admin: Any) -> None:
    own = Membership.objects.get(user=funder_admin)
    response = role_client("site_admin").post(
        reverse("organisations:membership-edit", args=[funder_org.slug, own.pk]),
        {"action": "remove", "remove-reason": "They asked to leave"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "is the only administrator" in page
    assert "Make someone else an administrator first" in page
    assert Membership.objects.filter(pk=own.pk).exists()


def test_remove_a_member(role_client: Any, funder_org: Organisation, funder_member: Any) -> None:
    other = Membership.objects.get(user=funder_member)
    response = role_client("funder_admin").post(
        reverse("organisations:membership-edit", args=[funder_org.slug, other.pk]), {"action": "remove"}
    )
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=other.pk).exists()
    assert AuditEntry.objects.filter(action="organisations.membership.removed").exists()


def test_an_admin_can_leave_when_another_admin_remains(
    role_client: Any, funder_org: Organisation, funder_admin: Any, funder_member: Any
) -> None:
    Membership.objects.filter(user=funder_member).update(role=MembershipRole.ADMIN)
    own = Membership.objects.get(user=funder_admin)
    client = role_client("funder_admin")
    page = client.get(reverse("organisations:membership-edit", args=[funder_org.slug, own.pk])).content.decode()
    assert "Leave Anyborough Borough Council" in page
    response = client.post(
        reverse("organisations:membership-edit", args=[funder_org.slug, own.pk]),
        {"action": "remove", "remove-reason": "They asked to leave"},
    )
    assert response["Location"] == reverse("frontend:home")
    # Having left, they can no longer see the members.
    assert client.get(members_url(funder_org)).status_code == 403


def test_membership_of_another_organisation_is_404(
    role_client: Any, funder_org: Organisation, provider_org: Organisation, provider_member: Any
) -> None:
    theirs = Membership.objects.get(user=provider_member)
    response = role_client("funder_admin").get(
        reverse("organisations:membership-edit", args=[funder_org.slug, theirs.pk])
    )
    assert response.status_code == 404


def test_cancel_an_invitation(role_client: Any, funder_org: Organisation, funder_admin: Any) -> None:
    invitation, _ = invitation_create(actor=funder_admin, organisation=funder_org, email="c@example.org", role="member")
    client = role_client("funder_admin")
    url = reverse("organisations:invitation-revoke", args=[funder_org.slug, invitation.pk])
    assert "Cancel the invitation for c@example.org" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert "The invitation for c@example.org has been cancelled" in client.get(members_url(funder_org)).content.decode()
    assert "no longer waiting for a reply: cancelled" in client.get(url).content.decode()


def test_cancelling_an_accepted_invitation_is_explained(
    role_client: Any, funder_org: Organisation, funder_admin: Any, provider_member: Any
) -> None:
    invitation, _ = invitation_create(
        actor=funder_admin, organisation=funder_org, email=provider_member.email, role="member"
    )
    invitation_accept(invitation=invitation, user=provider_member)
    page = (
        role_client("funder_admin")
        .post(reverse("organisations:invitation-revoke", args=[funder_org.slug, invitation.pk]))
        .content.decode()
    )
    assert "has already accepted this invitation, so it cannot be cancelled" in page
    assert not AuditEntry.objects.filter(action="organisations.invitation.revoked").exists()


# A site administrator acting on an organisation they are not an administrator of (decision 0009).


def test_a_site_administrator_is_asked_why_and_told_who_will_see_it(
    role_client: Any, funder_org: Organisation, funder_admin: Any
) -> None:
    page = role_client("site_admin").get(reverse("organisations:invite", args=[funder_org.slug])).content.decode()
    assert "Why are you making this change?" in page
    assert "so we will tell Anyborough Borough Council" in page
    assert "administrators straight away, with the reason you give" in page
    own_page = role_client("funder_admin").get(reverse("organisations:invite", args=[funder_org.slug]))
    assert "Why are you making this change?" not in own_page.content.decode()


def test_a_site_administrator_without_a_reason_keeps_what_they_typed(
    role_client: Any, funder_org: Organisation, funder_admin: Any
) -> None:
    response = role_client("site_admin").post(
        reverse("organisations:invite", args=[funder_org.slug]),
        {"email": "new.starter@example.org", "role": "member", "reason": "  "},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Say why you are making this change" in page
    assert 'href="#id_reason"' in page or 'href="#reason"' in page
    assert 'value="new.starter@example.org"' in page
    assert not Invitation.objects.exists()


def test_a_site_administrator_removing_or_cancelling_gives_a_reason(
    role_client: Any, funder_org: Organisation, funder_admin: Any, funder_member: Any
) -> None:
    client = role_client("site_admin")
    member = Membership.objects.get(user=funder_member)
    edit = reverse("organisations:membership-edit", args=[funder_org.slug, member.pk])
    refused = client.post(edit, {"action": "remove"})
    assert refused.status_code == 200
    assert "Say why you are making this change" in refused.content.decode()
    assert Membership.objects.filter(pk=member.pk).exists()
    done = client.post(edit, {"action": "remove", "remove-reason": "They have left the council"})
    assert done.status_code == 302
    assert not Membership.objects.filter(pk=member.pk).exists()

    invitation, _ = invitation_create(actor=funder_admin, organisation=funder_org, email="w@example.org", role="member")
    revoke = reverse("organisations:invitation-revoke", args=[funder_org.slug, invitation.pk])
    refused = client.post(revoke, {})
    assert "Say why you are making this change" in refused.content.decode()
    assert client.post(revoke, {"reason": "Sent by mistake"}).status_code == 302
    entry = AuditEntry.objects.get(action="organisations.invitation.revoked")
    assert entry.after == {"status": "revoked", "as_site_admin": True, "reason": "Sent by mistake"}


def _password_typed_long_ago(client: Any) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from tandem.accounts.sessions import PASSWORD_CONFIRMED_SESSION_KEY

    session = client.session
    session[PASSWORD_CONFIRMED_SESSION_KEY] = (timezone.now() - timedelta(hours=1)).isoformat()
    session.save()


def test_a_site_administrator_confirms_their_password_first_and_keeps_what_they_typed(
    role_client: Any, funder_org: Organisation, funder_admin: Any
) -> None:
    client = role_client("site_admin")
    _password_typed_long_ago(client)
    invite = reverse("organisations:invite", args=[funder_org.slug])
    asked = client.get(invite)
    assert asked.status_code == 302
    assert asked["Location"].startswith(reverse("accounts:confirm-password"))
    posted = client.post(invite, {"email": "new.starter@example.org", "role": "member", "reason": "Asked by Ada"})
    assert posted.status_code == 302
    assert posted["Location"].startswith(reverse("accounts:confirm-password"))
    assert not Invitation.objects.exists()
    confirmed = client.post(posted["Location"], {"password": "correct horse battery staple"})
    assert confirmed.status_code == 302 and confirmed["Location"] == invite
    back = client.get(invite).content.decode()
    assert 'value="new.starter@example.org"' in back
    assert "Asked by Ada" in back


def test_an_organisations_own_administrator_is_not_asked_again(
    role_client: Any, funder_org: Organisation, funder_admin: Any, funder_member: Any
) -> None:
    client = role_client("funder_admin")
    _password_typed_long_ago(client)
    assert client.get(reverse("organisations:invite", args=[funder_org.slug])).status_code == 200
    member = Membership.objects.get(user=funder_member)
    assert client.get(reverse("organisations:membership-edit", args=[funder_org.slug, member.pk])).status_code == 200


def test_removing_as_a_site_administrator_after_confirming_keeps_the_reason(
    role_client: Any, funder_org: Organisation, funder_admin: Any, funder_member: Any
) -> None:
    client = role_client("site_admin")
    _password_typed_long_ago(client)
    member = Membership.objects.get(user=funder_member)
    edit = reverse("organisations:membership-edit", args=[funder_org.slug, member.pk])
    posted = client.post(edit, {"action": "remove", "remove-reason": "They have left the council"})
    assert posted["Location"].startswith(reverse("accounts:confirm-password"))
    assert Membership.objects.filter(pk=member.pk).exists()
    client.post(posted["Location"], {"password": "correct horse battery staple"})
    page = client.get(edit).content.decode()
    assert "They have left the council" in page


# ----------------------------------------------------------------------------------------------
# Issue 10: what other members see of each person, and sending an invitation again


def squash(page: str) -> str:
    return " ".join(page.split())


def test_members_see_a_colleagues_email_only_when_they_chose_to_show_it(
    role_client: Any, funder_org: Organisation, funder_admin: Any, funder_member: Any
) -> None:
    page = role_client("funder_member").get(members_url(funder_org)).content.decode()
    assert "Ada Admin" in page
    assert funder_admin.email not in page
    assert "Not shared" in page
    assert funder_member.email in page  # their own
    assert reverse("organisations:member-contact", args=[funder_org.slug]) in page

    Membership.objects.filter(user=funder_admin).update(shares_email=True)
    assert funder_admin.email in role_client("funder_member").get(members_url(funder_org)).content.decode()


def test_administrators_and_site_administrators_see_every_email(
    role_client: Any, funder_org: Organisation, funder_member: Any
) -> None:
    for role in ("funder_admin", "site_admin"):
        assert funder_member.email in role_client(role).get(members_url(funder_org)).content.decode()


def test_choosing_what_other_members_see(role_client: Any, funder_org: Organisation, funder_member: Any) -> None:
    client = role_client("funder_member")
    url = reverse("organisations:member-contact", args=[funder_org.slug])
    page = squash(client.get(url).content.decode())
    assert "What other members of Anyborough Borough Council see about you" in page
    assert "Can other members of Anyborough Borough Council see your email address?" in page
    assert "The administrators of Anyborough Borough Council still see it" in page
    assert 'value="no" checked' in page

    response = client.post(url, {})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Choose whether other members of Anyborough Borough Council can see your email address" in body
    assert body.count("Choose whether other members of Anyborough Borough Council can see your email address") == 2

    response = client.post(url, {"shares_email": "yes"})
    assert response.status_code == 302
    assert response["Location"] == members_url(funder_org)
    assert Membership.objects.get(user=funder_member).shares_email is True
    entry = AuditEntry.objects.get(action="organisations.membership.contact_changed")
    assert entry.after == {"shares_email": True}
    assert "can now see your email address" in client.get(response["Location"]).content.decode()


def test_expired_invitations_are_listed_to_send_again(
    role_client: Any, funder_org: Organisation, funder_admin: Any
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    invitation, _ = invitation_create(actor=funder_admin, organisation=funder_org, email="w@example.org", role="member")
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(days=2))
    page = role_client("funder_admin").get(members_url(funder_org)).content.decode()
    assert reverse("organisations:invitation-resend", args=[funder_org.slug, invitation.pk]) in page
    assert reverse("organisations:invitation-revoke", args=[funder_org.slug, invitation.pk]) not in page
    assert "Ran out on" in page


def test_an_administrator_sends_an_invitation_again(
    role_client: Any, funder_org: Organisation, funder_admin: Any, django_capture_on_commit_callbacks: Any
) -> None:
    invitation, _ = invitation_create(actor=funder_admin, organisation=funder_org, email="w@example.org", role="member")
    client = role_client("funder_admin")
    url = reverse("organisations:invitation-resend", args=[funder_org.slug, invitation.pk])
    page = squash(client.get(url).content.decode())
    assert "Send the invitation for w@example.org again" in page
    assert "It stops working when we send the new one" in page
    assert "Why are you making this change?" not in page
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {})
    assert response.status_code == 302
    assert response["Location"] == members_url(funder_org)
    assert [m.to for m in mail.outbox] == [["w@example.org"]]
    assert "We have sent the invitation for w@example.org again" in client.get(members_url(funder_org)).content.decode()
    assert AuditEntry.objects.get(action="organisations.invitation.resent").after["status"] == "pending"


def test_a_site_administrator_sending_again_gives_a_reason_and_the_administrators_are_told(
    role_client: Any, funder_org: Organisation, funder_admin: Any
) -> None:
    from tandem.notifications.models import Notification

    invitation, _ = invitation_create(actor=funder_admin, organisation=funder_org, email="w@example.org", role="member")
    client = role_client("site_admin")
    url = reverse("organisations:invitation-resend", args=[funder_org.slug, invitation.pk])
    page = client.get(url).content.decode()
    assert "Why are you making this change?" in page
    assert "administrators straight away, with the reason you give" in page
    refused = client.post(url, {"reason": " "})
    assert refused.status_code == 200
    assert "Say why you are making this change" in refused.content.decode()
    assert not AuditEntry.objects.filter(action="organisations.invitation.resent").exists()
    assert client.post(url, {"reason": "They lost the first email"}).status_code == 302
    entry = AuditEntry.objects.get(action="organisations.invitation.resent")
    assert entry.after["as_site_admin"] is True and entry.after["reason"] == "They lost the first email"
    told = Notification.objects.get(recipient=funder_admin, kind="organisations.site_admin_change")
    assert "They lost the first email" in told.body


def test_sending_again_to_someone_who_has_joined_meanwhile_is_explained(
    role_client: Any, funder_org: Organisation, funder_admin: Any, provider_member: Any
) -> None:
    invitation, _ = invitation_create(
        actor=funder_admin, organisation=funder_org, email=provider_member.email, role="member"
    )
    Membership.objects.create(user=provider_member, organisation=funder_org, role=MembershipRole.MEMBER)
    client = role_client("funder_admin")
    assert reverse("organisations:invitation-resend", args=[funder_org.slug, invitation.pk]) not in (
        client.get(members_url(funder_org)).content.decode()
    )
    response = client.post(reverse("organisations:invitation-resend", args=[funder_org.slug, invitation.pk]), {})
    assert response.status_code == 200
    assert "is already a member of Anyborough Borough Council, so there is no need to send it again" in (
        response.content.decode()
    )
