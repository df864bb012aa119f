"""The specification itself (one per commission), the choices its sections use, and its saved and
published versions."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

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


class SectionKey(models.TextChoices):
    """The parts of the specification saved as a whole, each with its own version, so two people
    editing the same part at once are told, and editing different parts never clashes (decision 0019)."""

    ABOUT = "about", "About the service"
    AGREEMENT = "agreement", "Agreement"
    ROUTE = "route", "Route and regime"
    TI_REQUIREMENTS = "ti-requirements", "Trauma-informed requirements"
    SOCIAL_VALUE = "social-value", "Why social value is weighted below 10%"
    TIMELINE = "timeline", "Timeline"
    COPRODUCTION = "coproduction", "Co-production"


def section_version_attribute(key: str) -> str:
    """The attribute ``with_sections`` reads a section's version into ("version_ti_requirements")."""
    return f"version_{key.replace('-', '_')}"


# The attribute ``with_sections`` reads every section's version into, as one {key: version} object.
SECTION_VERSIONS = "section_versions"


class _SectionVersions(models.Aggregate):
    """Every section row's ``{key: version}`` as one JSON object: SQLite's ``json_group_object``,
    PostgreSQL's ``jsonb_object_agg`` (jsonb, which Django reads as text and decodes itself)."""

    function = "JSON_GROUP_OBJECT"
    output_field = models.JSONField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        return self.as_sql(compiler, connection, function="JSONB_OBJECT_AGG", **extra_context)


class _WithSectionsIterable(models.query.ModelIterable):  # type: ignore[type-arg]
    """Rows as ``ModelIterable`` gives them, each with its sections' versions set as attributes
    (``version_about``, ...; 0 for a section never saved) from the one aggregated object."""

    def __iter__(self) -> Iterator[Any]:
        for specification in super().__iter__():
            versions = specification.__dict__.pop(SECTION_VERSIONS, None)
            if isinstance(versions, str):
                versions = json.loads(versions)
            if not isinstance(versions, dict):
                versions = {}
            for key in SectionKey.values:
                setattr(specification, section_version_attribute(key), int(versions.get(key) or 0))
            yield specification


class SpecificationQuerySet(models.QuerySet["Specification"]):
    def with_sections(self) -> SpecificationQuerySet:
        """Each section's version, read in the same query (0 for a section never saved), so a page
        showing a section's form needs no query of its own for it.

        One correlated subquery gathers every section's version into one JSON object (seven
        subqueries, one per section, cost more to build in Python than the rest of the query)."""
        sections = (
            SpecificationSection.objects.filter(specification=models.OuterRef("pk"))
            .order_by()
            .values("specification")
            .annotate(versions=_SectionVersions("key", "version"))
            .values("versions")
        )
        queryset = self.annotate(**{SECTION_VERSIONS: models.Subquery(sections, output_field=models.JSONField())})
        if queryset._iterable_class is models.query.ModelIterable:  # not after .values()
            queryset._iterable_class = _WithSectionsIterable
        return queryset


class Specification(BaseModel):
    """The working copy of a commission's specification (seed 004, appendix C: the tender template)."""

    objects = SpecificationQuerySet.as_manager()

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
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"Specification for commission {self.commission_id}"


class SpecificationSection(BaseModel):
    """How many times one section of the specification has been saved: the ``version`` its forms
    carry. Until the section is first saved its version is 0, and there may be no row for it yet."""

    specification = models.ForeignKey(Specification, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(max_length=32, choices=SectionKey.choices)
    version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["specification", "key"]
        constraints = [
            models.UniqueConstraint(fields=["specification", "key"], name="tenders_specification_section_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_key_display()}, saved {self.version} times"


class SpecificationVersion(BaseModel):
    """A frozen, numbered snapshot of the whole specification. ``published_at`` marks a version shared
    with bidders (criteria and weights are published with the opportunity), and ``publish_reasons``
    keeps why the team published it past each of Tandem's warnings."""

    specification = models.ForeignKey(Specification, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    note = models.CharField(max_length=300, blank=True)
    snapshot = models.JSONField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The warnings the version was published with, each with the team's reason for publishing anyway:
    # a list of {"key", "warning", "said", "reason"} (the warning's key, its heading, what Tandem said,
    # and the reason), in the order the publish page listed them. Empty when there were none.
    publish_reasons = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["specification", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["specification", "number"], name="tenders_version_number_unique")
        ]

    def __str__(self) -> str:
        return f"Version {self.number}"
