"""The authorisation matrix's other half: nobody can raise their own access by any sequence of the
actions the site offers them (issue 8; decisions 0004 and 0009).

Each person tries, through the pages as anyone would, every way to give themselves more: invite
their own address to every organisation as an administrator, make their own membership an
administrator, add themselves to a commission's team as its lead, make their own place on the team
the lead, and accept every invitation that reaches them (by email or in Tandem). They go round
twice, so a step that only works after another (invite, then accept, then promote) is tried too.
Afterwards their access to every organisation and commission must be no greater than before.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from conftest import make_user, sign_in
from tandem.commissions.models import Commission, TeamMember, TeamRole
from tandem.commissions.permissions import can_contribute, can_manage_commission, can_view_commission
from tandem.commissions.tests.builders import commission_build, journey_build
from tandem.notifications.models import Notification
from tandem.organisations.models import Membership, MembershipRole, Organisation

pytestmark = pytest.mark.django_db

ORGANISATION_RANK = {MembershipRole.MEMBER.value: 1, MembershipRole.ADMIN.value: 2}
ACCEPT_LINK = re.compile(r"/(?:commissions/)?invitations/[A-Za-z0-9_\-]+/")


def _access(user: Any) -> dict[str, int]:
    """What the person can do, as numbers that only go up with more access: their rank in every
    organisation, and for every commission 0 (cannot see it), 1 (read), 2 (contribute), 3 (manage)."""
    user.refresh_from_db()
    for attribute in ("_tandem_organisation_roles",):
        if hasattr(user, attribute):
            delattr(user, attribute)
    access: dict[str, int] = {"site_admin": int(user.is_superuser)}
    for organisation in Organisation.objects.all():
        role = Membership.objects.filter(user=user, organisation=organisation).values_list("role", flat=True).first()
        access[f"organisation:{organisation.slug}"] = ORGANISATION_RANK.get(str(role), 0)
    for commission in Commission.objects.all():
        level = 0
        if can_view_commission(user, commission).allowed:
            level = 1
            if can_contribute(user, commission).allowed:
                level = 2
            if can_manage_commission(user, commission).allowed:
                level = 3
        access[f"commission:{commission.pk}"] = level
    return access


def _accept_links(user: Any) -> set[str]:
    """Every invitation link that has reached the person: emails to their address and links in their
    notifications."""
    texts = [str(message.body) for message in mail.outbox if user.email in message.to]
    texts += [n.url for n in Notification.objects.filter(recipient=user)]
    return {match.group(0) for text in texts for match in ACCEPT_LINK.finditer(text)}


def _try_everything(client: Client, user: Any, commission: Commission) -> None:
    reason = {"reason": "Testing whether I can let myself in", "remove-reason": "Testing"}
    for organisation in Organisation.objects.all():
        client.post(
            reverse("organisations:invite", args=[organisation.slug]),
            {"email": user.email, "role": MembershipRole.ADMIN, **reason},
        )
        own = Membership.objects.filter(user=user, organisation=organisation).first()
        if own is not None:
            client.post(
                reverse("organisations:membership-edit", args=[organisation.slug, own.pk]),
                {"action": "role", "role": MembershipRole.ADMIN, **reason},
            )
    client.post(reverse("commissions:team-add", args=[commission.pk]), {"email": user.email, "role": TeamRole.LEAD})
    place = TeamMember.objects.filter(commission=commission, user=user).first()
    if place is not None:
        client.post(
            reverse("commissions:team-member", args=[commission.pk, place.pk]),
            {"action": "role", "role": TeamRole.LEAD},
        )
    for link in _accept_links(user):
        client.get(link)
        client.post(link, {})


@pytest.fixture
def funder_commission(funder_org: Organisation) -> Commission:
    """A commission of the funder's, led by someone who is none of the people being tested."""
    lead = make_user("lena.lead@example.org", "Lena Lead")
    Membership.objects.create(user=lead, organisation=funder_org, role=MembershipRole.MEMBER)
    return commission_build(lead=lead, lead_funder=funder_org, version=journey_build())


def _person(kind: str, request: pytest.FixtureRequest, commission: Commission, funder_org: Organisation) -> Any:
    """The people who try: the matrix's roles, and the in-between places where a little access could
    look like a step to more (a site administrator who is also a plain member of the funder, an
    observer and a lived-experience member on the team)."""
    if kind in ("provider_member", "funder_member", "funder_admin", "site_admin"):
        return request.getfixturevalue(kind)
    if kind == "site_admin_and_funder_member":
        user = request.getfixturevalue("site_admin")
        Membership.objects.create(user=user, organisation=funder_org, role=MembershipRole.MEMBER)
        return user
    user = make_user(f"{kind}@example.org", kind.replace("_", " ").title())
    TeamMember.objects.create(commission=commission, user=user, role=kind.removeprefix("team_"))
    return user


@pytest.mark.parametrize(
    "kind",
    [
        "provider_member",
        "funder_member",
        "funder_admin",
        "site_admin",
        "site_admin_and_funder_member",
        "team_observer",
        "team_lived_experience",
    ],
)
def test_no_sequence_of_actions_raises_a_persons_own_access(
    kind: str,
    request: pytest.FixtureRequest,
    funder_commission: Commission,
    funder_org: Organisation,
    provider_org: Organisation,
    funder_admin: Any,
) -> None:
    user = _person(kind, request, funder_commission, funder_org)
    client = sign_in(Client(), user, funder_org if Membership.objects.filter(user=user).exists() else None)
    before = _access(user)
    commission_page_before = client.get(reverse("commissions:detail", args=[funder_commission.pk])).status_code
    for _round in range(2):
        _try_everything(client, user, funder_commission)
    after = _access(user)
    raised = {key: (before.get(key, 0), level) for key, level in after.items() if level > before.get(key, 0)}
    assert not raised, f"{kind} raised their own access: {raised}"
    commission_page_after = client.get(reverse("commissions:detail", args=[funder_commission.pk])).status_code
    assert commission_page_after == commission_page_before


def test_the_site_administrator_route_in_the_issue_is_closed(
    site_admin: Any, funder_admin: Any, funder_org: Organisation, funder_commission: Commission
) -> None:
    """The report: a site administrator invited their own address to the council as an administrator,
    accepted, and opened the council's commission. Now the invitation is refused beside the email
    field, nothing is sent, and the commission stays closed to them."""
    client = sign_in(Client(), site_admin)
    response = client.post(
        reverse("organisations:invite", args=[funder_org.slug]),
        {"email": site_admin.email, "role": MembershipRole.ADMIN, "reason": "Support"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "You cannot invite yourself to Anyborough Borough Council" in page
    assert f'value="{site_admin.email}"' in page
    assert not mail.outbox
    assert not Membership.objects.filter(user=site_admin).exists()
    assert client.get(reverse("commissions:detail", args=[funder_commission.pk])).status_code == 403
