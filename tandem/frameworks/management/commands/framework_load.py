"""``python manage.py framework_load [--path content/frameworks] [--check]``

Reads every framework folder and checks it. With ``--check`` it only checks, and exits with an
error listing every problem (file and line) when there are any. Otherwise it publishes a new
version of each framework whose content changed, and says so; unchanged frameworks publish
nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tandem.frameworks.loader import FrameworkError, frameworks_read, path_display
from tandem.frameworks.services import frameworks_content_path, frameworks_publish


class Command(BaseCommand):
    help = "Check the framework content files and publish a new version of each framework that changed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--path", type=Path, default=None, help="The folder of frameworks (default: content/frameworks)."
        )
        parser.add_argument("--check", action="store_true", help="Only check the files; publish nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"] or frameworks_content_path()
        try:
            frameworks = frameworks_read(path)
        except FrameworkError as error:
            raise CommandError(str(error)) from error
        if options["check"]:
            self.stdout.write(
                self.style.SUCCESS(
                    f"All {len(frameworks)} frameworks in {path_display(path)} are valid: "
                    + ", ".join(data.slug for data in frameworks)
                    + "."
                )
            )
            return
        results = frameworks_publish(actor=None, frameworks=frameworks)
        for result in results:
            style = self.style.SUCCESS if result.published else self.style.NOTICE
            self.stdout.write(style(result.describe()))
        if not any(result.published for result in results):
            self.stdout.write("Nothing has changed, so no new versions were published.")
