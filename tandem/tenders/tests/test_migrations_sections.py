"""Migrations 0004 to 0006: the ``section_versions`` JSON becomes one row per section, and each
criterion's count moves onto its own ``version``, both ways."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tandem.tenders.models import AwardCriterion, CriterionGroup, SpecificationSection
from tandem.tenders.tests.builders import sections_saved, specification_build

BEFORE = ("tenders", "0004_sections_and_row_versions")
AFTER = ("tenders", "0006_remove_specification_section_versions")


def migrate(target: tuple[str, str]) -> Any:
    """Migrate tenders to ``target``; the apps registry as it was there."""
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    executor.loader.build_graph()
    return executor.loader.project_state([target]).apps


def migrate_to_the_latest() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_the_counts_move_from_the_json_to_rows_and_back(funder_member: Any, funder_org: Any) -> None:
    spec = specification_build(lead=funder_member, lead_funder=funder_org)
    criterion = AwardCriterion.objects.create(
        specification=spec, group=CriterionGroup.QUALITY, title="Safety", weight=60, version=3
    )
    SpecificationSection.objects.create(specification=spec, key="about", version=2)
    SpecificationSection.objects.create(specification=spec, key="ti-requirements", version=1)
    try:
        # Going back writes the JSON the old code read.
        old_apps = migrate(BEFORE)
        Specification = old_apps.get_model("tenders", "Specification")
        assert Specification.objects.get(pk=spec.pk).section_versions == {
            "about": 2,
            "ti-requirements": 1,
            f"criterion-{criterion.pk}": 3,
        }
        # Forwards from JSON as the old code wrote it, with what it would have read as 0.
        old_apps.get_model("tenders", "SpecificationSection").objects.all().delete()
        old_apps.get_model("tenders", "AwardCriterion").objects.update(version=1)
        Specification.objects.filter(pk=spec.pk).update(
            section_versions={
                "about": 4,
                "timeline": 2,
                "coproduction": 0,
                "route": "two",
                "social-value": True,
                "budget": 9,
                f"criterion-{criterion.pk}": 5,
                "criterion-999999": 7,
            }
        )
        migrate(AFTER)
    finally:
        migrate_to_the_latest()
    assert sections_saved(spec) == {"about": 4, "timeline": 2}
    assert dict(SpecificationSection.objects.values_list("key", "version")) == {
        "about": 4,
        "timeline": 2,
        "coproduction": 0,
        "route": 0,
        "social-value": 0,
    }
    criterion.refresh_from_db()
    assert criterion.version == 5
