"""A commissioner carries a commission through the journey, in a real browser with JavaScript
on and off.

A funder's commissioner starts a commission and puts two lived-experience members on the team:
one who already uses Tandem is added at once; one who does not is emailed an invitation, makes an
account in their own browser and comments on the team's thinking. The commissioner answers
prompts in three stages (Reflect, Assess and Design), says one prompt is not relevant here and
why, marks where the team is with a stage, goes back to Reflect to change an earlier answer,
checks what the team has considered, and downloads the reflection log as a PDF and as a Word
document. Every page on the way is checked by axe-core (see e2e/helpers.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from e2e.helpers import (
    click_button_link,
    click_link,
    enable_two_factor,
    expect_field_error,
    fill_and_submit,
    link_from_last_email,
    open_page,
    sign_in,
    url,
    visit,
)
from tandem.accounts.models import User
from tandem.commissions.models import Commission, Response, StageProgress
from tandem.commissions.services.responses import NO_REASON
from tandem.frameworks.models import FrameworkVersion, Prompt, Voice
from tandem.organisations.models import Organisation

pytestmark = pytest.mark.e2e

TITLE = "Support for young carers in Anyborough"
PURPOSE = "Young carers should get a break, someone to talk to, and help at school."
SERVICE_AREA = "Young carers"
PEOPLE_FOR = "Children and young people aged 8 to 18 who look after someone at home."
VAGUE_VALUE = "about half a million"

REFLECT_FIRST = "We have not yet asked young carers what went wrong with the last service."
REFLECT_CHANGED = "We met twelve young carers in May. They told us the last service felt rushed."
ASSESS_DECISION = "We will pay young carers for their time when they help us assess need."
DESIGN_ANSWER = "Young carers will help write the service specification, with support from their school."
NOT_RELEVANT_REASON = "This service has no buildings of its own; it runs in schools and youth clubs."

INVITEE_EMAIL = "jo.carer@example.org"
INVITEE_NAME = "Jo Carer"
INVITEE_PASSWORD = "green kites fly over the hill"
COMMENT = "@{lead} the young carers group would like to meet you before we go further."


def funder_prompts(version: FrameworkVersion, stage: str) -> list[Prompt]:
    """The stage's prompts a funder sees first, in order."""
    prompts = list(
        Prompt.objects.filter(stage__version=version, stage__slug=stage, voice=Voice.FUNDER).order_by("order")
    )
    assert len(prompts) >= 2, f"The {stage} stage needs at least two questions for funders for this journey"
    return prompts


def open_prompt(page: Page, prompt: Prompt, link: str = "Respond to") -> None:
    """From a stage page, follow the link to one prompt. The link reads "Respond" or "Change";
    screen readers hear the rest, which names the prompt."""
    click_link(page, f"{link}: {prompt.text}")
    expect(page.locator("h1")).to_have_text(prompt.text)


def respond(page: Page, fields: dict[str, str]) -> None:
    """Save a response on a prompt page and land back on it, saved."""
    fill_and_submit(page, fields, button="Save")
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Your response is saved")


@pytest.mark.javascript("autosave.js keeps drafts of the commission and answer forms as they are typed")
def test_commissioner_carries_a_commission_through_the_journey(
    page: Page,
    journey_version: FrameworkVersion,
    funder_member: User,
    funder_org: Organisation,
    provider_member: User,
    new_context: Callable[..., BrowserContext],
    javascript: bool,
    axe_auditor: Page,
) -> None:
    secret, _codes = enable_two_factor(funder_member)
    reflect = funder_prompts(journey_version, "reflect")
    assess = funder_prompts(journey_version, "assess")
    design = funder_prompts(journey_version, "design")
    total_prompts = Prompt.objects.filter(stage__version=journey_version).count()

    # The commissioner signs in and starts a commission from the list of commissions.
    sign_in(page, funder_member.email, totp_secret=secret)
    visit(page, url("commissions:list"))
    click_button_link(page, "Start a commission")
    expect(page.locator("h1")).to_have_text("Start a commission")

    # Only a title, and a value that is not an amount: each problem is named beside its field,
    # and what was typed is kept.
    fill_and_submit(page, {"title": TITLE, "estimated_value": VAGUE_VALUE}, button="Start the commission")
    expect_field_error(page, "purpose", "Enter what the commission is for")
    expect_field_error(page, "service_area", "Enter the service area")
    expect_field_error(page, "people_for", "Enter who the service is for")
    expect_field_error(
        page, "estimated_value", "The estimated value must be an amount in pounds, like 25000 or 25000.50"
    )
    expect(page.locator('input[name="title"]')).to_have_value(TITLE)
    expect(page.locator('input[name="estimated_value"]')).to_have_value(VAGUE_VALUE)

    fill_and_submit(
        page,
        {"purpose": PURPOSE, "service_area": SERVICE_AREA, "people_for": PEOPLE_FOR, "estimated_value": "£450k"},
        button="Start the commission",
    )
    commission = Commission.objects.get(title=TITLE)
    journey_url = url("commissions:detail", pk=commission.pk)
    expect(page).to_have_url(re.compile(re.escape(journey_url) + "$"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(f"You have started {TITLE}")
    expect(page.locator("h1")).to_have_text(TITLE)
    expect(page.locator(".govuk-task-list__item")).to_have_count(7)

    # A lived-experience member joins the team: they already use Tandem, so they are added now.
    click_link(page, "See and change the team")
    click_button_link(page, "Add someone to the team")
    fill_and_submit(page, {"email": provider_member.email, "role": "lived_experience"}, button="Add to the team")
    expect(page).to_have_url(re.compile(re.escape(url("commissions:team", pk=commission.pk)) + "$"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        f"{provider_member} is now a lived-experience member on the team"
    )
    # Found by name: the team sees their email address only if they choose to show it (decision 0022).
    member_row = page.locator("tbody tr", has_text=provider_member.full_name)
    expect(member_row).to_contain_text("Lived-experience member")

    # A second lived-experience member has no account yet, so they are emailed an invitation.
    click_button_link(page, "Add someone to the team")
    fill_and_submit(page, {"email": INVITEE_EMAIL, "role": "lived_experience"}, button="Add to the team")
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        f"{INVITEE_EMAIL} does not use Tandem yet, so we have emailed them an invitation"
    )
    expect(page.locator("table", has_text="Invited by").locator("tbody tr", has_text=INVITEE_EMAIL)).to_contain_text(
        "Lived-experience member"
    )

    # Reflect: the team's thinking on the first question.
    visit(page, journey_url)
    click_link(page, "1. Reflect")
    expect(page.locator("h1")).to_contain_text("Reflect")
    open_prompt(page, reflect[0])
    respond(page, {"kind": "answer", "text": REFLECT_FIRST})
    expect(page.locator("main")).to_contain_text(REFLECT_FIRST)

    # The invitee, in their own browser, makes an account from the link in the email, signs in,
    # reads the team's thinking and comments on it, mentioning the lead.
    invitee = open_page(new_context, javascript=javascript, auditor=axe_auditor)
    visit(invitee, link_from_last_email(INVITEE_EMAIL, contains="/commissions/invitations/"))
    expect(invitee.locator("h1")).to_have_text(f"Join the team for {TITLE}")
    fill_and_submit(
        invitee,
        {"full_name": INVITEE_NAME, "password1": INVITEE_PASSWORD, "password2": INVITEE_PASSWORD},
        button="Make my account and join",
    )
    expect(invitee.locator(".govuk-notification-banner--success")).to_contain_text("Your account is ready")
    fill_and_submit(invitee, {"email": INVITEE_EMAIL, "password": INVITEE_PASSWORD})
    expect(invitee).to_have_url(re.compile(re.escape(journey_url) + "$"))
    expect(invitee.locator("#team")).to_be_visible()
    visit(invitee, url("commissions:prompt", pk=commission.pk, prompt_pk=reflect[0].pk))
    expect(invitee.locator("main")).to_contain_text(REFLECT_FIRST)
    comment_form = invitee.locator("form", has=invitee.locator("#comment-text"))
    fill_and_submit(invitee, {"text": COMMENT.format(lead=funder_member.full_name)}, form=comment_form)
    expect(invitee.locator(".govuk-notification-banner--success")).to_contain_text(
        f"Your comment is added. We have told {funder_member.full_name}."
    )
    invitee.context.close()

    # Assess: a decision.
    visit(page, url("commissions:stage", pk=commission.pk, stage="assess"))
    open_prompt(page, assess[0])
    respond(page, {"kind": "decision", "text": ASSESS_DECISION})

    # Design: an answer, then a question that does not fit this commission.
    visit(page, url("commissions:stage", pk=commission.pk, stage="design"))
    open_prompt(page, design[0])
    respond(page, {"kind": "answer", "text": DESIGN_ANSWER})
    click_link(page, "Next question")
    expect(page.locator("h1")).to_have_text(design[1].text)
    # "Not relevant here" with no reason: the message is beside the reason box.
    fill_and_submit(page, {"kind": "not_relevant"}, button="Save")
    expect_field_error(page, "reason", NO_REASON)
    expect(page.locator('input[name="kind"][value="not_relevant"]')).to_be_checked()
    respond(page, {"reason": NOT_RELEVANT_REASON})
    expect(page.locator("main")).to_contain_text(NOT_RELEVANT_REASON)

    # Where the team is with Design: considered for now. The rest of the team is told.
    visit(page, url("commissions:stage", pk=commission.pk, stage="design"))
    expect(page.locator("main")).to_contain_text("The team has answered 2 of")
    fill_and_submit(page, {"status": "considered"}, button="Save the status")
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Design is marked as considered. We have told the rest of the team."
    )

    # Back to Reflect: nothing was locked by moving on. The team marks it to revisit and changes
    # its earlier answer; the first version is kept.
    click_link(page, "Reflect")
    fill_and_submit(page, {"status": "revisit"}, button="Save the status")
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Reflect is marked as revisit")
    open_prompt(page, reflect[0], link="Change the response to")
    expect(page.locator("#id_text")).to_have_value(REFLECT_FIRST)
    respond(page, {"kind": "answer", "text": REFLECT_CHANGED})
    earlier = page.locator("#earlier ~ .govuk-summary-card")
    expect(earlier).to_have_count(1)
    expect(earlier).to_contain_text(f"Version 1, by {funder_member.full_name}")
    expect(earlier).to_contain_text(REFLECT_FIRST)
    expect(page.locator("main")).to_contain_text(REFLECT_CHANGED)
    comments = page.locator(".tandem-comments li")
    expect(comments).to_have_count(1)
    expect(comments).to_contain_text(INVITEE_NAME)
    expect(comments).to_contain_text(f"Mentioned: {funder_member.full_name}")

    # The journey page shows each stage's status.
    visit(page, journey_url)
    expect(page.locator(".govuk-task-list__item", has_text="Reflect")).to_contain_text("Revisit")
    expect(page.locator(".govuk-task-list__item", has_text="Design")).to_contain_text("Considered")
    expect(page.locator(".govuk-task-list__item", has_text="Assess")).to_contain_text("In progress")
    expect(page.locator("main")).to_contain_text(f"Your team has answered 4 of {total_prompts} prompts so far")

    # Coverage: four prompts considered, one of them "not relevant", and the rest listed.
    click_link(page, "What we have and have not considered")
    expect(page.locator("h1")).to_have_text("What the team has considered")
    main = page.locator("main")
    expect(main).to_contain_text(f"The team has answered 4 of {total_prompts} prompts so far")
    expect(main).to_contain_text(f"{total_prompts - 4} are not yet answered")
    whole_stage = page.locator("tbody tr", has_text="Whole stage")
    design_count = design[0].stage.prompts.count()
    expect(whole_stage).to_contain_text(f"2 of {design_count}")
    expect(whole_stage).to_contain_text("1 not relevant")
    gaps = page.locator("#not-yet-considered ~ ul")
    expect(gaps.get_by_role("link", name=reflect[1].text, exact=True)).to_be_visible()
    expect(gaps.get_by_role("link", name=reflect[0].text, exact=True)).to_have_count(0)

    # The reflection log, as a PDF and as a Word document.
    for name, magic in (("Reflection log as a PDF", b"%PDF"), ("Reflection log as a Word document", b"PK")):
        with page.expect_download() as download_info:
            page.get_by_role("link", name=name, exact=True).click()
        download = download_info.value
        saved = Path(download.path())
        assert saved.read_bytes()[:4].startswith(magic), (
            f"{name}: {download.suggested_filename} is not a {magic!r} file"
        )
        assert download.suggested_filename.endswith(".pdf" if magic == b"%PDF" else ".docx")

    # What the browser did is what was saved.
    current = Response.objects.get(commission=commission, prompt=reflect[0], is_current=True)
    assert (current.revision, current.text) == (2, REFLECT_CHANGED)
    assert Response.objects.filter(commission=commission, is_current=True).count() == 4
    statuses = dict(StageProgress.objects.filter(commission=commission).values_list("stage__slug", "status"))
    assert statuses["design"] == "considered"
    assert statuses["reflect"] == "revisit"
    assert commission.team.filter(user=provider_member, role="lived_experience").exists()
    assert commission.team.filter(user__email=INVITEE_EMAIL, role="lived_experience").exists()
    assert commission.lead_funder == funder_org
    assert commission.estimated_value == 450_000
