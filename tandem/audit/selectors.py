"""Reading the audit trail: verifying the chain, and the lists site administrators browse."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db.models import Max, QuerySet
from django.utils import timezone

from tandem.audit.actions import ACTIONS, AREAS
from tandem.audit.chain import (
    Break,
    Checkpoint,
    Keyring,
    Unreadable,
    Walk,
    chain_walk,
    checkpoint_findings,
    head_problem,
    parse_keyring,
)
from tandem.audit.checkpoints import CheckpointFile, checkpoint_files_read
from tandem.audit.models import AuditChainHead, AuditEntry, record_kind_words
from tandem.core.dates import local_datetime_display

CHUNK = 2000
Row = tuple[Any, Any, Any, Any, Any]


def audit_keyring() -> Keyring:
    """The audit keys from the settings (TANDEM_AUDIT_KEYS), newest first."""
    return parse_keyring(settings.TANDEM_AUDIT_KEYS)


def _row(entry: AuditEntry) -> Row:
    """The entry as the chain walk reads it; content it cannot hash becomes ``Unreadable``."""
    content: Any
    try:
        content = entry.chain_content()
    except (AttributeError, TypeError, ValueError):
        content = Unreadable("some of its values are not of the kind Tandem writes")
    else:
        for name in ("before", "after"):
            if not isinstance(content[name], dict):
                content = Unreadable(f"its {name!r} value is not a set of named values (it may not be valid JSON)")
                break
    return entry.sequence, entry.prev_hash, entry.hash, entry.key_id, content


def _load_one(pk: int, sequence: Any) -> Row:
    try:
        entry = AuditEntry.objects.filter(pk=pk).first()
    except (TypeError, ValueError):
        entry = None
    if entry is None:
        return sequence, None, None, None, Unreadable("the database could not read it back")
    return _row(entry)


def _rows(up_to: int | None) -> Iterator[Row]:
    """Every entry in sequence order (up to ``up_to``), read in chunks.

    A chunk that cannot be read whole (a value changed outside Tandem into something the
    database layer cannot convert) is read again one entry at a time, so that entry is named.
    """
    last = 0
    while True:
        keys = AuditEntry.objects.filter(sequence__gt=last).order_by("sequence")
        if up_to is not None:
            keys = keys.filter(sequence__lte=up_to)
        batch = list(keys.values_list("pk", "sequence")[:CHUNK])
        if not batch:
            return
        try:
            chunk = AuditEntry.objects.filter(sequence__gt=last, sequence__lte=batch[-1][1])
            entries = list(chunk.order_by("sequence"))
        except (TypeError, ValueError):
            yield from (_load_one(pk, sequence) for pk, sequence in batch)
        else:
            yield from (_row(entry) for entry in entries)
        last = batch[-1][1]


def _newest_sequence() -> int:
    newest: int | None = AuditEntry.objects.aggregate(newest=Max("sequence"))["newest"]
    return newest or 0


def audit_chain_walk(keyring: Keyring | None = None) -> Walk:
    """Walk the whole chain in sequence order, and check the signed record of the newest entry."""
    keyring = keyring or audit_keyring()
    head = AuditChainHead.objects.filter(id=1).values_list("sequence", "hash", "key_id", "seal").first()
    if head is None:
        walk = chain_walk(_rows(None), keyring=keyring)
        newest = _newest_sequence()
        if walk.broken is None and newest:
            # Without the head we cannot tell whether the newest entries were removed.
            broken = Break(newest, "the record of the newest entry is missing, so it cannot be checked")
            return Walk(broken, walk.entries, walk.last_sequence, walk.last_hash)
        return walk
    sequence, head_hash, key_id, seal = head
    # Only entries up to the head: ones appended while we walk are checked next time.
    walk = chain_walk(_rows(sequence), keyring=keyring, head=(sequence, head_hash))
    if walk.broken is not None:
        return walk
    problem = head_problem(sequence, head_hash, key_id, seal, keyring)
    if problem is not None:
        return Walk(Break(sequence, problem), walk.entries, walk.last_sequence, walk.last_hash)
    newest = _newest_sequence()
    # Read after the newest entry: the head only ever moves forward with each entry written.
    head_now = AuditChainHead.objects.filter(id=1).values_list("sequence", flat=True).first() or 0
    if newest > head_now:
        broken = Break(head_now + 1, f"entry {head_now + 1} was added outside the audit service")
        return Walk(broken, walk.entries, walk.last_sequence, walk.last_hash)
    return walk


def audit_chain_verify() -> Break | None:
    """Walk the whole chain in sequence order; return the first broken link, or None."""
    return audit_chain_walk().broken


def when_text(moment: datetime.datetime) -> str:
    """A time as people read it, in the site's time zone: 3 December 2026 at 2:00pm."""
    return local_datetime_display(moment)


@dataclass(frozen=True)
class TrailCheck:
    """Everything ``audit_verify`` reports: the chain, the checkpoint files, and the latest one."""

    walk: Walk
    entries: int
    checkpoint: Checkpoint | None = None
    checkpoint_name: str = ""
    finding: str | None = None
    bad_checkpoints: list[CheckpointFile] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return self.walk.broken is None and self.finding is None and not self.bad_checkpoints

    def problems(self) -> list[str]:
        """Each problem in a sentence, the chain first."""
        lines = []
        if self.walk.broken is not None:
            lines.append(f"Audit trail broken at entry {self.walk.broken.sequence}: {self.walk.broken.reason}.")
        if self.finding is not None:
            lines.append(f"{self.finding[0].upper()}{self.finding[1:]} (checkpoint file {self.checkpoint_name}).")
        for bad in self.bad_checkpoints:
            if bad.problem.startswith("forged"):
                lines.append(f"Checkpoint file {bad.name} is {bad.problem}.")
            else:
                lines.append(f"Checkpoint file {bad.name} cannot be used: {bad.problem}.")
        return lines


def audit_trail_check() -> TrailCheck:
    """Verify the chain, then compare the trail with the latest checkpoint whose signature holds."""
    keyring = audit_keyring()
    walk = audit_chain_walk(keyring)
    entries = AuditEntry.objects.count()
    files = checkpoint_files_read(keyring)
    bad = [file for file in files if file.checkpoint is None]
    good = [file for file in files if file.checkpoint is not None]
    if not good:
        return TrailCheck(walk=walk, entries=entries, bad_checkpoints=bad)
    latest = max(good, key=lambda file: (file.checkpoint.written_at, file.checkpoint.head_sequence, file.name))  # type: ignore[union-attr]
    checkpoint = latest.checkpoint
    assert checkpoint is not None
    covered = AuditEntry.objects.filter(sequence__lte=checkpoint.head_sequence)
    finding = checkpoint_findings(
        checkpoint,
        when=when_text(checkpoint.written_at),
        entries_now=entries,
        newest_now=_newest_sequence(),
        covered_now=covered.count(),
        hash_now=covered.filter(sequence=checkpoint.head_sequence).values_list("hash", flat=True).first(),
    )
    return TrailCheck(
        walk=walk,
        entries=entries,
        checkpoint=checkpoint,
        checkpoint_name=latest.name,
        finding=finding,
        bad_checkpoints=bad,
    )


@dataclass(frozen=True)
class AuditFilters:
    action: str = ""
    actor_email: str = ""
    object_type: str = ""
    organisation: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


def _start_of(day: datetime.date) -> datetime.datetime | None:
    try:
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    except (OverflowError, ValueError):
        return None


def audit_entry_list(*, filters: AuditFilters | None = None) -> QuerySet[AuditEntry]:
    """Entries newest first, narrowed by the filters. For site administrators only: the view checks."""
    filters = filters or AuditFilters()
    qs = AuditEntry.objects.select_related("organisation").order_by("-sequence")
    if filters.action in ACTIONS:
        qs = qs.filter(action=filters.action)
    elif filters.action:
        qs = qs.filter(action__startswith=filters.action)
    if filters.actor_email:
        qs = qs.filter(actor_label__icontains=filters.actor_email)
    if filters.object_type:
        qs = qs.filter(object_type__startswith=filters.object_type.lower())
    if filters.organisation:
        qs = qs.filter(organisation__name__icontains=filters.organisation)
    if filters.date_from:
        start = _start_of(filters.date_from)
        if start is not None:
            qs = qs.filter(occurred_at__gte=start)
    if filters.date_to:
        try:
            end = _start_of(filters.date_to + datetime.timedelta(days=1))
        except OverflowError:
            end = None
        if end is not None:
            qs = qs.filter(occurred_at__lt=end)
    return qs


def object_type_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The kinds of record an entry can be about, an area at a time, for the filter: each as
    (model label, the kind in words), in the order of ``AREAS``. No query: read from the models."""
    groups = []
    for area, area_words in AREAS.items():
        try:
            models = apps.get_app_config(area).get_models()
        except LookupError:
            continue
        options = sorted(
            ((model._meta.label_lower, record_kind_words(model._meta.label_lower)) for model in models),
            key=lambda option: option[1],
        )
        if options:
            groups.append((area_words, options))
    return groups


def audit_entry_get(*, sequence: int) -> AuditEntry | None:
    return AuditEntry.objects.select_related("organisation").filter(sequence=sequence).first()


def audit_value_text(value: Any, present: bool = True) -> str:
    """A before/after value in words for the detail page."""
    if not present:
        return "Not recorded"
    if value is None or value == "":
        return "Empty"
    if value is True:
        return "Yes"
    if value is False:
        return "No"
    if isinstance(value, list):
        return ", ".join(audit_value_text(item) for item in value) if value else "Empty"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def audit_entry_has_newer(entry: AuditEntry) -> bool:
    return AuditEntry.objects.filter(sequence__gt=entry.sequence).exists()


@dataclass(frozen=True)
class Change:
    field: str
    before: str
    after: str


def audit_entry_changes(entry: AuditEntry) -> list[Change]:
    """The fields whose value differs between before and after, in name order."""
    before = entry.before if isinstance(entry.before, dict) else {"value": entry.before}
    after = entry.after if isinstance(entry.after, dict) else {"value": entry.after}
    changes = []
    for name in sorted(set(before) | set(after)):
        if name in before and name in after and before[name] == after[name]:
            continue
        changes.append(
            Change(
                field=name,
                before=audit_value_text(before.get(name), name in before),
                after=audit_value_text(after.get(name), name in after),
            )
        )
    return changes
