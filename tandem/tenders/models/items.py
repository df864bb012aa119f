"""The specification's lists: outcomes, trauma-informed requirements, budget lines and lots."""

from __future__ import annotations

from django.db import models

from tandem.core.models import BaseModel
from tandem.tenders.models.specification import Specification


class Outcome(BaseModel):
    class Kind(models.TextChoices):
        HARD = "hard", "Hard: counted or measured"
        SOFT = "soft", "Soft: how people feel, cope or connect"

    specification = models.ForeignKey(Specification, on_delete=models.CASCADE, related_name="outcomes")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.TextField()
    kind = models.CharField(max_length=8, choices=Kind.choices)
    indicator_6_months = models.TextField(blank=True)
    indicator_2_years = models.TextField(blank=True)
    indicator_5_years = models.TextField(blank=True)
    # Counts saves, so two people changing it at once are told (decision 0019).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["specification", "order", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class TIElement(models.TextChoices):
    """The seven elements of a trauma-informed service specification (seed 000, Design)."""

    PERSON_CENTRED = "person_centred", "Person-centred engagement that offers safety, choice and control"
    SENSITIVE_MONITORING = "sensitive_monitoring", "Outcome monitoring that does not re-traumatise people"
    POLICIES = "policies", "Trauma-informed policies and physically and emotionally safe settings"
    CULTURAL = "cultural", "Culturally responsive, inclusive practice"
    TRAINING = "training", "Ongoing trauma-informed training and professional development"
    SUPERVISION = "supervision", "Reflective practice and supervision for staff and volunteers"
    COPRODUCTION = "coproduction", "Co-production with people with lived experience"


class TIRequirement(BaseModel):
    """One trauma-informed element the specification requires, with what providers commit to."""

    specification = models.ForeignKey(Specification, on_delete=models.CASCADE, related_name="ti_requirements")
    element = models.CharField(max_length=32, choices=TIElement.choices)
    commitments = models.TextField()

    class Meta:
        ordering = ["specification", "element"]
        constraints = [
            models.UniqueConstraint(fields=["specification", "element"], name="tenders_ti_requirement_unique")
        ]

    def __str__(self) -> str:
        return self.get_element_display()


class BudgetCategory(models.TextChoices):
    STAFF = "staff", "Staff pay and on-costs"
    SUPERVISION = "supervision", "Clinical or reflective supervision"
    TRAINING = "training", "Training and professional development"
    LIVED_EXPERIENCE = "lived_experience", "Paying people with lived experience for their time"
    OVERHEADS = "overheads", "Overheads (premises, management, computers, insurance)"
    COST_OF_LIVING = "cost_of_living", "Cost-of-living and pay review"
    OTHER = "other", "Other"


class BudgetLine(BaseModel):
    specification = models.ForeignKey(Specification, on_delete=models.CASCADE, related_name="budget_lines")
    order = models.PositiveSmallIntegerField(default=0)
    category = models.CharField(max_length=32, choices=BudgetCategory.choices)
    description = models.CharField(max_length=300)
    annual_amount = models.DecimalField(max_digits=14, decimal_places=2)
    # Counts saves, so two people changing it at once are told (decision 0019).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["specification", "order", "pk"]

    def __str__(self) -> str:
        return self.description


class Lot(BaseModel):
    specification = models.ForeignKey(Specification, on_delete=models.CASCADE, related_name="lots")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    # Counts saves, so two people changing it at once are told (decision 0019).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["specification", "order", "pk"]

    def __str__(self) -> str:
        return self.title
