"""Framework content as published versions.

A framework (the trauma-informed journey, or a process "lens" such as analyse-plan-do-review)
has numbered versions. Each version owns its own rows of principles, stages, guidance points
and prompts, so publishing a new version never changes what an older one said, and answers
given against an older version keep pointing at exactly the words that were asked.
"""

from __future__ import annotations

from django.db import models

from tandem.core.models import BaseModel


class FrameworkKind(models.TextChoices):
    JOURNEY = "journey", "Commissioning journey"
    LENS = "lens", "Process lens"


class Framework(BaseModel):
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=16, choices=FrameworkKind.choices)
    name = models.CharField(max_length=200)
    # For a lens: the journey framework whose stages it maps onto.
    lens_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="lenses")

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class FrameworkVersion(BaseModel):
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    summary = models.TextField(blank=True)
    source_file = models.CharField(max_length=100, blank=True)
    source_section = models.CharField(max_length=200, blank=True)
    # SHA-256 of the canonical content, so loading unchanged files publishes nothing.
    content_hash = models.CharField(max_length=64)
    # The whole loaded content, kept so administrators can see what changed between versions.
    content = models.JSONField(default=dict)
    published_at = models.DateTimeField()

    class Meta:
        ordering = ["framework", "-number"]
        constraints = [models.UniqueConstraint(fields=["framework", "number"], name="frameworks_version_unique_number")]

    def __str__(self) -> str:
        return f"{self.framework.name}, version {self.number}"


class Principle(models.Model):
    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="principles")
    slug = models.SlugField(max_length=80)
    name = models.CharField(max_length=100)
    description = models.TextField()
    order = models.PositiveSmallIntegerField()
    source_file = models.CharField(max_length=100, blank=True)
    source_section = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["version", "order"]
        constraints = [models.UniqueConstraint(fields=["version", "slug"], name="frameworks_principle_unique_slug")]

    def __str__(self) -> str:
        return self.name


class Stage(models.Model):
    """A stage of a journey (Reflect…Sustain) or of a lens (Analyse, Plan…)."""

    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="stages")
    slug = models.SlugField(max_length=80)
    name = models.CharField(max_length=100)
    title = models.CharField(max_length=200, blank=True)
    purpose = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField()
    # Lens stages only: the journey stage slugs this stage covers.
    maps_to = models.JSONField(default=list, blank=True)
    source_file = models.CharField(max_length=100, blank=True)
    source_section = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["version", "order"]
        constraints = [models.UniqueConstraint(fields=["version", "slug"], name="frameworks_stage_unique_slug")]

    def __str__(self) -> str:
        return self.name


class GuidancePoint(models.Model):
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="guidance")
    slug = models.SlugField(max_length=120)
    title = models.CharField(max_length=200)
    text = models.TextField()
    order = models.PositiveSmallIntegerField()
    principles = models.ManyToManyField(Principle, related_name="guidance", blank=True)
    source_file = models.CharField(max_length=100, blank=True)
    source_section = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["stage", "order"]
        constraints = [models.UniqueConstraint(fields=["stage", "slug"], name="frameworks_guidance_unique_slug")]

    def __str__(self) -> str:
        return self.title


class Voice(models.TextChoices):
    FUNDER = "funder", "For funders"
    PROVIDER = "provider", "For providers"
    BOTH = "both", "For funders and providers"


class Prompt(models.Model):
    """A reflective question the team answers, in a funder or provider voice (or both)."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="prompts")
    slug = models.SlugField(max_length=120)
    voice = models.CharField(max_length=16, choices=Voice.choices, default=Voice.BOTH)
    text = models.TextField()
    order = models.PositiveSmallIntegerField()
    principles = models.ManyToManyField(Principle, related_name="prompts", blank=True)
    source_file = models.CharField(max_length=100, blank=True)
    source_section = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["stage", "order"]
        constraints = [models.UniqueConstraint(fields=["stage", "slug"], name="frameworks_prompt_unique_slug")]

    def __str__(self) -> str:
        return self.text[:80]


class Activity(models.Model):
    """One activity of a lens stage (for example, "hold listening events with people who use
    services"). Lenses have activities, not prompts."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="activities")
    text = models.TextField()
    order = models.PositiveSmallIntegerField()
    source_file = models.CharField(max_length=100, blank=True)
    source_section = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["stage", "order"]
        verbose_name_plural = "activities"

    def __str__(self) -> str:
        return self.text[:80]
