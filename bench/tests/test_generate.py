"""Keeps the benchmark's data generator and page list working as the models change.
Nothing here is timed."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import Resolver404, resolve

from bench.generate import BENCH_EMAIL, SCALES, _organisations, generate
from bench.pages import BENCH_COMMISSION_PK, BENCH_STAGE, PAGES
from bench.run import percentile
from tandem.accounts.models import User
from tandem.audit.models import AuditEntry
from tandem.audit.selectors import audit_chain_verify
from tandem.commissions.models import (
    Comment,
    Commission,
    Response,
    ResponseKind,
    StageProgress,
    TeamMember,
    TeamRole,
)
from tandem.commissions.services.commission import CommissionDetails, commission_create
from tandem.commissions.services.responses import response_save
from tandem.frameworks.models import Prompt, Stage
from tandem.notifications.models import Notification
from tandem.organisations.models import FUNDER_KINDS, Membership, MembershipRole, Organisation

BENCH_PASSWORD = "a bench password for the test"


@pytest.fixture
def generated(db: Any) -> Any:
    return generate(SCALES["tiny"], bench_password=BENCH_PASSWORD)


def test_generates_the_tiny_scale(generated: Any) -> None:
    tiny = SCALES["tiny"]
    assert Organisation.objects.count() == tiny.organisations == generated.organisations
    assert User.objects.count() == tiny.people + 1 == generated.people
    assert Membership.objects.count() == generated.memberships
    # Loading the framework content writes its own audit entries, one per framework.
    framework_entries = AuditEntry.objects.filter(action__startswith="frameworks.").count()
    assert framework_entries > 0
    assert AuditEntry.objects.count() == tiny.audit_entries + framework_entries
    assert Notification.objects.count() == tiny.notifications + tiny.bench_notifications
    assert Commission.objects.count() == tiny.commissions + 1 == generated.commissions
    assert Response.objects.count() == generated.responses
    assert Comment.objects.count() == generated.comments


def test_every_organisation_has_an_administrator(generated: Any) -> None:
    admins = Counter(Membership.objects.filter(role=MembershipRole.ADMIN).values_list("organisation_id", flat=True))
    assert set(admins) == set(Organisation.objects.values_list("pk", flat=True))


def test_generated_audit_trail_is_an_unbroken_chain(generated: Any) -> None:
    assert audit_chain_verify() is None
    call_command("audit_verify")


def test_audit_trail_still_chains_after_the_generator(generated: Any) -> None:
    """Entries written by the application afterwards follow on from the generated ones."""
    from tandem.audit.services import audit_log

    before = AuditEntry.objects.count()
    entry = audit_log(actor=None, action="bench.test.appended", summary="after generation")
    assert entry.sequence == before + 1
    assert audit_chain_verify() is None


def test_the_bench_person_leads_a_busy_commission_on_the_real_journey(generated: Any) -> None:
    commission = Commission.objects.select_related("framework_version__framework").get(pk=BENCH_COMMISSION_PK)
    assert generated.bench_commission_id == BENCH_COMMISSION_PK
    assert commission.framework_version.framework.slug == "trauma-informed-journey"
    assert TeamMember.objects.get(commission=commission, user__email=BENCH_EMAIL).role == TeamRole.LEAD
    assert commission.current_stage == BENCH_STAGE
    stages = Stage.objects.filter(version=commission.framework_version).count()
    assert StageProgress.objects.filter(commission=commission).count() == stages == 7
    prompts = Prompt.objects.filter(stage__version=commission.framework_version).count()
    # Most prompts answered, many more than once, and comments (some mentioning people).
    current = Response.objects.filter(commission=commission, is_current=True).count()
    assert prompts * 0.6 < current <= prompts
    assert Response.objects.filter(commission=commission).count() > current
    assert Comment.objects.filter(commission=commission).count() > 0
    assert Comment.mentions.through.objects.exists()


def test_generated_responses_keep_the_models_rules(generated: Any) -> None:
    """Versions 1..n of each response, only the newest current, a reason on every "not relevant"."""
    versions: dict[tuple[int, int], list[tuple[int, bool]]] = defaultdict(list)
    for row in Response.objects.values("commission_id", "prompt_id", "revision", "is_current", "kind", "reason"):
        versions[(row["commission_id"], row["prompt_id"])].append((row["revision"], row["is_current"]))
        if row["kind"] == ResponseKind.NOT_RELEVANT:
            assert row["reason"]
    for rows in versions.values():
        rows.sort()
        assert [revision for revision, _ in rows] == list(range(1, len(rows) + 1))
        assert [is_current for _, is_current in rows] == [False] * (len(rows) - 1) + [True]
    # Every commission's team is made of real people, and every response's author is on it.
    teams = defaultdict(set)
    for commission_id, user_id in TeamMember.objects.values_list("commission_id", "user_id"):
        teams[commission_id].add(user_id)
    for commission_id, author_id in Response.objects.values_list("commission_id", "author_id"):
        assert author_id in teams[commission_id]


def test_the_application_carries_on_after_the_generator(generated: Any) -> None:
    """New commissions get fresh ids, and saving a response adds the next version."""
    funder = Organisation.objects.filter(kind__in=FUNDER_KINDS).first()
    assert funder is not None
    admin = Membership.objects.filter(organisation=funder, role=MembershipRole.ADMIN).first()
    assert admin is not None
    bench_commission = Commission.objects.get(pk=BENCH_COMMISSION_PK)
    made = commission_create(
        actor=admin.user,
        lead_funder=funder,
        framework_version=bench_commission.framework_version,
        details=CommissionDetails(
            title="Made after the generator", purpose="To check ids", service_area="Testing", people_for="Nobody"
        ),
    )
    assert made.pk > BENCH_COMMISSION_PK + SCALES["tiny"].commissions

    answered = Response.objects.filter(commission=bench_commission, is_current=True).first()
    assert answered is not None
    person = User.objects.get(email=BENCH_EMAIL)
    saved = response_save(
        actor=person,
        commission=bench_commission,
        prompt=answered.prompt,
        kind=ResponseKind.ANSWER,
        text="A new version, written after the generator ran.",
        expected_version=answered.revision,
    )
    assert saved.revision == answered.revision + 1
    assert Response.objects.filter(commission=bench_commission, prompt=answered.prompt, is_current=True).get() == saved


def test_same_seed_gives_the_same_organisations() -> None:
    def names(seed: int) -> list[tuple[str, str, int | None]]:
        return [(o.slug, o.kind, o.annual_income) for o in _organisations(random.Random(seed), 30)]

    assert names(7) == names(7)
    assert names(7) != names(8)


def test_the_bench_person_signs_in_with_a_password_only_and_sees_every_page(generated: Any) -> None:
    person = User.objects.get(email=BENCH_EMAIL)
    assert not person.has_two_factor
    assert Membership.objects.filter(user=person).count() == 2

    client = Client()
    answer = client.post("/accounts/sign-in/", {"email": BENCH_EMAIL, "password": BENCH_PASSWORD})
    assert answer.status_code == 302
    for page in PAGES:
        response = client.get(page.path)
        assert response.status_code == 200, f"{page.path} answered {response.status_code}"
        assert "Sign out" in response.content.decode()


def test_page_list_paths_resolve_and_keys_are_unique() -> None:
    assert PAGES[0].path == "/bare/", "the first page is the yardstick the others are compared with"
    assert len({page.key for page in PAGES}) == len(PAGES)
    for page in PAGES:
        try:
            resolve(page.path)
        except Resolver404:
            pytest.fail(f"{page.path} in bench/pages.py is not a page")


def test_percentile() -> None:
    assert percentile([5.0, 1.0, 3.0, 2.0, 4.0], 0.5) == 3.0
    assert percentile([1.0, 2.0], 0.95) == pytest.approx(1.95)
    assert percentile([7.0], 0.95) == 7.0
