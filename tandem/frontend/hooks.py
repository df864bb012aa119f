"""What the apps above ``frontend`` lend its pages, registered in their ``AppConfig.ready()``.

``frontend`` sits low in the layers (docs/where-things-go.md, "Import order") so that every app
can use its helpers; it never imports an app above it. Where one of its pages needs something
only a higher app knows, that app registers a callable here:

- ``refusal_contacts``: the people the 403 page names to ask for access (``organisations``
  registers the administrators of the organisation the person is acting for);
- ``feedback_limit``: counts a feedback post and says how long to wait when there have been too
  many (``accounts`` registers its one throttling mechanism). Until one is registered, feedback
  is refused, so a missing registration can never switch the limit off;
- ``team_welcomes``: for someone who is on a commission's team but in no organisation (a
  lived-experience member, a peer researcher), what the home page welcomes them with: each team,
  their role in plain words, what they can do, who their contact is, what the team sees about
  them and how to step back (``commissions`` registers it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
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


@dataclass(frozen=True)
class TeamWelcome:
    """One team a person is on, in the words their home page uses."""

    title: str
    url: str
    lead_funder: str
    # "a lived-experience member": the role as it reads in a sentence.
    role_article: str
    role_words: str
    can_do: tuple[str, ...]
    # The commission's leads: the person's named contacts, reached through Tandem.
    contacts: tuple[str, ...]
    shares_email: bool
    details_url: str
    leave_url: str
    team_url: str

    @property
    def contacts_text(self) -> str:
        """ "Priya Shah", "Priya Shah and Sam Lee", "Priya Shah, Sam Lee and Jo Bell"."""
        names = list(self.contacts)
        if len(names) <= 1:
            return "".join(names)
        return f"{', '.join(names[:-1])} and {names[-1]}"


TeamWelcomes = Callable[[Any], Sequence[TeamWelcome]]

_team_welcomes: list[TeamWelcomes] = []


def team_welcomes_register(finder: TeamWelcomes) -> None:
    """There is one finder: registering another replaces it."""
    _team_welcomes[:] = [finder]


def team_welcomes(user: Any) -> list[TeamWelcome]:
    """The teams ``user`` is on, for their welcome; empty until an app registers a finder."""
    if not _team_welcomes:
        return []
    return list(_team_welcomes[0](user))
