from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from tandem.audit.chain import KeyringError
from tandem.audit.selectors import audit_trail_check, when_text


class Command(BaseCommand):
    help = (
        "Check the audit trail: its keyed hash chain, then the latest signed checkpoint (audit_checkpoint). "
        "Exits non-zero and says plainly what is missing, rewritten or forged."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            check = audit_trail_check()
        except KeyringError as error:
            raise CommandError(f"The audit keys cannot be read: {error}. Check TANDEM_AUDIT_KEYS.") from None
        except DatabaseError as error:
            raise CommandError(f"The audit trail could not be read from the database: {error}") from None
        if not check.intact:
            raise CommandError("\n".join(check.problems()))
        self.stdout.write(self.style.SUCCESS(f"Audit trail intact: {check.entries:,} entries checked."))
        if check.checkpoint is None:
            self.stdout.write(
                "There is no checkpoint yet, so the chain was checked on its own: it cannot show whether the "
                "newest entries were deleted. Run manage.py audit_checkpoint on a schedule."
            )
        else:
            self.stdout.write(
                f"It matches the checkpoint of {when_text(check.checkpoint.written_at)} "
                f"({check.checkpoint.entries:,} entries, file {check.checkpoint_name})."
            )
