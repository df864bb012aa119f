"""Designing the tender for a commission: the specification, its outcomes, trauma-informed
requirements, budget, lots, award criteria, questions for bidders, timeline and versions.

One specification per commission. The rows here are the working copy the team edits; a saved
version (``SpecificationVersion``) is a frozen snapshot of all of it, and a published version is
the one shared with bidders. Rules about what is sensible (weights adding to 100, timeline
checks, co-production sizing, contract or grant) live in Django-free modules beside this one.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from tandem.core.models import BaseModel


class AgreementKind(models.TextChoices):
    CONTRACT = "contract", "Contract"
    GRANT = "grant", "Grant"


class Route(models.TextChoices):
    OPEN = "open", "Open: one stage, anyone can bid"
    TWO_STAGE = "two_stage", "Two stages: a shortlist, then dialogue or assurance"
    DIRECT_AWARD = "direct_award", "Direct award to one provider"


class SecondStage(models.TextChoices):
    DIALOGUE = "dialogue", "Dialogue with shortlisted bidders"
    ASSURANCE = "assurance", "Assurance: checking the shortlist's plans and finances"


class Vulnerability(models.TextChoices):
    """How vulnerable the people the service is for are likely to be; sets co-production sizing."""

    LOW = "low", "Lower: most people using it are not in crisis"
    MODERATE = "moderate", "Moderate: some people using it are at risk or in crisis"
    HIGH = "high", "High: most people using it have experienced trauma, abuse or crisis"


class EngagementLevel(models.TextChoices):
    """The ladder of engagement, lowest first (seed 001, section 5)."""

    INFORM = "inform", "Inform"
    CONSULT = "consult", "Consult"
    INVOLVE = "involve", "Involve"
    COLLABORATE = "collaborate", "Collaborate"
    EMPOWER = "empower", "Empower"


class Specification(BaseModel):
    """The working copy of a commission's specification (seed 004, appendix C: the tender template)."""

    commission = models.OneToOneField("commissions.Commission", on_delete=models.CASCADE, related_name="specification")
    # About the service
    purpose = models.TextField(blank=True)
    people_for = models.TextField("The people it is for", blank=True)
    services_required = models.TextField(blank=True)
    # What providers report, how often and in what form (streamlined reporting, seed 000 Relate).
    reporting = models.TextField(blank=True)
    # What happens when it ends: notice, transition and continuity of care (seed 000 Sustain).
    ending_plan = models.TextField(blank=True)
    # The agreement
    agreement_kind = models.CharField(max_length=16, choices=AgreementKind.choices, blank=True)
    # Specialist work (a particular community, or skills few organisations have) suits a grant
    # whatever its size (seed 004, chapter 4); it changes Tandem's suggestion.
    specialist_work = models.BooleanField(default=False)
    # Why the team chose differently from Tandem's recommendation; blank when it agrees.
    agreement_reason = models.TextField(blank=True)
    term_months = models.PositiveSmallIntegerField(null=True, blank=True)
    extension_months = models.PositiveSmallIntegerField(null=True, blank=True)
    consortium_welcome = models.BooleanField(default=False)
    # Budget: how prices are reviewed over the term (cost of living, pay awards).
    cost_review = models.TextField(blank=True)
    # Route and regime
    route = models.CharField(max_length=16, choices=Route.choices, blank=True)
    second_stage = models.CharField(max_length=16, choices=SecondStage.choices, blank=True)
    direct_award_justification = models.TextField(blank=True)
    cpv_code = models.CharField("CPV code", max_length=12, blank=True)
    light_touch = models.BooleanField(null=True, blank=True)
    value_including_vat = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    # Award criteria: the reason recorded when social value is weighted below 10%.
    social_value_reason = models.TextField(blank=True)
    # Timeline
    publication_on = models.DateField(null=True, blank=True)
    clarification_deadline = models.DateField(null=True, blank=True)
    submission_deadline = models.DateField(null=True, blank=True)
    evaluation_from = models.DateField(null=True, blank=True)
    evaluation_to = models.DateField(null=True, blank=True)
    presentations_on = models.DateField(null=True, blank=True)
    award_on = models.DateField(null=True, blank=True)
    feedback_by = models.DateField(null=True, blank=True)
    standstill_ends_on = models.DateField(null=True, blank=True)
    mobilisation_from = models.DateField(null=True, blank=True)
    service_starts_on = models.DateField(null=True, blank=True)
    # Co-production sizing
    vulnerability = models.CharField(max_length=16, choices=Vulnerability.choices, blank=True)
    engagement_level = models.CharField(max_length=16, choices=EngagementLevel.choices, blank=True)
    # Required when the chosen level is below Tandem's suggestion.
    engagement_reason = models.TextField(blank=True)
    # Bumped on every save of each section, keyed by section slug, so two people editing the same
    # section at once are told (editing different sections never clashes).
    section_versions = models.JSONField(default=dict, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"Specification for commission {self.commission_id}"


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

    class Meta:
        ordering = ["specification", "order", "pk"]

    def __str__(self) -> str:
        return self.title


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

    class Meta:
        ordering = ["specification", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.weight}%)"


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


class SpecificationVersion(BaseModel):
    """A frozen, numbered snapshot of the whole specification. ``published`` marks a version shared
    with bidders (criteria and weights are published with the opportunity)."""

    specification = models.ForeignKey(Specification, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    note = models.CharField(max_length=300, blank=True)
    snapshot = models.JSONField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["specification", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["specification", "number"], name="tenders_version_number_unique")
        ]

    def __str__(self) -> str:
        return f"Version {self.number}"
