"""One prompt of a commission's journey: why it matters, the team's response (kept as
revisions), and the comments on it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from tandem.commissions.forms.responses import CommentForm, ResponseForm
from tandem.commissions.mentions import Mentionable, mentions_unknown
from tandem.commissions.models import Comment, Commission, Response, ResponseKind, TeamRole
from tandem.commissions.permissions import can_comment, can_contribute, can_manage_commission
from tandem.commissions.selectors.journey import PromptPage, prompt_page_get
from tandem.commissions.services.responses import comment_add, response_save
from tandem.commissions.views.stage import commission_for, viewer_voice
from tandem.core.concurrency import EditConflict
from tandem.core.drafts import draft_as_initial, draft_clear, draft_form_data, draft_save
from tandem.core.exceptions import ApplicationError
from tandem.frontend.edit_conflict import keep_typed
from tandem.frontend.form_errors import error_to_form

KIND_TAG_CLASSES = {
    ResponseKind.ANSWER.value: "govuk-tag--blue",
    ResponseKind.DECISION.value: "govuk-tag--green",
    ResponseKind.NOT_RELEVANT.value: "govuk-tag--grey",
}


def _page_or_404(request: HttpRequest, commission: Commission, prompt_pk: int) -> PromptPage:
    page = prompt_page_get(commission=commission, prompt_pk=prompt_pk, viewer_voice=viewer_voice(request))
    if page is None:
        raise Http404("This commission's journey has no such question")
    return page


def _mention_hint(commission: Commission, viewer_pk: int | None) -> str:
    names = [str(member.user) for member in commission.team.all() if member.user_id != viewer_pk]
    if not names:
        return "To tell someone on the team about your comment, type @ and their full name."
    example = names[0]
    listed = ", ".join(names[:12]) + (" and others" if len(names) > 12 else "")
    return (
        f"To tell someone on the team, type @ and their full name, for example @{example}. "
        f"People on the team: {listed}."
    )


@dataclass(frozen=True)
class NotTold:
    """The note beside a comment that mentions someone not on the team: who was not told, and
    how they can be added (a link for those who can add people, the leads' names for others)."""

    who: str
    add_url: str = ""
    leads: str = ""


def _joined(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _not_told_handles(comment: Comment) -> list[str]:
    """What follows each "@" in the comment that mentioned no one on the team when it was added
    (its saved mentions are the people it did mention)."""
    mentioned = [Mentionable(key=user.pk, name=user.full_name, email=user.email) for user in comment.mentions.all()]
    return mentions_unknown(comment.text, mentioned)


def _who(handles: Sequence[str]) -> str:
    return _joined([f"@{handle}" for handle in handles])


def _leads_sentence(commission: Commission) -> str:
    names = [m.user.full_name for m in commission.team.all() if m.role == TeamRole.LEAD and m.user.full_name]
    if not names:
        return "The commission's lead can add people to the team."
    plural = "s" if len(names) > 1 else ""
    return f"{_joined(names)}, the commission's lead{plural}, can add people to the team."


def _comment_rows(request: HttpRequest, page: PromptPage) -> list[tuple[Comment, NotTold | None]]:
    """Each comment, with the note saying who it mentioned but could not tell."""
    commission = page.commission
    add_url = ""
    leads = ""
    rows: list[tuple[Comment, NotTold | None]] = []
    for comment in page.comments:
        handles = _not_told_handles(comment)
        if not handles:
            rows.append((comment, None))
            continue
        if not (add_url or leads):
            if can_manage_commission(request.user, commission).allowed:
                add_url = reverse("commissions:team-add", kwargs={"pk": commission.pk})
            else:
                leads = _leads_sentence(commission)
        rows.append((comment, NotTold(who=_who(handles), add_url=add_url, leads=leads)))
    return rows


def _draft_revision(value: object) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


def _render(
    request: HttpRequest,
    page: PromptPage,
    *,
    form: ResponseForm | None,
    comment_form: CommentForm | None = None,
    conflict: Response | None = None,
) -> HttpResponse:
    commission = page.commission
    contribute = can_contribute(request.user, commission)
    if comment_form is None:
        comment_form = CommentForm(mention_hint=_mention_hint(commission, request.user.pk))
    return render(
        request,
        "commissions/prompt.html",
        {
            "page": page,
            "commission": commission,
            "stage": page.stage,
            "prompt": page.prompt,
            "form": form if contribute.allowed else None,
            "can_contribute": contribute.allowed,
            "contribute_reason": contribute.reason,
            "can_comment": can_comment(request.user, commission).allowed,
            "comment_form": comment_form,
            "comments": _comment_rows(request, page),
            "conflict": conflict,
            "kind_tags": KIND_TAG_CLASSES,
            "stage_url": reverse("commissions:stage", kwargs={"pk": commission.pk, "stage": page.stage.slug}),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def prompt_view(request: HttpRequest, pk: int, prompt_pk: int) -> HttpResponse:
    commission = commission_for(request, pk)
    page = _page_or_404(request, commission, prompt_pk)
    conflict: Response | None = None
    form: ResponseForm | None = None
    if request.method == "POST":
        can_contribute(request.user, commission).require()
        if request.POST.get("discard"):
            draft_clear(user=request.user, path=request.path)
            messages.success(request, "We have cleared what you typed. The saved response has not changed.")
            return redirect("commissions:prompt", pk=commission.pk, prompt_pk=page.prompt.pk)
        form = ResponseForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                response_save(
                    actor=request.user,
                    commission=commission,
                    prompt=page.prompt,
                    kind=data["kind"],
                    text=data["text"],
                    reason=data["reason"],
                    evidence_links=data["evidence"],
                    expected_version=data["version"],
                )
            except EditConflict:
                # Keep what they typed (in the form, and as a draft in case they leave), show
                # what is saved now, and let them choose.
                draft_save(user=request.user, path=request.path, data=request.POST)
                page = _page_or_404(request, commission, prompt_pk)
                conflict = page.current
                keep_typed(form, page.current_revision)
            except ApplicationError as exc:
                error_to_form(form, exc)
            else:
                draft_clear(user=request.user, path=request.path)
                messages.success(request, "Your response is saved. Earlier versions are kept below.")
                return redirect("commissions:prompt", pk=commission.pk, prompt_pk=page.prompt.pk)
    elif can_contribute(request.user, commission).allowed:
        draft, restored = draft_form_data(request)
        if restored and draft is not None:
            initial = draft_as_initial(draft)
            typed_on = _draft_revision(initial.get("version"))
            if typed_on is not None and typed_on != page.current_revision:
                # Someone saved after this person started typing: show theirs beside the draft.
                conflict = page.current
                initial["version"] = str(page.current_revision)
            form = ResponseForm(initial=initial)
        else:
            form = ResponseForm(initial=ResponseForm.initial_from(page.current))
    return _render(request, page, form=form, conflict=conflict)


@login_required
@require_POST
def comment_view(request: HttpRequest, pk: int, prompt_pk: int) -> HttpResponse:
    commission = commission_for(request, pk)
    can_comment(request.user, commission).require()
    page = _page_or_404(request, commission, prompt_pk)
    comment_form = CommentForm(request.POST, mention_hint=_mention_hint(commission, request.user.pk))
    if comment_form.is_valid():
        try:
            comment = comment_add(
                actor=request.user,
                commission=commission,
                prompt=page.prompt,
                text=comment_form.cleaned_data["text"],
            )
        except ApplicationError as exc:
            error_to_form(comment_form, exc)
        else:
            told = [str(user) for user in comment.mentions.all() if user.pk != request.user.pk]
            text = "Your comment is added."
            if told:
                text += f" We have told {', '.join(told)}."
            not_told = _not_told_handles(comment)
            if not_told:
                text += (
                    f" We did not tell {_who(not_told)}, because only people on the team can be told. "
                    "There is a note beside your comment."
                )
            messages.success(request, text)
            url = reverse("commissions:prompt", kwargs={"pk": commission.pk, "prompt_pk": page.prompt.pk})
            return redirect(f"{url}#comment-{comment.pk}")
    form = None
    if can_contribute(request.user, commission).allowed:
        form = ResponseForm(initial=ResponseForm.initial_from(page.current))
    return _render(request, page, form=form, comment_form=comment_form)
