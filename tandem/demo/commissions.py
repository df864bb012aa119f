"""The demo's two Anyborough commissions, part-way through the journey.

``commissions_demo_build()`` reads ``content/demo/commissions.yaml`` and builds each commission
through the same services the pages use, acting as the people named in the file: the lead
starts it and builds the team, each answer is saved by its author (earlier versions first, so
the history shows), comments are added with their mentions, stages are marked, and the team is
put in the stage it is in now. So the audit trail, notifications and history are all real.

A commission is known by its title and lead funder: one that is already there is left alone,
so running it again adds nothing. Everything is checked before anything is written, and each
problem is named with the file and line it is on.
"""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Q

from tandem.commissions.models import Commission, ResponseKind, StageStatus, TeamRole
from tandem.commissions.services.commission import (
    CommissionDetails,
    PartnerShare,
    commission_create,
    commission_current_stage_set,
)
from tandem.commissions.services.responses import comment_add, response_save, stage_status_change
from tandem.commissions.services.team import (
    commission_invitation_accept_new_account,
    commission_invitation_create,
    team_member_add,
)
from tandem.core.exceptions import ApplicationError, PermissionDenied
from tandem.demo.accounts import DEMO_PASSWORD
from tandem.frameworks.models import FrameworkKind, FrameworkVersion, Prompt, Stage
from tandem.organisations.models import FUNDER_KINDS, Membership, Organisation

LINE = "__line__"  # where each mapping starts in the file; added by the loader below


def commissions_demo_path() -> Path:
    return Path(settings.BASE_DIR) / "content" / "demo" / "commissions.yaml"


def _shown(path: Path) -> str:
    """The file as messages name it: relative to the project when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path(settings.BASE_DIR).resolve()))
    except ValueError:
        return str(path)


class DemoDataError(Exception):
    """The demo commissions file has problems, or the database is not ready for it.
    ``problems`` lists each one, with the file and line where it is known."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("The demo commissions could not be built:\n" + "\n".join(f"- {p}" for p in problems))
        self.problems = list(problems)


# ----------------------------------------------------------------------------------------------
# What the file says


@dataclass(frozen=True)
class RevisionData:
    author: str
    kind: str
    text: str
    reason: str
    evidence: tuple[dict[str, str], ...]
    line: int


@dataclass(frozen=True)
class CommentData:
    author: str
    text: str
    line: int


@dataclass(frozen=True)
class ResponseData:
    prompt: str
    # Oldest first; the last is the response as it stands now.
    revisions: tuple[RevisionData, ...]
    comments: tuple[CommentData, ...]
    line: int


@dataclass(frozen=True)
class StageData:
    slug: str
    status: str
    status_by: str
    responses: tuple[ResponseData, ...]
    line: int


@dataclass(frozen=True)
class MemberData:
    email: str
    role: str
    # Given only for someone with no account yet: they are invited and join by the invitation.
    name: str
    line: int


@dataclass(frozen=True)
class PartnerData:
    funder: str
    contribution: Decimal | None
    line: int


@dataclass(frozen=True)
class CommissionData:
    title: str
    lead_funder: str
    framework: str
    purpose: str
    service_area: str
    people_for: str
    estimated_value: Decimal | None
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    partners: tuple[PartnerData, ...]
    team: tuple[MemberData, ...]
    current_stage: str
    stages: tuple[StageData, ...]
    line: int

    @property
    def key(self) -> tuple[str, str]:
        """What a commission is known by: running the demo again skips one already there."""
        return (self.title, self.lead_funder)

    @property
    def lead(self) -> MemberData:
        """The first lead on the team: they start the commission."""
        return next(member for member in self.team if member.role == TeamRole.LEAD)


class _LineLoader(yaml.SafeLoader):
    """A safe loader that notes the line each mapping starts on."""


def _mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping[LINE] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f' (did you mean "{close[0]}"?)' if close else ""


class _Reader:
    """Reads the file into dataclasses, noting every problem instead of stopping at the first."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[str] = []

    def problem(self, line: int | None, message: str) -> None:
        where = f"{_shown(self.path)}, line {line}" if line else _shown(self.path)
        self.problems.append(f"{where}: {message}")

    def text(self, item: Mapping[str, Any], key: str, what: str, *, required: bool = True) -> str:
        value = item.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(item.get(LINE), f'{what} is missing "{key}"')
            return ""
        if not isinstance(value, str):
            self.problem(item.get(LINE), f'"{key}" of {what} must be text')
            return ""
        return value.strip()

    def items(self, item: Mapping[str, Any], key: str, what: str, *, required: bool = False) -> list[dict[str, Any]]:
        value = item.get(key)
        if value is None:
            if required:
                self.problem(item.get(LINE), f'{what} is missing "{key}"')
            return []
        if not isinstance(value, list) or not all(isinstance(entry, dict) for entry in value):
            self.problem(item.get(LINE), f'"{key}" of {what} must be a list of entries, each with "key: value" lines')
            return []
        return value

    def choice(self, item: Mapping[str, Any], key: str, what: str, choices: Sequence[str]) -> str:
        value = self.text(item, key, what)
        if value and value not in choices:
            self.problem(
                item.get(LINE),
                f'{what} has {key} "{value}", which is not one of {", ".join(choices)}{_did_you_mean(value, choices)}',
            )
        return value

    def money(self, value: Any, line: int | None, what: str) -> Decimal | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            self.problem(line, f"{what} must be a number of pounds, like 450000")
            return None
        try:
            amount = Decimal(str(value).replace(",", "").lstrip("£"))
        except InvalidOperation:
            self.problem(line, f"{what} must be a number of pounds, like 450000")
            return None
        return amount

    def date(self, item: Mapping[str, Any], key: str, what: str) -> datetime.date | None:
        value = item.get(key)
        if value is None:
            return None
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value
        try:
            return datetime.date.fromisoformat(str(value))
        except ValueError:
            self.problem(item.get(LINE), f'"{key}" of {what} must be a date written like 2027-10-01')
            return None

    def links(self, item: Mapping[str, Any], what: str) -> tuple[dict[str, str], ...]:
        links = []
        for link in self.items(item, "evidence", what):
            url = self.text(link, "url", f"a link in {what}")
            title = self.text(link, "title", f"a link in {what}", required=False)
            links.append({"title": title, "url": url})
        return tuple(links)

    def revision(self, item: Mapping[str, Any], what: str) -> RevisionData:
        kind = self.choice(item, "kind", what, ResponseKind.values)
        text = self.text(item, "text", what, required=kind in (ResponseKind.ANSWER, ResponseKind.DECISION))
        reason = self.text(item, "reason", what, required=kind == ResponseKind.NOT_RELEVANT)
        return RevisionData(
            author=self.text(item, "author", what).lower(),
            kind=kind,
            text=text,
            reason=reason,
            evidence=self.links(item, what),
            line=item[LINE],
        )

    def response(self, item: Mapping[str, Any], stage: str) -> ResponseData:
        prompt = self.text(item, "prompt", f"a response in the {stage} stage")
        what = f'the response to "{prompt}"'
        earlier = [self.revision(entry, f"an earlier version of {what}") for entry in self.items(item, "earlier", what)]
        comments = [
            CommentData(
                author=self.text(entry, "author", f"a comment on {what}").lower(),
                text=self.text(entry, "text", f"a comment on {what}"),
                line=entry[LINE],
            )
            for entry in self.items(item, "comments", what)
        ]
        return ResponseData(
            prompt=prompt,
            revisions=(*earlier, self.revision(item, what)),
            comments=tuple(comments),
            line=item[LINE],
        )

    def stage(self, item: Mapping[str, Any]) -> StageData:
        slug = self.text(item, "stage", "a stage")
        what = f'the stage "{slug}"'
        return StageData(
            slug=slug,
            status=self.choice(item, "status", what, StageStatus.values),
            status_by=self.text(item, "status_by", what, required=False).lower(),
            responses=tuple(self.response(entry, slug) for entry in self.items(item, "responses", what)),
            line=item[LINE],
        )

    def commission(self, item: Mapping[str, Any]) -> CommissionData:
        title = self.text(item, "title", "a commission")
        what = f'the commission "{title}"'
        team = tuple(
            MemberData(
                email=self.text(entry, "email", f"a team member of {what}").lower(),
                role=self.choice(entry, "role", f"a team member of {what}", TeamRole.values),
                name=self.text(entry, "name", f"a team member of {what}", required=False),
                line=entry[LINE],
            )
            for entry in self.items(item, "team", what, required=True)
        )
        partners = tuple(
            PartnerData(
                funder=self.text(entry, "funder", f"a partner funder of {what}"),
                contribution=self.money(entry.get("contribution"), entry[LINE], f"The contribution in {what}"),
                line=entry[LINE],
            )
            for entry in self.items(item, "partners", what)
        )
        data = CommissionData(
            title=title,
            lead_funder=self.text(item, "lead_funder", what),
            framework=self.text(item, "framework", what),
            purpose=self.text(item, "purpose", what),
            service_area=self.text(item, "service_area", what),
            people_for=self.text(item, "people_for", what),
            estimated_value=self.money(item.get("estimated_value"), item[LINE], f"The estimated value of {what}"),
            starts_on=self.date(item, "starts_on", what),
            ends_on=self.date(item, "ends_on", what),
            partners=partners,
            team=team,
            current_stage=self.text(item, "current_stage", what),
            stages=tuple(self.stage(entry) for entry in self.items(item, "stages", what)),
            line=item[LINE],
        )
        self._check_people(data, what)
        return data

    def _check_people(self, data: CommissionData, what: str) -> None:
        """Everyone who writes must be on the team, and the team must have a lead."""
        emails = [member.email for member in data.team]
        for member in data.team:
            if emails.count(member.email) > 1:
                self.problem(member.line, f"{member.email} is on the team of {what} more than once")
        if data.team and not any(member.role == TeamRole.LEAD for member in data.team):
            self.problem(data.line, f"the team of {what} needs a lead: they start the commission")
        on_team = set(emails)
        writers: list[tuple[str, int]] = []
        for stage in data.stages:
            if stage.status_by:
                writers.append((stage.status_by, stage.line))
            for response in stage.responses:
                writers += [(revision.author, revision.line) for revision in response.revisions]
                writers += [(comment.author, comment.line) for comment in response.comments]
        for email, line in writers:
            if email and email not in on_team:
                self.problem(line, f"{email} is not on the team of {what}: add them to its team first")


def commissions_demo_read(path: Path | None = None) -> tuple[CommissionData, ...]:
    """What the demo commissions file says, checked for shape. Raises DemoDataError."""
    path = path or commissions_demo_path()
    reader = _Reader(path)
    try:
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506 - a SafeLoader
    except OSError as error:
        raise DemoDataError([f"{_shown(path)}: cannot be read ({error.strerror})"]) from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        reader.problem(mark.line + 1 if mark else None, f"is not valid YAML: {getattr(error, 'problem', error)}")
        raise DemoDataError(reader.problems) from error
    if not isinstance(document, dict):
        raise DemoDataError([f'{_shown(path)}: must start with "commissions:" and a list of commissions'])
    commissions = tuple(
        reader.commission(item) for item in reader.items(document, "commissions", "the file", required=True)
    )
    keys = [data.key for data in commissions]
    for data in commissions:
        if keys.count(data.key) > 1:
            reader.problem(data.line, f'there is more than one commission called "{data.title}" for {data.lead_funder}')
    if reader.problems:
        raise DemoDataError(reader.problems)
    return commissions


# ----------------------------------------------------------------------------------------------
# Checking the file against the database, then building


@dataclass
class _Plan:
    """A commission to build, with everything it names found in the database."""

    data: CommissionData
    lead_funder: Organisation
    partners: list[PartnerShare]
    version: FrameworkVersion
    stages: dict[str, Stage]
    prompts: dict[tuple[str, str], Prompt]
    users: dict[str, Any] = field(default_factory=dict)


def _plan(data: CommissionData, path: Path, problems: list[str]) -> _Plan | None:
    def problem(line: int, message: str) -> None:
        problems.append(f"{_shown(path)}, line {line}: {message}")

    start = len(problems)
    funders = {org.slug: org for org in Organisation.objects.filter(kind__in=FUNDER_KINDS)}
    lead_funder = funders.get(data.lead_funder)
    if lead_funder is None:
        problem(data.line, f'there is no funder "{data.lead_funder}"{_did_you_mean(data.lead_funder, funders)}')
    partners = []
    for partner in data.partners:
        org = funders.get(partner.funder)
        if org is None:
            problem(partner.line, f'there is no funder "{partner.funder}"{_did_you_mean(partner.funder, funders)}')
        else:
            partners.append(PartnerShare(organisation_id=org.pk, contribution=partner.contribution))
    version = (
        FrameworkVersion.objects.filter(framework__slug=data.framework, framework__kind=FrameworkKind.JOURNEY)
        .select_related("framework")
        .order_by("-number")
        .first()
    )
    if version is None:
        problem(
            data.line,
            f'there is no journey framework "{data.framework}" in the database. '
            "Load the frameworks first with: python manage.py framework_load",
        )
        return None
    stages = {stage.slug: stage for stage in Stage.objects.filter(version=version)}
    prompts = {
        (prompt.stage.slug, prompt.slug): prompt
        for prompt in Prompt.objects.filter(stage__version=version).select_related("stage")
    }
    named = f"{version.framework.name}, version {version.number}"
    for slug, line in [(data.current_stage, data.line), *((stage.slug, stage.line) for stage in data.stages)]:
        if slug not in stages:
            problem(line, f'there is no stage "{slug}" in {named}{_did_you_mean(slug, stages)}')
    for stage in data.stages:
        if stage.slug not in stages:
            continue
        in_stage = [prompt_slug for stage_slug, prompt_slug in prompts if stage_slug == stage.slug]
        for response in stage.responses:
            if (stage.slug, response.prompt) not in prompts:
                problem(
                    response.line,
                    f'there is no prompt "{response.prompt}" in the {stages[stage.slug].name} stage of '
                    f"{named}{_did_you_mean(response.prompt, in_stage)}",
                )
    seen = [(stage.slug, response.prompt) for stage in data.stages for response in stage.responses]
    for stage in data.stages:
        for response in stage.responses:
            if seen.count((stage.slug, response.prompt)) > 1:
                problem(response.line, f'"{response.prompt}" is answered more than once: put its versions in "earlier"')
    users = {
        user.email.lower(): user for user in get_user_model().objects.filter(email__in=[m.email for m in data.team])
    }
    for member in data.team:
        if member.email not in users and not member.name:
            problem(
                member.line,
                f"there is no account for {member.email}. Give their name, so they are invited and join "
                "with the demo password",
            )
    lead = data.lead
    lead_user = users.get(lead.email)
    if lead_funder is not None and (
        lead_user is None or not Membership.objects.filter(user=lead_user, organisation=lead_funder).exists()
    ):
        problem(lead.line, f"{lead.email} starts the commission, so must be a member of {lead_funder.name}")
    if len(problems) > start or lead_funder is None:
        return None
    return _Plan(data, lead_funder, partners, version, stages, prompts, users)


def _fail(path: Path, line: int, what: str, error: ApplicationError | PermissionDenied) -> DemoDataError:
    # A refusal is not an ApplicationError, but the demo reports both the same way.
    return DemoDataError([f"{_shown(path)}, line {line}: {what} was refused: {error.message}"])


def _team_build(plan: _Plan, commission: Commission, lead: Any, path: Path) -> None:
    for member in plan.data.team:
        if member.email == plan.data.lead.email:
            continue
        user = plan.users.get(member.email)
        try:
            if user is not None:
                team_member_add(actor=lead, commission=commission, user=user, role=member.role)
            else:
                invitation, _token = commission_invitation_create(
                    actor=lead, commission=commission, email=member.email, role=member.role
                )
                joined = commission_invitation_accept_new_account(
                    invitation=invitation, full_name=member.name, password=DEMO_PASSWORD
                )
                plan.users[member.email] = joined.user
        except (ApplicationError, PermissionDenied) as error:
            raise _fail(path, member.line, f"Adding {member.email} to the team", error) from error


def _commission_build(plan: _Plan, path: Path) -> Commission:
    data = plan.data
    lead = plan.users[data.lead.email]
    details = CommissionDetails(
        title=data.title,
        purpose=data.purpose,
        service_area=data.service_area,
        people_for=data.people_for,
        estimated_value=data.estimated_value,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        partners=tuple(plan.partners),
    )
    try:
        commission = commission_create(
            actor=lead, lead_funder=plan.lead_funder, framework_version=plan.version, details=details
        )
    except (ApplicationError, PermissionDenied) as error:
        raise _fail(path, data.line, f'Starting "{data.title}"', error) from error
    _team_build(plan, commission, lead, path)
    for stage in data.stages:
        for response in stage.responses:
            prompt = plan.prompts[(stage.slug, response.prompt)]
            for revision in response.revisions:
                try:
                    response_save(
                        actor=plan.users[revision.author],
                        commission=commission,
                        prompt=prompt,
                        kind=revision.kind,
                        text=revision.text,
                        reason=revision.reason,
                        evidence_links=revision.evidence,
                    )
                except (ApplicationError, PermissionDenied) as error:
                    raise _fail(path, revision.line, f'Saving the response to "{response.prompt}"', error) from error
            for comment in response.comments:
                try:
                    comment_add(
                        actor=plan.users[comment.author], commission=commission, prompt=prompt, text=comment.text
                    )
                except (ApplicationError, PermissionDenied) as error:
                    raise _fail(path, comment.line, f'A comment on "{response.prompt}"', error) from error
        try:
            stage_status_change(
                actor=plan.users[stage.status_by or data.lead.email],
                commission=commission,
                stage=plan.stages[stage.slug],
                status=stage.status,
            )
        except (ApplicationError, PermissionDenied) as error:
            raise _fail(path, stage.line, f'Marking the stage "{stage.slug}"', error) from error
    try:
        return commission_current_stage_set(actor=lead, commission=commission, stage_slug=data.current_stage)
    except (ApplicationError, PermissionDenied) as error:
        raise _fail(path, data.line, f'Moving to the stage "{data.current_stage}"', error) from error


def _existing(data: CommissionData) -> Commission | None:
    return (
        Commission.objects.filter(title=data.title, lead_funder__slug=data.lead_funder)
        .select_related("lead_funder")
        .order_by("created_at")
        .first()
    )


def commissions_demo_build(*, path: Path | None = None) -> list[Commission]:
    """Build the demo commissions that are not there yet; return them all, in file order.

    Needs the demo organisations and people (the demo command makes them first) and the loaded
    frameworks. Raises DemoDataError, changing nothing, when the file or the database is not right.
    """
    path = path or commissions_demo_path()
    commissions = commissions_demo_read(path)
    found = {data.key: _existing(data) for data in commissions}
    problems: list[str] = []
    plans = {data.key: _plan(data, path, problems) for data in commissions if found[data.key] is None}
    if problems:
        raise DemoDataError(problems)
    built: list[Commission] = []
    with transaction.atomic():
        for data in commissions:
            existing = found[data.key]
            if existing is not None:
                built.append(existing)
                continue
            plan = plans[data.key]
            assert plan is not None  # every problem was raised above
            built.append(_commission_build(plan, path))
    return built


@dataclass(frozen=True)
class DemoNewcomer:
    """Someone who joined a demo commission's team by invitation, with no organisation."""

    email: str
    name: str
    role: str
    commission: str


def commissions_demo_newcomers(*, path: Path | None = None) -> list[DemoNewcomer]:
    """The people the demo invites to a commission's team, for the table of demo sign-ins."""
    return [
        DemoNewcomer(member.email, member.name, str(TeamRole(member.role).label), data.title)
        for data in commissions_demo_read(path)
        for member in data.team
        if member.name
    ]


def commissions_demo_summary(commissions: Sequence[Commission]) -> list[str]:
    """One line for each demo commission: who leads, where the team is, how much is answered."""
    pks = [commission.pk for commission in commissions]
    counted = {
        row["pk"]: row
        for row in Commission.objects.filter(pk__in=pks)
        .values("pk")
        .annotate(
            answered=Count("responses", filter=Q(responses__is_current=True), distinct=True),
            team_size=Count("team", distinct=True),
        )
    }
    stage_names = {
        (stage.version_id, stage.slug): stage.name
        for stage in Stage.objects.filter(version_id__in={c.framework_version_id for c in commissions})
    }
    lines = []
    for commission in commissions:
        row = counted.get(commission.pk, {"answered": 0, "team_size": 0})
        stage = stage_names.get((commission.framework_version_id, commission.current_stage), commission.current_stage)
        lines.append(
            f"{commission.title}: led by {commission.lead_funder.name}, now in {stage}, "
            f"responses to {row['answered']} prompts from a team of {row['team_size']}."
        )
    return lines
