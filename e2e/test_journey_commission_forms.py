"""A commissioner's slips on the commission forms are each named, in a real browser with
JavaScript off (issue 10, items 10 to 12).

The commissioner says a partner funder puts in more than the whole commission is worth and is
told so beside that partner's box; types links to evidence with two wrong lines and is told about
each line, in the error summary (linking to the box) and beside it; and mentions someone who is
not on the team in a comment, and is told, beside the comment, that they were not told, why, and
where to add them. Every page on the way is checked by axe-core and at 320 pixels (e2e/helpers.py).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from e2e.helpers import enable_two_factor, expect_field_error, fill_and_submit, sign_in, url, visit
from tandem.accounts.models import User
from tandem.commissions.models import Comment, PartnerFunder, Response
from tandem.commissions.services.commission import PartnerShare
from tandem.commissions.tests.builders import commission_build
from tandem.frameworks.models import FrameworkVersion, Prompt, Voice
from tandem.organisations.models import Organisation, OrganisationKind

pytestmark = pytest.mark.e2e

TOO_MUCH = (
    "Anyborough NHS Trust puts in £600,000, which is more than the estimated value of the whole commission "
    "(£450,000). A partner's part cannot be more than the whole, so check both amounts"
)
LINKS = "Needs assessment ftp://example.org/needs\nMinutes https://example.org/minutes\nsee the shared drive"
FIRST_LINE = "The link on line 1 must start with https:// or http://"
THIRD_LINE = "Line 3 does not end with a web address. Put the address last, starting with https://"


def test_each_slip_is_named_where_it_was_made(
    page: Page, journey_version: FrameworkVersion, funder_member: User, funder_org: Organisation
) -> None:
    nhs = Organisation.objects.create(
        name="Anyborough NHS Trust", slug="anyborough-nhs", kind=OrganisationKind.NHS_BODY
    )
    commission = commission_build(
        lead=funder_member,
        lead_funder=funder_org,
        version=journey_version,
        estimated_value=Decimal("450000"),
        partners=[PartnerShare(nhs.pk, Decimal("50000"))],
    )
    prompt = Prompt.objects.filter(stage__version=journey_version, voice=Voice.FUNDER).order_by(
        "stage__order", "order"
    )[0]
    secret, _codes = enable_two_factor(funder_member)
    sign_in(page, funder_member.email, totp_secret=secret)

    # A partner's part typed as more than the whole: refused beside that partner's box.
    visit(page, url("commissions:edit", pk=commission.pk))
    fill_and_submit(page, {"partner_1_contribution": "£600,000"}, button="Save")
    expect_field_error(page, "partner_1_contribution", TOO_MUCH)
    expect(page.locator('input[name="partner_1_contribution"]')).to_have_value("£600,000")
    assert PartnerFunder.objects.get(commission=commission).contribution == Decimal("50000.00")

    # Two wrong lines of links: each is named, and both link to the box.
    prompt_path = url("commissions:prompt", pk=commission.pk, prompt_pk=prompt.pk)
    visit(page, prompt_path)
    fill_and_submit(page, {"kind": "answer", "text": "We read the needs assessment.", "evidence": LINKS}, button="Save")
    expect_field_error(page, "evidence", FIRST_LINE)
    expect_field_error(page, "evidence", THIRD_LINE)
    expect(page.locator(".govuk-error-summary a")).to_have_count(2)
    expect(page.locator('textarea[name="evidence"]')).to_have_value(LINKS)
    assert not Response.objects.exists()

    # A mention of someone not on the team: the comment is added, and beside it a note says they
    # were not told, why, and where to add them.
    comment_form = page.locator("form", has=page.locator("#comment-text"))
    fill_and_submit(page, {"text": "@Sam Jones could you read this?"}, form=comment_form)
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "We did not tell @Sam Jones, because only people on the team can be told."
    )
    comment = Comment.objects.get()
    note = page.locator(f"#comment-{comment.pk}-not-told")
    expect(note).to_contain_text("We did not tell @Sam Jones about this comment.")
    expect(note.get_by_role("link", name="add people to the team")).to_have_attribute(
        "href", url("commissions:team-add", pk=commission.pk)
    )
