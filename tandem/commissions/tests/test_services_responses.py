"""Responses, comments and stage status: revisions kept, rules kept, people told, all audited."""

from __future__ import annotations

from typing import Any

import pytest

from tandem.accounts.models import User
from tandem.audit.models import AuditEntry
from tandem.commissions.models import Comment, Commission, Response, StageProgress, StageStatus
from tandem.commissions.services.responses import (
    EMPTY_ANSWER,
    NO_REASON,
    comment_add,
    response_save,
    stage_status_change,
)
from tandem.commissions.tests.builders import journey_build
from tandem.commissions.tests.journey_builders import prompt_of
from tandem.core.concurrency import EditConflict
from tandem.core.exceptions import ApplicationError, PermissionDenied
from tandem.frameworks.models import Prompt, Stage
from tandem.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def priya(rich_commission: Commission) -> User:
    return User.objects.get(email="priya.shah@example.org")


@pytest.fixture
def olive(rich_commission: Commission) -> User:
    return User.objects.get(email="olive.observer@example.org")


@pytest.fixture
def prompt(rich_commission: Commission) -> Prompt:
    return prompt_of(rich_commission)


def progress(commission: Commission, prompt: Prompt) -> StageProgress:
    return StageProgress.objects.get(commission=commission, stage=prompt.stage)


def test_each_save_adds_a_revision_and_keeps_the_earlier_ones(rich_commission, prompt, funder_member, priya):
    first = response_save(
        actor=funder_member,
        commission=rich_commission,
        prompt=prompt,
        kind="answer",
        text="We think so.",
        expected_version=0,
    )
    second = response_save(
        actor=priya,
        commission=rich_commission,
        prompt=prompt,
        kind="decision",
        text="We agreed.",
        evidence_links=[{"title": "Minutes", "url": "https://example.org/minutes"}],
        expected_version=1,
    )
    first.refresh_from_db()
    assert (first.revision, first.is_current, first.author) == (1, False, funder_member)
    assert (second.revision, second.is_current, second.author) == (2, True, priya)
    assert second.evidence_links == [{"title": "Minutes", "url": "https://example.org/minutes"}]
    history = list(Response.objects.filter(commission=rich_commission, prompt=prompt).order_by("-revision"))
    assert [r.text for r in history] == ["We agreed.", "We think so."]
    assert Response.objects.filter(commission=rich_commission, prompt=prompt, is_current=True).count() == 1


def test_saving_is_audited_with_before_and_after(rich_commission, prompt, funder_member):
    response_save(actor=funder_member, commission=rich_commission, prompt=prompt, kind="answer", text="First thoughts.")
    response_save(
        actor=funder_member, commission=rich_commission, prompt=prompt, kind="decision", text="Decided " + "x" * 400
    )
    entries = list(AuditEntry.objects.filter(action="commissions.response.saved").order_by("sequence"))
    assert len(entries) == 2
    assert entries[0].before == {}
    assert entries[0].after == {"kind": "answer", "text": "First thoughts.", "revision": 1}
    assert entries[1].before == {"kind": "answer", "text": "First thoughts.", "revision": 1}
    assert entries[1].after["kind"] == "decision"
    assert len(entries[1].after["text"]) == 200  # a summary, not the whole text
    assert entries[1].organisation == rich_commission.lead_funder
    assert entries[1].actor == funder_member


def test_saving_the_same_response_again_adds_nothing(rich_commission, prompt, funder_member):
    first = response_save(actor=funder_member, commission=rich_commission, prompt=prompt, kind="answer", text="Same.")
    again = response_save(actor=funder_member, commission=rich_commission, prompt=prompt, kind="answer", text=" Same. ")
    assert again.pk == first.pk
    assert Response.objects.filter(prompt=prompt).count() == 1
    assert AuditEntry.objects.filter(action="commissions.response.saved").count() == 1


def test_not_relevant_needs_a_reason(rich_commission, prompt, funder_member):
    with pytest.raises(ApplicationError) as error:
        response_save(actor=funder_member, commission=rich_commission, prompt=prompt, kind="not_relevant", reason="  ")
    assert (error.value.message, error.value.field) == (NO_REASON, "reason")
    saved = response_save(
        actor=funder_member,
        commission=rich_commission,
        prompt=prompt,
        kind="not_relevant",
        text="",
        reason="We do not run a tender here.",
    )
    assert saved.reason == "We do not run a tender here."


def test_an_empty_answer_is_refused(rich_commission, prompt, funder_member):
    with pytest.raises(ApplicationError) as error:
        response_save(actor=funder_member, commission=rich_commission, prompt=prompt, kind="answer", text="\n  ")
    assert (error.value.message, error.value.field) == (EMPTY_ANSWER, "text")


def test_a_reason_is_only_kept_for_not_relevant(rich_commission, prompt, funder_member):
    saved = response_save(
        actor=funder_member, commission=rich_commission, prompt=prompt, kind="answer", text="Yes.", reason="Stray"
    )
    assert saved.reason == ""


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "shrug"}, "kind"),
        ({"text": "x" * 5001}, "text"),
        ({"kind": "not_relevant", "reason": "y" * 2001}, "reason"),
        ({"evidence_links": [{"url": "javascript:alert(1)"}]}, "evidence"),
        ({"evidence_links": [{"url": "ftp://example.org/a"}]}, "evidence"),
        ({"evidence_links": [{"url": f"https://example.org/{n}"} for n in range(6)]}, "evidence"),
        ({"evidence_links": [{"url": "https://example.org", "title": "t" * 201}]}, "evidence"),
    ],
)
def test_bad_responses_are_refused_with_a_field(rich_commission, prompt, funder_member, changes, field):
    values: dict[str, Any] = {"kind": "answer", "text": "Fine.", **changes}
    with pytest.raises(ApplicationError) as error:
        response_save(actor=funder_member, commission=rich_commission, prompt=prompt, **values)
    assert error.value.field == field
    assert not Response.objects.exists()


def test_every_wrong_link_is_named_not_only_the_first(rich_commission, prompt, funder_member):
    links = [
        {"url": "ftp://example.org/a"},
        {"url": "https://example.org/fine", "title": "Fine"},
        {"url": ""},
        {"url": "https://example.org/b", "title": "t" * 201},
    ]
    with pytest.raises(ApplicationError) as error:
        response_save(
            actor=funder_member,
            commission=rich_commission,
            prompt=prompt,
            kind="answer",
            text="Yes.",
            evidence_links=links,
        )
    assert error.value.field == "evidence"
    assert error.value.messages == (
        "The link on line 1 must start with https:// or http://",
        "The link on line 3 is missing",
        "The name on line 4 must be 200 characters or fewer",
    )
    with pytest.raises(ApplicationError) as error:
        response_save(
            actor=funder_member,
            commission=rich_commission,
            prompt=prompt,
            kind="answer",
            text="Yes.",
            evidence_links=[{"url": f"https://example.org/{n}"} for n in range(5)] + [{"url": "javascript:x"}],
        )
    assert error.value.messages == (
        "You can add up to 5 links",
        "The link on line 6 must start with https:// or http://",
    )
    assert not Response.objects.exists()


def test_a_newer_save_is_never_overwritten_unseen(rich_commission, prompt, funder_member, priya):
    response_save(
        actor=funder_member, commission=rich_commission, prompt=prompt, kind="answer", text="Mine.", expected_version=0
    )
    # Priya opened the page before that save: she saw no response.
    with pytest.raises(EditConflict):
        response_save(
            actor=priya, commission=rich_commission, prompt=prompt, kind="answer", text="Hers.", expected_version=0
        )
    current = Response.objects.get(prompt=prompt, is_current=True)
    assert current.text == "Mine."
    # Having seen it, she can choose to save hers.
    response_save(
        actor=priya, commission=rich_commission, prompt=prompt, kind="answer", text="Hers.", expected_version=1
    )
    assert Response.objects.get(prompt=prompt, is_current=True).text == "Hers."


def test_observers_and_outsiders_cannot_respond(rich_commission, prompt, olive, provider_member, site_admin):
    for person in (olive, provider_member, site_admin):
        with pytest.raises(PermissionDenied):
            response_save(actor=person, commission=rich_commission, prompt=prompt, kind="answer", text="Hello")
    assert not Response.objects.exists()


def test_the_lead_funders_admin_can_respond(rich_commission, prompt, funder_admin):
    saved = response_save(actor=funder_admin, commission=rich_commission, prompt=prompt, kind="answer", text="Noted.")
    assert saved.author == funder_admin


def test_a_prompt_from_another_framework_is_refused(rich_commission, funder_member):
    other = Prompt.objects.filter(stage__version=journey_build())[0]
    with pytest.raises(ApplicationError):
        response_save(actor=funder_member, commission=rich_commission, prompt=other, kind="answer", text="Hello")


def test_first_response_moves_a_not_started_stage_to_in_progress(rich_commission, prompt, funder_member, priya, olive):
    assert progress(rich_commission, prompt).status == StageStatus.NOT_STARTED
    response_save(actor=funder_member, commission=rich_commission, prompt=prompt, kind="answer", text="Begun.")
    row = progress(rich_commission, prompt)
    assert (row.status, row.updated_by) == (StageStatus.IN_PROGRESS, funder_member)
    entry = AuditEntry.objects.get(action="commissions.stage.status_changed")
    assert entry.before == {"stage": "reflect", "status": "not_started"}
    assert entry.after == {"stage": "reflect", "status": "in_progress"}
    told = set(Notification.objects.filter(kind="commissions.stage").values_list("recipient__email", flat=True))
    assert told == {priya.email, olive.email}


def test_a_later_response_leaves_the_status_alone(rich_commission, prompt, funder_member):
    stage_status_change(actor=funder_member, commission=rich_commission, stage=prompt.stage, status="considered")
    response_save(actor=funder_member, commission=rich_commission, prompt=prompt, kind="answer", text="More.")
    assert progress(rich_commission, prompt).status == StageStatus.CONSIDERED


def test_stage_status_changes_tell_the_rest_of_the_team(rich_commission, funder_member, funder_admin, priya, olive):
    stage = Stage.objects.get(version=rich_commission.framework_version, slug="assess")
    stage_status_change(actor=priya, commission=rich_commission, stage=stage, status="considered")
    notes = list(Notification.objects.filter(kind="commissions.stage"))
    assert {n.recipient for n in notes} == {funder_member, olive}
    assert all(n.title == "Priya Shah marked Assess as considered" for n in notes)
    assert all(n.url == f"/commissions/{rich_commission.pk}/stages/assess/" for n in notes)
    entry = AuditEntry.objects.get(action="commissions.stage.status_changed")
    assert (entry.actor, entry.after) == (priya, {"stage": "assess", "status": "considered"})
    # Moving on never locks: any status can follow any other, and back again.
    for status in ("revisit", "not_started", "in_progress", "considered"):
        stage_status_change(actor=funder_admin, commission=rich_commission, stage=stage, status=status)
    assert StageProgress.objects.get(commission=rich_commission, stage=stage).status == "considered"
    assert AuditEntry.objects.filter(action="commissions.stage.status_changed").count() == 5


def test_an_unchanged_status_tells_no_one(rich_commission, funder_member):
    stage = Stage.objects.get(version=rich_commission.framework_version, slug="assess")
    stage_status_change(actor=funder_member, commission=rich_commission, stage=stage, status="not_started")
    assert not Notification.objects.exists()
    assert not AuditEntry.objects.filter(action="commissions.stage.status_changed").exists()


def test_status_rules(rich_commission, funder_member, olive, provider_member):
    stage = Stage.objects.get(version=rich_commission.framework_version, slug="assess")
    with pytest.raises(ApplicationError) as error:
        stage_status_change(actor=funder_member, commission=rich_commission, stage=stage, status="finished")
    assert error.value.field == "status"
    for person in (olive, provider_member):
        with pytest.raises(PermissionDenied):
            stage_status_change(actor=person, commission=rich_commission, stage=stage, status="considered")
    foreign = Stage.objects.filter(version=journey_build())[0]
    with pytest.raises(ApplicationError):
        stage_status_change(actor=funder_member, commission=rich_commission, stage=foreign, status="considered")


def test_mentions_are_stored_and_told(rich_commission, prompt, funder_member, priya, olive):
    comment = comment_add(
        actor=funder_member,
        commission=rich_commission,
        prompt=prompt,
        text="@Priya Shah what do you think? Also @olive.observer@example.org.",
    )
    assert set(comment.mentions.all()) == {priya, olive}
    notes = Notification.objects.filter(kind="commissions.mention")
    assert {n.recipient for n in notes} == {priya, olive}
    assert all(n.url.endswith(f"#comment-{comment.pk}") for n in notes)
    assert all(n.title == "Fran Funder mentioned you in a comment" for n in notes)
    entry = AuditEntry.objects.get(action="commissions.comment.added")
    assert entry.after["mentions"] == ["priya.shah@example.org", "olive.observer@example.org"]


def test_mentioning_someone_off_the_team_or_yourself_tells_no_one(
    rich_commission, prompt, funder_member, provider_member
):
    comment = comment_add(
        actor=funder_member,
        commission=rich_commission,
        prompt=prompt,
        text="Ask @Pat Provider, and note to @Fran Funder: me@example.org is not a mention.",
    )
    assert list(comment.mentions.all()) == [funder_member]
    assert not Notification.objects.filter(kind="commissions.mention").exists()


def test_observers_can_comment_outsiders_cannot(rich_commission, prompt, olive, provider_member, site_admin):
    comment_add(actor=olive, commission=rich_commission, prompt=prompt, text="A question from the side.")
    for person in (provider_member, site_admin):
        with pytest.raises(PermissionDenied):
            comment_add(actor=person, commission=rich_commission, prompt=prompt, text="Hello")
    assert Comment.objects.count() == 1


def test_comment_rules(rich_commission, prompt, funder_member):
    for text, message in (
        ("   ", "Write your comment"),
        ("x" * 2001, "Your comment must be 2,000 characters or fewer"),
    ):
        with pytest.raises(ApplicationError) as error:
            comment_add(actor=funder_member, commission=rich_commission, prompt=prompt, text=text)
        assert error.value.message.startswith(message)
        assert error.value.field == "text"
    assert not Comment.objects.exists()
