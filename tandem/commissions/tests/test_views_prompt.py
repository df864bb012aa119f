"""The prompt page: responding, earlier versions, drafts, someone else saving first, comments."""

from __future__ import annotations

from html import unescape
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from conftest import sign_in
from tandem.accounts.models import User
from tandem.audit.models import AuditEntry
from tandem.commissions.models import Comment, Commission, Response
from tandem.commissions.services.responses import comment_add, response_save
from tandem.commissions.tests.journey_builders import prompt_of
from tandem.core.drafts import draft_get, draft_save
from tandem.frameworks.models import Prompt, Voice
from tandem.notifications.models import Notification

pytestmark = pytest.mark.django_db


def prompt_url(commission: Commission, prompt: Prompt) -> str:
    return reverse("commissions:prompt", kwargs={"pk": commission.pk, "prompt_pk": prompt.pk})


def comment_url(commission: Commission, prompt: Prompt) -> str:
    return reverse("commissions:comment", kwargs={"pk": commission.pk, "prompt_pk": prompt.pk})


def client_for(user: User, organisation: Any = None) -> Client:
    return sign_in(Client(), user, organisation)


def flat(response: Any) -> str:
    return " ".join(unescape(response.content.decode()).split())


@pytest.fixture
def prompt(rich_commission: Commission) -> Prompt:
    return prompt_of(rich_commission)


@pytest.fixture
def priya(rich_commission: Commission) -> User:
    return User.objects.get(email="priya.shah@example.org")


@pytest.fixture
def olive(rich_commission: Commission) -> User:
    return User.objects.get(email="olive.observer@example.org")


def answer(**changes: Any) -> dict[str, str]:
    return {
        "kind": "answer",
        "text": "We will ask people first.",
        "reason": "",
        "evidence": "",
        "version": "0",
        **changes,
    }


def test_the_prompt_page_shows_the_question_why_and_an_empty_form(rich_commission, prompt, funder_member, funder_org):
    page = client_for(funder_member, funder_org).get(prompt_url(rich_commission, prompt))
    assert page.status_code == 200
    html = flat(page)
    assert f'<h1 class="govuk-heading-l">{prompt.text}</h1>' in html
    assert "Reflect: question 1 of 5 · Questions for funders" in html
    assert "Why this matters" in html and "Choice" in html and "People have a say in what happens." in html
    assert "Rests on: West Midlands Trauma Informed Commissioning Guidance (2024)" in html
    assert "No one has responded to this question yet." in html
    assert "data-autosave" in html
    for label in ("Our thinking", "A decision", "Not relevant here, because…"):
        assert label in html
    assert 'name="version" value="0"' in html
    assert "govuk-js-character-count" in html and 'data-maxlength="5000"' in html
    assert "No comments yet." in html
    assert "People on the team: Priya Shah, Olive Observer." in html


def test_saving_a_response_keeps_earlier_versions_with_who_and_when(rich_commission, prompt, funder_member, priya):
    client = client_for(funder_member)
    response = client.post(
        prompt_url(rich_commission, prompt),
        answer(evidence="Needs assessment https://example.org/needs\nhttps://example.org/two"),
    )
    assert response.status_code == 302
    assert response["Location"] == prompt_url(rich_commission, prompt)
    saved = Response.objects.get(prompt=prompt, is_current=True)
    assert saved.evidence_links == [
        {"title": "Needs assessment", "url": "https://example.org/needs"},
        {"title": "", "url": "https://example.org/two"},
    ]
    # Priya opens the page, sees version 1, and changes it.
    priya_client = client_for(priya)
    html = flat(priya_client.get(prompt_url(rich_commission, prompt)))
    assert 'name="version" value="1"' in html
    assert "We will ask people first." in html  # in the form, ready to edit
    assert "Needs assessment https://example.org/needs" in html
    priya_client.post(
        prompt_url(rich_commission, prompt),
        answer(kind="decision", text="Agreed: we ask first.", version="1"),
    )
    html = flat(client.get(prompt_url(rich_commission, prompt)))
    assert "Agreed: we ask first." in html
    assert "Saved by Priya Shah" in html
    assert "Earlier versions" in html
    assert "Version 1, by Fran Funder" in html
    assert html.index("Agreed: we ask first.") < html.index("Version 1, by Fran Funder")
    assert AuditEntry.objects.filter(action="commissions.response.saved").count() == 2


@pytest.mark.parametrize(
    ("data", "message", "kept"),
    [
        ({"text": ""}, "Write your thinking or decision, or choose “Not relevant here” and say why", ""),
        (
            {"kind": ""},
            "Choose whether this is your thinking, a decision, or not relevant here",
            "We will ask people first.",
        ),
        ({"kind": "not_relevant", "text": "Some notes"}, "Tell us why this is not relevant here", "Some notes"),
        ({"text": "é" * 5001}, "Your response must be 5,000 characters or fewer. It has 5,001", ""),
        ({"evidence": "see the shared drive"}, "Line 1 does not end with a web address", "see the shared drive"),
        (
            {"evidence": "Plan ftp://example.org/plan"},
            "The link on line 1 must start with https:// or http://",
            "Plan ftp://example.org/plan",
        ),
    ],
)
def test_bad_input_gets_a_specific_message_and_keeps_what_was_typed(
    rich_commission, prompt, funder_member, data, message, kept
):
    response = client_for(funder_member).post(prompt_url(rich_commission, prompt), answer(**data))
    assert response.status_code == 200
    html = flat(response)
    assert "There is a problem" in html
    assert message in html
    assert html.startswith("<!DOCTYPE html>") and "<title> Error:" in html
    if kept:
        assert kept in html
    assert not Response.objects.exists()


def test_every_wrong_line_of_links_has_its_own_error_linking_to_the_box(rich_commission, prompt, funder_member):
    typed = "Plan ftp://example.org/plan\nMinutes https://example.org/minutes\nsee the shared drive"
    response = client_for(funder_member).post(prompt_url(rich_commission, prompt), answer(evidence=typed))
    assert response.status_code == 200
    html = flat(response)
    first = "The link on line 1 must start with https:// or http://"
    third = "Line 3 does not end with a web address. Put the address last, starting with https://"
    # Each has its own line in the error summary, linking to the box, and is shown by the box.
    assert f'<a href="#id_evidence">{first}</a>' in html
    assert f'<a href="#id_evidence">{third}</a>' in html
    message = html[html.index('id="id_evidence-error"') :]
    message = message[: message.index("</p>")]
    assert first in message and third in message
    assert "Minutes https://example.org/minutes" in html and "see the shared drive" in html
    assert not Response.objects.exists()


def test_line_breaks_count_once_against_the_limit(rich_commission, prompt, funder_member):
    text = "a\r\n" * 2000  # 6,000 characters as sent, 4,000 as the page counts them
    response = client_for(funder_member).post(prompt_url(rich_commission, prompt), answer(text=text))
    assert response.status_code == 302


def test_not_relevant_with_a_reason_is_saved(rich_commission, prompt, funder_member):
    client_for(funder_member).post(
        prompt_url(rich_commission, prompt), answer(kind="not_relevant", text="", reason="No tender this time.")
    )
    saved = Response.objects.get(prompt=prompt)
    assert (saved.kind, saved.reason) == ("not_relevant", "No tender this time.")


def test_someone_else_saving_first_is_shown_and_nothing_typed_is_lost(rich_commission, prompt, funder_member, priya):
    client = client_for(funder_member)
    # Fran opened the page when there was no response (version 0); Priya saves first.
    response_save(actor=priya, commission=rich_commission, prompt=prompt, kind="answer", text="Priya's view.")
    response = client.post(prompt_url(rich_commission, prompt), answer(text="Fran's view."))
    assert response.status_code == 200
    html = flat(response)
    assert "Someone else saved a response to this question while you were writing yours" in html
    assert "Priya's view." in html
    assert "Fran's view." in html  # still in the form
    assert "Save mine instead" in html
    assert 'name="version" value="1"' in html
    assert Response.objects.get(prompt=prompt, is_current=True).text == "Priya's view."
    # Kept as a draft too, in case Fran leaves the page.
    draft = draft_get(user=funder_member, path=prompt_url(rich_commission, prompt))
    assert draft is not None and draft.data["text"] == ["Fran's view."]
    # Fran chooses to save hers; Priya's is kept as an earlier version.
    response = client.post(prompt_url(rich_commission, prompt), answer(text="Fran's view.", version="1"))
    assert response.status_code == 302
    assert Response.objects.get(prompt=prompt, is_current=True).text == "Fran's view."
    assert draft_get(user=funder_member, path=prompt_url(rich_commission, prompt)) is None


def test_keeping_theirs_clears_the_draft(rich_commission, prompt, funder_member):
    path = prompt_url(rich_commission, prompt)
    draft_save(user=funder_member, path=path, data={"text": "half a thought", "kind": "answer"})
    response = client_for(funder_member).post(path, {"discard": "1"}, follow=True)
    assert "We have cleared what you typed." in flat(response)
    assert draft_get(user=funder_member, path=path) is None


def test_a_draft_comes_back_and_warns_when_someone_saved_since(rich_commission, prompt, funder_member, priya):
    path = prompt_url(rich_commission, prompt)
    draft_save(user=funder_member, path=path, data={"kind": "decision", "text": "My unsaved words", "version": "0"})
    html = flat(client_for(funder_member).get(path))
    assert "We kept what you typed last time." in html
    assert "My unsaved words" in html
    assert "Someone else saved" not in html
    response_save(actor=priya, commission=rich_commission, prompt=prompt, kind="answer", text="Priya got there first.")
    html = flat(client_for(funder_member).get(path))
    assert "My unsaved words" in html
    assert "Someone else saved a response to this question while you were writing yours" in html
    assert "Priya got there first." in html
    assert 'name="version" value="1"' in html


def test_observers_see_but_cannot_respond(rich_commission, prompt, olive):
    client = client_for(olive)
    html = flat(client.get(prompt_url(rich_commission, prompt)))
    assert 'name="kind"' not in html
    assert "Observers can read the commission but not change it." in html
    assert "Add a comment" in html
    assert client.post(prompt_url(rich_commission, prompt), answer()).status_code == 403
    assert not Response.objects.exists()


def test_comments_with_mentions(rich_commission, prompt, funder_member, priya):
    client = client_for(funder_member)
    response = client.post(comment_url(rich_commission, prompt), {"text": "What do you think, @Priya Shah?"})
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{prompt_url(rich_commission, prompt)}#comment-{comment.pk}"
    assert list(comment.mentions.all()) == [priya]
    assert Notification.objects.get(kind="commissions.mention").recipient == priya
    html = flat(client.get(prompt_url(rich_commission, prompt)))
    assert "We have told Priya Shah." in html
    assert f'id="comment-{comment.pk}"' in html
    assert "What do you think, @Priya Shah?" in html and "Mentioned: Priya Shah" in html


def test_a_mention_of_someone_not_on_the_team_says_they_were_not_told_and_how_to_add_them(
    rich_commission, prompt, funder_member, priya, olive
):
    client = client_for(funder_member)
    text = "@Priya Shah and @Sam Jones, what do you think?"
    response = client.post(comment_url(rich_commission, prompt), {"text": text}, follow=True)
    comment = Comment.objects.get()
    assert list(comment.mentions.all()) == [priya]
    assert [n.recipient for n in Notification.objects.filter(kind="commissions.mention")] == [priya]
    html = flat(response)
    assert (
        "Your comment is added. We have told Priya Shah. We did not tell @Sam Jones, because only people on the "
        "team can be told. There is a note beside your comment."
    ) in html
    # Beside the comment, for the lead: who was not told, why, and a link to add people.
    note = html[html.index(f'id="comment-{comment.pk}-not-told"') :]
    note = note[: note.index("</div>")]
    assert "We did not tell @Sam Jones about this comment." in note
    assert "We can only tell people on the team, and no one on the team had that name or email address" in note
    add = reverse("commissions:team-add", kwargs={"pk": rich_commission.pk})
    assert f'<a class="govuk-link" href="{add}">add people to the team</a>' in note
    # Someone who cannot add people is told who can.
    html = flat(client_for(olive).get(prompt_url(rich_commission, prompt)))
    note = html[html.index(f'id="comment-{comment.pk}-not-told"') :]
    note = note[: note.index("</div>")]
    assert "We did not tell @Sam Jones about this comment." in note
    assert f"{funder_member.full_name}, the commission's lead, can add people to the team." in note
    assert add not in note


def test_a_comment_mentioning_only_the_team_has_no_note(rich_commission, prompt, funder_member, priya):
    client = client_for(funder_member)
    response = client.post(
        comment_url(rich_commission, prompt), {"text": "@Priya Shah, see me@example.org at 3pm"}, follow=True
    )
    html = flat(response)
    assert "We did not tell" not in html and "-not-told" not in html


def test_observers_can_comment(rich_commission, prompt, olive):
    response = client_for(olive).post(comment_url(rich_commission, prompt), {"text": "A question from the side."})
    assert response.status_code == 302
    assert Comment.objects.get().author == olive


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Write your comment"),
        ("   ", "Write your comment"),
        ("x" * 2001, "Your comment must be 2,000 characters or fewer. It has 2,001"),
    ],
)
def test_bad_comments_keep_the_page(rich_commission, prompt, funder_member, text, message):
    response = client_for(funder_member).post(comment_url(rich_commission, prompt), {"text": text})
    assert response.status_code == 200
    html = flat(response)
    assert message in html
    assert 'href="#comment-text"' in html  # the error summary links to the comment box
    if text.strip():
        assert text in html
    assert not Comment.objects.exists()


def test_comment_page_only_answers_post(rich_commission, prompt, funder_member):
    assert client_for(funder_member).get(comment_url(rich_commission, prompt)).status_code == 405


def test_a_prompt_from_another_framework_is_not_found(rich_commission, funder_member):
    from tandem.commissions.tests.builders import journey_build

    other = Prompt.objects.filter(stage__version=journey_build()).first()
    assert other is not None
    assert client_for(funder_member).get(prompt_url(rich_commission, other)).status_code == 404
    assert client_for(funder_member).post(comment_url(rich_commission, other), {"text": "hi"}).status_code == 404


def test_previous_and_next_follow_the_stage_page_order(rich_commission, funder_member, funder_org):
    first = prompt_of(rich_commission, voice=Voice.FUNDER)
    both = prompt_of(rich_commission, voice=Voice.BOTH)
    html = flat(client_for(funder_member, funder_org).get(prompt_url(rich_commission, first)))
    assert "Previous question" not in html
    assert "Next question" in html
    # For a funder: 2 funder questions, then the one for both (third), then the providers'.
    html = flat(client_for(funder_member, funder_org).get(prompt_url(rich_commission, both)))
    assert "question 3 of 5" in html


@pytest.mark.parametrize("count", [5, 500])
def test_the_prompt_page_runs_a_fixed_number_of_queries(
    rich_commission, prompt, funder_member, funder_org, priya, django_assert_num_queries, count
):
    Response.objects.bulk_create(
        [
            Response(
                commission=rich_commission,
                prompt=prompt,
                kind="answer",
                text=f"Revision {n}",
                author=funder_member if n % 2 else priya,
                revision=n,
                is_current=n == count,
            )
            for n in range(1, count + 1)
        ]
    )
    comments = Comment.objects.bulk_create(
        [Comment(commission=rich_commission, prompt=prompt, author=priya, text=f"Comment {n}") for n in range(count)]
    )
    for comment in comments[:3]:
        comment.mentions.add(funder_member)
    client = client_for(funder_member, funder_org)
    client.get(prompt_url(rich_commission, prompt))
    # Session, user, memberships (3); commission, team (2); prompt, its principles, the stage's
    # prompts (3); revisions, comments, their mentions (3); draft (1); unread notifications (1);
    # the session's activity time saved (3, with its savepoint).
    with django_assert_num_queries(16):
        response = client.get(prompt_url(rich_commission, prompt))
    html = flat(response)
    assert f"Revision {count}" in html and "Version 1, by" in html and f"Comment {count - 1}" in html


def test_a_comment_after_a_failed_save_does_not_lose_the_draft(rich_commission, prompt, funder_member):
    path = prompt_url(rich_commission, prompt)
    draft_save(user=funder_member, path=path, data={"kind": "answer", "text": "Keep me"})
    comment_add(actor=funder_member, commission=rich_commission, prompt=prompt, text="Just a note")
    assert draft_get(user=funder_member, path=path) is not None


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", "sign-in"),
        ("provider_member", 403),
        ("funder_member", 302),
        ("funder_admin", 302),
        ("site_admin", 403),
    ],
)
def test_posting_a_response_for_every_role(rich_commission, prompt, role_client, role, expected):
    """The matrix checks the page with GET; this checks saving with POST."""
    response = role_client(role).post(prompt_url(rich_commission, prompt), answer())
    if expected == "sign-in":
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:sign-in"))
    else:
        assert response.status_code == expected
    assert Response.objects.count() == (1 if expected == 302 else 0)


def test_a_wrong_line_is_numbered_as_people_see_it(rich_commission, prompt, funder_member):
    response = client_for(funder_member).post(
        prompt_url(rich_commission, prompt), answer(evidence="\r\n\r\nhttps://example.org/a\r\nsee the drive")
    )
    assert "Line 4 does not end with a web address" in flat(response)
