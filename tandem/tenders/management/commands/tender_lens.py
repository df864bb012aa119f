"""python manage.py tender_lens FILE --format json|text [--whole] [--value POUNDS]: run the tender lens over a file.

A file that cannot be read, or has more text than the lens reads at once, gets a plain message on stderr
and exit code 2.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tandem.tenders.rules.documents import MAX_BYTES, DocumentError, read_document
from tandem.tenders.tender_lens import review_text
from tandem.tenders.tender_lens.limits import TextTooLong


def read_path(path: Path) -> str:
    """The text of the file at ``path``; DocumentError with a plain reason when it cannot be read."""
    try:
        if not path.is_file():
            if path.exists():
                raise DocumentError(f"{path} is not a file.")
            raise DocumentError(f"Cannot open {path}: no such file.")
        if path.stat().st_size > MAX_BYTES:
            raise DocumentError(f"{path.name} is larger than 2 MB.")
        data = path.read_bytes()
    except OSError as error:
        raise DocumentError(f"Cannot open {path}: {error.strerror or 'unknown error'}.") from error
    return read_document(path.name, data)


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
        parser.add_argument(
            "--value",
            type=int,
            default=None,
            help="the contract or grant value in pounds, so reporting can be weighed against it",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            text = read_path(Path(options["file"]))
            findings = review_text(text, whole=options["whole"], value=options["value"])
        except (DocumentError, TextTooLong) as error:
            self.stderr.write(error.message)
            sys.exit(2)
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
