"""A commission and the team carrying it through the journey, with what they have considered."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from tandem.core.invitations.models import InvitationBase
from tandem.core.models import BaseModel


class TeamRole(models.TextChoices):
    LEAD = "lead", "Lead"
    FINANCE = "finance", "Finance"
    PROCUREMENT = "procurement", "Procurement"
    LIVED_EXPERIENCE = "lived_experience", "Lived-experience member"
    OBSERVER = "observer", "Observer"


class StageStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    CONSIDERED = "considered", "Considered"
    REVISIT = "revisit", "Revisit"


class Commission(BaseModel):
    title = models.CharField(max_length=200)
    purpose = models.TextField(max_length=3000)
    service_area = models.CharField(max_length=200)
    people_for = models.TextField("The people it is for", max_length=3000)
    lead_funder = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="commissions_led"
    )
    estimated_value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    framework_version = models.ForeignKey(
        "frameworks.FrameworkVersion", on_delete=models.PROTECT, related_name="commissions"
    )
    # The journey stage (slug) the team says it is in now; any stage can still be entered.
    current_stage = models.SlugField(max_length=80, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Bumped on every edit of the details, so two people editing at once are told.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.title


class PartnerFunder(BaseModel):
    commission = models.ForeignKey(Commission, on_delete=models.CASCADE, related_name="partner_funders")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    contribution = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["commission", "organisation"], name="commissions_partner_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.commission}"


class TeamMember(BaseModel):
    commission = models.ForeignKey(Commission, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="commission_roles")
    role = models.CharField(max_length=32, choices=TeamRole.choices)
    # Whether the rest of the team may see this person's email address. Only they choose, and it
    # is off until they turn it on: the team sees their name and role
    # (docs/decisions/0022-contact-details-are-the-persons-choice.md).
    shares_email = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["commission", "user"], name="commissions_team_unique")]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}) on {self.commission}"


class StageProgress(BaseModel):
    commission = models.ForeignKey(Commission, on_delete=models.CASCADE, related_name="stage_progress")
    stage = models.ForeignKey("frameworks.Stage", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=16, choices=StageStatus.choices, default=StageStatus.NOT_STARTED)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["commission", "stage"], name="commissions_progress_unique")]

    def __str__(self) -> str:
        return f"{self.stage} is {self.get_status_display().lower()}"


class ResponseKind(models.TextChoices):
    ANSWER = "answer", "Our thinking"
    DECISION = "decision", "A decision"
    NOT_RELEVANT = "not_relevant", "Not relevant here"


class Response(BaseModel):
    """What the team recorded against one prompt. Every save adds a revision; the newest is
    current, and earlier ones are kept with who wrote them and when."""

    commission = models.ForeignKey(Commission, on_delete=models.CASCADE, related_name="responses")
    prompt = models.ForeignKey("frameworks.Prompt", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=16, choices=ResponseKind.choices)
    text = models.TextField(blank=True)
    # "Not relevant here, because…": required when kind is not_relevant.
    reason = models.TextField(blank=True)
    evidence_links = models.JSONField(default=list, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    revision = models.PositiveIntegerField(default=1)
    is_current = models.BooleanField(default=True)

    class Meta:
        ordering = ["commission", "prompt", "-revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["commission", "prompt"], condition=Q(is_current=True), name="commissions_one_current_response"
            ),
            models.UniqueConstraint(fields=["commission", "prompt", "revision"], name="commissions_response_revision"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.prompt_id}"


class Comment(BaseModel):
    commission = models.ForeignKey(Commission, on_delete=models.CASCADE, related_name="comments")
    prompt = models.ForeignKey("frameworks.Prompt", on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(max_length=2000)
    mentions = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Comment by {self.author_id} on {self.prompt_id}"


class CommissionInvitation(InvitationBase):
    """An invitation by email to join a commission's team, for someone with no account yet. What
    every invitation has (the hashed token, the status, who sent and who accepted it) comes from
    ``InvitationBase``."""

    commission = models.ForeignKey(Commission, on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(max_length=32, choices=TeamRole.choices)

    class Meta(InvitationBase.Meta):
        indexes = [models.Index(fields=["commission", "email"], name="commissions_invite_email")]

    def __str__(self) -> str:
        return f"Invitation for {self.email} to commission {self.commission_id}"
