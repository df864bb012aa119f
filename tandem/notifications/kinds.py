"""The kinds of notification Tandem sends, as data. Pure Python: no Django imports.

Every call to ``notify`` names one of these codes. ``email_optional`` says whether a person may
turn off the emails for that kind on their preferences page; the in-app notification is always
recorded. Add a kind here before using it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NotificationKind:
    code: str
    label: str
    description: str
    email_optional: bool
    # Shown on the preferences page for kinds that cannot be turned off: why we always email.
    why_always: str = ""


KINDS: tuple[NotificationKind, ...] = (
    NotificationKind(
        code="accounts.security",
        label="Security of your account",
        description="For example, when your password or two-factor authentication changes.",
        email_optional=False,
        why_always="If someone else changed your account, an email is the quickest way for you to find out.",
    ),
    NotificationKind(
        code="organisations.invitation",
        label="Invitations to join an organisation",
        description="When someone invites you to join their organisation on Tandem.",
        email_optional=False,
        why_always="Invitations are sent to an email address, sometimes before the person has an account.",
    ),
    NotificationKind(
        code="organisations.invitation_accepted",
        label="Replies to invitations you sent",
        description="When someone you invited joins your organisation.",
        email_optional=True,
    ),
    NotificationKind(
        code="organisations.membership",
        label="Your role in an organisation",
        description="When you are added to an organisation, your role changes or you are removed.",
        email_optional=True,
    ),
    NotificationKind(
        code="organisations.site_admin_change",
        label="Changes a site administrator makes to your organisation's members",
        description=(
            "When someone who runs this copy of Tandem invites, changes or removes a member of an "
            "organisation you are an administrator of, with the reason they gave."
        ),
        email_optional=False,
        why_always=(
            "People who run Tandem can change who is in your organisation. You should always know when "
            "they do, and why, so you can put it right if it was not expected."
        ),
    ),
    NotificationKind(
        code="commissions.stage",
        label="Commissions moving on",
        description="When a commission you work on moves to a new stage.",
        email_optional=True,
    ),
    NotificationKind(
        code="tenders.specification",
        label="Specifications you work on",
        description="When a new version of a commission's specification is saved or published to bidders.",
        email_optional=True,
    ),
    NotificationKind(
        code="commissions.team",
        label="Your place on a commission's team",
        description="When you are added to a commission's team, your role on it changes or you are removed.",
        email_optional=True,
    ),
    NotificationKind(
        code="commissions.mention",
        label="Mentions in comments",
        description="When someone on a commission's team mentions you in a comment.",
        email_optional=True,
    ),
)

KINDS_BY_CODE: dict[str, NotificationKind] = {kind.code: kind for kind in KINDS}


def kind_get(code: str) -> NotificationKind:
    """The kind with this code, or ValueError naming the codes that exist."""
    try:
        return KINDS_BY_CODE[code]
    except KeyError:
        known = ", ".join(sorted(KINDS_BY_CODE))
        raise ValueError(f"Unknown notification kind {code!r}. Known kinds: {known}") from None


def optional_kinds() -> tuple[NotificationKind, ...]:
    return tuple(kind for kind in KINDS if kind.email_optional)


def always_kinds() -> tuple[NotificationKind, ...]:
    return tuple(kind for kind in KINDS if not kind.email_optional)
