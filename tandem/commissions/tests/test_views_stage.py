"""The stage page and changing a stage's status."""

from __future__ import annotations

from html import unescape
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import sign_in
from tandem.accounts.models import User
from tandem.audit.models import AuditEntry
from tandem.commissions.models import Comment, Commission, StageProgress
from tandem.commissions.services.responses import comment_add, response_save
from tandem.commissions.tests.journey_builders import prompt_of
from tandem.frameworks.models import Voice
from tandem.notifications.models import Notification
from tandem.organisations.models import Membership, MembershipRole

pytestmark = pytest.mark.django_db


def stage_url(commission: Commission, slug: str = "reflect") -> str:
    return reverse("commissions:stage", kwargs={"pk": commission.pk, "stage": slug})


def status_url(commission: Commission, slug: str = "reflect") -> str:
    return reverse("commissions:stage-status", kwargs={"pk": commission.pk, "stage": slug})


def client_for(user: User, organisation: Any = None) -> Client:
    return sign_in(Client(), user, organisation)


def flat(response: Any) -> str:
    """The page with runs of white space made single spaces, as a browser shows it."""
    return " ".join(unescape(response.content.decode()).split())


def test_the_stage_page_shows_purpose_guidance_and_prompts(rich_commission, funder_member, funder_org):
    prompt = prompt_of(rich_commission)
    response_save(
        actor=funder_member,
        commission=rich_commission,
        prompt=prompt,
        kind="not_relevant",
        reason="There is no tender in this one.",
        evidence_links=[{"title": "Board minutes", "url": "https://example.org/minutes"}],
    )
    comment_add(actor=funder_member, commission=rich_commission, prompt=prompt, text="Worth a second look.")
    page = client_for(funder_member, funder_org).get(stage_url(rich_commission))
    assert page.status_code == 200
    html = flat(page)
    assert "<h1" in html and "Reflect" in html and "Readiness and reflection" in html
    assert "Why Reflect matters." in html
    assert "You are here" in html  # the first stage is current when a commission starts
    # Guidance as details reveals that work without JavaScript.
    assert html.count('<details class="govuk-details" id="guidance-') == 2
    assert "Reflect guidance 1" in html and "Advice number 1 for Reflect." in html
    # Prompts grouped by voice, the funder's first for someone acting for a funder.
    funders = html.index("Questions for funders</h3>")
    everyone = html.index("Questions for funders and providers</h3>")
    providers = html.index("Questions for providers</h3>")
    assert funders < everyone < providers
    # The response, with who and when, a link to the prompt page and why it matters.
    assert "Not relevant here" in html and "There is no tender in this one." in html
    assert 'href="https://example.org/minutes"' in html and "Board minutes" in html
    assert "Saved by Fran Funder" in html
    assert "1 comment" in html
    assert reverse("commissions:prompt", kwargs={"pk": rich_commission.pk, "prompt_pk": prompt.pk}) in html
    assert "Why this matters" in html
    assert "People feel safe in body and mind." in html
    assert "Rests on: West Midlands Trauma Informed Commissioning Guidance (2024), Reflect: reflect and respond" in html
    assert "The team has answered 1 of 5 questions in this stage." in html
    # The status form, and the lens.
    assert 'name="status"' in html and 'value="in_progress"' in html
    assert "Analyse, plan, do, review" in html


def test_someone_acting_for_a_provider_sees_provider_questions_first(rich_commission, provider_member, provider_org):
    from tandem.commissions.models import TeamMember, TeamRole

    TeamMember.objects.create(commission=rich_commission, user=provider_member, role=TeamRole.LIVED_EXPERIENCE)
    html = client_for(provider_member, provider_org).get(stage_url(rich_commission)).content.decode()
    assert html.index("Questions for providers</h3>") < html.index("Questions for funders</h3>")


def test_observers_read_but_have_no_status_form(rich_commission):
    olive = User.objects.get(email="olive.observer@example.org")
    html = flat(client_for(olive).get(stage_url(rich_commission)))
    assert 'name="status"' not in html
    assert "Observers can read the commission but not change it." in html
    assert 'Open<span class="govuk-visually-hidden"> the question:' in html
    assert "Respond<span" not in html


def test_an_unknown_stage_is_not_found(rich_commission, funder_member):
    assert client_for(funder_member).get(stage_url(rich_commission, "nowhere")).status_code == 404
    assert (
        client_for(funder_member).post(status_url(rich_commission, "nowhere"), {"status": "considered"}).status_code
        == 404
    )
    missing = reverse("commissions:stage", kwargs={"pk": 999999, "stage": "reflect"})
    assert client_for(funder_member).get(missing).status_code == 404


def test_changing_the_status_tells_the_team_and_comes_back(rich_commission, funder_member, funder_org):
    response = client_for(funder_member, funder_org).post(
        status_url(rich_commission, "assess"), {"status": "revisit"}, follow=True
    )
    assert response.redirect_chain[-1][0] == stage_url(rich_commission, "assess")
    html = flat(response)
    assert "Assess is marked as revisit. We have told the rest of the team." in html
    assert "Changed by Fran Funder" in html
    progress = StageProgress.objects.get(commission=rich_commission, stage__slug="assess")
    assert progress.status == "revisit"
    assert Notification.objects.filter(kind="commissions.stage").count() == 2
    assert AuditEntry.objects.filter(action="commissions.stage.status_changed").count() == 1


def test_a_bad_status_keeps_the_page_and_says_what_to_do(rich_commission, funder_member):
    for data in ({}, {"status": "finished"}):
        response = client_for(funder_member).post(status_url(rich_commission), data)
        assert response.status_code == 200
        html = response.content.decode()
        assert "There is a problem" in html
        assert "Choose where the team is with this stage" in html
    assert not AuditEntry.objects.filter(action="commissions.stage.status_changed").exists()


def test_observers_cannot_change_the_status(rich_commission):
    olive = User.objects.get(email="olive.observer@example.org")
    response = client_for(olive).post(status_url(rich_commission), {"status": "considered"})
    assert response.status_code == 403
    assert "Observers can read the commission but not change it." in response.content.decode()


def test_status_page_only_answers_post(rich_commission, funder_member):
    assert client_for(funder_member).get(status_url(rich_commission)).status_code == 405


def test_a_member_of_the_lead_funder_who_is_not_on_the_team_is_refused(rich_commission, funder_org):
    from conftest import make_user

    outsider = make_user("otto@example.org", "Otto Outside")
    Membership.objects.create(user=outsider, organisation=funder_org, role=MembershipRole.MEMBER)
    response = client_for(outsider, funder_org).get(stage_url(rich_commission))
    assert response.status_code == 403
    assert "Only the commission's team" in flat(response)


def _fill(commission: Commission, count: int, author: User) -> None:
    """``count`` responses (as revisions spread over every prompt of the stage) and ``count``
    comments."""
    from tandem.commissions.models import Response
    from tandem.frameworks.models import Prompt

    prompts = list(Prompt.objects.filter(stage__version=commission.framework_version, stage__slug="reflect"))
    rows = []
    for index, prompt in enumerate(prompts):
        share = count // len(prompts) + (1 if index < count % len(prompts) else 0)
        rows += [
            Response(
                commission=commission,
                prompt=prompt,
                kind="answer",
                text=f"Revision {n}",
                author=author,
                revision=n,
                is_current=n == share,
                evidence_links=[{"title": "", "url": "https://example.org"}],
            )
            for n in range(1, share + 1)
        ]
    Response.objects.bulk_create(rows)
    Comment.objects.bulk_create(
        [
            Comment(commission=commission, prompt=prompts[n % len(prompts)], author=author, text=f"c{n}")
            for n in range(count)
        ]
    )


@pytest.mark.parametrize("count", [5, 500])
def test_the_stage_page_runs_a_fixed_number_of_queries(
    rich_commission, funder_member, funder_org, django_assert_num_queries, count
):
    _fill(rich_commission, count, funder_member)
    client = client_for(funder_member, funder_org)
    client.get(stage_url(rich_commission))  # warm the session
    # Session, user, memberships (3); commission, team (2); current responses, progress, comment
    # counts (3); unread notifications (1); the session's activity time saved (3, with its
    # savepoint). The stage's framework content and lenses, and the block of questions as the team
    # left it, come from the cache the first request filled.
    with django_assert_num_queries(STAGE_PAGE_QUERIES):
        response = client.get(stage_url(rich_commission))
    assert response.status_code == 200
    assert f"Revision {count // 5}" in response.content.decode()


def test_the_stage_page_reads_responses_without_sorting_them(rich_commission, funder_member, funder_org):
    # Response's default order sorts through the commission, prompt, stage, version and framework:
    # five joins the page has no use for, since it looks each response up by its prompt.
    _fill(rich_commission, 5, funder_member)
    client = client_for(funder_member, funder_org)
    client.get(stage_url(rich_commission))  # warm the session and caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(stage_url(rich_commission)).status_code == 200
    reads = [q["sql"] for q in queries.captured_queries if q["sql"].startswith('SELECT "commissions_response"')]
    assert len(reads) == 1
    assert "ORDER BY" not in reads[0]
    assert "frameworks_" not in reads[0]


def test_the_stage_page_reads_the_commission_without_its_lead_funder_or_framework(
    rich_commission, funder_member, funder_org
):
    # Neither is shown on a journey page; each table joined costs more to build than to read.
    client = client_for(funder_member, funder_org)
    client.get(stage_url(rich_commission))  # warm the session and caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(stage_url(rich_commission)).status_code == 200
    reads = [q["sql"] for q in queries.captured_queries if q["sql"].startswith('SELECT "commissions_commission"')]
    assert len(reads) == 1
    assert "organisations_organisation" not in reads[0]
    assert '"frameworks_framework"' not in reads[0]


STAGE_PAGE_QUERIES = 12
# The first page after a framework version is published also reads the version's outline (4), the
# stage's guidance and prompts with their principles (5) and the journey's lenses (1), once.
STAGE_PAGE_QUERIES_FIRST = STAGE_PAGE_QUERIES + 10


@pytest.mark.parametrize("count", [5, 500])
def test_the_first_stage_page_also_runs_a_fixed_number_of_queries(
    rich_commission, funder_member, funder_org, django_assert_num_queries, count
):
    _fill(rich_commission, count, funder_member)
    client = client_for(funder_member, funder_org)
    client.get(reverse("frontend:bare"))  # warm the session, not the stage
    with django_assert_num_queries(STAGE_PAGE_QUERIES_FIRST):
        response = client.get(stage_url(rich_commission))
    assert f"Revision {count // 5}" in response.content.decode()


def test_voice_ordering_covers_every_voice():
    from tandem.commissions.selectors.journey import voice_order

    assert voice_order(Voice.PROVIDER) == [Voice.PROVIDER, Voice.BOTH, Voice.FUNDER]
    assert voice_order(Voice.FUNDER) == [Voice.FUNDER, Voice.BOTH, Voice.PROVIDER]
    assert voice_order("anything") == [Voice.FUNDER, Voice.BOTH, Voice.PROVIDER]


def test_another_stage_offers_to_become_the_current_one(rich_commission, funder_member):
    html = flat(client_for(funder_member).get(stage_url(rich_commission, "assess")))
    assert "You are here" not in html
    current_stage = reverse("commissions:current-stage", kwargs={"pk": rich_commission.pk})
    assert f'action="{current_stage}"' in html
    assert 'name="stage" value="assess"' in html
    assert "Respond<span" in html
    # Previous and next stages.
    assert "Previous stage" in html and "Next stage" in html


def test_the_questions_come_first_with_each_guidance_point_beside_its_question(rich_commission, funder_member):
    """Issue 10, item 19: no guidance before the first question; each point sits in the card of
    the question it informs, and a list after the questions links to every point."""
    html = client_for(funder_member).get(stage_url(rich_commission)).content.decode()
    first_question = html.index('class="govuk-summary-card"')
    assert html.index('id="guidance-') > first_question
    assert html.index("What this stage is for") < first_question  # the purpose is a reveal away
    assert "Why Reflect matters." in html
    # Both of Reflect's points inform its first question for funders most (they share its
    # principle and its words, and it comes first), so they sit in that question's card.
    prompt = prompt_of(rich_commission)
    card_start = html.index(f'id="prompt-{prompt.pk}"')
    card_end = html.index('class="govuk-summary-card"', card_start + 1)
    card = html[card_start:card_end]
    assert "Guidance for this question" in card
    for number in (1, 2):
        assert f'<details class="govuk-details" id="guidance-reflect-guidance-{number}">' in card
        assert html.count(f'id="guidance-reflect-guidance-{number}"') == 1
        assert f'href="#guidance-reflect-guidance-{number}"' in html[html.index('id="guidance"') :]
    assert "Why this matters" in card
