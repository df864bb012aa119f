"""The pages an invitation link leads to, the same for every kind: which one to show, and the words
that differ between kinds (what they are invited to, who to ask). The templates are
``core/invitations/*.html``; each kind's view renders them with an ``InvitationPage`` as ``page``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.http import urlencode

from tandem.core.dates import local_date_display
from tandem.core.invitations.models import InvitationBase
from tandem.core.invitations.rules import InvitationStatus
from tandem.core.invitations.selectors import account_exists, is_invited_person
from tandem.core.invitations.services import invitation_expiry_new

ACCEPT = "core/invitations/accept.html"
CANCEL = "core/invitations/cancel.html"
CLOSED = "core/invitations/closed.html"
NEW_ACCOUNT = "core/invitations/new_account.html"
RESEND = "core/invitations/resend.html"
SIGN_IN = "core/invitations/sign_in.html"
UNKNOWN = "core/invitations/unknown.html"
WRONG_PERSON = "core/invitations/wrong_person.html"


@dataclass(frozen=True)
class InvitationPage:
    """The words the link pages need for one invitation. Each is a phrase that fits its sentence:

    - ``invited_to``: after "Join" ("Anyborough Borough Council", "the team for Domestic abuse support")
    - ``intro``: who invited them, to what, as what
    - ``role_description``: the role in plain words, or blank
    - ``join_button``: the button that accepts
    - ``ask_for_this_account``: what to ask the inviter for, to join with the account they are
      signed in with ("send an invitation to pat@example.org")
    - ``cancelled_by``: who cancelled it ("An administrator of Anyborough Borough Council")
    - ``already_in``: said to the person who accepted it ("You are a member of ...")
    - ``go_to_url``, ``go_to_name``: where they go once in
    - ``one_of_them``: who else to ask for a new one ("one of its administrators")
    - ``nobody_to_ask``: when there is nobody to name ("someone at ...")
    - ``people_heading``: above the list of people to ask ("The administrators of ... are:")
    """

    invited_to: str
    intro: str
    join_button: str
    ask_for_this_account: str
    cancelled_by: str
    already_in: str
    go_to_url: str
    go_to_name: str
    one_of_them: str
    nobody_to_ask: str
    people_heading: str
    role_description: str = ""


def invitation_page_for(*, invitation: InvitationBase, user: Any) -> str:
    """Which page the link shows: closed once used, cancelled or run out; to the person it was
    sent to, signed in, the page that accepts; to someone else signed in, the wrong-person page;
    signed out, the sign-in page when the address has an account, else the new-account page."""
    if invitation.status_now != InvitationStatus.PENDING:
        return CLOSED
    if getattr(user, "is_authenticated", False):
        return ACCEPT if is_invited_person(user, invitation) else WRONG_PERSON
    return SIGN_IN if account_exists(invitation.email) else NEW_ACCOUNT


def change_page_context(
    *,
    invitation: InvitationBase,
    caption: str,
    invited_to: str,
    back_url: str,
    back_text: str,
    form: Any = None,
    error: str = "",
    notice_template: str = "",
) -> dict[str, Any]:
    """What ``CANCEL`` and ``RESEND`` need: the invitation's status now, when its link runs out
    (or ran out), and when a link sent now would. ``invited_to`` follows "to join" ("the team",
    "Anyborough Council"); ``form`` carries a site administrator's reason where one is needed."""
    return {
        "invitation": invitation,
        "status": invitation.status_now.value,
        "expires": local_date_display(invitation.expires_at),
        "new_expires": local_date_display(invitation_expiry_new()),
        "caption": caption,
        "invited_to": invited_to,
        "back_url": back_url,
        "back_text": back_text,
        "form": form,
        "error": error,
        "notice_template": notice_template,
    }


def cancelled_message(invitation: InvitationBase) -> str:
    """What the list page says once an invitation is cancelled."""
    return f"The invitation for {invitation.email} has been cancelled. The link in it no longer works."


def resent_message(invitation: InvitationBase) -> str:
    """What the list page says once an invitation is sent again (``invitation`` as saved now)."""
    return (
        f"We have sent the invitation for {invitation.email} again. The new link works until "
        f"{local_date_display(invitation.expires_at)}, and the old one no longer works."
    )


def sign_in_then(path: str) -> str:
    """The sign-in page, coming back to ``path`` afterwards."""
    return f"{reverse(settings.LOGIN_URL)}?{urlencode({'next': path})}"
