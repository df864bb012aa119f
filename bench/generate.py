"""Made-up data at a realistic scale, for the benchmark.

``generate(scale)`` fills an empty database with organisations, people, memberships, audit
entries and notifications, using the models directly and ``bulk_create`` so that tens of
thousands of rows take seconds, not minutes. Everything comes from one seeded random number
generator, so the same scale gives the same data.

Two shortcuts, both because the benchmark is about reading pages, not writing them:

- Every generated person shares one password hash (hashing a password takes tens of
  milliseconds on purpose, so hashing 20,000 would take minutes).
- Audit entries are written in bulk rather than through ``audit_log``. They are still a
  proper chain: each entry is hashed with ``tandem.audit.chain`` exactly as ``audit_log``
  would, and the chain head is moved to the last one, so ``manage.py audit_verify`` passes.

Django must be set up before this module is imported (``bench/run.py`` and the tests do that).
"""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify

from tandem.accounts.models import User
from tandem.audit.chain import entry_hash
from tandem.audit.models import AuditChainHead, AuditEntry
from tandem.audit.services import audit_jsonable
from tandem.notifications.kinds import KINDS
from tandem.notifications.models import Notification
from tandem.organisations.models import (
    FUNDER_KINDS,
    Membership,
    MembershipRole,
    Organisation,
    OrganisationKind,
    SizeBand,
)

# The person the benchmark signs in as: a member of two provider organisations, without
# two-factor authentication (it is optional for providers), so signing in is password only.
BENCH_EMAIL = "bench.provider@example.org"
BENCH_NAME = "Bench Provider"


@dataclass(frozen=True)
class Scale:
    organisations: int
    people: int
    # Share of people who belong to a second organisation.
    second_membership: float
    audit_entries: int
    notifications: int
    # Notifications for the benchmark person, so their home page has something to show.
    bench_notifications: int


SCALES: dict[str, Scale] = {
    # For the test that keeps this generator working.
    "tiny": Scale(
        organisations=12, people=40, second_membership=0.2, audit_entries=60, notifications=80, bench_notifications=8
    ),
    # What `make bench` uses: a large region's worth of organisations and people.
    "bench": Scale(
        organisations=3_000,
        people=30_000,
        second_membership=0.15,
        audit_entries=60_000,
        notifications=90_000,
        bench_notifications=40,
    ),
}


@dataclass(frozen=True)
class Generated:
    organisations: int
    people: int
    memberships: int
    audit_entries: int
    notifications: int
    bench_user_id: int
    seconds: float


_PLACES = (
    "Anyborough",
    "Eastwick",
    "Fernley",
    "Hollin Vale",
    "Kettlebrook",
    "Lowmarsh",
    "Millbridge",
    "Northcote",
    "Oakhurst",
    "Pebblesham",
    "Redwater",
    "Saltby",
    "Thornfield",
    "Upton Green",
    "Westmoor",
    "Yarrow Cross",
)
_PROVIDER_WORDS = (
    "Family Support",
    "Youth Project",
    "Women's Centre",
    "Recovery Network",
    "Carers' Circle",
    "Food Bank",
    "Advice Centre",
    "Housing Trust",
    "Befriending Scheme",
    "Men's Shed",
    "Refugee Welcome",
    "Community Kitchen",
    "Mental Health Forum",
    "Disability Alliance",
    "Arts Collective",
    "Sports Club",
)
_FUNDER_WORDS = {
    OrganisationKind.LOCAL_AUTHORITY: ("Borough Council", "District Council", "County Council"),
    OrganisationKind.NHS_BODY: ("Integrated Care Board", "Health Trust"),
    OrganisationKind.PCC: ("Office of the Police and Crime Commissioner",),
    OrganisationKind.CHARITABLE_FUNDER: ("Community Foundation", "Charitable Trust"),
}
_PROVIDER_KINDS = (
    OrganisationKind.CHARITY,
    OrganisationKind.CHARITY,
    OrganisationKind.CHARITY,
    OrganisationKind.COMMUNITY_GROUP,
    OrganisationKind.COMMUNITY_GROUP,
    OrganisationKind.SOCIAL_ENTERPRISE,
    OrganisationKind.PRIVATE_COMPANY,
    OrganisationKind.PUBLIC_BODY,
)
_SPECIALISMS = (
    "domestic abuse",
    "housing",
    "mental health",
    "young people",
    "older people",
    "drugs and alcohol",
    "employment",
    "food",
    "disability",
    "refugees",
    "carers",
    "loneliness",
)
_FIRST_NAMES = (
    "Aisha",
    "Ben",
    "Chloe",
    "Dev",
    "Efua",
    "Finn",
    "Grace",
    "Hamid",
    "Isla",
    "Jack",
    "Kemi",
    "Liam",
    "Maya",
    "Noah",
    "Olu",
    "Priya",
    "Rhys",
    "Sara",
    "Tom",
    "Zainab",
)
_LAST_NAMES = (
    "Adeyemi",
    "Brown",
    "Chowdhury",
    "Davies",
    "Evans",
    "Fraser",
    "Gill",
    "Hughes",
    "Iqbal",
    "Jones",
    "Khan",
    "Lewis",
    "Murphy",
    "Nowak",
    "O'Brien",
    "Patel",
    "Roberts",
    "Smith",
    "Taylor",
    "Williams",
)
_AUDIT_ACTIONS = (
    ("accounts.user.signed_in", "Signed in"),
    ("organisations.organisation.updated", "Changed the organisation's details"),
    ("organisations.membership.invited", "Invited someone to join"),
    ("organisations.membership.joined", "Joined the organisation"),
    ("organisations.membership.role_changed", "Changed someone's role"),
    ("notifications.preference.updated", "Changed email preferences"),
)
_BATCH = 2_000


def _size_band(income: int) -> str:
    bands = (
        (10_000, SizeBand.MICRO),
        (100_000, SizeBand.SMALL),
        (1_000_000, SizeBand.MEDIUM),
        (10_000_000, SizeBand.LARGE),
        (100_000_000, SizeBand.MAJOR),
    )
    for ceiling, band in bands:
        if income < ceiling:
            return str(band)
    return str(SizeBand.SUPER_MAJOR)


def _organisations(rng: random.Random, count: int) -> list[Organisation]:
    organisations = []
    funder_kinds = list(_FUNDER_WORDS)
    for i in range(count):
        place = rng.choice(_PLACES)
        # About one organisation in twelve pays for services; the rest run them.
        if i % 12 == 0:
            kind = funder_kinds[(i // 12) % len(funder_kinds)]
            name = f"{place} {rng.choice(_FUNDER_WORDS[kind])}"
        else:
            kind = rng.choice(_PROVIDER_KINDS)
            name = f"{place} {rng.choice(_PROVIDER_WORDS)}"
        # Incomes spread over several orders of magnitude, like the real sector.
        income = int(10 ** rng.uniform(3.5, 8.2))
        specialisms = sorted(rng.sample(_SPECIALISMS, k=rng.randint(1, 4)))
        organisations.append(
            Organisation(
                name=name,
                slug=f"{slugify(name)[:60]}-{i + 1}",
                kind=kind,
                charity_number=str(1_000_000 + i) if kind == OrganisationKind.CHARITY else "",
                company_number=f"{10_000_000 + i:08d}" if kind == OrganisationKind.SOCIAL_ENTERPRISE else "",
                annual_income=income,
                size_band=_size_band(income),
                areas_served=sorted(rng.sample(_PLACES, k=rng.randint(1, 3))),
                specialisms=specialisms,
                about=f"We work with people in {place} on {', '.join(specialisms)}.",
            )
        )
    return organisations


def _people(rng: random.Random, count: int, password_hash: str) -> list[User]:
    now = timezone.now()
    people = []
    for i in range(count):
        first, last = rng.choice(_FIRST_NAMES), rng.choice(_LAST_NAMES)
        people.append(
            User(
                email=f"{slugify(first)}.{slugify(last)}.{i + 1}@example.org",
                full_name=f"{first} {last}",
                password=password_hash,
                date_joined=now - datetime.timedelta(days=rng.randint(1, 900)),
            )
        )
    return people


def _memberships(
    rng: random.Random, people: Sequence[User], organisations: Sequence[Organisation], second: float
) -> list[Membership]:
    # A few large organisations and many small ones: pick with weights falling off by rank.
    weights = [1.0 / (rank + 1) ** 0.8 for rank in range(len(organisations))]
    seen: set[tuple[int, int]] = set()
    memberships = []
    first_member: set[int] = set()

    def add(person: User, organisation: Organisation) -> None:
        key = (person.pk, organisation.pk)
        if key in seen:
            return
        seen.add(key)
        # The first person in each organisation runs it.
        role = MembershipRole.ADMIN if organisation.pk not in first_member else MembershipRole.MEMBER
        first_member.add(organisation.pk)
        memberships.append(Membership(user=person, organisation=organisation, role=role))

    # Everyone's first organisation; the first pass makes sure no organisation is empty.
    for index, person in enumerate(people):
        if index < len(organisations):
            add(person, organisations[index])
        else:
            add(person, rng.choices(organisations, weights=weights)[0])
        if rng.random() < second:
            add(person, rng.choices(organisations, weights=weights)[0])
    return memberships


def _audit_entries(
    rng: random.Random,
    count: int,
    people: Sequence[User],
    organisations: Sequence[Organisation],
) -> list[AuditEntry]:
    """A valid chain continuing from the current head (the caller holds its lock)."""
    head, _ = AuditChainHead.objects.select_for_update().get_or_create(id=1)
    sequence, previous = head.sequence, head.hash
    now = timezone.now()
    start = now - datetime.timedelta(days=365)
    step = (now - start) / max(count, 1)
    entries = []
    for i in range(count):
        actor = rng.choice(people)
        organisation = rng.choice(organisations)
        action, summary = rng.choice(_AUDIT_ACTIONS)
        sequence += 1
        entry = AuditEntry(
            sequence=sequence,
            occurred_at=start + step * i,
            actor=actor,
            actor_label=f"{actor.full_name} <{actor.email}>",
            action=action,
            object_type="organisations.organisation",
            object_id=str(organisation.pk),
            object_label=organisation.name,
            organisation=organisation,
            before=audit_jsonable({}),
            after=audit_jsonable({"step": i % 7}),
            summary=summary,
            prev_hash=previous,
        )
        entry.hash = entry_hash(previous, entry.chain_content())
        previous = entry.hash
        entries.append(entry)
    head.sequence, head.hash = sequence, previous
    head.save(update_fields=["sequence", "hash"])
    return entries


def _notifications(
    rng: random.Random, count: int, recipients: Sequence[User], organisations: Sequence[Organisation]
) -> list[Notification]:
    now = timezone.now()
    kinds = [kind.code for kind in KINDS]
    notifications = []
    for _ in range(count):
        kind = rng.choice(kinds)
        organisation = rng.choice(organisations)
        created = now - datetime.timedelta(minutes=rng.randint(1, 60 * 24 * 180))
        notifications.append(
            Notification(
                recipient=rng.choice(recipients),
                organisation=organisation,
                kind=kind,
                title=f"News from {organisation.name}",
                body="Something changed that you may want to look at.",
                url=f"/organisations/{organisation.slug}/",
                created_at=created,
                # Most older notifications have been read.
                read_at=created + datetime.timedelta(hours=2) if rng.random() < 0.7 else None,
            )
        )
    return notifications


def _bulk(model: type[models.Model], objects: list[Any]) -> list[Any]:
    # AuditEntry's own manager refuses bulk writes (the app writes one entry at a time); the
    # generator builds a correct chain itself, so it goes round that guard on purpose.
    queryset: models.QuerySet[Any] = models.QuerySet(model)
    created: list[Any] = queryset.bulk_create(objects, batch_size=_BATCH)
    return created


def generate(
    scale: Scale,
    *,
    bench_password: str,
    seed: int = 2025,
    report: Callable[[str], None] = lambda message: None,
) -> Generated:
    """Fill the database with ``scale`` worth of made-up data and the benchmark person
    (``BENCH_EMAIL`` with ``bench_password``). Expects a freshly migrated, empty database."""
    started = time.monotonic()
    rng = random.Random(seed)
    shared_hash = make_password(f"generated-{seed}-not-for-signing-in")

    with transaction.atomic():
        organisations = _bulk(Organisation, _organisations(rng, scale.organisations))
        report(f"{len(organisations):,} organisations")
        people = _bulk(User, _people(rng, scale.people, shared_hash))
        report(f"{len(people):,} people")
        memberships = _bulk(Membership, _memberships(rng, people, organisations, scale.second_membership))
        report(f"{len(memberships):,} memberships")

        bench_user = User.objects.create_user(email=BENCH_EMAIL, password=bench_password, full_name=BENCH_NAME)
        providers = [org for org in organisations if org.kind not in FUNDER_KINDS]
        bench_orgs = providers[:2]
        _bulk(
            Membership,
            [
                Membership(user=bench_user, organisation=bench_orgs[0], role=MembershipRole.ADMIN),
                Membership(user=bench_user, organisation=bench_orgs[1], role=MembershipRole.MEMBER),
            ],
        )

        audit_entries = _bulk(AuditEntry, _audit_entries(rng, scale.audit_entries, people, organisations))
        report(f"{len(audit_entries):,} audit entries")
        notifications = _notifications(rng, scale.notifications, people, organisations)
        notifications += _notifications(rng, scale.bench_notifications, [bench_user], bench_orgs)
        _bulk(Notification, notifications)
        report(f"{len(notifications):,} notifications")

    return Generated(
        organisations=len(organisations),
        people=len(people) + 1,
        memberships=len(memberships) + 2,
        audit_entries=len(audit_entries),
        notifications=len(notifications),
        bench_user_id=bench_user.pk,
        seconds=time.monotonic() - started,
    )
