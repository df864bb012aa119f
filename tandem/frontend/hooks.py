"""What the apps above ``frontend`` lend its pages, registered in their ``AppConfig.ready()``.

``frontend`` sits low in the layers (docs/where-things-go.md, "Import order") so that every app
can use its helpers; it never imports an app above it. Where one of its pages needs something
only a higher app knows, that app registers a callable here:

- ``refusal_contacts``: the people the 403 page names to ask for access (``organisations``
  registers the administrators of the organisation the person is acting for);
- ``feedback_limit``: counts a feedback post and says how long to wait when there have been too
  many (``accounts`` registers its one throttling mechanism). Until one is registered, feedback
  is refused, so a missing registration can never switch the limit off.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.http import HttpRequest

RefusalContacts = Callable[[HttpRequest], Sequence[Any]]
# Counts one feedback post; returns what to tell the person when they must wait, or "" when not.
FeedbackLimit = Callable[[HttpRequest], str]

FEEDBACK_UNAVAILABLE = "Sorry, feedback cannot be sent at the moment. Try again later."

_refusal_contacts: list[RefusalContacts] = []
_feedback_limit: list[FeedbackLimit] = []


def refusal_contacts_register(finder: RefusalContacts) -> None:
    if finder not in _refusal_contacts:
        _refusal_contacts.append(finder)


def refusal_contacts(request: HttpRequest) -> list[Any]:
    """Everyone the registered finders name for this request, in the order they were registered."""
    return [person for finder in _refusal_contacts for person in finder(request)]


def feedback_limit_register(limit: FeedbackLimit) -> None:
    """There is one limit: registering another replaces it."""
    _feedback_limit[:] = [limit]


def feedback_wait_message(request: HttpRequest) -> str:
    """Count this feedback post; what to tell the person when they must wait, or ""."""
    if not _feedback_limit:
        return FEEDBACK_UNAVAILABLE
    return _feedback_limit[0](request)
