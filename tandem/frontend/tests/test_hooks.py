"""What the apps above frontend lend its pages (tandem.frontend.hooks)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from tandem.accounts.throttling import feedback_post_wait
from tandem.frontend import hooks
from tandem.frontend.models import Feedback

FEEDBACK = {"doing": "Looking for the privacy notice", "experience": "It took a while to find."}


def test_the_feedback_limit_is_the_sign_ins_throttling_registered_by_accounts() -> None:
    assert hooks._feedback_limit == [feedback_post_wait]


@pytest.mark.django_db
def test_without_a_registered_limit_feedback_is_refused_not_let_through(monkeypatch: Any) -> None:
    # A missing registration must never switch the limit off.
    monkeypatch.setattr(hooks, "_feedback_limit", [])
    response = Client().post(reverse("frontend:feedback"), FEEDBACK)
    assert response.status_code == 429
    assert hooks.FEEDBACK_UNAVAILABLE in response.content.decode()
    assert not Feedback.objects.exists()


def test_refusal_contacts_are_what_every_registered_finder_names(monkeypatch: Any) -> None:
    monkeypatch.setattr(hooks, "_refusal_contacts", [])
    hooks.refusal_contacts_register(lambda request: ["first"])
    hooks.refusal_contacts_register(lambda request: ["second", "third"])
    assert hooks.refusal_contacts(RequestFactory().get("/")) == ["first", "second", "third"]
