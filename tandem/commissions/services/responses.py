"""What the team records as it works through the journey: responses to prompts (kept as
revisions), comments with mentions, and each stage's status.

Every write checks permission, runs in one transaction, writes the audit trail and tells the
people who need to know once the change is saved.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse

from tandem.audit.services import audit_log
from tandem.commissions.evidence import MAX_LINKS, MAX_TITLE, problems_counted, url_problem
from tandem.commissions.mentions import Mentionable, mentions_find
from tandem.commissions.models import (
    Comment,
    Commission,
    Response,
    ResponseKind,
    StageProgress,
    StageStatus,
    TeamMember,
)
from tandem.commissions.permissions import can_comment, can_contribute
from tandem.core.concurrency import EditConflict, compare
from tandem.core.exceptions import ApplicationError
from tandem.frameworks.models import Prompt, Stage
from tandem.notifications.services import notify

TEXT_MAX = 5000
REASON_MAX = 2000
COMMENT_MAX = 2000
AUDIT_TEXT_MAX = 200

EMPTY_ANSWER = "Write your thinking or decision, or choose “Not relevant here” and say why"
NO_REASON = "Tell us why this is not relevant here"
NO_KIND = "Choose whether this is your thinking, a decision, or not relevant here"
TEXT_TOO_LONG = f"Your response must be {TEXT_MAX:,} characters or fewer"
REASON_TOO_LONG = f"Your reason must be {REASON_MAX:,} characters or fewer"
EMPTY_COMMENT = "Write your comment"
COMMENT_TOO_LONG = f"Your comment must be {COMMENT_MAX:,} characters or fewer"
NO_STATUS = "Choose where the team is with this stage"
# What ``EditConflict`` calls a response when someone else saved one first.
RESPONSE = "the response to this question"


def _clean(text: str) -> str:
    # PostgreSQL cannot store NUL; nobody types it on purpose. Line endings as the browser sends them.
    return text.replace("\x00", "").replace("\r\n", "\n").strip()


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= AUDIT_TEXT_MAX else f"{text[: AUDIT_TEXT_MAX - 1]}…"


def _check_prompt(commission: Commission, prompt: Prompt) -> Stage:
    stage = prompt.stage
    if stage.version_id != commission.framework_version_id:
        raise ApplicationError("This question is not part of the framework this commission runs on.")
    return stage


def _check_stage(commission: Commission, stage: Stage) -> None:
    if stage.version_id != commission.framework_version_id:
        raise ApplicationError("This stage is not part of the framework this commission runs on.")


def _team_except(commission: Commission, actor: Any) -> list[Any]:
    members = TeamMember.objects.filter(commission=commission).exclude(user_id=actor.pk).select_related("user")
    return [member.user for member in members if member.user.is_active]


def stage_url(commission: Commission, stage: Stage) -> str:
    return reverse("commissions:stage", kwargs={"pk": commission.pk, "stage": stage.slug})


def prompt_url(commission: Commission, prompt: Prompt) -> str:
    return reverse("commissions:prompt", kwargs={"pk": commission.pk, "prompt_pk": prompt.pk})


def evidence_links_check(links: Sequence[Mapping[str, Any]]) -> list[dict[str, str]]:
    """The links as they will be saved, or ApplicationError naming what is wrong: every line that
    is wrong gets its own message (the first as ``message``, the rest in ``messages``)."""
    problems: list[str] = []
    if len(links) > MAX_LINKS:
        problems.append(f"You can add up to {MAX_LINKS} links")
    cleaned: list[dict[str, str]] = []
    line_problems: list[str] = []
    for number, link in enumerate(links, start=1):
        url = _clean(str(link.get("url", "")))
        title = " ".join(_clean(str(link.get("title", ""))).split())
        problem = url_problem(url) if url else "is missing"
        if problem:
            line_problems.append(f"The link on line {number} {problem}")
        elif len(title) > MAX_TITLE:
            line_problems.append(f"The name on line {number} must be {MAX_TITLE} characters or fewer")
        else:
            cleaned.append({"title": title, "url": url})
    problems += problems_counted(line_problems)
    if problems:
        raise ApplicationError(problems[0], field="evidence", more=problems[1:])
    return cleaned


def _stage_status_set(
    *, actor: Any, commission: Commission, stage: Stage, status: str, reason: str = ""
) -> tuple[StageProgress, bool]:
    """Set the stage's status inside the caller's transaction. Returns (progress, changed).
    Audits and tells the rest of the team when it changed."""
    progress, _created = StageProgress.objects.get_or_create(commission=commission, stage=stage)
    progress = StageProgress.objects.select_for_update().get(pk=progress.pk)
    before = str(progress.status)
    if before == status:
        return progress, False
    progress.status = status
    progress.updated_by = actor
    progress.save(update_fields=["status", "updated_by", "updated_at"])
    label = StageStatus(status).label
    before_label = StageStatus(before).label
    audit_log(
        actor=actor,
        action="commissions.stage.status_changed",
        obj=progress,
        organisation=commission.lead_funder,
        before={"stage": stage.slug, "status": before},
        after={"stage": stage.slug, "status": status},
        summary=f"{stage.name} on “{commission.title}”: {before_label} to {label}{reason}",
    )
    notify(
        recipients=_team_except(commission, actor),
        kind="commissions.stage",
        title=f"{actor} marked {stage.name} as {label.lower()}",
        body=f"This is for the commission “{commission.title}”. Any stage can be opened and changed again at any time.",
        url=stage_url(commission, stage),
        organisation=commission.lead_funder,
        actor=actor,
    )
    return progress, True


def stage_status_change(*, actor: Any, commission: Commission, stage: Stage, status: str) -> StageProgress:
    """Set where the team is with a stage. Moving on never locks a stage: any status can follow
    any other, and every stage stays open. The rest of the team is told when it changes."""
    can_contribute(actor, commission).require()
    _check_stage(commission, stage)
    if status not in StageStatus.values:
        raise ApplicationError(NO_STATUS, field="status")
    with transaction.atomic():
        progress, _changed = _stage_status_set(actor=actor, commission=commission, stage=stage, status=status)
    return progress


def _response_content(kind: str, text: str, reason: str, links: list[dict[str, str]]) -> dict[str, Any]:
    return {"kind": kind, "text": text, "reason": reason, "evidence_links": links}


def response_save(
    *,
    actor: Any,
    commission: Commission,
    prompt: Prompt,
    kind: str,
    text: str = "",
    reason: str = "",
    evidence_links: Sequence[Mapping[str, Any]] = (),
    expected_version: int | None = None,
) -> Response:
    """Record the team's response to a prompt as a new revision; earlier ones are kept.

    A response's version is its revision number (0 before the first). ``expected_version`` is
    the one the person saw when they opened the page; if someone has saved since, nothing is
    saved and ``EditConflict`` is raised carrying the response saved now, so no one's words are
    overwritten unseen. ``None`` (a caller that did not open a page, such as the demo) skips the
    check. Saving an unchanged response adds no revision. The first
    response in a stage that had not been started marks it "in progress".
    """
    can_contribute(actor, commission).require()
    stage = _check_prompt(commission, prompt)
    if kind not in ResponseKind.values:
        raise ApplicationError(NO_KIND, field="kind")
    text = _clean(text)
    reason = _clean(reason)
    if kind == ResponseKind.NOT_RELEVANT:
        if not reason:
            raise ApplicationError(NO_REASON, field="reason")
    else:
        reason = ""
        if not text:
            raise ApplicationError(EMPTY_ANSWER, field="text")
    if len(text) > TEXT_MAX:
        raise ApplicationError(f"{TEXT_TOO_LONG}. It has {len(text):,}", field="text")
    if len(reason) > REASON_MAX:
        raise ApplicationError(f"{REASON_TOO_LONG}. It has {len(reason):,}", field="reason")
    links = evidence_links_check(evidence_links)
    wanted = _response_content(kind, text, reason, links)

    with transaction.atomic():
        current = (
            Response.objects.select_for_update()
            .filter(commission=commission, prompt=prompt, is_current=True)
            .select_related("author")
            .first()
        )
        current_revision = current.revision if current else 0
        if expected_version is not None:
            compare(current_version=current_revision, expected_version=expected_version, what=RESPONSE, saved=current)
        if current is not None:
            had = _response_content(current.kind, current.text, current.reason, list(current.evidence_links))
            if had == wanted:
                return current
            current.is_current = False
            current.save(update_fields=["is_current", "updated_at"])
        try:
            with transaction.atomic():
                response = Response.objects.create(
                    commission=commission,
                    prompt=prompt,
                    kind=kind,
                    text=text,
                    reason=reason,
                    evidence_links=links,
                    author=actor,
                    revision=current_revision + 1,
                    is_current=True,
                )
        except IntegrityError:
            # Someone else's response landed at the same moment: theirs is the one saved now.
            theirs = Response.objects.filter(commission=commission, prompt=prompt, is_current=True).first()
            raise EditConflict(
                what=RESPONSE, saved=theirs, version=theirs.revision if theirs else current_revision + 1
            ) from None
        audit_log(
            actor=actor,
            action="commissions.response.saved",
            obj=response,
            organisation=commission.lead_funder,
            before=(
                {"kind": current.kind, "text": _short(current.text or current.reason), "revision": current.revision}
                if current
                else {}
            ),
            after={"kind": kind, "text": _short(text or reason), "revision": response.revision},
            summary=f"Response to a {stage.name} question on “{commission.title}” (version {response.revision})",
        )
        progress = StageProgress.objects.filter(commission=commission, stage=stage).only("status").first()
        if progress is None or progress.status == StageStatus.NOT_STARTED:
            _stage_status_set(
                actor=actor,
                commission=commission,
                stage=stage,
                status=StageStatus.IN_PROGRESS,
                reason=" (after the first response)",
            )
    return response


def comment_add(*, actor: Any, commission: Commission, prompt: Prompt, text: str) -> Comment:
    """Add a comment on a prompt. ``@Full Name`` or ``@email`` mentions people on the team;
    they are told. Observers can comment too."""
    can_comment(actor, commission).require()
    stage = _check_prompt(commission, prompt)
    text = _clean(text)
    if not text:
        raise ApplicationError(EMPTY_COMMENT, field="text")
    if len(text) > COMMENT_MAX:
        raise ApplicationError(f"{COMMENT_TOO_LONG}. It has {len(text):,}", field="text")
    team = list(TeamMember.objects.filter(commission=commission).select_related("user"))
    people = {member.user.pk: member.user for member in team}
    mentioned_pks = mentions_find(
        text, [Mentionable(key=user.pk, name=user.full_name, email=user.email) for user in people.values()]
    )
    mentioned = [people[pk] for pk in mentioned_pks if isinstance(pk, int)]
    with transaction.atomic():
        comment = Comment.objects.create(commission=commission, prompt=prompt, author=actor, text=text)
        if mentioned:
            comment.mentions.set(mentioned)
        audit_log(
            actor=actor,
            action="commissions.comment.added",
            obj=comment,
            organisation=commission.lead_funder,
            after={"text": _short(text), "mentions": [user.email for user in mentioned]},
            summary=f"Comment on a {stage.name} question on “{commission.title}”",
        )
        to_tell = [user for user in mentioned if user.pk != actor.pk and user.is_active]
        if to_tell:
            notify(
                recipients=to_tell,
                kind="commissions.mention",
                title=f"{actor} mentioned you in a comment",
                body=f"This is on a {stage.name} question for the commission “{commission.title}”.",
                url=f"{prompt_url(commission, prompt)}#comment-{comment.pk}",
                organisation=commission.lead_funder,
                actor=actor,
            )
    return comment
