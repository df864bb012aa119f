"""A refusal is Django's PermissionDenied with a reason, never a business-rule error."""

from __future__ import annotations

import django.core.exceptions
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tandem.core.exceptions import ApplicationError, PermissionDenied
from tandem.core.permissions import Decision

REASON = "Only the lead funder's team can change this commission."


def _save_like_a_form_view() -> str:
    """What every form view does with a service: a business rule's message goes beside a field."""
    try:
        Decision.deny(REASON).require()
    except ApplicationError as error:
        return error.message
    return "saved"


def test_except_application_error_does_not_catch_a_refusal() -> None:
    with pytest.raises(PermissionDenied) as refused:
        _save_like_a_form_view()
    assert refused.value.message == REASON


def test_a_refusal_is_djangos_permission_denied_and_not_a_business_rule() -> None:
    refusal = PermissionDenied(REASON)
    assert isinstance(refusal, django.core.exceptions.PermissionDenied)
    assert not isinstance(refusal, ApplicationError)


def test_a_business_rule_is_not_a_refusal() -> None:
    rule = ApplicationError("Enter a title", field="title")
    assert not isinstance(rule, django.core.exceptions.PermissionDenied)


def test_an_allowed_decision_raises_nothing() -> None:
    Decision.allow().require()
    assert Decision.allow()


@given(st.text(min_size=1, max_size=200))
def test_a_refusal_carries_its_reason_unchanged(reason: str) -> None:
    with pytest.raises(django.core.exceptions.PermissionDenied) as refused:
        Decision.deny(reason).require()
    assert isinstance(refused.value, PermissionDenied)
    assert refused.value.message == reason
    assert str(refused.value) == reason
