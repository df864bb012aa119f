"""The specification's sections and their versions (tandem/tenders/services/sections.py)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError, transaction

from tandem.core.concurrency import EditConflict
from tandem.tenders.models import SectionKey, Specification, SpecificationSection, section_version_attribute
from tandem.tenders.services.sections import section_bump, section_lock, section_version
from tandem.tenders.tests.builders import specification_build

pytestmark = pytest.mark.django_db


@pytest.fixture
def spec(funder_member: Any, funder_org: Any) -> Specification:
    return specification_build(lead=funder_member, lead_funder=funder_org)


def save(spec: Specification, key: str, expected_version: int | None) -> int:
    with transaction.atomic():
        row = section_lock(spec, key, expected_version=expected_version, what="it", saved=lambda: "saved now")
        return section_bump(row)


def test_a_section_is_at_version_0_until_first_saved_and_counts_each_save(spec: Specification) -> None:
    assert section_version(spec, "about") == 0
    assert not SpecificationSection.objects.exists()
    assert save(spec, "about", 0) == 1
    assert save(spec, "about", 1) == 2
    assert section_version(Specification.objects.get(pk=spec.pk), "about") == 2
    # The other sections are untouched.
    assert section_version(spec, "route") == 0


def test_a_stale_or_missing_version_is_a_conflict_and_counts_nothing(spec: Specification) -> None:
    save(spec, "timeline", 0)
    for stale in (0, 2, None):
        with pytest.raises(EditConflict) as caught:
            save(spec, "timeline", stale)
        assert (caught.value.saved, caught.value.version) == ("saved now", 1)
    assert SpecificationSection.objects.get(specification=spec, key="timeline").version == 1


def test_the_specification_passed_in_is_kept_in_step(spec: Specification) -> None:
    with transaction.atomic():
        row = section_lock(spec, "coproduction", expected_version=0, what="it", saved=lambda: None)
        section_bump(row, spec)
    assert section_version(spec, "coproduction") == 1


def test_pages_read_every_section_version_in_the_one_query(spec: Specification, django_assert_num_queries: Any) -> None:
    save(spec, "about", 0)
    save(spec, "about", 1)
    save(spec, "ti-requirements", 0)
    with django_assert_num_queries(1):
        loaded = Specification.objects.with_sections().get(pk=spec.pk)
    with django_assert_num_queries(0):
        versions = {key: section_version(loaded, key) for key in SectionKey.values}
    assert versions == {key: 0 for key in SectionKey.values} | {"about": 2, "ti-requirements": 1}


def test_every_section_version_comes_from_one_subquery(spec: Specification) -> None:
    # One aggregated subquery, not one per section: each subquery costs more to build than the rest.
    sql = str(Specification.objects.with_sections().filter(pk=spec.pk).query)
    assert sql.count("tenders_specificationsection") == 1


def test_each_specification_gets_its_own_versions_and_none_saved_reads_0(
    spec: Specification, funder_member: Any, funder_org: Any
) -> None:
    other = specification_build(lead=funder_member, lead_funder=funder_org, title="Another")
    save(spec, "timeline", 0)
    save(other, "coproduction", 0)
    save(other, "coproduction", 1)
    loaded = {s.pk: s for s in Specification.objects.with_sections().filter(pk__in=[spec.pk, other.pk])}
    assert {key: section_version(loaded[spec.pk], key) for key in SectionKey.values} == {
        key: 0 for key in SectionKey.values
    } | {"timeline": 1}
    assert {key: section_version(loaded[other.pk], key) for key in SectionKey.values} == {
        key: 0 for key in SectionKey.values
    } | {"coproduction": 2}
    fresh = specification_build(lead=funder_member, lead_funder=funder_org, title="Third")
    untouched = Specification.objects.with_sections().get(pk=fresh.pk)
    assert all(getattr(untouched, section_version_attribute(key)) == 0 for key in SectionKey.values)


def test_a_section_has_one_row_per_specification(spec: Specification) -> None:
    SpecificationSection.objects.create(specification=spec, key="route", version=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        SpecificationSection.objects.create(specification=spec, key="route")
