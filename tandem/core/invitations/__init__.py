"""Invitations by email: one lifecycle for every kind (to an organisation, to a commission's team,
and the kinds still to come).

- ``rules``: the token, the email address, the status and the checks, with their messages.
- ``models``: ``InvitationBase``, the abstract model each kind's own model subclasses.
- ``services``: the lifecycle (issue, resend, cancel, accept, accept with a new account), told
  what joining means and how to word it by an ``InvitationKind``.
- ``selectors``: the reads (pending, by token, whether the address has an account).
- ``pages``: which page a link shows, and the words the shared templates need
  (``core/invitations/*.html``).
- ``forms``: making an account from an invitation.

Why: ``docs/decisions/0020-one-invitation-lifecycle.md``. This package imports nothing above core,
so whatever a kind needs from a higher app (``audit_log``, ``notify``) is passed in.
"""

from tandem.core.invitations.rules import (
    FULL_NAME_MAX,
    InvitationStatus,
    already_has_account_message,
    invitation_accepter_check,
    invitation_email_clean,
    invitation_open_check,
    invitation_status_now,
    invitation_token_hash,
    invitation_token_new,
    new_account_details_check,
)

__all__ = [
    "FULL_NAME_MAX",
    "InvitationStatus",
    "already_has_account_message",
    "invitation_accepter_check",
    "invitation_email_clean",
    "invitation_open_check",
    "invitation_status_now",
    "invitation_token_hash",
    "invitation_token_new",
    "new_account_details_check",
]
