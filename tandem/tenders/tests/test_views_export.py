"""Downloading the specification pack and the evaluation plan: the files, saved versions, who
may, a fixed number of queries, and LibreOffice opening each one."""

from __future__ import annotations

import datetime
import io
import subprocess
import zipfile
from decimal import Decimal
from typing import Any

import docx
import openpyxl
import pypdf
import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from conftest import example_rows, libreoffice
from tandem.core.testing.access import ROLES, SIGN_IN, Ctx
from tandem.tenders.models import (
    AwardCriterion,
    BudgetLine,
    Lot,
    Outcome,
    Question,
    Specification,
    SpecificationVersion,
    TIRequirement,
)
from tandem.tenders.snapshot import specification_snapshot
from tandem.tenders.tests.access_common import TEAM_AND_LEAD_FUNDER_ADMINS, specification_setup
from tandem.tenders.tests.builders import specification_build

pytestmark = pytest.mark.django_db

NAMES = ("pack.docx", "pack.pdf", "evaluation-plan.xlsx")
PURPOSE = "Safe, steady support for people leaving abuse, for as long as they need it."


def fill(specification: Specification, *, questions: int) -> Specification:
    """Every part of the specification filled in, with ``questions`` scored questions."""
    Specification.objects.filter(pk=specification.pk).update(
        purpose=PURPOSE,
        services_required="Outreach, refuge and group work.",
        reporting="One short report a quarter.",
        ending_plan="Six months' notice and a plan for everyone still being supported.",
        agreement_kind="grant",
        term_months=36,
        extension_months=12,
        consortium_welcome=True,
        cost_review="Reviewed every April.",
        route="open",
        cpv_code="85312000",
        light_touch=True,
        value_including_vat=Decimal("450000.00"),
        publication_on=timezone.localdate(),
    )
    Outcome.objects.create(
        specification=specification,
        text="People feel safer.",
        kind="soft",
        indicator_6_months="Safety plans in place",
        indicator_2_years="Fewer repeat referrals",
        indicator_5_years="People say they feel safe at home",
    )
    TIRequirement.objects.create(
        specification=specification, element="supervision", commitments="Monthly reflective supervision."
    )
    BudgetLine.objects.create(
        specification=specification, category="staff", description="Support workers", annual_amount=Decimal("120000")
    )
    Lot.objects.create(specification=specification, title="Adults", value=Decimal("300000"))
    quality = AwardCriterion.objects.create(
        specification=specification,
        order=1,
        group="quality",
        title="Safe, trauma-informed delivery",
        weight=70,
        evaluator_guidance="Look for choice and control at every contact.",
        scale=[{"score": 0, "descriptor": "Nothing we could use."}, {"score": 1, "descriptor": "All we asked."}],
    )
    AwardCriterion.objects.create(
        specification=specification, order=2, group="social_value", title="Local jobs", weight=30, scale=[]
    )
    Question.objects.bulk_create(
        Question(
            specification=specification,
            order=n,
            text=f"Question {n}: how will you keep people safe?",
            word_limit=500,
            criterion=quality,
            why_we_ask=f"Why we ask {n}",
            how_we_use=f"How we use {n}",
            coproduced_with="Anyborough survivors' panel" if n == 1 else "",
        )
        for n in range(1, questions + 1)
    )
    return Specification.objects.get(pk=specification.pk)


def version_save(specification: Specification, user: Any, number: int = 1) -> SpecificationVersion:
    return SpecificationVersion.objects.create(
        specification=specification,
        number=number,
        snapshot=specification_snapshot(
            Specification.objects.select_related("commission__lead_funder").get(pk=specification.pk)
        ),
        created_by=user,
    )


@pytest.fixture
def specification(funder_member, funder_org):
    return fill(specification_build(lead=funder_member, lead_funder=funder_org), questions=3)


def _url(specification: Specification, name: str, version: Any = None) -> str:
    url = reverse("tenders:export", kwargs={"pk": specification.commission_id, "name": name})
    return url if version is None else f"{url}?version={version}"


def _pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def _docx_text(content: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)


@pytest.mark.parametrize("role", ["funder_member", "funder_admin"])
def test_download_the_word_pack(specification, role_client, role):
    response = role_client(role).get(_url(specification, "pack.docx"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    today = timezone.localdate()
    assert response["Content-Disposition"] == (
        f'attachment; filename="domestic-abuse-support-specification-working-copy-{today:%Y-%m-%d}.docx"'
    )
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    text = _docx_text(response.content)
    for expected in (
        PURPOSE,
        "Version: Working copy",
        "Indicator at 2 years: Fewer repeat referrals",
        "Monthly reflective supervision.",
        "Question 3",
        "Why we ask 3",
        "Co-produced with: Anyborough survivors' panel",
        "Six months' notice",
        "Is there anything else you want us to know",  # the open question every specification starts with
    ):
        assert expected in text, expected


def test_download_the_pdf_pack(specification, role_client):
    response = role_client("funder_member").get(_url(specification, "pack.pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].endswith('.pdf"')
    text = _pdf_text(response.content)
    assert PURPOSE in text
    assert "Safe, trauma-informed delivery (70%)" in text
    assert "£120,000" in text


def test_download_the_evaluation_plan(specification, role_client):
    response = role_client("funder_admin").get(_url(specification, "evaluation-plan.xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].startswith('attachment; filename="domestic-abuse-support-evaluation-plan-')
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    criteria = workbook["Criteria"]
    assert [criteria.cell(row, 2).value for row in (2, 3)] == ["Safe, trauma-informed delivery", "Local jobs"]
    assert criteria["C4"].value == "=SUM(C2:C3)"
    questions = workbook["Questions"]
    # Three questions and the open question, then Local jobs (no question) and the total.
    assert questions.max_row == 7
    assert questions["B2"].value == "Question 1: how will you keep people safe?"
    # The three questions share their criterion's 70% (issue 10, item 4), so the sheet adds up to 100%.
    assert [questions.cell(row, 4).value for row in range(2, 7)] == [
        pytest.approx(23.34),
        pytest.approx(23.33),
        pytest.approx(23.33),
        "Not scored",
        30,
    ]
    assert questions["D7"].value == "=SUM(D2:D6)"


def test_a_saved_version_exports_exactly_as_saved(specification, role_client, funder_member):
    version_save(specification, funder_member, number=1)
    SpecificationVersion.objects.filter(specification=specification).update(published_at=timezone.now())
    Specification.objects.filter(pk=specification.pk).update(purpose="A new purpose written after saving.")
    AwardCriterion.objects.filter(specification=specification, title="Local jobs").update(title="Renamed later")
    client = role_client("funder_member")
    saved = client.get(_url(specification, "pack.docx", 1))
    assert saved.status_code == 200
    # The file name carries the version's number and the day it was saved (issue 10, item 3).
    day = f"{timezone.localdate():%Y-%m-%d}"
    assert saved["Content-Disposition"] == f'attachment; filename="domestic-abuse-support-specification-v1-{day}.docx"'
    text = _docx_text(saved.content)
    assert PURPOSE in text
    assert "A new purpose written after saving." not in text
    assert "Version: Version 1" in text
    assert "Published to bidders on" in text
    plan = client.get(_url(specification, "evaluation-plan.xlsx", 1))
    assert plan["Content-Disposition"] == f'attachment; filename="domestic-abuse-support-evaluation-plan-v1-{day}.xlsx"'
    assert openpyxl.load_workbook(io.BytesIO(plan.content))["Criteria"]["B3"].value == "Local jobs"
    working = client.get(_url(specification, "pack.docx"))
    assert "A new purpose written after saving." in _docx_text(working.content)
    blank = client.get(_url(specification, "pack.docx", ""))  # an empty ?version= is the working copy
    assert "A new purpose written after saving." in _docx_text(blank.content)


@pytest.mark.parametrize("version", ["2", "0", "-1", "abc", "1.5", "1e3", "9" * 40, "\u0661", "%00", "1%20OR%201"])
def test_a_version_that_was_not_saved_is_explained(specification, role_client, funder_member, version):
    version_save(specification, funder_member, number=1)
    response = role_client("funder_member").get(_url(specification, "pack.pdf", version))
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    if version == "2":
        assert "There is no version 2 of this specification" in page
    else:
        assert "Choose a version by its number" in page
    assert f'href="{_url(specification, "pack.pdf", 1)}"' in page
    assert "the specification pack as a PDF from the working copy" in page


@hypothesis_settings(max_examples=40, deadline=None)
@given(version=st.text(max_size=30) | st.integers(-(10**30), 10**30).map(str))
def test_any_version_asked_for_is_a_file_or_an_explanation(version):
    with example_rows() as roles:
        funder_member, funder_org = roles.user("funder_member"), roles.funder_org
        specification = fill(specification_build(lead=funder_member, lead_funder=funder_org), questions=3)
        response = roles.client("funder_member").get(_url(specification, "evaluation-plan.xlsx"), {"version": version})
        assert response.status_code in (200, 404)
        if response.status_code == 404:
            assert "of this specification" in response.content.decode() or "by its number" in response.content.decode()


def test_asking_for_a_version_before_any_is_saved(specification, role_client):
    response = role_client("funder_member").get(_url(specification, "evaluation-plan.xlsx", 1))
    assert response.status_code == 404
    page = response.content.decode()
    assert "There is no version 1 of this specification" in page
    assert "No version of this specification has been saved yet." in page
    assert f'href="{_url(specification, "evaluation-plan.xlsx")}"' in page


def test_each_download_is_written_in_the_audit_trail(specification, role_client, funder_member):
    """A copy of the team's work leaving Tandem is recorded, as the reflection log's exports are:
    who, which file, and which version."""
    from tandem.audit.models import AuditEntry

    version_save(specification, funder_member, number=1)
    client = role_client("funder_member")
    assert client.get(_url(specification, "pack.docx")).status_code == 200
    assert client.get(_url(specification, "evaluation-plan.xlsx", 1)).status_code == 200
    entries = list(AuditEntry.objects.filter(action="tenders.specification.exported").order_by("sequence"))
    assert [(e.actor_id, e.after) for e in entries] == [
        (funder_member.pk, {"file": "pack.docx", "version": None}),
        (funder_member.pk, {"file": "evaluation-plan.xlsx", "version": 1}),
    ]
    assert entries[0].summary.endswith("the working copy")
    assert entries[1].summary.endswith("version 1")


def test_a_refused_or_missing_download_is_not_audited(specification, role_client, funder_member):
    from tandem.audit.models import AuditEntry

    assert role_client("provider_member").get(_url(specification, "pack.docx")).status_code == 403
    assert role_client("funder_member").get(_url(specification, "pack.docx", 9)).status_code == 404
    assert not AuditEntry.objects.filter(action="tenders.specification.exported").exists()


def test_an_unknown_name_is_not_found(specification, role_client):
    client = role_client("funder_member")
    for name in ("pack.odt", "PACK.PDF", "pack.pdf.exe", "evaluation-plan.csv", "log.pdf"):
        assert client.get(_url(specification, name)).status_code == 404, name


def test_an_unknown_commission_is_not_found(role_client, db):
    url = reverse("tenders:export", kwargs={"pk": 999999, "name": "pack.pdf"})
    assert role_client("funder_member").get(url).status_code == 404


def test_someone_not_on_the_team_gets_nothing(specification, role_client, funder_member):
    version_save(specification, funder_member, number=1)
    client = role_client("provider_member")
    assert client.get(_url(specification, "pack.docx")).status_code == 403
    # Asking for a version does not tell an outsider which versions exist.
    response = client.get(_url(specification, "pack.docx", 7))
    assert response.status_code == 403
    assert "Version 1" not in response.content.decode()


def test_posting_is_not_allowed(specification, role_client):
    assert role_client("funder_member").post(_url(specification, "pack.pdf")).status_code == 405


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", NAMES)
def test_each_export_costs_the_same_queries_for_few_or_many_questions(
    name, role_client, funder_member, funder_org, django_assert_max_num_queries
):
    small = fill(specification_build(lead=funder_member, lead_funder=funder_org), questions=2)
    large = fill(specification_build(lead=funder_member, lead_funder=funder_org, title="Large"), questions=40)
    for specification in (small, large):
        version_save(specification, funder_member, number=1)
    client = role_client("funder_member")
    working = {_queries(client, _url(spec, name)) for spec in (small, large)}
    saved = {_queries(client, _url(spec, name, 1)) for spec in (small, large)}
    assert len(working) == 1, working
    assert len(saved) == 1, saved
    with django_assert_max_num_queries(working.pop()):
        client.get(_url(large, name))
    # A saved version reads one row instead of the seven the working copy's snapshot needs.
    assert saved.pop() < _queries(client, _url(small, name))


def test_a_large_pack_holds_every_question(role_client, funder_member, funder_org):
    large = fill(specification_build(lead=funder_member, lead_funder=funder_org), questions=40)
    client = role_client("funder_member")
    text = _docx_text(client.get(_url(large, "pack.docx")).content)
    assert "Question 40: how will you keep people safe?" in text
    assert "Why we ask 40" in text
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(_url(large, "evaluation-plan.xlsx")).content))
    # Header, 40 questions, the open question, Local jobs (no question) and the total.
    assert workbook["Questions"].max_row == 44


@pytest.mark.parametrize(
    ("name", "expected"), [("pack.docx", PURPOSE), ("pack.pdf", PURPOSE), ("evaluation-plan.xlsx", "Local jobs")]
)
def test_libreoffice_opens_each_export(specification, role_client, tmp_path, name, expected):
    """LibreOffice opens each export and converts it to a PDF that still holds what the team
    wrote. It reads a PDF through its PDF import filter. Without LibreOffice this is skipped,
    except in CI, where it fails."""
    soffice = libreoffice()
    response = role_client("funder_member").get(_url(specification, name))
    assert response.status_code == 200
    source = tmp_path / name.replace("-", "_")
    source.write_bytes(response.content)
    out = tmp_path / "out"
    command = [
        soffice,
        "--headless",
        "--norestore",
        f"-env:UserInstallation=file://{tmp_path / 'profile'}",
        *(["--infilter=writer_pdf_import"] if name.endswith(".pdf") else []),
        "--convert-to",
        "pdf",
        "--outdir",
        str(out),
        str(source),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=180)  # noqa: S603
    converted = (out / (source.stem + ".pdf")).read_bytes()
    assert converted.startswith(b"%PDF")
    assert expected in _pdf_text(converted)


UNKNOWN_NAME: dict[str, int | str] = {
    "anonymous": SIGN_IN,
    "provider_member": 404,
    "funder_member": 404,
    "funder_admin": 404,
    "site_admin": 404,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "version", "expect"),
    [
        ("pack.docx", None, TEAM_AND_LEAD_FUNDER_ADMINS),
        ("evaluation-plan.xlsx", None, TEAM_AND_LEAD_FUNDER_ADMINS),
        ("pack.pdf", "1", TEAM_AND_LEAD_FUNDER_ADMINS),
        ("pack.odt", None, UNKNOWN_NAME),
    ],
)
def test_export_matrix(name, version, expect, role, request, role_client):
    """The authorisation matrix for what its one entry per URL name cannot hold: the Word pack, the
    Excel plan, a saved version, and a name we do not make (404 for everyone signed in)."""
    ctx = Ctx(
        **{
            fixture: request.getfixturevalue(fixture)
            for fixture in (
                "funder_org",
                "provider_org",
                "provider_member",
                "funder_member",
                "funder_admin",
                "site_admin",
            )
        }
    )
    ctx.extra.update(specification_setup(ctx))
    version_save(ctx.extra["specification"], ctx.funder_member, number=1)
    response = role_client(role).get(_url(ctx.extra["specification"], name, version))
    if expect[role] == SIGN_IN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse(settings.LOGIN_URL))
    else:
        assert response.status_code == expect[role], f"{role} {name}"
    if response.status_code == 200:
        assert zipfile.is_zipfile(io.BytesIO(response.content)) or response.content.startswith(b"%PDF")


def test_weasyprint_is_imported_only_when_a_pdf_is_asked_for():
    """WeasyPrint takes seconds to import, so loading the export view must not import it."""
    import sys

    code = (
        "import django, sys; django.setup(); import tandem.tenders.views.export; "
        "sys.exit(1 if 'weasyprint' in sys.modules else 0)"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        env={"DJANGO_SETTINGS_MODULE": "config.settings.test", "PATH": "/usr/bin:/bin"},
        cwd=settings.BASE_DIR,
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr.decode()[-2000:]


# A saved version's own downloads (issue 10, item 3) ----------------------------------------------

FORMATS = ("docx", "pdf", "xlsx")


def _version_url(specification: Specification, number: Any, format: str) -> str:
    return reverse(
        "tenders:version-export", kwargs={"pk": specification.commission_id, "number": number, "format": format}
    )


def _version_page(specification: Specification, number: int) -> str:
    return reverse("tenders:version", kwargs={"pk": specification.commission_id, "number": number})


def test_a_versions_page_offers_its_word_pdf_and_excel_downloads(specification, role_client, funder_member):
    version_save(specification, funder_member, number=1)
    version_save(specification, funder_member, number=2)
    response = role_client("funder_member").get(_version_page(specification, 2))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Download version 2" in page
    for format, label in (
        ("docx", "The specification pack as a Word document"),
        ("pdf", "The specification pack as a PDF"),
        ("xlsx", "The evaluation plan as an Excel spreadsheet"),
    ):
        assert f'href="{_version_url(specification, 2, format)}">{label}' in page, format
    assert _version_url(specification, 1, "docx") not in page


def test_a_published_versions_page_offers_its_downloads(specification, role_client, funder_member):
    version_save(specification, funder_member, number=1)
    SpecificationVersion.objects.filter(specification=specification).update(published_at=timezone.now())
    page = role_client("funder_admin").get(_version_page(specification, 1)).content.decode()
    assert f'href="{_version_url(specification, 1, "pdf")}"' in page


def test_each_version_download_is_that_version_titled_with_its_number_and_date(
    specification, role_client, funder_member
):
    saved = version_save(specification, funder_member, number=1)
    SpecificationVersion.objects.filter(pk=saved.pk).update(created_at=timezone.now() - datetime.timedelta(days=40))
    saved.refresh_from_db()
    Specification.objects.filter(pk=specification.pk).update(purpose="A new purpose written after saving.")
    AwardCriterion.objects.filter(specification=specification, title="Local jobs").update(title="Renamed later")
    day = timezone.localdate(saved.created_at)
    words = f"{day.day} {day:%B %Y}"
    client = role_client("funder_member")

    word = client.get(_version_url(specification, 1, "docx"))
    assert word.status_code == 200
    assert word["Content-Type"] == CONTENT_TYPES_BY_FORMAT["docx"]
    assert word["Content-Disposition"] == (
        f'attachment; filename="domestic-abuse-support-specification-v1-{day:%Y-%m-%d}.docx"'
    )
    document = docx.Document(io.BytesIO(word.content))
    assert document.core_properties.title == f"Specification: Domestic abuse support (version 1 of {words})"
    assert document.sections[0].header.paragraphs[0].text == f"Domestic abuse support: Version 1 of {words}"
    text = _docx_text(word.content)
    assert PURPOSE in text
    assert "A new purpose written after saving." not in text
    assert "Working copy" not in text
    assert "Not saved as a version" not in text
    assert f"Saved on {words}" in text

    pdf = client.get(_version_url(specification, 1, "pdf"))
    assert pdf["Content-Disposition"].endswith(f'-specification-v1-{day:%Y-%m-%d}.pdf"')
    reader = pypdf.PdfReader(io.BytesIO(pdf.content))
    assert reader.metadata is not None
    assert reader.metadata.title == f"Specification: Domestic abuse support (version 1 of {words})"
    pdf_text = _pdf_text(pdf.content)
    assert f"Domestic abuse support: Version 1 of {words}" in pdf_text
    assert "Not saved as a version" not in pdf_text

    plan = client.get(_version_url(specification, 1, "xlsx"))
    assert plan["Content-Disposition"].endswith(f'-evaluation-plan-v1-{day:%Y-%m-%d}.xlsx"')
    workbook = openpyxl.load_workbook(io.BytesIO(plan.content))
    assert workbook.properties.title == f"Evaluation plan: Domestic abuse support (version 1 of {words})"
    assert workbook["Criteria"]["B3"].value == "Local jobs"
    assert workbook["Criteria"].oddHeader.center.text == workbook.properties.title


CONTENT_TYPES_BY_FORMAT = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@pytest.mark.parametrize("format", FORMATS)
def test_a_version_download_is_audited_with_its_number(specification, role_client, funder_member, format):
    from tandem.audit.models import AuditEntry

    version_save(specification, funder_member, number=1)
    response = role_client("funder_member").get(_version_url(specification, 1, format))
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPES_BY_FORMAT[format]
    assert response["X-Content-Type-Options"] == "nosniff"
    entry = AuditEntry.objects.get(action="tenders.specification.exported")
    assert entry.actor_id == funder_member.pk
    assert entry.after == {"file": FORMATS_TO_NAMES[format], "version": 1}
    assert entry.summary.endswith("version 1")


FORMATS_TO_NAMES = {"docx": "pack.docx", "pdf": "pack.pdf", "xlsx": "evaluation-plan.xlsx"}


def test_a_version_never_saved_is_explained(specification, role_client, funder_member):
    from tandem.audit.models import AuditEntry

    version_save(specification, funder_member, number=1)
    response = role_client("funder_member").get(_version_url(specification, 4, "pdf"))
    assert response.status_code == 404
    page = response.content.decode()
    assert "There is no version 4 of this specification" in page
    assert f'href="{_url(specification, "pack.pdf", 1)}"' in page
    assert not AuditEntry.objects.filter(action="tenders.specification.exported").exists()


@pytest.mark.parametrize("format", ["odt", "DOCX", "pack.pdf", "evaluation-plan.xlsx", "csv", "docx.exe"])
def test_a_format_we_do_not_make_is_not_found(specification, role_client, funder_member, format):
    version_save(specification, funder_member, number=1)
    assert role_client("funder_member").get(_version_url(specification, 1, format)).status_code == 404


def test_posting_to_a_version_download_is_not_allowed(specification, role_client, funder_member):
    version_save(specification, funder_member, number=1)
    assert role_client("funder_member").post(_version_url(specification, 1, "docx")).status_code == 405


def test_an_outsider_learns_nothing_about_versions(specification, role_client, funder_member):
    version_save(specification, funder_member, number=1)
    client = role_client("provider_member")
    assert client.get(_version_url(specification, 1, "docx")).status_code == 403
    assert client.get(_version_url(specification, 7, "docx")).status_code == 403


@pytest.mark.parametrize("format", FORMATS)
def test_a_version_download_costs_the_same_queries_as_by_query_string(format, role_client, funder_member, funder_org):
    small = fill(specification_build(lead=funder_member, lead_funder=funder_org), questions=2)
    large = fill(specification_build(lead=funder_member, lead_funder=funder_org, title="Large"), questions=40)
    for specification in (small, large):
        version_save(specification, funder_member, number=1)
    client = role_client("funder_member")
    by_path = {_queries(client, _version_url(spec, 1, format)) for spec in (small, large)}
    assert by_path == {_queries(client, _url(small, FORMATS_TO_NAMES[format], 1))}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("format", "number"), [("pdf", 1), ("xlsx", 1), ("docx", 2)])
def test_version_export_matrix(format, number, role, request, role_client):
    """The matrix's one entry downloads version 1 as Word; the PDF, the Excel plan and a version never
    saved go through every role here (a version never saved is 404 for those who may see the
    specification, and still 403 for those who may not)."""
    ctx = Ctx(
        **{
            fixture: request.getfixturevalue(fixture)
            for fixture in (
                "funder_org",
                "provider_org",
                "provider_member",
                "funder_member",
                "funder_admin",
                "site_admin",
            )
        }
    )
    ctx.extra.update(specification_setup(ctx))
    version_save(ctx.extra["specification"], ctx.funder_member, number=1)
    response = role_client(role).get(_version_url(ctx.extra["specification"], number, format))
    expect = TEAM_AND_LEAD_FUNDER_ADMINS[role]
    if expect == SIGN_IN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse(settings.LOGIN_URL))
    elif number == 2 and expect == 200:
        assert response.status_code == 404
    else:
        assert response.status_code == expect, f"{role} {format}"


@pytest.mark.parametrize(("format", "expected"), [("docx", PURPOSE), ("pdf", PURPOSE), ("xlsx", "Local jobs")])
def test_libreoffice_opens_each_version_export(specification, role_client, funder_member, tmp_path, format, expected):
    """LibreOffice opens each of a saved version's files, and what it prints names the version: in the
    Word pack's page headers, the PDF's page footers and the Excel plan's printed page headers."""
    soffice = libreoffice()
    version_save(specification, funder_member, number=1)
    response = role_client("funder_member").get(_version_url(specification, 1, format))
    assert response.status_code == 200
    source = tmp_path / f"version.{format}"
    source.write_bytes(response.content)
    out = tmp_path / "out"
    command = [
        soffice,
        "--headless",
        "--norestore",
        f"-env:UserInstallation=file://{tmp_path / 'profile'}",
        *(["--infilter=writer_pdf_import"] if format == "pdf" else []),
        "--convert-to",
        "pdf",
        "--outdir",
        str(out),
        str(source),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=180)  # noqa: S603
    converted = (out / (source.stem + ".pdf")).read_bytes()
    assert converted.startswith(b"%PDF")
    text = _pdf_text(converted)
    assert expected in text
    assert "version 1 of" in text.lower()


@hypothesis_settings(max_examples=30, deadline=None)
@given(format=st.text(min_size=1, max_size=20))
def test_any_format_asked_for_is_a_file_or_not_found(format):
    from urllib.parse import quote

    with example_rows() as roles:
        funder_member, funder_org = roles.user("funder_member"), roles.funder_org
        specification = fill(specification_build(lead=funder_member, lead_funder=funder_org), questions=1)
        version_save(specification, funder_member, number=1)
        base = _version_url(specification, 1, "docx").removesuffix("docx/")
        response = roles.client("funder_member").get(f"{base}{quote(format, safe='')}/")
        assert response.status_code in (200, 404)
        assert (response.status_code == 200) == (format in FORMATS)
