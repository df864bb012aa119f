"""The award criteria bidders are scored against."""

from __future__ import annotations

from django.db import models

from tandem.core.models import BaseModel
from tandem.tenders.models.specification import Specification


class CriterionGroup(models.TextChoices):
    QUALITY = "quality", "Quality"
    SOCIAL_VALUE = "social_value", "Social value"
    PRICE = "price", "Price"
    OTHER = "other", "Other"


class AwardCriterion(BaseModel):
    """One award criterion with its weight (a percentage of the whole) and a scoring scale.

    ``scale`` is a list of ``{"score": int, "descriptor": str}``, lowest score first; every
    point has a descriptor so evaluators and bidders know what each score means.
    """

    specification = models.ForeignKey(Specification, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField(default=0)
    group = models.CharField(max_length=16, choices=CriterionGroup.choices)
    title = models.CharField(max_length=200)
    weight = models.PositiveSmallIntegerField()
    evaluator_guidance = models.TextField(blank=True)
    scale = models.JSONField(default=list)
    # Counts saves, so two people changing it at once are told (decision 0019).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["specification", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.weight}%)"
