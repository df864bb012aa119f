from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from tandem.audit.chain import KeyringError
from tandem.audit.services import audit_checkpoint_write
from tandem.core.exceptions import ApplicationError


class Command(BaseCommand):
    help = (
        "Verify the audit trail, then write a signed checkpoint of it (entry count, newest entry, time) "
        "to a new file in TANDEM_AUDIT_CHECKPOINT_DIR. Run it on a schedule, for example every hour."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            path = audit_checkpoint_write(actor=None)
        except ApplicationError as error:
            raise CommandError(error.message) from None
        except KeyringError as error:
            raise CommandError(f"The audit keys cannot be read: {error}. Check TANDEM_AUDIT_KEYS.") from None
        except (DatabaseError, OSError) as error:
            raise CommandError(f"No checkpoint was written: {error}") from None
        self.stdout.write(self.style.SUCCESS(f"Checkpoint written: {path}"))
