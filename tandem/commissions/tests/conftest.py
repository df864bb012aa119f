"""Fixtures for the commissions tests. Other helpers may add fixtures here with small edits."""

from __future__ import annotations

from typing import Any

import pytest

from tandem.commissions.models import Commission
from tandem.commissions.tests.builders import commission_build, journey_build
from tandem.frameworks.models import FrameworkVersion


@pytest.fixture
def tiny_journey(db: Any) -> FrameworkVersion:
    """A journey of seven stages with two prompts each, and one lens."""
    return journey_build()


@pytest.fixture
def commission(tiny_journey: FrameworkVersion, funder_member: Any, funder_org: Any, funder_admin: Any) -> Commission:
    """A commission led by funder_org, with funder_member as its team lead. funder_admin is an
    administrator of the lead funder, so can see and manage it without being on the team."""
    return commission_build(lead=funder_member, lead_funder=funder_org, version=tiny_journey)


@pytest.fixture
def coverage_journey(db: Any) -> FrameworkVersion:
    """Helper J's coverage and export tests: three principles, two stages (Reflect, Assess) of
    three prompts each; the middle prompt of each stage serves two principles."""
    from tandem.commissions.tests.coverage_data import journey_version_build

    return journey_version_build()


@pytest.fixture
def coverage_commission(coverage_journey: FrameworkVersion, funder_member: Any, funder_org: Any) -> Commission:
    """A commission on ``coverage_journey``, led by funder_org, with funder_member as its lead."""
    return commission_build(lead=funder_member, lead_funder=funder_org, version=coverage_journey)


@pytest.fixture
def rich_commission(funder_member: Any, funder_org: Any, funder_admin: Any) -> Commission:
    """A commission on a journey with guidance, prompts in both voices and a lens (see
    journey_builders.py). funder_member leads; Priya Shah (lived experience) and Olive Observer
    (observer) are on the team."""
    from tandem.commissions.tests.journey_builders import rich_commission_build

    return rich_commission_build(lead=funder_member, lead_funder=funder_org)


@pytest.fixture
def make_member(db: Any) -> Any:
    """``make_member(commission, email, role)`` makes a person and puts them on the team."""
    from conftest import make_user
    from tandem.commissions.models import TeamMember

    def _make(commission: Commission, email: str, role: str) -> Any:
        user = make_user(email, email.split("@")[0].title())
        TeamMember.objects.create(commission=commission, user=user, role=role)
        return user

    return _make
