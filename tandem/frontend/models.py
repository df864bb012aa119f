from __future__ import annotations

from django.conf import settings
from django.db import models

from tandem.core.models import BaseModel


class Feedback(BaseModel):
    """What someone told us about using Tandem. Anyone can send it, signed in or not."""

    # Empty when the person was signed out, or asked for it not to be linked to their account.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The page they came from (a path on this site), when we know it.
    page = models.CharField(max_length=300, blank=True)
    doing = models.TextField("What they were trying to do", max_length=1200)
    experience = models.TextField("What went well or wrong", max_length=2000)
    # Only when they would like a reply.
    email = models.EmailField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "feedback"

    def __str__(self) -> str:
        return f"Feedback {self.pk}"
