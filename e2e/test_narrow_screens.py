"""Every listing and table page on a phone-sized screen, with the Anyborough demo's real lengths
of text, in a real browser with JavaScript off (issue 10, WCAG 2.2, 1.4.10 reflow).

``visit`` checks each page at the desktop width it opened at and again at 320 CSS pixels: the
page itself never scrolls sideways; a wide table scrolls inside its own labelled region. The
journeys get the same check on every page they visit; this test adds the pages no journey
reaches: the audit trail, people, organisations, frameworks, coverage, versions and the lenses.
"""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from e2e.helpers import sign_in, sign_out, url, visit
from tandem.audit.models import AuditEntry
from tandem.commissions.models import Commission
from tandem.demo.accounts import DEMO_PASSWORD, demo_secret
from tandem.frameworks.models import Framework
from tandem.tenders.models import SpecificationVersion

pytestmark = pytest.mark.e2e

LEAD = "priya.shah@council.anyborough.example"
SITE_ADMIN = "morgan.ellis@tandem.example"


@pytest.fixture
def demo(transactional_db: Any) -> None:
    call_command("demo", stdout=StringIO())


def test_the_tables_of_a_commission_fit_a_phone(page: Page, demo: None) -> None:
    commission = Commission.objects.filter(lead_funder__name__icontains="council").order_by("pk").first()
    assert commission is not None
    sign_in(page, LEAD, DEMO_PASSWORD, totp_secret=demo_secret(LEAD))
    pk = commission.pk
    for path in (
        url("commissions:list"),
        url("commissions:detail", pk=pk),
        url("commissions:team", pk=pk),
        url("commissions:coverage", pk=pk),
        url("commissions:lens", pk=pk, framework="co-production-commissioning"),
        url("tenders:criteria", pk=pk),
        url("tenders:budget", pk=pk),
        url("tenders:versions", pk=pk),
        url("tenders:versions-compare", pk=pk),
        url("organisations:member-contact", slug=commission.lead_funder.slug),
    ):
        visit(page, path)
    saved = SpecificationVersion.objects.filter(specification__commission=commission).order_by("number").first()
    if saved is not None:
        visit(page, url("tenders:version", pk=pk, number=saved.number))
        visit(page, url("tenders:version-publish", pk=pk, number=saved.number))
    # The team table scrolls in a region that a keyboard can reach and a screen reader names.
    visit(page, url("commissions:team", pk=pk))
    region = page.get_by_role("region", name="People on the team")
    expect(region).to_have_attribute("tabindex", "0")
    expect(region.locator("table")).to_be_visible()


def test_the_site_administrators_tables_fit_a_phone(page: Page, demo: None) -> None:
    sign_in(page, SITE_ADMIN, DEMO_PASSWORD, totp_secret=demo_secret(SITE_ADMIN))
    framework = Framework.objects.order_by("pk").first()
    entry = AuditEntry.objects.order_by("-sequence").first()
    assert framework is not None and entry is not None
    for path in (
        url("frontend:site-admin"),
        url("audit:list"),
        url("audit:detail", sequence=entry.sequence),
        url("accounts:people"),
        url("organisations:list"),
        url("frameworks:list"),
        url("frameworks:detail", slug=framework.slug),
        url("frameworks:changes", slug=framework.slug, number=1),
        url("frontend:cookies"),
    ):
        visit(page, path)
    sign_out(page)
