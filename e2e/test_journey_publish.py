"""A commissioner publishes a version of the specification past Tandem's warnings, in a real browser
with JavaScript on and off (issue 10, items 2 and 8).

The specification passes every rule, but its response window is 17 days and ends on 23 December, so
the timeline and the tender lens both warn about it. The overview says so (and not "Nothing stands in
the way"). The lead saves a second version, sees what changed from the first, and opens the publish
page: it lists each warning, and refuses to publish until each has a reason, keeping what was typed.
With a reason for each, version 2 is published, and its page shows the team what Tandem said and why
the lead published anyway. Version 1 is no longer offered for publishing. Every page is checked by
axe-core and at 320 pixels wide.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from e2e.helpers import click_link, enable_two_factor, expect_field_error, sign_in, submit, url, visit
from tandem.accounts.models import User
from tandem.commissions.tests.builders import commission_build
from tandem.frameworks.models import FrameworkVersion
from tandem.organisations.models import Organisation
from tandem.tenders.models import Specification, SpecificationVersion
from tandem.tenders.services.specification import specification_version_save
from tandem.tenders.tests.test_services_specification import make_publishable

pytestmark = pytest.mark.e2e

TITLE = "Domestic abuse support in Anyborough, 2027 to 2030"
FIRST_REASON = "The funding has to be committed before the end of December."
REASON = "The funding is fixed, and we are holding a briefing for small providers on the first day."
WARNINGS = (
    "A short time to bid (Submission deadline)",
    "Runs into a holiday (Submission deadline)",
    "Too little time to respond (Submission deadline)",
    "Deadline in a holiday (Submission deadline)",
)


@pytest.mark.javascript("autosave.js keeps drafts of the reasons as they are typed")
def test_commissioner_publishes_past_the_warnings_with_a_reason_for_each(
    page: Page, journey_version: FrameworkVersion, funder_member: User, funder_org: Organisation
) -> None:
    secret, _codes = enable_two_factor(funder_member)
    commission = commission_build(lead=funder_member, lead_funder=funder_org, version=journey_version, title=TITLE)
    spec = Specification.objects.select_related("commission").get(commission=commission)
    spec = make_publishable(spec, funder_member, warnings=True)
    specification_version_save(actor=funder_member, specification=spec, note="Before the panel read it")

    # The overview names the warnings instead of saying nothing stands in the way.
    sign_in(page, funder_member.email, totp_secret=secret)
    visit(page, url("tenders:overview", pk=commission.pk))
    main = page.locator("main")
    expect(main).to_contain_text("No rule stops you publishing, but Tandem has 4 warnings to look at first")
    expect(main).not_to_contain_text("Nothing stands in the way")
    expect(page.locator("#warnings li")).to_have_count(4)

    # A second version, with the panel's words, and what changed from the first.
    Specification.objects.filter(pk=spec.pk).update(reporting="A short report each quarter, read with the panel.")
    specification_version_save(actor=funder_member, specification=spec, note="After the panel")
    click_link(page, "Versions")
    click_link(page, "What changed in version 2")
    expect(page.locator("#comparison")).to_have_text("From version 1 to version 2")
    expect(main).to_contain_text("A short report each quarter, read with the panel.")
    expect(main).to_contain_text("1 change in all.")

    # The publish page lists every warning, each with its own reason to give.
    visit(page, url("tenders:version", pk=commission.pk, number=2))
    click_link(page, "Publish version 2 to bidders")
    expect(main).to_contain_text("Tandem has 4 warnings about version 2.")
    cards = page.locator("#warnings > li")
    expect(cards).to_have_count(len(WARNINGS))
    for index, heading in enumerate(WARNINGS):
        expect(cards.nth(index).locator("h3")).to_have_text(f"{index + 1}. {heading}")
    names = [name for i in range(cards.count()) if (name := cards.nth(i).locator("textarea").get_attribute("name"))]
    assert len(names) == len(WARNINGS) and all(re.fullmatch(r"reason_[0-9a-f]{12}", name) for name in names)

    # One reason is not enough: each missing one is named beside its field, and the typed one is kept.
    page.locator(f'textarea[name="{names[0]}"]').fill(FIRST_REASON)
    submit(page, "Publish version 2", status=400)
    expect_field_error(page, names[1], f"Give your reason for publishing with “{WARNINGS[1]}”")
    expect_field_error(page, names[3], f"Give your reason for publishing with “{WARNINGS[3]}”")
    expect(page.locator(f'textarea[name="{names[0]}"]')).to_have_value(FIRST_REASON)
    assert SpecificationVersion.objects.get(specification=spec, number=2).published_at is None

    # A reason for each, and version 2 is published; its page shows the team why.
    for name in names[1:]:
        page.locator(f'textarea[name="{name}"]').fill(REASON)
    submit(page, "Publish version 2")
    expect(page).to_have_url(re.compile(re.escape(url("tenders:version", pk=commission.pk, number=2)) + "$"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Version 2 has been published")
    expect(page.locator("#publish-reasons")).to_have_text("Published with 4 warnings")
    expect(main).to_contain_text(FIRST_REASON)
    expect(main).to_contain_text("Bidders have 17 days from publication to the submission deadline")
    kept = SpecificationVersion.objects.get(specification=spec, number=2).publish_reasons
    assert [row["reason"] for row in kept] == [FIRST_REASON, REASON, REASON, REASON]

    # Version 1 is older than the published version, so it is no longer offered for publishing.
    visit(page, url("tenders:version", pk=commission.pk, number=1))
    expect(page.locator("#later")).to_contain_text("Version 2 has been published")
    expect(page.get_by_role("link", name="Publish version 1 to bidders")).to_have_count(0)
    visit(page, url("tenders:versions", pk=commission.pk))
    expect(page.locator("#versions")).to_contain_text("Not published. Version 2 is newer and published.")
