"""Forms for the journey: a response to a prompt, a comment, a stage's status. Shape and field
checks only; the services hold the rules."""

from __future__ import annotations

from typing import Any

from django import forms

from tandem.commissions.evidence import MAX_LINKS, EvidenceProblem, evidence_as_text, evidence_parse
from tandem.commissions.models import Response, ResponseKind, StageStatus
from tandem.commissions.services.responses import (
    COMMENT_MAX,
    COMMENT_TOO_LONG,
    EMPTY_ANSWER,
    EMPTY_COMMENT,
    NO_KIND,
    NO_REASON,
    NO_STATUS,
    REASON_MAX,
    REASON_TOO_LONG,
    TEXT_MAX,
    TEXT_TOO_LONG,
)

KIND_CHOICES = [
    (ResponseKind.ANSWER.value, "Our thinking"),
    (ResponseKind.DECISION.value, "A decision"),
    (ResponseKind.NOT_RELEVANT.value, "Not relevant here, because…"),
]
EVIDENCE_MAX_CHARS = 12_000


def _bounded(value: object, limit: int, message: str) -> str:
    """Line breaks count as one character, as the character count on the page counts them."""
    text = str(value or "").replace("\r\n", "\n")
    if len(text) > limit:
        raise forms.ValidationError(f"{message}. It has {len(text):,}", code="max_length")
    return text


class NeededUnlessNotRelevant(forms.CharField):
    """A box that is needed for most kinds of response but not all, so it is shown without
    "(optional)". The form's ``clean`` says when it is missing."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=True, **kwargs)

    def validate(self, value: Any) -> None:
        # Whether it may be empty depends on the kind of response; ResponseForm.clean decides.
        return None


class ResponseForm(forms.Form):
    # "required" on the boxes would tell screen readers they are always needed; they are not.
    use_required_attribute = False

    kind = forms.ChoiceField(
        label="What kind of response is this?",
        choices=KIND_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": NO_KIND, "invalid_choice": NO_KIND},
    )
    text = NeededUnlessNotRelevant(
        label="Your response",
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": TEXT_MAX}),
        help_text="Write it the way you would say it to the team. You can change it later",
    )
    reason = NeededUnlessNotRelevant(
        label="If it is not relevant here, say why",
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": REASON_MAX}),
        help_text="Only needed if you chose “Not relevant here”",
    )
    evidence = forms.CharField(
        label="Links to documents or evidence",
        required=False,
        # Not stripped, so a message's line number is the line people see the link on.
        strip=False,
        widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "false"}),
        help_text=(
            f"Put each link on its own line, up to {MAX_LINKS}. You can give a link a name first, for example: "
            "Needs assessment 2024 https://www.example.gov.uk/needs"
        ),
    )
    # The revision the person saw when they opened the page, so a newer save is never overwritten unseen.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=2**31)

    choice_hints = {
        "kind": {
            ResponseKind.ANSWER.value: "What the team has found or is thinking. It can change",
            ResponseKind.DECISION.value: "Something the team has agreed to do, or not do",
            ResponseKind.NOT_RELEVANT.value: "This question does not fit this commission. Say why below",
        }
    }
    why_we_ask = {
        "kind": "So the team, and anyone reading the log later, can tell settled decisions from thinking in progress.",
        "text": "These questions are prompts to think with, not a test. What you write helps the team see what it "
        "has and has not considered.",
        "reason": "A reason shows the question was thought about, not skipped, and helps whoever picks this up next.",
        "evidence": "So people can find the documents behind what the team decided, without asking around.",
    }
    # Each wrong line of links has its own message, so people can fix them all at once.
    show_every_error = ("evidence",)

    def clean_text(self) -> str:
        return _bounded(self.cleaned_data.get("text"), TEXT_MAX, TEXT_TOO_LONG)

    def clean_reason(self) -> str:
        return _bounded(self.cleaned_data.get("reason"), REASON_MAX, REASON_TOO_LONG)

    def clean_evidence(self) -> list[dict[str, str]]:
        text = str(self.cleaned_data.get("evidence") or "")
        if len(text) > EVIDENCE_MAX_CHARS:
            raise forms.ValidationError(
                f"The links must be {EVIDENCE_MAX_CHARS:,} characters or fewer altogether", code="max_length"
            )
        try:
            return evidence_parse(text)
        except EvidenceProblem as problem:
            # One message for each line that is wrong: each is shown by the field and in the summary.
            raise forms.ValidationError(
                [forms.ValidationError(message, code="evidence") for message in problem.messages]
            ) from None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind = cleaned.get("kind")
        text = str(cleaned.get("text") or "").strip()
        reason = str(cleaned.get("reason") or "").strip()
        if "text" in cleaned and "reason" in cleaned:
            if kind == ResponseKind.NOT_RELEVANT:
                if not reason:
                    self.add_error("reason", NO_REASON)
            elif not text and not (kind is None and reason):
                self.add_error("text", EMPTY_ANSWER)
        return cleaned

    @classmethod
    def initial_from(cls, response: Response | None) -> dict[str, Any]:
        """What the form starts with: the current response, so people edit rather than retype."""
        if response is None:
            return {"version": 0}
        return {
            "kind": response.kind,
            "text": response.text,
            "reason": response.reason,
            "evidence": evidence_as_text(response.evidence_links),
            "version": response.revision,
        }


class CommentForm(forms.Form):
    text = forms.CharField(
        label="Add a comment",
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": COMMENT_MAX}),
        error_messages={"required": EMPTY_COMMENT},
    )

    why_we_ask = {
        "text": "Comments let the team talk a question through. Everyone on the team can read them, "
        "and mentioning someone tells them.",
    }

    def __init__(self, *args: Any, mention_hint: str = "", **kwargs: Any) -> None:
        # Its own ids: the response form on the same page has a "text" field too.
        kwargs.setdefault("auto_id", "comment-%s")
        super().__init__(*args, **kwargs)
        if mention_hint:
            self.fields["text"].help_text = mention_hint

    def clean_text(self) -> str:
        text = _bounded(self.cleaned_data.get("text"), COMMENT_MAX, COMMENT_TOO_LONG)
        if not text.strip():
            raise forms.ValidationError(EMPTY_COMMENT, code="required")
        return text


class StageStatusForm(forms.Form):
    status = forms.ChoiceField(
        label="Where is the team with this stage?",
        choices=StageStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": NO_STATUS, "invalid_choice": NO_STATUS},
    )

    choice_hints = {
        "status": {
            StageStatus.NOT_STARTED.value: "No one has looked at this stage yet",
            StageStatus.IN_PROGRESS.value: "The team is thinking about this stage now",
            StageStatus.CONSIDERED.value: "The team has thought it through for now. You can still come back to it",
            StageStatus.REVISIT.value: "The team wants to look at this stage again",
        }
    }
    why_we_ask = {
        "status": "So the whole team can see where the commission stands. Changing it never locks a stage, "
        "and the rest of the team is told.",
    }
