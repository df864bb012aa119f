"""The tender_lens management command, run through call_command on temporary files."""

import json
from io import StringIO

import docx
import pytest
from django.core.management import call_command

from tandem.tenders.tests import docx_files

PASSAGE = "Please return the completed ITT by noon. We work with hard to reach families.\n"


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("tender_lens", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(*args):
    err = StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("tender_lens", *args, stdout=StringIO(), stderr=err)
    assert exit_info.value.code == 2
    return err.getvalue()


def test_json_output_for_a_text_file(tmp_path):
    path = tmp_path / "excerpt.txt"
    path.write_text(PASSAGE, encoding="utf-8")
    out, _ = run(str(path), "--format", "json")
    findings = json.loads(out)
    assert [(f["code"], PASSAGE[f["start"] : f["end"]]) for f in findings] == [
        ("TL01", "ITT"),
        ("TL13", "hard to reach"),
    ]
    assert {"code", "name", "severity", "principles", "start", "end", "message", "suggestion", "source"} <= set(
        findings[0]
    )


def test_markdown_and_text_format(tmp_path):
    path = tmp_path / "excerpt.md"
    path.write_text("# Timing\n\n" + PASSAGE, encoding="utf-8")
    out, _ = run(str(path), "--format", "text")
    assert "TL01 ACRONYM_UNEXPLAINED (low)" in out
    assert '"hard to reach"' in out


def test_docx_paragraphs_are_joined_with_newlines(tmp_path):
    path = tmp_path / "spec.docx"
    document = docx.Document()
    document.add_paragraph("Service specification")
    document.add_paragraph("The provider will run weekly groups.")
    document.add_paragraph("The provider will report each quarter.")
    document.save(str(path))
    out, _ = run(str(path), "--format", "json", "--whole")
    codes = {f["code"] for f in json.loads(out)}
    assert {"TL12a", "TL23"} <= codes
    out, _ = run(str(path), "--format", "json")
    assert json.loads(out) == []


def test_clean_file_in_text_format(tmp_path):
    path = tmp_path / "clean.txt"
    path.write_text("Please send your bid by email.", encoding="utf-8")
    out, _ = run(str(path))
    assert "found nothing" in out


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.pdf", b"%PDF-1.7", "is not a .txt, .md or .docx file"),
        ("fake.docx", b"just some text", "is not a Word (.docx) document"),
        ("broken.docx", b"PK\x03\x04 not really a zip", "could not be read as a Word document"),
        ("empty.md", b"", "is empty"),
        ("binary.txt", b"PK\x03\x04\x00\x00binary", "is not a plain text file"),
        ("latin.txt", "caf\u00e9".encode("latin-1"), "is not UTF-8 text"),
        ("big.txt", b"a" * (2 * 1024 * 1024 + 1), "larger than 2 MB"),
    ],
)
def test_bad_files_give_a_plain_error_and_exit_code_2(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    err = run_failing(str(path), "--format", "json")
    assert message in err
    assert "Traceback" not in err


def test_missing_file(tmp_path):
    err = run_failing(str(tmp_path / "missing.txt"))
    assert "Cannot open" in err


def test_directory_is_refused(tmp_path):
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    assert "is not a file" in run_failing(str(folder))


def test_value_weighs_reporting(tmp_path):
    path = tmp_path / "reporting.txt"
    path.write_text("Grant holders will send monthly reports, quarterly reports and a final report.", encoding="utf-8")
    out, _ = run(str(path), "--format", "json", "--value", "20000")
    assert [f["code"] for f in json.loads(out)] == ["TL10"]
    out, _ = run(str(path), "--format", "json", "--value", "900000")
    assert json.loads(out) == []


def test_findings_carry_an_empty_place_for_free_text(tmp_path):
    path = tmp_path / "excerpt.txt"
    path.write_text(PASSAGE, encoding="utf-8")
    out, _ = run(str(path), "--format", "json")
    assert {(f["place"], f["place_label"]) for f in json.loads(out)} == {("", "")}


# Issue 8: the command applies the lens's one character cap, and reads hostile Word files within bounds.


def test_a_text_file_over_the_cap_gives_a_plain_error_and_exit_code_2(tmp_path):
    path = tmp_path / "long.txt"
    content = b"The provider will run weekly groups.\n" * (2 * 1024 * 1024 // 37)
    path.write_bytes(content)
    err = run_failing(str(path), "--format", "json")
    assert f"long.txt has {len(content):,} characters of text. The tender lens reads at most 300,000 at once" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (docx_files.unpacks_to_a_gigabyte, "is too big for the lens to open"),
        (
            lambda: docx_files.fifty_megabytes_of_paragraphs(declared_size=10 * 1024 * 1024),
            "has more than 300,000 characters of text",
        ),
    ],
)
def test_a_word_file_that_unpacks_too_far_gives_a_plain_error_and_exit_code_2(tmp_path, make, message):
    path = tmp_path / "bomb.docx"
    path.write_bytes(make())
    assert message in run_failing(str(path))


def test_a_word_table_merged_down_three_thousand_rows_is_reviewed(tmp_path):
    path = tmp_path / "merged.docx"
    path.write_bytes(docx_files.rows_merged_down(3000))
    out, _ = run(str(path), "--format", "json")
    assert isinstance(json.loads(out), list)
