"""The demo commissions: built through the services by ``python manage.py demo``, right in every
detail the file gives, never twice, and refused with the file and line when the file is wrong."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import textstat
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from tandem.accounts.models import User
from tandem.audit.models import AuditEntry
from tandem.audit.selectors import audit_chain_verify
from tandem.commissions.models import (
    Comment,
    Commission,
    CommissionInvitation,
    PartnerFunder,
    Response,
    ResponseKind,
    StageProgress,
    StageStatus,
    TeamMember,
    TeamRole,
)
from tandem.demo import commissions as demo_module
from tandem.demo.accounts import DEMO_PASSWORD
from tandem.demo.commissions import (
    DemoDataError,
    commissions_demo_build,
    commissions_demo_newcomers,
    commissions_demo_path,
    commissions_demo_read,
)
from tandem.frameworks.models import FrameworkVersion
from tandem.glossary.selectors import glossary_term_get
from tandem.glossary.terms import find_acronyms
from tandem.notifications.models import Notification

DOMESTIC_ABUSE = "Domestic abuse support in Anyborough, 2027 to 2030"
MENTAL_HEALTH = "Young people's mental health support in Anyborough, 2028 to 2030"


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("demo", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def statuses(commission: Commission) -> dict[str, str]:
    return {
        progress.stage.slug: progress.status
        for progress in StageProgress.objects.filter(commission=commission).select_related("stage")
    }


def team(commission: Commission) -> dict[str, str]:
    return {member.user.email: member.role for member in commission.team.select_related("user")}


def counts() -> dict[str, int]:
    return {
        "commissions": Commission.objects.count(),
        "partners": PartnerFunder.objects.count(),
        "team": TeamMember.objects.count(),
        "responses": Response.objects.count(),
        "comments": Comment.objects.count(),
        "invitations": CommissionInvitation.objects.count(),
        "progress": StageProgress.objects.count(),
        "users": User.objects.count(),
        "versions": FrameworkVersion.objects.count(),
        "notifications": Notification.objects.count(),
        "audit": AuditEntry.objects.count(),
    }


def texts(data: Any) -> list[str]:
    """Every piece of writing in the demo file."""
    found: list[str] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key in {"title", "purpose", "service_area", "people_for", "text", "reason"} and isinstance(value, str):
                found.append(value)
            else:
                found += texts(value)
    elif isinstance(data, list):
        for item in data:
            found += texts(item)
    return found


@pytest.mark.django_db
def test_demo_builds_both_commissions_part_way_through_the_journey() -> None:
    output = run("--quiet-table")
    # The frameworks were loaded first, by the same command.
    assert FrameworkVersion.objects.filter(framework__slug="trauma-informed-journey").exists()
    assert Commission.objects.count() == 2

    abuse = Commission.objects.select_related("lead_funder", "framework_version__framework").get(title=DOMESTIC_ABUSE)
    assert abuse.lead_funder.slug == "anyborough-borough-council"
    assert abuse.framework_version.framework.slug == "trauma-informed-journey"
    assert {(p.organisation.slug, p.contribution) for p in abuse.partner_funders.select_related("organisation")} == {
        ("anyborough-pcc", Decimal("450000.00"))
    }
    assert abuse.estimated_value == 2400000
    assert abuse.starts_on is not None and abuse.ends_on is not None
    assert 2027 <= abuse.starts_on.year < abuse.ends_on.year <= 2030
    assert abuse.current_stage == "design"
    assert team(abuse) == {
        "tom.reilly@council.anyborough.example": TeamRole.LEAD,
        "grace.adeyemi@council.anyborough.example": TeamRole.FINANCE,
        "aisha.rahman@pcc.anyborough.example": TeamRole.PROCUREMENT,
        "leah.morgan@example.org": TeamRole.LIVED_EXPERIENCE,
        "marcus.bell@pcc.anyborough.example": TeamRole.OBSERVER,
    }
    abuse_stages = statuses(abuse)
    assert abuse_stages["reflect"] == StageStatus.CONSIDERED
    assert abuse_stages["assess"] == StageStatus.CONSIDERED
    assert abuse_stages["design"] == StageStatus.IN_PROGRESS
    assert abuse_stages["procure"] == StageStatus.NOT_STARTED
    assert len(abuse_stages) == 7

    health = Commission.objects.select_related("lead_funder").get(title=MENTAL_HEALTH)
    assert health.lead_funder.slug == "anyborough-icb"
    assert [p.organisation.slug for p in health.partner_funders.select_related("organisation")] == [
        "anyborough-borough-council"
    ]
    assert health.current_stage == "assess"
    assert team(health)["kofi.mensah@kitchentable.anyborough.example"] == TeamRole.LIVED_EXPERIENCE
    assert team(health)["daniel.okoro@icb.anyborough.example"] == TeamRole.LEAD
    health_stages = statuses(health)
    assert health_stages["reflect"] == StageStatus.IN_PROGRESS
    assert health_stages["assess"] == StageStatus.IN_PROGRESS
    assert health_stages["design"] == StageStatus.NOT_STARTED

    # Responses as the file gives them, each by its author, with earlier versions kept.
    current = Response.objects.filter(is_current=True)
    assert 25 <= current.count() <= 40
    assert current.filter(commission=abuse).count() == 25
    assert current.filter(commission=health).count() == 12
    not_relevant = current.filter(kind=ResponseKind.NOT_RELEVANT)
    assert not_relevant.count() >= 2
    assert all(response.reason and not response.text for response in not_relevant)
    assert current.filter(kind=ResponseKind.DECISION).count() >= 3
    past = current.select_related("author", "prompt").get(commission=abuse, prompt__slug="past-pressures")
    assert past.revision == 2
    assert past.author.email == "tom.reilly@council.anyborough.example"
    assert "sign on the door" in past.text
    assert past.evidence_links[0]["url"].startswith("https://example.org/")
    earlier = Response.objects.get(commission=abuse, prompt=past.prompt, revision=1)
    assert not earlier.is_current and "sign on the door" not in earlier.text
    services = current.select_related("author").get(commission=health, prompt__slug="existing-services")
    assert services.revision == 2 and services.author.email == "kofi.mensah@kitchentable.anyborough.example"
    assert Response.objects.filter(is_current=False).count() >= 3
    # Every response's prompt belongs to the version the commission runs on.
    assert not Response.objects.exclude(prompt__stage__version=abuse.framework_version).exists()

    # Comments, with mentions that told the person mentioned.
    assert Comment.objects.filter(commission=abuse).count() >= 3
    mentioned = Comment.objects.filter(mentions__email="tom.reilly@council.anyborough.example")
    assert mentioned.exists()
    assert Notification.objects.filter(
        recipient__email="tom.reilly@council.anyborough.example", kind="commissions.mention"
    ).exists()

    # Leah joined by invitation, with the demo password, and belongs to no organisation.
    leah = User.objects.get(email="leah.morgan@example.org")
    assert leah.check_password(DEMO_PASSWORD)
    assert not leah.memberships.exists()
    assert CommissionInvitation.objects.filter(email="leah.morgan@example.org", accepted_by=leah).exists()

    # Built through the services, so the trail tells the story, unbroken.
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "frameworks.version.published",
        "commissions.commission.created",
        "commissions.team.added",
        "commissions.invitation.accepted",
        "commissions.response.saved",
        "commissions.comment.added",
        "commissions.stage.status_changed",
        "commissions.commission.stage_moved",
    } <= actions
    assert audit_chain_verify() is None

    assert DOMESTIC_ABUSE in output and "now in Design" in output
    assert MENTAL_HEALTH in output and "now in Assess" in output


@pytest.mark.django_db
def test_running_twice_adds_nothing() -> None:
    run("--quiet-table")
    before = counts()
    output = run()
    assert counts() == before
    assert "leah.morgan@example.org" in output  # still in the table of sign-ins
    assert audit_chain_verify() is None


@pytest.mark.django_db
@override_settings(TANDEM_ALLOW_DEMO=False)
def test_refused_when_demo_data_is_not_allowed() -> None:
    with pytest.raises(CommandError, match="Demo data is turned off here"):
        run()
    assert counts()["commissions"] == 0
    assert counts()["versions"] == 0


def _broken_copy(tmp_path: Path, change: Any) -> Path:
    """The demo file with new titles (so nothing built already matches) and ``change`` applied."""
    document = yaml.safe_load(commissions_demo_path().read_text(encoding="utf-8"))
    for commission in document["commissions"]:
        commission["title"] = "Copy of " + commission["title"]
    change(document)
    path = tmp_path / "commissions.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.django_db
def test_an_unknown_prompt_is_named_and_nothing_is_built(tmp_path: Path) -> None:
    run("--quiet-table")
    before = counts()

    def misspell(document: dict[str, Any]) -> None:
        document["commissions"][1]["stages"][1]["responses"][0]["prompt"] = "time-and-mony-for-this-stage"

    path = _broken_copy(tmp_path, misspell)
    with pytest.raises(DemoDataError) as caught:
        commissions_demo_build(path=path)
    [problem] = caught.value.problems
    assert problem.startswith(f"{path}, line ")
    assert 'no prompt "time-and-mony-for-this-stage" in the Assess stage' in problem
    assert 'did you mean "time-and-money-for-this-stage"' in problem
    assert counts() == before


@pytest.mark.django_db
def test_what_a_service_refuses_is_named_and_nothing_is_kept(tmp_path: Path) -> None:
    run("--quiet-table")
    before = counts()

    def observer_answers(document: dict[str, Any]) -> None:
        # Marcus is on the team as an observer: observers read and comment, but do not answer.
        document["commissions"][0]["stages"][2]["responses"][1]["author"] = "marcus.bell@pcc.anyborough.example"

    path = _broken_copy(tmp_path, observer_answers)
    with pytest.raises(DemoDataError) as caught:
        commissions_demo_build(path=path)
    [problem] = caught.value.problems
    assert 'Saving the response to "new-or-existing" was refused: Observers can read' in problem
    assert problem.startswith(f"{path}, line ")
    assert counts() == before


@pytest.mark.django_db
def test_the_command_names_the_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def wrong_stage(document: dict[str, Any]) -> None:
        document["commissions"][0]["current_stage"] = "desing"

    path = _broken_copy(tmp_path, wrong_stage)
    monkeypatch.setattr(demo_module, "commissions_demo_path", lambda: path)
    with pytest.raises(CommandError, match=r'no stage "desing".*did you mean "design"'):
        run("--quiet-table")
    # The command is one transaction: nothing from the failed run is kept.
    assert counts()["commissions"] == 0 and counts()["users"] == 0


@pytest.mark.django_db
def test_frameworks_must_be_loaded_first() -> None:
    with pytest.raises(DemoDataError, match="Load the frameworks first"):
        commissions_demo_build()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["commissions"][0].pop("purpose"), 'is missing "purpose"'),
        (lambda d: d["commissions"][0]["team"][1].update(role="banker"), 'role "banker", which is not one of'),
        (
            lambda d: d["commissions"][0]["stages"][0]["responses"][0].update(author="stranger@example.org"),
            "stranger@example.org is not on the team",
        ),
        (
            lambda d: d["commissions"][0]["stages"][0]["responses"][-1].pop("reason"),
            'is missing "reason"',
        ),
        (lambda d: d["commissions"][1]["stages"][0].update(status="finished"), 'status "finished"'),
        (lambda d: d["commissions"][1].update(starts_on="next spring"), "must be a date written like 2027-10-01"),
        (lambda d: d["commissions"][1]["team"].pop(0), "needs a lead"),
    ],
)
def test_a_wrong_file_is_explained_with_its_line(tmp_path: Path, change: Any, message: str) -> None:
    path = _broken_copy(tmp_path, change)
    with pytest.raises(DemoDataError) as caught:
        commissions_demo_read(path)
    assert any(message in problem and ", line " in problem for problem in caught.value.problems), caught.value


def test_the_file_reads_cleanly() -> None:
    commissions = commissions_demo_read()
    assert [data.title for data in commissions] == [DOMESTIC_ABUSE, MENTAL_HEALTH]
    answered = sum(len(stage.responses) for data in commissions for stage in data.stages)
    assert 25 <= answered <= 40
    assert [newcomer.email for newcomer in commissions_demo_newcomers()] == ["leah.morgan@example.org"]


def test_the_writing_is_plain_english_with_every_acronym_explained() -> None:
    document = yaml.safe_load(commissions_demo_path().read_text(encoding="utf-8"))
    writing = texts(document)
    assert len(writing) > 50
    unexplained = {word for text in writing for word in find_acronyms(text) if glossary_term_get(word) is None}
    assert not unexplained, f"Add these to content/glossary.yaml or write them out: {sorted(unexplained)}"
    grades = [textstat.flesch_kincaid_grade(text) for text in writing if len(text.split()) >= 12]
    assert sum(grades) / len(grades) <= 8
    assert max(grades) <= 11
