"""Copy each specification's ``section_versions`` counts into its section rows, and each
``criterion-<pk>`` count onto that criterion's own ``version``, so a form opened before the change
still saves against the count it was opened at. Reversible: going back writes the JSON again."""

from collections import defaultdict

from django.db import migrations

# The sections as they were keyed in ``section_versions`` (SectionKey's values when this was written).
SECTION_KEYS = frozenset({"about", "agreement", "route", "ti-requirements", "social-value", "timeline", "coproduction"})
CRITERION_PREFIX = "criterion-"


def _count(value):  # type: ignore[no-untyped-def]
    """A count as ``section_version`` read it: anything but a whole number counted as 0."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else 0


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    Specification = apps.get_model("tenders", "Specification")
    SpecificationSection = apps.get_model("tenders", "SpecificationSection")
    AwardCriterion = apps.get_model("tenders", "AwardCriterion")
    rows = []
    for specification_pk, versions in Specification.objects.values_list("pk", "section_versions").iterator():
        if not isinstance(versions, dict):
            continue
        for key, value in versions.items():
            count = _count(value)
            if key in SECTION_KEYS:
                rows.append(SpecificationSection(specification_id=specification_pk, key=key, version=count))
            elif key.startswith(CRITERION_PREFIX) and key[len(CRITERION_PREFIX):].isdigit():
                # A criterion's count was 1 once added, as a new criterion's version is now.
                AwardCriterion.objects.filter(
                    pk=int(key[len(CRITERION_PREFIX):]), specification_id=specification_pk
                ).update(version=max(count, 1))
    SpecificationSection.objects.bulk_create(rows, batch_size=500)


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    Specification = apps.get_model("tenders", "Specification")
    SpecificationSection = apps.get_model("tenders", "SpecificationSection")
    AwardCriterion = apps.get_model("tenders", "AwardCriterion")
    versions = defaultdict(dict)
    for specification_pk, key, version in SpecificationSection.objects.values_list("specification_id", "key", "version"):
        versions[specification_pk][key] = version
    for specification_pk, pk, version in AwardCriterion.objects.values_list("specification_id", "pk", "version"):
        versions[specification_pk][f"{CRITERION_PREFIX}{pk}"] = version
    for specification_pk, counts in versions.items():
        Specification.objects.filter(pk=specification_pk).update(section_versions=counts)


class Migration(migrations.Migration):
    dependencies = [("tenders", "0004_sections_and_row_versions")]

    operations = [migrations.RunPython(forwards, backwards)]
