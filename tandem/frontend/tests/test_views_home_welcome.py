"""The home page for someone on a commission's team who is in no organisation (issue 10, item 7):
a welcome, their role in plain words, what they can do, who to ask, how they are paid and how to
step back, with no grey two-factor tag first and no "You are not part of an organisation yet"."""

from __future__ import annotations

import re
from typing import Any

import pytest
import textstat
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import make_user, sign_in
from tandem.commissions.models import Commission, TeamMember, TeamRole
from tandem.commissions.tests.builders import commission_build, journey_build

pytestmark = pytest.mark.django_db


def text(response: Any) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def commission(funder_member: Any, funder_org: Any) -> Commission:
    return commission_build(lead=funder_member, lead_funder=funder_org, version=journey_build())


@pytest.fixture
def newcomer(commission: Commission) -> Any:
    person = make_user("kit.newcomer@example.org", "Kit Newcomer")
    TeamMember.objects.create(commission=commission, user=person, role=TeamRole.LIVED_EXPERIENCE)
    return person


def test_a_lived_experience_member_without_an_organisation_is_welcomed(commission: Commission, newcomer: Any) -> None:
    body = text(sign_in(Client(), newcomer).get(reverse("frontend:home")))
    assert "Welcome to Tandem" in body
    assert (
        "You are a lived-experience member on the team planning Domestic abuse support, "
        "led by Anyborough Borough Council." in body
    )
    assert "Brings what it is like to use services like this" in body
    assert "Choose which questions you answer: you do not have to answer all of them" in body
    assert "Your contact is Fran Funder, the commission's lead." in body
    assert "@Fran Funder" in body
    assert "Your name and your role. Your email address is not shown to them." in body
    assert "Tandem does not pay anyone yet. Fran Funder agrees with you how you will be paid for your time." in body
    assert "If you get benefits, ask about this early." in body
    assert "You can leave the team at any time, and you do not have to say why." in body
    for name in ("commissions:detail", "commissions:team-contact", "commissions:team-leave"):
        assert f'href="{reverse(name, args=[commission.pk])}"' in body
    # What it used to open with is gone.
    assert "You are not part of an organisation yet" not in body
    assert "govuk-tag--grey" not in body
    assert "Two-factor authentication: Off" not in body
    assert "Set up two-factor authentication" in body  # offered gently, further down


def test_the_welcome_says_so_when_the_email_is_shared(commission: Commission, newcomer: Any) -> None:
    TeamMember.objects.filter(user=newcomer).update(shares_email=True)
    body = text(sign_in(Client(), newcomer).get(reverse("frontend:home")))
    assert "Your name, your role and your email address." in body


def test_people_in_an_organisation_keep_their_dashboard(role_client: Any, commission: Commission) -> None:
    body = text(role_client("funder_member").get(reverse("frontend:home")))
    assert "Welcome to Tandem" not in body
    assert "Acting for" in body and "Two-factor authentication" in body


def test_someone_with_no_team_and_no_organisation_is_not_welcomed_to_a_team(client: Client) -> None:
    sign_in(client, make_user("new.person@example.org", "New Person"))
    body = text(client.get(reverse("frontend:home")))
    assert "Welcome to Tandem" not in body


def _home_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("frontend:home")).status_code == 200
    return len(queries)


def test_the_welcome_makes_the_same_number_of_queries_for_one_team_or_several(
    commission: Commission, newcomer: Any, funder_member: Any, funder_org: Any
) -> None:
    client = sign_in(Client(), newcomer)
    one = _home_queries(client)
    for number in range(3):
        other = commission_build(
            lead=funder_member, lead_funder=funder_org, version=commission.framework_version, title=f"Team {number}"
        )
        TeamMember.objects.create(commission=other, user=newcomer, role=TeamRole.OBSERVER)
    assert _home_queries(client) == one
    assert "Team 2" in text(client.get(reverse("frontend:home")))


def test_the_welcome_reads_at_grade_9_or_below(newcomer: Any) -> None:
    """Plain English for someone new to all of this: the words of the page's main part."""
    html = sign_in(Client(), newcomer).get(reverse("frontend:home")).content.decode()
    main = re.search(r"<main.*?</main>", html, re.S)
    assert main is not None
    words = " ".join(re.sub(r"<[^>]+>", " ", main.group(0)).split())
    assert textstat.flesch_kincaid_grade(words) <= 9.0, words
