"""What each audit action means, in plain words. No Django imports.

Every service names what it did with a dotted action name (``organisations.membership.invited``,
see ``audit_log``). People reading the audit trail see the words below instead ("Invited someone
to an organisation"), and filter by them; site administrators can still open the action name in
a details element. ``tandem/audit/tests/test_actions.py`` reads every ``audit_log`` call in the
code and fails when an action has no words here, so add the words when you add an action.

The areas and their actions are listed in the order the filter shows them: the thing itself
first, then what happens around it.
"""

from __future__ import annotations

from dataclasses import dataclass

# The first part of an action name, in words.
AREAS: dict[str, str] = {
    "accounts": "Accounts and signing in",
    "organisations": "Organisations",
    "commissions": "Commissions",
    "tenders": "Specifications",
    "frameworks": "Frameworks",
    "notifications": "Notifications",
    "frontend": "Feedback",
}

ACTIONS: dict[str, str] = {
    # Accounts and signing in
    "accounts.session.signed_in": "Signed in",
    "accounts.session.signed_out": "Signed out",
    "accounts.sign_in.slowed": "Sign-in slowed down after failed attempts",
    "accounts.sign_in.failures_notified": "Told someone about failed attempts to sign in to their account",
    "accounts.password.confirmed": "Confirmed their password before a sensitive change",
    "accounts.password.reset": "Reset their password",
    "accounts.two_factor.enabled": "Turned on two-factor authentication",
    "accounts.two_factor.disabled": "Turned off two-factor authentication",
    "accounts.two_factor.reset": "Reset someone's two-factor authentication",
    "accounts.recovery_codes.regenerated": "Made new recovery codes",
    "accounts.recovery_code.used": "Signed in with a recovery code",
    # Organisations
    "organisations.organisation.created": "Added an organisation",
    "organisations.organisation.updated": "Changed an organisation's details",
    "organisations.membership.invited": "Invited someone to join an organisation",
    "organisations.invitation.resent": "Sent an invitation to join an organisation again",
    "organisations.invitation.accepted": "Joined an organisation from an invitation",
    "organisations.invitation.revoked": "Cancelled an invitation to join an organisation",
    "organisations.membership.role_changed": "Changed someone's role in an organisation",
    "organisations.membership.removed": "Removed someone from an organisation",
    "organisations.membership.contact_changed": "Chose what an organisation's members see of their contact details",
    # Commissions
    "commissions.commission.created": "Started a commission",
    "commissions.commission.updated": "Changed a commission's details",
    "commissions.commission.stage_moved": "Changed which stage a commission is in",
    "commissions.stage.status_changed": "Changed a stage's status",
    "commissions.response.saved": "Answered a question in the journey",
    "commissions.comment.added": "Commented on a question in the journey",
    "commissions.team.added": "Added someone to a commission's team",
    "commissions.invitation.sent": "Invited someone to join a commission's team",
    "commissions.invitation.resent": "Sent an invitation to join a commission's team again",
    "commissions.invitation.accepted": "Joined a commission's team from an invitation",
    "commissions.invitation.revoked": "Cancelled an invitation to join a commission's team",
    "commissions.team.role_changed": "Changed someone's role on a commission's team",
    "commissions.team.removed": "Removed someone from a commission's team",
    "commissions.team.left": "Left a commission's team",
    "commissions.team.contact_changed": "Chose what a commission's team sees of their contact details",
    "commissions.log.exported": "Downloaded a commission's reflection log",
    # Specifications
    "tenders.specification.started": "Started a specification",
    "tenders.specification.changed": "Changed part of a specification",
    "tenders.outcome.added": "Added an outcome to a specification",
    "tenders.outcome.changed": "Changed an outcome in a specification",
    "tenders.outcome.removed": "Removed an outcome from a specification",
    "tenders.ti_requirements.changed": "Changed a specification's trauma-informed requirements",
    "tenders.budget_line.added": "Added a budget line to a specification",
    "tenders.budget_line.changed": "Changed a budget line in a specification",
    "tenders.budget_line.removed": "Removed a budget line from a specification",
    "tenders.lot.added": "Added a lot to a specification",
    "tenders.lot.changed": "Changed a lot in a specification",
    "tenders.lot.removed": "Removed a lot from a specification",
    "tenders.criterion.added": "Added an award criterion",
    "tenders.criterion.changed": "Changed an award criterion",
    "tenders.criterion.removed": "Removed an award criterion",
    "tenders.social_value_reason.changed": "Gave the reason for the social value weight",
    "tenders.question.added": "Added a question for bidders",
    "tenders.question.changed": "Changed a question for bidders",
    "tenders.question.removed": "Removed a question for bidders",
    "tenders.open_question.switched_on": "Switched the open question for bidders on",
    "tenders.open_question.switched_off": "Switched the open question for bidders off",
    "tenders.timeline.changed": "Changed a specification's timeline",
    "tenders.coproduction.changed": "Changed a specification's co-production plan",
    "tenders.version.saved": "Saved a version of a specification",
    "tenders.version.published": "Published a version of a specification to bidders",
    "tenders.specification.exported": "Downloaded a specification",
    # Frameworks
    "frameworks.version.published": "Published a new version of a framework",
    # Notifications
    "notifications.preferences.updated": "Changed which emails they get",
    # Feedback
    "frontend.feedback.submitted": "Sent feedback about Tandem",
}

# An entry written under a name Tandem no longer uses (or one from outside Tandem's own code).
UNKNOWN = "Something Tandem recorded under another name"


def action_area(action: str) -> str:
    """The area an action belongs to, in words ("Organisations"); "" when it has none we know."""
    return AREAS.get(action.split(".", 1)[0], "")


def action_description(action: str) -> str:
    """What the action means in words: "Invited someone to join an organisation"."""
    return ACTIONS.get(action, UNKNOWN)


@dataclass(frozen=True)
class ActionChoice:
    value: str  # an action name, or an area ("organisations") for every action in it
    words: str


def action_choices() -> list[tuple[str, list[ActionChoice]]]:
    """The filter's options, an area at a time: first everything in the area, then each action."""
    groups: list[tuple[str, list[ActionChoice]]] = []
    for area, area_words in AREAS.items():
        options = [ActionChoice(area, f"Anything in {area_words.lower()}")]
        options += [ActionChoice(action, words) for action, words in ACTIONS.items() if action.startswith(f"{area}.")]
        groups.append((area_words, options))
    return groups
