"""Every change the frontend app makes. Each writes an audit entry."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from tandem.audit.services import audit_log
from tandem.frontend.models import Feedback
from tandem.frontend.paths import safe_local_path


def feedback_submit(
    *,
    actor: Any,
    doing: str,
    experience: str,
    email: str = "",
    page: str = "",
    anonymous: bool = False,
) -> Feedback:
    """Keep what someone told us about Tandem. Anyone may send feedback, signed in or not.

    ``anonymous`` (for people who are signed in) keeps their account out of it: the feedback
    and its audit entry do not name them. The audit entry never holds the words or the email
    address, only that feedback arrived, so it can be deleted later without touching the trail.
    """
    signed_in = getattr(actor, "is_authenticated", False)
    sender = actor if signed_in and not anonymous else None
    with transaction.atomic():
        feedback = Feedback.objects.create(
            user=sender,
            page=safe_local_path(page),
            doing=doing.strip(),
            experience=experience.strip(),
            email=email.strip(),
        )
        audit_log(
            actor=sender,
            action="frontend.feedback.submitted",
            obj=feedback,
            after={"page": feedback.page, "wants_reply": bool(feedback.email), "named": sender is not None},
            summary="Feedback sent about Tandem",
        )
    return feedback
