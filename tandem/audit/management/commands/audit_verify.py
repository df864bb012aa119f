from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tandem.audit.models import AuditEntry
from tandem.audit.selectors import audit_chain_verify


class Command(BaseCommand):
    help = "Check the audit trail's hash chain. Exits non-zero and names the first broken link."

    def handle(self, *args: Any, **options: Any) -> None:
        broken = audit_chain_verify()
        if broken is not None:
            raise CommandError(f"Audit trail broken at entry {broken.sequence}: {broken.reason}")
        count = AuditEntry.objects.count()
        self.stdout.write(self.style.SUCCESS(f"Audit trail intact: {count} entries checked."))
