"""python manage.py tender_lens FILE --format json|text [--whole]: run the tender lens over a file."""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tandem.tenders.lens import review_text

MAX_BYTES = 2 * 1024 * 1024


class LensFileError(Exception):
    """A file the lens cannot read; the message is shown to the user as it is."""


def read_document(path: Path) -> str:
    """The text of a .txt, .md or .docx file, or LensFileError with a plain reason."""
    suffix = path.suffix.lower()
    if suffix not in {".txt", ".md", ".docx"}:
        raise LensFileError(f"{path.name} is not a .txt, .md or .docx file.")
    try:
        size = path.stat().st_size
    except OSError as error:
        raise LensFileError(f"Cannot open {path}: {error.strerror or 'unknown error'}.") from error
    if not path.is_file():
        raise LensFileError(f"{path} is not a file.")
    if size > MAX_BYTES:
        raise LensFileError(f"{path.name} is larger than 2 MB.")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise LensFileError(f"Cannot read {path.name}: {error.strerror or 'unknown error'}.") from error
    if suffix == ".docx":
        return _docx_text(path, data)
    if b"\x00" in data or data.startswith(b"PK\x03\x04") or data.startswith(b"%PDF"):
        raise LensFileError(f"{path.name} is not a plain text file.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise LensFileError(f"{path.name} is not UTF-8 text.") from error


def _docx_text(path: Path, data: bytes) -> str:
    if not data.startswith(b"PK\x03\x04"):
        raise LensFileError(f"{path.name} is not a Word (.docx) document.")
    import docx  # python-docx; imported here so the lens itself stays free of it

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise LensFileError(f"{path.name} is not a Word (.docx) document that can be read.") from error
    except Exception as error:  # python-docx raises its own assorted errors on damaged files
        raise LensFileError(f"{path.name} could not be read as a Word document.") from error
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


class Command(BaseCommand):
    help = "Review a tender document (.txt, .md or .docx) with the tender lens."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the document to review")
        parser.add_argument("--format", choices=["json", "text"], default="text", dest="output_format")
        parser.add_argument(
            "--whole",
            action="store_true",
            help="the file is a whole specification or application form, so judge what it leaves out",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            text = read_document(Path(options["file"]))
        except LensFileError as error:
            self.stderr.write(str(error))
            sys.exit(2)
        findings = review_text(text, whole=options["whole"])
        if options["output_format"] == "json":
            self.stdout.write(json.dumps([finding.as_dict() for finding in findings], indent=2, ensure_ascii=False))
            return
        if not findings:
            self.stdout.write("The tender lens found nothing to flag.")
            return
        for finding in findings:
            where = (
                "whole document" if finding.start == finding.end == 0 else f"characters {finding.start}-{finding.end}"
            )
            quoted = text[finding.start : finding.end].replace("\n", " ")
            if len(quoted) > 80:
                quoted = quoted[:77] + "..."
            lines = [f"{finding.code} {finding.name} ({finding.severity}), {where}"]
            if quoted:
                lines.append(f'  "{quoted}"')
            lines += [
                f"  {finding.message}",
                f"  Suggestion: {finding.suggestion}",
                f"  Guidance: {finding.source}",
                "",
            ]
            self.stdout.write("\n".join(lines))
