"""Downloading the reflection log: the files, who may, the audit trail, and LibreOffice."""

from __future__ import annotations

import io
import subprocess
import zipfile
from typing import Any

import docx
import pypdf
import pytest
from django.conf import settings
from django.urls import reverse

from conftest import libreoffice
from tandem.audit.models import AuditEntry
from tandem.commissions.exports.selectors import commission_reflection_log
from tandem.commissions.exports.services import commission_log_export
from tandem.commissions.models import ResponseKind, StageStatus, TeamRole
from tandem.commissions.selectors.commission import commission_get
from tandem.commissions.services.responses import comment_add, response_save
from tandem.commissions.tests.access import TEAM_AND_LEAD_FUNDER_ADMINS, commission_setup
from tandem.commissions.tests.coverage_data import responses_add, stage_status_set
from tandem.core.exceptions import ApplicationError, PermissionDenied
from tandem.core.testing.access import ROLES, SIGN_IN, Ctx
from tandem.frameworks.models import Prompt

pytestmark = pytest.mark.django_db

DECISION = "We will give providers twelve weeks to write their bids."


@pytest.fixture
def logged(coverage_commission, funder_member):
    prompts = {p.slug: p for p in Prompt.objects.filter(stage__version=coverage_commission.framework_version)}
    response_save(
        actor=funder_member,
        commission=coverage_commission,
        prompt=prompts["reflect-0"],
        kind=ResponseKind.ANSWER,
        text="We started by listening to survivors.",
        evidence_links=[{"title": "Listening report", "url": "https://example.org/listening"}],
    )
    response_save(
        actor=funder_member, commission=coverage_commission, prompt=prompts["reflect-1"], kind="decision", text=DECISION
    )
    response_save(
        actor=funder_member,
        commission=coverage_commission,
        prompt=prompts["assess-2"],
        kind=ResponseKind.NOT_RELEVANT,
        reason="The needs assessment was done last year.",
    )
    stage_status_set(commission=coverage_commission, slug="reflect", status=StageStatus.REVISIT)
    return coverage_commission


def _pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_the_log_reads_the_commission(logged, funder_member):
    commission = commission_get(viewer=funder_member, pk=logged.pk)
    assert commission is not None
    log = commission_reflection_log(viewer=funder_member, commission=commission)
    assert log.title == "Domestic abuse support"
    assert log.lead_funder == "Anyborough Borough Council"
    assert [(p.name, p.role) for p in log.team] == [("Fran Funder", "Lead")]
    assert log.framework_display == "Coverage test journey, version 1"
    assert log.made_by == "Fran Funder"
    reflect, assess = log.stages
    reflect_responses: list[Any] = [p.response for p in reflect.prompts]
    assert reflect.status_label == "Revisit"
    assert assess.status_label == "In progress"  # the first response in a stage starts it
    assert [r.text for r in reflect_responses if r is not None and r.is_decision] == [DECISION]
    assert reflect_responses[0].evidence_links[0].url == "https://example.org/listening"
    assert reflect.prompts[0].principles == ("Safety",)
    assert reflect.prompts[1].principles == ("Choice", "Collaboration")
    assert [p.text for p in assess.not_considered] == [
        "Assess question 0: what would help here?",
        "Assess question 1: what would help here?",
    ]
    assert assess.prompts[2].response is not None
    assert assess.prompts[2].response.body == "The needs assessment was done last year."


def test_the_log_costs_the_same_queries_for_few_or_many_responses(
    coverage_commission, funder_member, django_assert_num_queries
):
    # Stages, prompts, principles, responses, comments, the people they mention, statuses (7).
    prompts = list(Prompt.objects.filter(stage__version=coverage_commission.framework_version))
    comment_add(actor=funder_member, commission=coverage_commission, prompt=prompts[0], text="A first thought.")
    commission = commission_get(viewer=funder_member, pk=coverage_commission.pk)
    assert commission is not None
    with django_assert_num_queries(7):
        commission_reflection_log(viewer=funder_member, commission=commission)
    responses_add(
        commission=coverage_commission, author=funder_member, kinds=dict.fromkeys(prompts, "decision"), earlier=3
    )
    for prompt in prompts:
        for n in range(3):
            comment_add(
                actor=funder_member,
                commission=coverage_commission,
                prompt=prompt,
                text=f"Comment {n}, @{funder_member.full_name}",
            )
    commission = commission_get(viewer=funder_member, pk=coverage_commission.pk)
    assert commission is not None
    with django_assert_num_queries(7):
        log = commission_reflection_log(viewer=funder_member, commission=commission)
    assert log.decision_count == 6
    assert log.comment_count == 1 + 3 * len(prompts)


def test_the_log_has_the_comments_with_names_and_never_an_email_address(
    logged, funder_member, make_member, role_client
):
    """Comments are in both documents, by prompt, with their authors' names. A comment that
    mentions someone by email address names them instead, and someone with no name on their
    account is not shown by their email address either."""
    lee = make_member(logged, "lee.lived@personal.example", TeamRole.LIVED_EXPERIENCE)
    lee.full_name = "Lee Lived"
    lee.save(update_fields=["full_name"])
    nameless = make_member(logged, "no.name@personal.example", TeamRole.OBSERVER)
    nameless.full_name = ""
    nameless.save(update_fields=["full_name"])
    prompts = {p.slug: p for p in Prompt.objects.filter(stage__version=logged.framework_version)}
    comment_add(
        actor=funder_member,
        commission=logged,
        prompt=prompts["reflect-0"],
        text="Could you read this, @lee.lived@personal.example?\nThank you.",
    )
    comment_add(actor=lee, commission=logged, prompt=prompts["reflect-0"], text="Yes, it reads well.")
    # A prompt no one has answered yet can still have comments.
    comment_add(actor=nameless, commission=logged, prompt=prompts["assess-0"], text="Who is asking people?")

    commission = commission_get(viewer=funder_member, pk=logged.pk)
    assert commission is not None
    log = commission_reflection_log(viewer=funder_member, commission=commission)
    reflect, assess = log.stages
    first = reflect.prompts[0].comments
    assert [(c.author, c.text) for c in first] == [
        ("Fran Funder", "Could you read this, @Lee Lived?\nThank you."),
        ("Lee Lived", "Yes, it reads well."),
    ]
    assert [(c.author, c.text) for c in assess.prompts[0].comments] == [
        ("Someone on the team", "Who is asking people?")
    ]
    assert ("Someone on the team", "Observer") in [(p.name, p.role) for p in log.team]
    assert log.comments_display == "3 comments, with the prompt each is on"

    client = role_client("funder_member")
    pdf = _pdf_text(client.get(reverse("commissions:export", kwargs={"pk": logged.pk, "fmt": "pdf"})).content)
    word = docx.Document(
        io.BytesIO(client.get(reverse("commissions:export", kwargs={"pk": logged.pk, "fmt": "docx"})).content)
    )
    body = "\n".join(p.text for p in word.paragraphs)
    for text in (pdf, body):
        assert "Could you read this, @Lee Lived?" in text
        assert "Lee Lived, " in text and "Yes, it reads well." in text
        assert "Someone on the team, " in text and "Who is asking people?" in text
        assert "personal.example" not in text
    assert "Comments: 3 comments, with the prompt each is on" in body


def test_the_service_refuses_others_and_unknown_formats(logged, provider_member, funder_member):
    with pytest.raises(PermissionDenied):
        commission_log_export(actor=provider_member, commission=logged, fmt="pdf")
    with pytest.raises(ApplicationError):
        commission_log_export(actor=funder_member, commission=logged, fmt="exe")
    assert not AuditEntry.objects.filter(action="commissions.log.exported").exists()


@pytest.mark.parametrize("role", ["funder_member", "funder_admin"])
def test_download_the_pdf(logged, role_client, role):
    response = role_client(role).get(reverse("commissions:export", kwargs={"pk": logged.pk, "fmt": "pdf"}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="reflection-log-domestic-abuse-support-')
    assert response["Content-Disposition"].endswith('.pdf"')
    assert response["Cache-Control"] == "private, no-store"
    assert response.content.startswith(b"%PDF")
    text = _pdf_text(response.content)
    assert DECISION in text
    assert "We started by listening to survivors." in text
    assert "The needs assessment was done last year." in text
    assert "Status: Revisit" in text
    entry = AuditEntry.objects.get(action="commissions.log.exported")
    assert entry.after == {"format": "pdf"}
    assert entry.object_id == str(logged.pk)


def test_download_the_word_document(logged, role_client, funder_member):
    response = role_client("funder_member").get(reverse("commissions:export", kwargs={"pk": logged.pk, "fmt": "docx"}))
    assert response.status_code == 200
    assert response["Content-Type"] == ("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    assert response["Content-Disposition"].endswith('.docx"')
    assert zipfile.is_zipfile(io.BytesIO(response.content))
    document = docx.Document(io.BytesIO(response.content))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style and p.style.name.startswith("Heading")]
    assert ("Heading 1", "Summary of decisions") in headings
    assert ("Heading 1", "Reflect: Readiness and reflection") in headings
    assert ("Heading 1", "Assess: Understanding need") in headings
    body = "\n".join(p.text for p in document.paragraphs)
    assert "We started by listening to survivors." in body
    assert DECISION in document.tables[0].rows[1].cells[1].text
    entry = AuditEntry.objects.get(action="commissions.log.exported")
    assert entry.after == {"format": "docx"}
    assert entry.actor_id == funder_member.pk


def test_an_unknown_format_is_not_found(logged, role_client):
    client = role_client("funder_member")
    for fmt in ("odt", "PDF", "pdf.exe", "html"):
        response = client.get(reverse("commissions:export", kwargs={"pk": logged.pk, "fmt": fmt}))
        assert response.status_code == 404, fmt
    assert not AuditEntry.objects.filter(action="commissions.log.exported").exists()


def test_an_unknown_commission_is_not_found(role_client, db):
    response = role_client("funder_member").get(reverse("commissions:export", kwargs={"pk": 999999, "fmt": "pdf"}))
    assert response.status_code == 404


def test_someone_not_on_the_team_gets_nothing(logged, role_client):
    response = role_client("provider_member").get(
        reverse("commissions:export", kwargs={"pk": logged.pk, "fmt": "docx"})
    )
    assert response.status_code == 403
    assert not AuditEntry.objects.filter(action="commissions.log.exported").exists()


def test_posting_is_not_allowed(logged, role_client):
    response = role_client("funder_member").post(reverse("commissions:export", kwargs={"pk": logged.pk, "fmt": "pdf"}))
    assert response.status_code == 405


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_libreoffice_opens_both(logged, role_client, tmp_path, fmt):
    """LibreOffice opens each export and converts it to a PDF that still holds the decision.
    LibreOffice reads a PDF through its PDF import filter. Without LibreOffice this is skipped,
    except in CI, where it fails."""
    soffice = libreoffice()
    response = role_client("funder_member").get(reverse("commissions:export", kwargs={"pk": logged.pk, "fmt": fmt}))
    source = tmp_path / f"log.{fmt}"
    source.write_bytes(response.content)
    out = tmp_path / "out"
    command = [
        soffice,
        "--headless",
        "--norestore",
        f"-env:UserInstallation=file://{tmp_path / 'profile'}",
        *(["--infilter=writer_pdf_import"] if fmt == "pdf" else []),
        "--convert-to",
        "pdf",
        "--outdir",
        str(out),
        str(source),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=180)  # noqa: S603
    converted = (out / "log.pdf").read_bytes()
    assert converted.startswith(b"%PDF")
    assert "twelve weeks" in _pdf_text(converted)


UNKNOWN_FORMAT: dict[str, int | str] = {
    "anonymous": SIGN_IN,
    "provider_member": 404,
    "funder_member": 404,
    "funder_admin": 404,
    "site_admin": 404,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("fmt", "expect"), [("docx", TEAM_AND_LEAD_FUNDER_ADMINS), ("odt", UNKNOWN_FORMAT)])
def test_export_matrix(fmt, expect, role, request, role_client):
    """The authorisation matrix for the formats its one entry per URL name cannot hold: Word,
    and a format we do not make (404 for everyone signed in, whether or not on the team)."""
    expected = expect
    ctx = Ctx(
        **{
            name: request.getfixturevalue(name)
            for name in ("funder_org", "provider_org", "provider_member", "funder_member", "funder_admin", "site_admin")
        }
    )
    ctx.extra.update(commission_setup(ctx))
    response = role_client(role).get(
        reverse("commissions:export", kwargs={"pk": ctx.extra["commission"].pk, "fmt": fmt})
    )
    if expected[role] == SIGN_IN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse(settings.LOGIN_URL))
    else:
        assert response.status_code == expected[role], f"{role} {fmt}"
