"""Which organisation a signed-in person is acting for on this request."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from tandem.organisations.permissions import organisation_roles_remember
from tandem.organisations.selectors import membership_list_for_user
from tandem.organisations.sessions import CURRENT_ORGANISATION_SESSION_KEY


class CurrentOrganisationMiddleware:
    """Sets ``request.organisation`` (an Organisation or None), ``request.membership`` (the
    person's Membership of it, or None) and ``request.memberships`` (all of theirs).

    The choice comes from the session; when there is none, or it names an organisation the
    person no longer belongs to, the first of their organisations (by name) is used. One query
    for a signed-in person, none for anyone else.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.organisation = None  # type: ignore[attr-defined]
        request.membership = None  # type: ignore[attr-defined]
        request.memberships = []  # type: ignore[attr-defined]
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            memberships = membership_list_for_user(user=user)
            organisation_roles_remember(user, {m.organisation_id: m.role for m in memberships})
            chosen = request.session.get(CURRENT_ORGANISATION_SESSION_KEY)
            current = next((m for m in memberships if m.organisation_id == chosen), None)
            if current is None and memberships:
                current = memberships[0]
            if current is None:
                request.session.pop(CURRENT_ORGANISATION_SESSION_KEY, None)
            elif current.organisation_id != chosen:
                request.session[CURRENT_ORGANISATION_SESSION_KEY] = current.organisation_id
            request.memberships = memberships  # type: ignore[attr-defined]
            request.membership = current  # type: ignore[attr-defined]
            request.organisation = current.organisation if current else None  # type: ignore[attr-defined]
        return self.get_response(request)
