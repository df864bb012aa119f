"""``python manage.py demo``: build Anyborough, a made-up place, to try Tandem with.

Four funders, twelve providers from a two-person community group to a national charity,
people in every role, and two commissions part-way through the journey (from
content/demo/commissions.yaml, after loading the frameworks). Everything is made through the
same services the pages use, so the audit trail tells the story. Running it again adds only
what is missing.

Refused unless ``settings.TANDEM_ALLOW_DEMO`` is on (it is off under production settings),
because every demo account shares one published password.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.test.utils import override_settings

from tandem.accounts import totp
from tandem.accounts.models import User
from tandem.accounts.services import two_factor_enable
from tandem.core.invitations.selectors import invitations_pending
from tandem.demo.accounts import DEMO_PASSWORD, demo_secret
from tandem.demo.commissions import (
    DemoDataError,
    commissions_demo_build,
    commissions_demo_newcomers,
    commissions_demo_summary,
)
from tandem.demo.specifications import SpecificationDemoError, specifications_demo_build
from tandem.frameworks.loader import FrameworkError
from tandem.frameworks.services import frameworks_load
from tandem.organisations.models import Invitation, Membership, MembershipRole, Organisation, OrganisationKind
from tandem.organisations.services import (
    OrganisationDetails,
    invitation_accept,
    invitation_accept_new_account,
    invitation_create,
    invitation_revoke,
    organisation_create,
)

SITE_ADMIN_EMAIL = "morgan.ellis@tandem.example"
SITE_ADMIN_NAME = "Morgan Ellis"
JOINING_REASON = "The organisation asked to join Tandem and named this person as its first administrator"


@dataclass(frozen=True)
class Person:
    email: str
    name: str
    role: str = MembershipRole.MEMBER
    note: str = ""  # shown in the sign-in table, e.g. "lived experience"


@dataclass(frozen=True)
class Place:
    """An organisation in Anyborough, its people and anyone invited but not yet joined."""

    slug: str
    details: OrganisationDetails
    people: tuple[Person, ...] = ()
    invited: tuple[Person, ...] = ()


def _org(slug: str, name: str, kind: str, **values: Any) -> tuple[str, OrganisationDetails]:
    return slug, OrganisationDetails(name=name, kind=kind, **values)


FUNDERS: tuple[Place, ...] = (
    Place(
        *_org(
            "anyborough-borough-council",
            "Anyborough Borough Council",
            OrganisationKind.LOCAL_AUTHORITY,
            annual_income=412_000_000,
            areas_served=("whole-borough",),
            specialisms=("housing", "older-people", "young-people", "carers", "learning-disability", "domestic-abuse"),
            about=(
                "We are the council for Anyborough. We pay for many of the local services that adults, "
                "children and families rely on. We want to plan them with the people who use them and the "
                "groups who run them, and to be clear and fair about how we choose."
            ),
        ),
        people=(
            Person(
                "priya.shah@council.anyborough.example", "Priya Shah", MembershipRole.ADMIN, "head of commissioning"
            ),
            Person("tom.reilly@council.anyborough.example", "Tom Reilly", note="commissioning officer"),
            Person("grace.adeyemi@council.anyborough.example", "Grace Adeyemi", note="finance and procurement"),
        ),
        invited=(Person("new.commissioner@council.anyborough.example", "", MembershipRole.MEMBER),),
    ),
    Place(
        *_org(
            "anyborough-icb",
            "Anyborough and District Integrated Care Board",
            OrganisationKind.NHS_BODY,
            annual_income=1_900_000_000,
            areas_served=("whole-borough", "beyond-anyborough"),
            specialisms=("mental-health", "substance-use", "older-people", "learning-disability"),
            about=(
                "We plan and pay for NHS services across Anyborough and the district around it. We work with "
                "the council and local groups so that health and care fit together for people."
            ),
        ),
        people=(
            Person(
                "helen.marsh@icb.anyborough.example", "Helen Marsh", MembershipRole.ADMIN, "director of partnerships"
            ),
            Person("daniel.okoro@icb.anyborough.example", "Daniel Okoro", note="mental health commissioner"),
        ),
    ),
    Place(
        *_org(
            "anyborough-pcc",
            "Office of the Police and Crime Commissioner for Anyborough",
            OrganisationKind.PCC,
            annual_income=6_300_000,
            areas_served=("whole-borough",),
            specialisms=("criminal-justice", "domestic-abuse", "substance-use", "young-people"),
            about=(
                "The commissioner is elected to hold the police to account and to fund services that help "
                "victims of crime and stop crime happening. Our office runs those grants and contracts."
            ),
        ),
        people=(
            Person(
                "marcus.bell@pcc.anyborough.example", "Marcus Bell", MembershipRole.ADMIN, "head of victim services"
            ),
            Person("aisha.rahman@pcc.anyborough.example", "Aisha Rahman", note="grants officer"),
        ),
    ),
    Place(
        *_org(
            "anyborough-community-foundation",
            "Anyborough Community Foundation",
            OrganisationKind.CHARITABLE_FUNDER,
            charity_number="1162734",
            company_number="09512345",
            annual_income=2_400_000,
            areas_served=("whole-borough",),
            specialisms=("food-poverty", "young-people", "older-people", "refugees"),
            about=(
                "We give grants to small local groups, funded by local people and businesses. We keep our "
                "forms short and we visit instead of asking for long reports."
            ),
        ),
        people=(
            Person("ruth.evans@foundation.anyborough.example", "Ruth Evans", MembershipRole.ADMIN, "grants manager"),
        ),
    ),
)

PROVIDERS: tuple[Place, ...] = (
    Place(
        *_org(
            "eastgate-kitchen-table",
            "Eastgate Kitchen Table",
            OrganisationKind.COMMUNITY_GROUP,
            annual_income=3_200,
            areas_served=("eastgate",),
            specialisms=("food-poverty", "older-people", "mental-health"),
            about=(
                "Two neighbours who cook a free hot meal every Thursday in the church hall. Anyone can come. "
                "Nobody has to explain why they are there."
            ),
        ),
        people=(
            Person("bev.carter@kitchentable.anyborough.example", "Bev Carter", MembershipRole.ADMIN, "founder"),
            Person(
                "kofi.mensah@kitchentable.anyborough.example",
                "Kofi Mensah",
                note="lived experience: came for meals, now co-runs the group",
            ),
        ),
    ),
    Place(
        *_org(
            "millbrook-mens-shed",
            "Millbrook Men's Shed",
            OrganisationKind.COMMUNITY_GROUP,
            annual_income=8_500,
            areas_served=("millbrook", "foxmoor"),
            specialisms=("older-people", "mental-health"),
            about=(
                "A workshop where men, mostly retired, make and mend things together. It is a place to talk "
                "side by side, which many find easier than face to face."
            ),
        ),
        invited=(Person("dave.price@mensshed.anyborough.example", "", MembershipRole.ADMIN),),
    ),
    Place(
        *_org(
            "anyborough-refugee-welcome",
            "Anyborough Refugee Welcome",
            OrganisationKind.CHARITY,
            charity_number="1187345",
            annual_income=46_000,
            areas_served=("town-centre", "northfield"),
            specialisms=("refugees", "employment"),
            about=(
                "Volunteers who help people new to the country find their feet: English conversation, help "
                "with forms, and a friendly face. Several of our volunteers came here as refugees."
            ),
        ),
        people=(
            Person("jordan.blake@refugeewelcome.anyborough.example", "Jordan Blake", MembershipRole.ADMIN, "trustee"),
        ),
    ),
    Place(
        *_org(
            "canal-side-young-peoples-project",
            "Canal Side Young People's Project",
            OrganisationKind.CHARITY,
            charity_number="1093481",
            company_number="04412876",
            annual_income=92_000,
            areas_served=("canal-side", "riverside"),
            specialisms=("young-people", "mental-health"),
            about=(
                "A youth club and drop-in for 11 to 19 year olds. Young people sit on our board and help us "
                "choose what we do next."
            ),
        ),
        people=(
            Person("sian.hughes@canalside.anyborough.example", "Sian Hughes", MembershipRole.ADMIN, "manager"),
            # Jordan is in two organisations, to show the switcher.
            Person("jordan.blake@refugeewelcome.anyborough.example", "Jordan Blake", note="youth worker"),
        ),
    ),
    Place(
        *_org(
            "harbour-recovery-community",
            "Harbour Recovery Community CIC",
            OrganisationKind.SOCIAL_ENTERPRISE,
            company_number="11234567",
            annual_income=340_000,
            areas_served=("town-centre", "hollin-park"),
            specialisms=("substance-use", "mental-health", "housing"),
            about=(
                "Run by people in recovery from drugs and alcohol, for people who want to recover. We run "
                "peer groups, a café that trains people for work, and a few flats for people moving on."
            ),
        ),
        people=(Person("lee.turner@harbour.anyborough.example", "Lee Turner", MembershipRole.ADMIN, "director"),),
    ),
    Place(
        *_org(
            "riverside-womens-aid",
            "Riverside Women's Aid",
            OrganisationKind.CHARITY,
            charity_number="1098765",
            company_number="04567890",
            annual_income=780_000,
            areas_served=("riverside", "eastgate", "westmoor"),
            specialisms=("domestic-abuse", "young-people", "housing"),
            about=(
                "We support women and children who have lived with domestic abuse: a safe house, someone to "
                "talk to, and help with housing, money and court."
            ),
        ),
        people=(
            Person(
                "amina.yusuf@riversidewa.anyborough.example", "Amina Yusuf", MembershipRole.ADMIN, "chief executive"
            ),
            Person("claire.dobson@riversidewa.anyborough.example", "Claire Dobson", note="support worker"),
        ),
        invited=(Person("volunteer.lead@riversidewa.anyborough.example", "", MembershipRole.MEMBER),),
    ),
    Place(
        *_org(
            "anyborough-carers-centre",
            "Anyborough Carers' Centre",
            OrganisationKind.CHARITY,
            charity_number="1120456",
            annual_income=510_000,
            areas_served=("whole-borough",),
            specialisms=("carers", "older-people", "learning-disability"),
            about=(
                "For anyone who looks after a family member or friend without being paid. Advice, breaks, "
                "and a chance to meet other carers."
            ),
        ),
        invited=(Person("manager@carerscentre.anyborough.example", "", MembershipRole.ADMIN),),
    ),
    Place(
        *_org(
            "northfield-housing-trust",
            "Northfield Housing Trust",
            OrganisationKind.CHARITY,
            charity_number="1054321",
            company_number="03123456",
            annual_income=4_200_000,
            areas_served=("northfield", "copper-hill", "westmoor"),
            specialisms=("housing", "learning-disability", "mental-health"),
            about=(
                "We provide supported homes and help people keep their tenancy. Many of our tenants have "
                "been homeless before."
            ),
        ),
        people=(
            Person("raj.patel@northfieldht.anyborough.example", "Raj Patel", MembershipRole.ADMIN, "head of services"),
        ),
    ),
    Place(
        *_org(
            "second-chances-anyborough",
            "Second Chances Anyborough",
            OrganisationKind.SOCIAL_ENTERPRISE,
            company_number="09876543",
            annual_income=1_300_000,
            areas_served=("town-centre", "hollin-park", "canal-side"),
            specialisms=("criminal-justice", "employment", "substance-use"),
            about=(
                "We give people leaving prison paid work in our bike workshop and removals business, and "
                "stand by them while they settle back into the community."
            ),
        ),
        invited=(Person("ops@secondchances.anyborough.example", "", MembershipRole.ADMIN),),
    ),
    Place(
        *_org(
            "brightpath-care",
            "Brightpath Care Ltd",
            OrganisationKind.PRIVATE_COMPANY,
            company_number="06543210",
            # They chose a size rather than giving their income: the question can be skipped.
            size_band="large",
            areas_served=("whole-borough", "beyond-anyborough"),
            specialisms=("older-people", "learning-disability"),
            about="Home care and supported living across the region, with local teams in each town.",
        ),
    ),
    Place(
        *_org(
            "anyborough-college",
            "Anyborough College",
            OrganisationKind.PUBLIC_BODY,
            annual_income=18_500_000,
            areas_served=("whole-borough",),
            specialisms=("employment", "young-people", "refugees"),
            about="The further education college for the borough: courses, apprenticeships and English classes.",
        ),
        invited=(Person("partnerships@college.anyborough.example", "", MembershipRole.ADMIN),),
    ),
    Place(
        *_org(
            "kindred-minds",
            "Kindred Minds",
            OrganisationKind.CHARITY,
            charity_number="SC031234",
            company_number="SC212345",
            annual_income=64_000_000,
            areas_served=("whole-borough", "beyond-anyborough"),
            specialisms=("mental-health", "young-people", "carers"),
            about=(
                "A national mental health charity. We started in Scotland and now work across the UK, "
                "including a helpline and a local team in Anyborough."
            ),
        ),
        people=(
            Person("fiona.campbell@kindredminds.example", "Fiona Campbell", MembershipRole.ADMIN, "regional manager"),
        ),
    ),
)

PLACES: tuple[Place, ...] = FUNDERS + PROVIDERS


def demo_people() -> dict[str, bool]:
    """Every demo account's email, and whether it needs a two-factor code."""
    people = {SITE_ADMIN_EMAIL: True}
    for place in PLACES:
        for person in place.people:
            people[person.email] = people.get(person.email, False) or place in FUNDERS
    return people


@dataclass
class SignIn:
    email: str
    role: str
    organisation: str
    code: bool


class Command(BaseCommand):
    help = (
        "Build the Anyborough demo: the frameworks, funders, providers, people in every role, a few "
        "invitations and two commissions part-way through the journey."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quiet-table", action="store_true", help="Do not print the table of demo sign-ins.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not getattr(settings, "TANDEM_ALLOW_DEMO", False):
            raise CommandError(
                "Demo data is turned off here. Every demo account shares a published password, so it is "
                "never allowed with production settings. To load it on your own machine, set "
                "TANDEM_ALLOW_DEMO=1 (local settings do this for you)."
            )
        # Invitation emails are not sent while building the demo: nobody is there to read them.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"), transaction.atomic():
            # The journey's content first: the demo commissions run on it.
            try:
                published = [result.describe() for result in frameworks_load(actor=None) if result.published]
            except FrameworkError as error:
                raise CommandError(str(error)) from error
            site_admin = self._site_admin()
            rows = [SignIn(SITE_ADMIN_EMAIL, "Site administrator", "Every organisation", True)]
            waiting = 0
            for place in PLACES:
                organisation = self._organisation(site_admin, place)
                for person in place.people:
                    user = self._member(site_admin, organisation, person)
                    if place in FUNDERS:
                        self._two_factor(user)
                    role = "Administrator" if person.role == MembershipRole.ADMIN else "Member"
                    if person.note:
                        role = f"{role} ({person.note})"
                    rows.append(SignIn(person.email, role, organisation.name, place in FUNDERS))
                for person in place.invited:
                    waiting += self._invite(site_admin, organisation, person)
            try:
                commissions = commissions_demo_build()
                newcomers = commissions_demo_newcomers()
                specifications_demo_build()
            except (DemoDataError, SpecificationDemoError) as error:
                raise CommandError(str(error)) from error
            for newcomer in newcomers:
                rows.append(SignIn(newcomer.email, f"{newcomer.role} on a commission's team", "No organisation", False))
        for line in published:
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Anyborough demo data is ready."))
        if waiting:
            self.stdout.write(f"Sent {waiting} invitation(s) that are waiting for a reply (emails not sent).")
        self.stdout.write("Commissions part-way through the journey (sign in as someone on the team to see one):")
        for line in commissions_demo_summary(commissions):
            self.stdout.write(f"  {line}")
        if not options["quiet_table"]:
            self._table(rows)

    # ------------------------------------------------------------------------------------------

    def _site_admin(self) -> User:
        user = User.objects.filter(email=SITE_ADMIN_EMAIL).first()
        if user is None:
            user = User.objects.create_superuser(
                email=SITE_ADMIN_EMAIL, password=DEMO_PASSWORD, full_name=SITE_ADMIN_NAME
            )
        self._two_factor(user)
        return user

    def _organisation(self, site_admin: User, place: Place) -> Organisation:
        existing = Organisation.objects.filter(slug=place.slug).first()
        if existing is not None:
            return existing
        return organisation_create(actor=site_admin, details=place.details, slug=place.slug)

    # A site administrator sends an organisation's first invitations when it joins Tandem, and must
    # say why (decision 0009); an organisation's own administrator needs no reason, so it is ignored.
    def _inviter(self, site_admin: User, organisation: Organisation) -> User:
        """An administrator of the organisation sends invitations when there is one; otherwise
        the site administrator does, as when an organisation first joins."""
        admin = (
            Membership.objects.filter(organisation=organisation, role=MembershipRole.ADMIN)
            .select_related("user")
            .order_by("created_at")
            .first()
        )
        return admin.user if admin else site_admin

    def _clear_waiting(self, inviter: User, organisation: Organisation, email: str) -> None:
        """A run that stopped half way may have left an invitation waiting; cancel it so a new
        one can be sent (its link was never shown to anyone)."""
        for invitation in invitations_pending(Invitation.objects.filter(organisation=organisation, email=email)):
            invitation_revoke(actor=inviter, invitation=invitation, reason=JOINING_REASON)

    def _member(self, site_admin: User, organisation: Organisation, person: Person) -> User:
        user = User.objects.filter(email=person.email).first()
        if user is not None and Membership.objects.filter(user=user, organisation=organisation).exists():
            return user
        inviter = self._inviter(site_admin, organisation)
        self._clear_waiting(inviter, organisation, person.email)
        invitation, _token = invitation_create(
            actor=inviter, organisation=organisation, email=person.email, role=person.role, reason=JOINING_REASON
        )
        if user is None:
            membership = invitation_accept_new_account(
                invitation=invitation, full_name=person.name, password=DEMO_PASSWORD
            )
        else:
            membership = invitation_accept(invitation=invitation, user=user)
        return membership.user

    def _invite(self, site_admin: User, organisation: Organisation, person: Person) -> int:
        """An invitation left waiting for a reply. Returns 1 when one was sent now."""
        waiting = invitations_pending(Invitation.objects.filter(organisation=organisation, email=person.email)).exists()
        if waiting or Membership.objects.filter(organisation=organisation, user__email=person.email).exists():
            return 0
        invitation_create(
            actor=self._inviter(site_admin, organisation),
            organisation=organisation,
            email=person.email,
            role=person.role,
            reason=JOINING_REASON,
        )
        return 1

    def _two_factor(self, user: User) -> None:
        if user.has_two_factor:
            return
        secret = demo_secret(user.email)
        # Confirm the secret with a code from a few steps ago, so the codes of the next minutes
        # (from demo_code or an app) are all still unused.
        then = time.time() - 4 * totp.STEP_SECONDS
        two_factor_enable(actor=user, secret=secret, code=totp.code_for_step(secret, totp.step_for(then)), now=then)

    def _table(self, rows: list[SignIn]) -> None:
        headings = ("Email", "Role", "Organisation", "Code needed")
        cells = [(r.email, r.role, r.organisation, "Yes" if r.code else "No") for r in rows]
        widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(headings)]

        def line(values: tuple[str, ...]) -> str:
            return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

        self.stdout.write("")
        self.stdout.write(f"Demo sign-ins. Every account's password is: {DEMO_PASSWORD}")
        self.stdout.write("")
        self.stdout.write(line(headings))
        self.stdout.write(line(tuple("-" * w for w in widths)))
        for row in cells:
            self.stdout.write(line(row))
        self.stdout.write("")
        self.stdout.write("Where a code is needed, get the current 6-digit code with:")
        self.stdout.write("  python manage.py demo_code <email>")
        self.stdout.write("or add the account's two-factor secret to an authenticator app:")
        for email, needs_code in demo_people().items():
            if needs_code:
                self.stdout.write(f"  {email.ljust(widths[0])}  {demo_secret(email)}")
