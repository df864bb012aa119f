"""Questions for bidders, each scored against an award criterion or none."""

from __future__ import annotations

from django.db import models

from tandem.core.models import BaseModel
from tandem.tenders.models.criteria import AwardCriterion
from tandem.tenders.models.specification import Specification


class QuestionPhase(models.TextChoices):
    FIRST_STAGE = "first_stage", "Everyone who bids (first stage)"
    SHORTLISTED = "shortlisted", "Shortlisted bidders only"


class Question(BaseModel):
    """A question for bidders. "Why we ask" and "how we will use your answer" are required.

    ``is_open`` marks the open question every specification starts with ("is there anything
    else you want us to know?"); ``included`` lets the team switch it off, with a reason.
    """

    specification = models.ForeignKey(Specification, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.TextField()
    guidance = models.TextField(blank=True)
    word_limit = models.PositiveIntegerField(null=True, blank=True)
    criterion = models.ForeignKey(
        AwardCriterion, null=True, blank=True, on_delete=models.SET_NULL, related_name="questions"
    )
    phase = models.CharField(max_length=16, choices=QuestionPhase.choices, default=QuestionPhase.FIRST_STAGE)
    # Full financial information is asked of shortlisted bidders only, unless the team says why.
    is_financial = models.BooleanField(default=False)
    # Why everyone who bids must give full financial information at the first stage, when the team
    # chose that against Tandem's suggestion (seed 000, Procure: phased collection of sensitive information).
    first_stage_reason = models.TextField(blank=True)
    why_we_ask = models.TextField()
    how_we_use = models.TextField("How we will use your answer")
    # The participant group that shaped the question, e.g. "Anyborough survivors' panel".
    coproduced_with = models.CharField(max_length=200, blank=True)
    is_open = models.BooleanField(default=False)
    included = models.BooleanField(default=True)
    excluded_reason = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["specification", "order", "pk"]

    def __str__(self) -> str:
        return self.text[:60]
