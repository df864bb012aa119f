"""A commissioner designs the Anyborough domestic abuse service's specification, with a
lived-experience member co-producing one question, in a real browser with JavaScript on and off.

The lead writes what the service is for, chooses the trauma-informed requirements, sets award
criteria and a question for bidders (first without saying why it is asked, which the page refuses
beside the field). A lived-experience member, in their own browser, adds a question shaped with the
survivors' panel. The lead runs the tender lens, fixes two of its findings (stigmatising words
about the people the service is for, and no requirement to involve people with lived experience),
sees them gone (each finding named in words, never by its code), and downloads the specification
pack. Then the lead saves version 1 and downloads its Word pack and Excel plan from the version's
own page, each named with the version's number and date. Every page is checked by axe-core.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import BrowserContext, Page, expect

from e2e.helpers import (
    click_button_link,
    click_link,
    enable_two_factor,
    expect_field_error,
    fill_and_submit,
    open_page,
    sign_in,
    url,
    visit,
)
from tandem.accounts.models import User
from tandem.commissions.models import TeamRole
from tandem.commissions.services.team import team_member_add
from tandem.commissions.tests.builders import commission_build
from tandem.core.values import date_display
from tandem.frameworks.models import FrameworkVersion
from tandem.organisations.models import Organisation
from tandem.tenders.models import Question, SpecificationVersion, TIElement
from tandem.tenders.rules.questions import NO_WHY

pytestmark = pytest.mark.e2e

TITLE = "Domestic abuse support in Anyborough, 2027 to 2030"
PURPOSE = "Safe, steady support for people living with or leaving domestic abuse in Anyborough."
PEOPLE_DEFICIT = "Adults experiencing domestic abuse, including hard to reach groups in Eastgate."
PEOPLE_FIXED = "Adults experiencing domestic abuse, including people our current services do not yet reach in Eastgate."
SERVICES = "Community outreach, a helpline staffed in the evening, and safe accommodation with support."
REPORTING = "A short report every six months, using the measures providers already collect."
ENDING = "Six months' notice before the end, and a plan agreed with each person for moving to other support."
COMMITMENTS = "Providers will describe how they do this now and how they will keep improving it."
COPRODUCTION = "Survivors will help review the service each year, paid for their time."
PANEL = "Anyborough survivors' panel"
LEAD_QUESTION = "How will you make your service feel safe for someone contacting it for the first time?"
PANEL_QUESTION = "How will people using your service be able to change what happens next in their support?"
# The lens findings' plain names (tandem/tenders/tender_lens/present.py: TL13 and TL12g).
DEFICIT_WORDS = "Words that label people by a problem"
NO_COPRODUCTION = "Missing: co-production with people with lived experience"


@pytest.mark.javascript("autosave.js keeps drafts of the specification's forms as they are typed")
def test_commissioner_designs_the_specification_with_a_lived_experience_member(
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
    commission = commission_build(lead=funder_member, lead_funder=funder_org, version=journey_version, title=TITLE)
    team_member_add(actor=funder_member, commission=commission, user=provider_member, role=TeamRole.LIVED_EXPERIENCE)
    overview_url = url("tenders:overview", pk=commission.pk)

    # From the commission's journey page to its specification.
    sign_in(page, funder_member.email, totp_secret=secret)
    visit(page, url("commissions:detail", pk=commission.pk))
    click_link(page, "The specification")
    expect(page).to_have_url(re.compile(re.escape(overview_url) + "$"))
    expect(page.locator("h1")).to_have_text("Specification")

    # About the service, with words the lens will question.
    click_link(page, "About the service")
    fill_and_submit(
        page,
        {
            "purpose": PURPOSE,
            "people_for": PEOPLE_DEFICIT,
            "services_required": SERVICES,
            "reporting": REPORTING,
            "ending_plan": ENDING,
        },
        button="Save and return to the specification",
    )
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("About the service has been saved")

    # Trauma-informed requirements: six of the seven, leaving out co-production for now.
    click_link(page, "Trauma-informed requirements")
    chosen = [element for element in TIElement.values if element != TIElement.COPRODUCTION]
    fields: dict[str, str | list[str]] = {"elements": chosen}
    fields.update({f"commit_{element}": COMMITMENTS for element in chosen})
    fill_and_submit(page, fields, button="Save")
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()

    # Award criteria: quality and social value, weighted to 100.
    visit(page, url("tenders:criteria", pk=commission.pk))
    for group, title, weight in (("quality", "Quality of support", "80"), ("social_value", "Social value", "20")):
        click_button_link(page, "Add a criterion")
        fill_and_submit(page, {"group": group, "title": title, "weight": weight}, button="Save criterion")
        expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    expect(page.locator("main")).to_contain_text("100%")

    # A question for bidders without saying why it is asked: refused beside the field, text kept.
    visit(page, url("tenders:questions", pk=commission.pk))
    click_button_link(page, "Add a question")
    fill_and_submit(
        page,
        {"text": LEAD_QUESTION, "how_used": "The panel scores it.", "is_financial": "no"},
        button="Save question",
    )
    expect_field_error(page, "why_asked", NO_WHY)
    expect(page.locator('textarea[name="text"]')).to_have_value(LEAD_QUESTION)
    fill_and_submit(
        page,
        {"why_asked": "Feeling safe at first contact decides whether people come back."},
        button="Save question",
    )
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()

    # The lived-experience member, in their own browser, adds a question shaped with the panel.
    member = open_page(new_context, javascript=javascript, auditor=axe_auditor)
    sign_in(member, provider_member.email)
    visit(member, url("tenders:questions", pk=commission.pk))
    click_button_link(member, "Add a question")
    fill_and_submit(
        member,
        {
            "text": PANEL_QUESTION,
            "why_asked": "Survivors told us that having a say in their support is what helped most.",
            "how_used": "The panel, including survivors, scores it against the quality criterion.",
            "is_financial": "no",
            "coproduced_with": PANEL,
        },
        button="Save question",
    )
    expect(member.locator(".govuk-notification-banner--success")).to_be_visible()
    member.context.close()
    assert Question.objects.get(text=PANEL_QUESTION).coproduced_with == PANEL

    visit(page, url("tenders:questions", pk=commission.pk))
    expect(page.locator("main")).to_contain_text(f"Co-produced with {PANEL}")

    # The lens: the stigmatising words and the missing co-production requirement are both found,
    # named in words, with a summary at the top that links to them; no internal code is shown.
    visit(page, overview_url)
    click_link(page, "Check with the tender lens")
    findings = page.locator("#specification-findings ~ ul .govuk-summary-card")
    expect(findings.filter(has_text=DEFICIT_WORDS)).to_have_count(1)
    expect(findings.filter(has_text=DEFICIT_WORDS)).to_contain_text("hard to reach")
    expect(findings.filter(has_text=NO_COPRODUCTION)).to_have_count(1)
    expect(page.locator("main")).not_to_contain_text(re.compile(r"\bTL\d"))
    expect(page.locator("#lens-summary a").first).to_have_attribute("href", "#specification-high")

    # Fix them both.
    visit(page, url("tenders:section", pk=commission.pk, section="about"))
    fill_and_submit(page, {"people_for": PEOPLE_FIXED}, button="Save and return to the specification")
    visit(page, url("tenders:ti-requirements", pk=commission.pk))
    fill_and_submit(
        page,
        {"elements": [*chosen, TIElement.COPRODUCTION], f"commit_{TIElement.COPRODUCTION}": COPRODUCTION},
        button="Save",
    )
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()

    visit(page, url("tenders:tender-lens", pk=commission.pk))
    findings = page.locator("#specification-findings ~ ul .govuk-summary-card")
    expect(findings.filter(has_text=DEFICIT_WORDS)).to_have_count(0)
    expect(findings.filter(has_text=NO_COPRODUCTION)).to_have_count(0)

    # The specification pack, as a Word document with the team's words in it.
    visit(page, overview_url)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="The specification pack as a Word document", exact=True).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".docx")
    with zipfile.ZipFile(Path(download.path())) as document:
        body = document.read("word/document.xml").decode("utf-8")
    assert PURPOSE in body
    assert PANEL in body
    assert PEOPLE_FIXED in body

    # Save version 1, then download its own Word pack and Excel plan from its page.
    visit(page, url("tenders:versions", pk=commission.pk))
    fill_and_submit(page, {}, button="Save a new version")
    visit(page, url("tenders:version", pk=commission.pk, number=1))
    saved_on = SpecificationVersion.objects.get(specification__commission=commission, number=1).created_at
    day = timezone.localdate(saved_on)
    downloads = page.locator("#version-downloads")
    for label, name in (
        ("The specification pack as a Word document", f"specification-v1-{day:%Y-%m-%d}.docx"),
        ("The evaluation plan as an Excel spreadsheet", f"evaluation-plan-v1-{day:%Y-%m-%d}.xlsx"),
    ):
        # Each link's name ends with the version, for screen reader users moving from link to link.
        link = downloads.get_by_role("link", name=re.compile(rf"^{label}\W*version 1$"))
        with page.expect_download() as download_info:
            link.click()
        assert download_info.value.suggested_filename.endswith(name), download_info.value.suggested_filename
    with zipfile.ZipFile(Path(download_info.value.path())) as workbook:
        properties = workbook.read("docProps/core.xml").decode("utf-8")
    assert f"(version 1 of {date_display(day)})" in properties
