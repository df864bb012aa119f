"""Made-up data at a realistic scale, for the benchmark.

``generate(scale)`` fills an empty database with organisations, people, memberships, audit
entries and notifications, then loads the real framework content (``content/frameworks``) and
makes commissions that are part-way through the journey: teams, partner funders, stage
statuses, responses with their earlier versions, and comments with mentions. It uses the
models directly and ``bulk_create`` so that tens of thousands of rows take seconds, not
minutes. Everything comes from one seeded random number generator, so the same scale gives the
same data.

The benchmark person leads one commission, with hundreds of responses, versions and comments,
so its journey, stage and coverage pages are measured with a realistic amount on them. That
commission gets the fixed id ``bench.pages.BENCH_COMMISSION_PK`` (the database is empty, and
the id sequence is moved on past the generated ones afterwards), so the page list can name its
pages.

Two shortcuts, both because the benchmark is about reading pages, not writing them:

- Every generated person shares one password hash (hashing a password takes tens of
  milliseconds on purpose, so hashing 20,000 would take minutes).
- Audit entries are written in bulk rather than through ``audit_log``. They are still a
  proper chain: each entry is hashed with ``tandem.audit.chain`` exactly as ``audit_log``
  would, and the chain head is moved to the last one, so ``manage.py audit_verify`` passes.

- Responses, comments and stage statuses are written in bulk rather than through the
  commission services, so they make no audit entries or notifications of their own. They keep
  the models' rules: one current response per prompt, revisions numbered 1, 2, 3... with only
  the newest current, and a reason on every "not relevant here".

Django must be set up before this module is imported (``bench/run.py`` and the tests do that).
"""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.text import slugify

from bench.lens_text import specification_text
from bench.pages import BENCH_COMMISSION_PK, BENCH_STAGE
from tandem.accounts.models import User
from tandem.audit.models import AuditChainHead, AuditEntry
from tandem.audit.selectors import audit_keyring
from tandem.audit.services import audit_head_move, audit_jsonable, audit_sign
from tandem.commissions.models import (
    Comment,
    Commission,
    PartnerFunder,
    Response,
    ResponseKind,
    StageProgress,
    StageStatus,
    TeamMember,
    TeamRole,
)
from tandem.frameworks.models import FrameworkVersion, Prompt, Stage
from tandem.frameworks.services import frameworks_load_default
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
from tandem.tenders.models import Question, Specification

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
    # Commissions besides the benchmark person's own.
    commissions: int
    # On the benchmark person's commission: at most this many versions of each response, and
    # at most this many comments on each prompt.
    bench_revisions: int
    bench_comments: int
    # Words in the benchmark commission's specification, which the tender lens page reviews.
    specification_words: int


SCALES: dict[str, Scale] = {
    # For the test that keeps this generator working.
    "tiny": Scale(
        organisations=12,
        people=40,
        second_membership=0.2,
        audit_entries=60,
        notifications=80,
        bench_notifications=8,
        commissions=3,
        bench_revisions=3,
        bench_comments=2,
        specification_words=400,
    ),
    # What `make bench` uses: a large region's worth of organisations and people.
    "bench": Scale(
        organisations=3_000,
        people=30_000,
        second_membership=0.15,
        audit_entries=60_000,
        notifications=90_000,
        bench_notifications=40,
        commissions=400,
        bench_revisions=6,
        bench_comments=7,
        specification_words=20_000,
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
    commissions: int
    responses: int
    comments: int
    bench_commission_id: int
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
    keyring = audit_keyring()
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
        audit_sign(entry, keyring=keyring)
        previous = entry.hash
        entries.append(entry)
    audit_head_move(head, sequence=sequence, hash=previous, keyring=keyring)
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


_SERVICES = (
    ("Domestic abuse support", "domestic abuse", "Adults and children who have lived with domestic abuse."),
    ("Young people's mental health", "mental health", "Young people aged 11 to 25 who are finding life hard."),
    ("Support for young carers", "carers", "Children who look after someone at home."),
    ("Housing first", "housing", "People who have slept rough or moved between hostels for years."),
    ("Drug and alcohol recovery", "drugs and alcohol", "Adults who want to cut down or stop, and their families."),
    ("Befriending for older people", "loneliness", "Older people who live alone and rarely go out."),
    ("Help into work", "employment", "People who have been out of work for a long time."),
    ("Refugee welcome and advice", "refugees", "Families who have just arrived and are settling in."),
)
_THINKING = (
    "We looked at what happened last time and the people who used the service told us it felt rushed.",
    "The team thinks we need to hear from more people before we decide anything here.",
    "Two providers said the timescale is too short for small groups to take part.",
    "We are not sure yet. We will ask the lived-experience panel at the next meeting.",
    "Our data shows most people find us through their GP, not through the council.",
    "People told us they want to tell their story once, not again at every door.",
    "We think the budget covers the core service but not the outreach work.",
    "Staff in the current service are tired, and we should plan for their wellbeing too.",
)
_DECISIONS = (
    "We will pay people with lived experience for their time, at the same rate as staff.",
    "We agreed to run two open sessions for providers before we write the specification.",
    "We will give the contract five years, so the service has time to settle.",
    "We will judge bids on quality and social value, not on price alone.",
    "We decided to keep the service in the community centres people already use.",
)
_NOT_RELEVANT = (
    "This service has no buildings of its own, so this does not apply.",
    "We are not buying anything at this stage; we will come back to it later.",
    "This is a grant, not a contract, so the question does not fit.",
)
_COMMENTS = (
    "Thanks, this is really helpful. Can we talk it through on Thursday?",
    "I am not sure this is right. The people I work with said something different.",
    "Could we add the link to the needs assessment here?",
    "Agreed. Let us mark this as a decision once the panel has seen it.",
    "I have changed the wording a little so it reads more clearly.",
    "Who is going to check this with the providers?",
)
_EVIDENCE = (
    {"title": "Needs assessment 2024", "url": "https://www.example.gov.uk/needs-assessment-2024"},
    {"title": "Notes from the lived-experience panel", "url": "https://www.example.org/panel-notes"},
    {"title": "Last year's service report", "url": "https://www.example.org/service-report.pdf"},
)
# Roles for everyone on a team but the lead, in the order the benchmark commission fills them.
_TEAM_ROLES = (
    TeamRole.FINANCE,
    TeamRole.PROCUREMENT,
    TeamRole.LIVED_EXPERIENCE,
    TeamRole.LIVED_EXPERIENCE,
    TeamRole.OBSERVER,
)


@dataclass(frozen=True)
class _Journey:
    version: FrameworkVersion
    stages: list[Stage]
    prompts_by_stage: dict[int, list[Prompt]]


def _journey() -> _Journey:
    """The real framework content, loaded from content/frameworks as the site loads it."""
    version = frameworks_load_default()
    stages = list(Stage.objects.filter(version=version).order_by("order"))
    prompts_by_stage: dict[int, list[Prompt]] = {stage.pk: [] for stage in stages}
    for prompt in Prompt.objects.filter(stage__version=version).order_by("stage__order", "order"):
        prompts_by_stage[prompt.stage_id].append(prompt)
    return _Journey(version=version, stages=stages, prompts_by_stage=prompts_by_stage)


@dataclass
class _Plan:
    """One commission before it is written, with how far through the journey it is."""

    commission: Commission
    team: list[TeamMember]
    reached: int  # how many stages, from the first, the team has worked on
    bench: bool


def _commission_plans(
    rng: random.Random,
    count: int,
    journey: _Journey,
    funders: Sequence[Organisation],
    admins: dict[int, User],
    people: Sequence[User],
    bench_user: User,
) -> list[_Plan]:
    """The benchmark person's commission first (id ``BENCH_COMMISSION_PK``), then ``count``
    others led by their funder's first administrator."""
    slugs = [stage.slug for stage in journey.stages]
    bench_reached = slugs.index(BENCH_STAGE) + 1 if BENCH_STAGE in slugs else len(slugs)
    today = timezone.localdate()
    plans = []
    for i in range(count + 1):
        bench = i == 0
        funder = funders[0] if bench else rng.choice(funders)
        lead = bench_user if bench else admins[funder.pk]
        title, area, people_for = rng.choice(_SERVICES)
        place = rng.choice(_PLACES)
        reached = bench_reached if bench else rng.randint(0, len(slugs))
        starts_on = today + datetime.timedelta(days=rng.randint(60, 500))
        commission = Commission(
            pk=BENCH_COMMISSION_PK + i,
            title=f"{title} in {place}",
            purpose=f"So that people in {place} get {area} support that is safe, kind and easy to reach.",
            service_area=area,
            people_for=people_for,
            lead_funder=funder,
            estimated_value=Decimal(rng.randint(5, 400) * 10_000),
            starts_on=starts_on,
            ends_on=starts_on + datetime.timedelta(days=365 * rng.randint(1, 5)),
            framework_version=journey.version,
            current_stage=slugs[max(reached, 1) - 1] if slugs else "",
            created_by=lead,
        )
        team = [TeamMember(commission=commission, user=lead, role=TeamRole.LEAD)]
        others = rng.sample(people, k=len(_TEAM_ROLES) if bench else rng.randint(1, 4))
        for person, role in zip(
            others, _TEAM_ROLES if bench else rng.choices(_TEAM_ROLES, k=len(others)), strict=False
        ):
            if person.pk != lead.pk:
                team.append(TeamMember(commission=commission, user=person, role=role))
        plans.append(_Plan(commission=commission, team=team, reached=reached, bench=bench))
    return plans


def _partners(rng: random.Random, plans: Sequence[_Plan], funders: Sequence[Organisation]) -> list[PartnerFunder]:
    partners = []
    for plan in plans:
        choices = [f for f in funders if f.pk != plan.commission.lead_funder_id]
        for organisation in rng.sample(choices, k=min(len(choices), rng.randint(0, 2))):
            contribution = Decimal(rng.randint(1, 50) * 5_000) if rng.random() < 0.8 else None
            partners.append(
                PartnerFunder(commission=plan.commission, organisation=organisation, contribution=contribution)
            )
    return partners


def _stage_progress(rng: random.Random, plans: Sequence[_Plan], journey: _Journey) -> list[StageProgress]:
    """A row for every stage, as starting a commission makes. Stages before the one the team is
    in are considered (some marked to revisit); the one it is in is in progress; later ones
    are not started."""
    rows = []
    for plan in plans:
        for index, stage in enumerate(journey.stages):
            updated_by: User | None = rng.choice(plan.team).user
            if index >= plan.reached:
                status, updated_by = StageStatus.NOT_STARTED, None
            elif index == plan.reached - 1:
                status = StageStatus.IN_PROGRESS
            else:
                status = StageStatus.REVISIT if rng.random() < 0.2 else StageStatus.CONSIDERED
            rows.append(StageProgress(commission=plan.commission, stage=stage, status=status, updated_by=updated_by))
    return rows


def _response_versions(
    rng: random.Random, plan: _Plan, prompt: Prompt, versions: int, writers: Sequence[User]
) -> list[Response]:
    """Versions 1..n of one response; only the newest is current."""
    rows = []
    for revision in range(1, versions + 1):
        newest = revision == versions
        kind = rng.choices(list(ResponseKind), weights=(6, 3, 1))[0] if newest else ResponseKind.ANSWER
        text = rng.choice(_DECISIONS if kind == ResponseKind.DECISION else _THINKING)
        rows.append(
            Response(
                commission=plan.commission,
                prompt=prompt,
                kind=kind,
                text="" if kind == ResponseKind.NOT_RELEVANT else text,
                reason=rng.choice(_NOT_RELEVANT) if kind == ResponseKind.NOT_RELEVANT else "",
                evidence_links=[rng.choice(_EVIDENCE)] if rng.random() < 0.25 else [],
                author=rng.choice(writers),
                revision=revision,
                is_current=newest,
            )
        )
    return rows


def _responses_and_comments(
    rng: random.Random, plans: Sequence[_Plan], journey: _Journey, scale: Scale
) -> tuple[list[Response], list[Comment], list[list[User]]]:
    """Responses (every version) and comments, with the people each comment mentions.

    The benchmark person's commission answers most prompts in every stage, with up to
    ``scale.bench_revisions`` versions and ``scale.bench_comments`` comments each; the others
    answer some of the prompts in the stages they have reached."""
    responses: list[Response] = []
    comments: list[Comment] = []
    mentions: list[list[User]] = []
    for plan in plans:
        writers = [member.user for member in plan.team if member.role != TeamRole.OBSERVER]
        everyone = [member.user for member in plan.team]
        stages = journey.stages if plan.bench else journey.stages[: plan.reached]
        share = 0.85 if plan.bench else rng.uniform(0.2, 0.9)
        for stage in stages:
            for prompt in journey.prompts_by_stage[stage.pk]:
                if rng.random() < share:
                    versions = rng.randint(1, scale.bench_revisions) if plan.bench else rng.randint(1, 3)
                    responses += _response_versions(rng, plan, prompt, versions, writers)
                if plan.bench:
                    how_many = rng.randint(0, scale.bench_comments)
                else:
                    how_many = rng.randint(1, 2) if rng.random() < 0.15 else 0
                for _ in range(how_many):
                    author = rng.choice(everyone)
                    mentioned = [p for p in everyone if p.pk != author.pk and rng.random() < 0.15]
                    text = rng.choice(_COMMENTS)
                    if mentioned:
                        text = " ".join(f"@{p.full_name}" for p in mentioned) + " " + text
                    comments.append(Comment(commission=plan.commission, prompt=prompt, author=author, text=text))
                    mentions.append(mentioned)
    return responses, comments, mentions


def _reset_id_sequences(*tables: type[models.Model]) -> None:
    """After writing rows with ids of our own, move the tables' id sequences past them, so rows
    the application adds later get fresh ids (PostgreSQL; SQLite keeps up by itself)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(tables))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _commissions(
    rng: random.Random,
    scale: Scale,
    organisations: Sequence[Organisation],
    memberships: Sequence[Membership],
    people: Sequence[User],
    bench_user: User,
    report: Callable[[str], None],
) -> tuple[int, int, int]:
    """Commissions on the real journey, with everything the team has recorded. Returns how many
    commissions, responses (every version) and comments were made."""
    if Commission.objects.exists():
        raise RuntimeError("The benchmark generator expects no commissions yet: it gives them ids of its own.")
    journey = _journey()
    funders = [org for org in organisations if org.kind in FUNDER_KINDS]
    admins: dict[int, User] = {}
    for membership in memberships:
        if membership.role == MembershipRole.ADMIN:
            admins.setdefault(membership.organisation.pk, membership.user)
    plans = _commission_plans(rng, scale.commissions, journey, funders, admins, people, bench_user)
    _bulk(Commission, [plan.commission for plan in plans])
    _reset_id_sequences(Commission)
    _bulk(TeamMember, [member for plan in plans for member in plan.team])
    _bulk(PartnerFunder, _partners(rng, plans, funders))
    _bulk(StageProgress, _stage_progress(rng, plans, journey))
    responses, comments, mentions = _responses_and_comments(rng, plans, journey, scale)
    _bulk(Response, responses)
    created = _bulk(Comment, comments)
    through = Comment.mentions.through
    _bulk(
        through,
        [
            through(comment_id=comment.pk, user_id=person.pk)
            for comment, mentioned in zip(created, mentions, strict=True)
            for person in mentioned
        ],
    )
    bench_plan = plans[0]
    bench_responses = sum(1 for r in responses if r.commission is bench_plan.commission)
    bench_comments = sum(1 for c in comments if c.commission is bench_plan.commission)
    report(
        f"{len(plans):,} commissions on {journey.version}, {len(responses):,} responses (every version) "
        f"and {len(comments):,} comments; the benchmark person's commission has {bench_responses:,} "
        f"responses and {bench_comments:,} comments"
    )
    return len(plans), len(responses), len(comments)


BENCH_QUESTIONS = 30


def _bench_specification(words: int) -> int:
    """The benchmark commission's specification: ``words`` words of made-up text (bench/lens_text.py)
    spread over its about-the-service fields, and questions for bidders, so the tender lens page
    reviews a long specification. Returns the number of words written."""
    paragraphs = specification_text(words).split("\n\n")
    fields = ("purpose", "people_for", "services_required", "reporting", "ending_plan")
    share = -(-len(paragraphs) // len(fields))
    texts = {name: "\n\n".join(paragraphs[n * share : (n + 1) * share]) for n, name in enumerate(fields)}
    specification = Specification.objects.create(
        commission_id=BENCH_COMMISSION_PK,
        term_months=36,
        value_including_vat=Decimal("450000.00"),
        **texts,
    )
    _bulk(
        Question,
        [
            Question(
                specification=specification,
                order=n,
                text=f"How will you make the service feel safe for the people in area {n}?",
                why_we_ask="To understand how you will build trust.",
                how_we_use="The panel scores it against the quality criterion.",
                is_open=n == BENCH_QUESTIONS - 1,
            )
            for n in range(BENCH_QUESTIONS)
        ],
    )
    return sum(len(text.split()) for text in texts.values())


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

        commissions, responses, comments = _commissions(
            rng, scale, organisations, memberships, people, bench_user, report
        )
        words = _bench_specification(scale.specification_words)
        report(f"a specification of {words:,} words for the benchmark person's commission")

    return Generated(
        organisations=len(organisations),
        people=len(people) + 1,
        memberships=len(memberships) + 2,
        audit_entries=len(audit_entries),
        notifications=len(notifications),
        bench_user_id=bench_user.pk,
        commissions=commissions,
        responses=responses,
        comments=comments,
        bench_commission_id=BENCH_COMMISSION_PK,
        seconds=time.monotonic() - started,
    )
