from __future__ import annotations

from django.conf import settings
from django.db import models


class BaseModel(models.Model):
    """Every Tandem table records when a row was made and last changed."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Draft(BaseModel):
    """What someone was typing into a form, kept on the server so nothing is lost.

    Keyed by person and page path. Saved as people type (with JavaScript), and rescued from a
    form posted after the session had timed out (without it).
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drafts")
    path = models.CharField(max_length=500)
    data = models.JSONField(default=dict)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "path"], name="core_draft_unique_user_path")]

    def __str__(self) -> str:
        return f"Draft of {self.path}"
