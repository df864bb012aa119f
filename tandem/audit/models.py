from __future__ import annotations

from typing import Any, NoReturn

from django.apps import apps
from django.conf import settings
from django.db import models

from tandem.audit.actions import action_description
from tandem.audit.chain import GENESIS

APPEND_ONLY = "Audit entries are append-only: they cannot be changed or deleted."


def record_kind_words(label: str) -> str:
    """A model's label ("organisations.membership") as the kind of record it is, in words
    ("Membership"); the label itself for a kind Tandem no longer has, and "" for none."""
    if not label:
        return ""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return label
    words = str(model._meta.verbose_name)
    return words[:1].upper() + words[1:]


class AppendOnlyError(RuntimeError):
    """Something tried to change or remove an audit entry through the application."""


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    """Reads as usual; bulk changes and bulk deletes refuse."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError(APPEND_ONLY)

    def delete(self) -> NoReturn:
        raise AppendOnlyError(APPEND_ONLY)

    def bulk_update(self, objs: Any, fields: Any, batch_size: int | None = None) -> NoReturn:
        raise AppendOnlyError(APPEND_ONLY)

    def update_or_create(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError(APPEND_ONLY)

    def bulk_create(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Audit entries are written one at a time by tandem.audit.services.audit_log.")


AuditEntryManager = models.Manager.from_queryset(AuditEntryQuerySet)


class AuditEntry(models.Model):
    """One state change. Append-only: rows are never updated or deleted by the application.

    ``actor`` and ``organisation`` keep the id they had when the entry was written even if that
    person or organisation is later removed (no database constraint, nothing cascades), because
    the ids are part of the hashed content; ``actor_label`` and ``object_label`` keep the words.
    """

    sequence = models.PositiveBigIntegerField(unique=True)
    occurred_at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_label = models.CharField(max_length=300, blank=True)
    action = models.CharField(max_length=120, db_index=True)
    object_type = models.CharField(max_length=100, blank=True, db_index=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_label = models.CharField(max_length=300, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    summary = models.CharField(max_length=500, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)
    # The id of the audit key (TANDEM_AUDIT_KEYS) that signed this entry; "" for the unkeyed
    # entries written before the chain was keyed. The key itself is never stored here.
    key_id = models.CharField(max_length=32, blank=True, default="")

    objects = AuditEntryManager()

    class Meta:
        ordering = ["-sequence"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.sequence} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError(APPEND_ONLY)
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError(APPEND_ONLY)

    @property
    def description(self) -> str:
        """What happened, in words: "Invited someone to join an organisation"."""
        return action_description(self.action)

    @property
    def object_type_words(self) -> str:
        """The kind of record that was changed, in words: "Membership"."""
        return record_kind_words(self.object_type)

    def chain_content(self) -> dict[str, Any]:
        """The fields the hash covers. Changing this list breaks every existing chain."""
        return {
            "sequence": self.sequence,
            "occurred_at": self.occurred_at.isoformat(),
            "actor_id": self.actor_id,
            "actor_label": self.actor_label,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "object_label": self.object_label,
            "organisation_id": self.organisation_id,
            "before": self.before,
            "after": self.after,
            "summary": self.summary,
        }


class AuditChainHead(models.Model):
    """A single row locked while an entry is appended, so two writers cannot fork the chain.

    It also remembers the newest entry, so deleting the newest entries shows when verifying, and
    signs that record with the audit key (``seal``), so it cannot be moved back without the key.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    sequence = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS)
    key_id = models.CharField(max_length=32, blank=True, default="")
    seal = models.CharField(max_length=64, blank=True, default="")

    def __str__(self) -> str:
        return f"Audit head at {self.sequence}"
