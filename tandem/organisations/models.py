from __future__ import annotations

from django.conf import settings
from django.db import models

from tandem.core.invitations.models import InvitationBase
from tandem.core.models import BaseModel
from tandem.organisations.identifiers import Identifier, IdentifierError, charity_number_parse, company_number_parse


class OrganisationKind(models.TextChoices):
    # Funders
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    NHS_BODY = "nhs_body", "NHS body"
    PCC = "pcc", "Police and crime commissioner"
    CHARITABLE_FUNDER = "charitable_funder", "Charitable funder"
    # Providers
    CHARITY = "charity", "Charity"
    COMMUNITY_GROUP = "community_group", "Community group"
    SOCIAL_ENTERPRISE = "social_enterprise", "Social enterprise"
    PRIVATE_COMPANY = "private_company", "Private company"
    PUBLIC_BODY = "public_body", "Public body"


FUNDER_KINDS = frozenset(
    {
        OrganisationKind.LOCAL_AUTHORITY,
        OrganisationKind.NHS_BODY,
        OrganisationKind.PCC,
        OrganisationKind.CHARITABLE_FUNDER,
    }
)


class SizeBand(models.TextChoices):
    """Bands by annual income, following the NCVO Almanac bands."""

    MICRO = "micro", "Micro: under £10,000"
    SMALL = "small", "Small: £10,000 to £100,000"
    MEDIUM = "medium", "Medium: £100,000 to £1 million"
    LARGE = "large", "Large: £1 million to £10 million"
    MAJOR = "major", "Major: £10 million to £100 million"
    SUPER_MAJOR = "super_major", "Super-major: over £100 million"


class Organisation(BaseModel):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=32, choices=OrganisationKind.choices)
    charity_number = models.CharField(max_length=16, blank=True)
    company_number = models.CharField(max_length=16, blank=True)
    annual_income = models.PositiveBigIntegerField(null=True, blank=True)
    size_band = models.CharField(max_length=16, choices=SizeBand.choices, blank=True)
    areas_served = models.JSONField(default=list, blank=True)
    specialisms = models.JSONField(default=list, blank=True)
    about = models.TextField("About us", max_length=1500, blank=True)
    # Goes up by one on every edit, so two people editing at once are told rather than overwritten.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_funder(self) -> bool:
        return self.kind in FUNDER_KINDS

    @property
    def identifiers(self) -> list[Identifier]:
        """The org-id.guide identifiers for the registered numbers held, charity first."""
        found = []
        for number, parse in ((self.charity_number, charity_number_parse), (self.company_number, company_number_parse)):
            if number:
                try:
                    found.append(parse(number))
                except IdentifierError:
                    continue
        return found


class MembershipRole(models.TextChoices):
    ADMIN = "admin", "Administrator"
    MEMBER = "member", "Member"


class Membership(BaseModel):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=16, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    # Whether the organisation's other members may see this person's email address. Only they
    # choose, and it is off until they turn it on; the organisation's administrators always see it
    # (docs/decisions/0022-contact-details-are-the-persons-choice.md).
    shares_email = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="organisations_membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} in {self.organisation} ({self.get_role_display()})"

    @property
    def is_admin(self) -> bool:
        return self.role == MembershipRole.ADMIN


class Invitation(InvitationBase):
    """An invitation by email to join an organisation with a role. What every invitation has (the
    hashed token, the status, who sent and who accepted it) comes from ``InvitationBase``."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(max_length=16, choices=MembershipRole.choices, default=MembershipRole.MEMBER)

    class Meta(InvitationBase.Meta):
        indexes = [models.Index(fields=["organisation", "email"], name="organisations_invite_org_email")]

    def __str__(self) -> str:
        return f"Invitation for {self.email} to {self.organisation_id}"
