"""Forms for questions to bidders and for switching the open question off or on. Shape and field
checks only; the rules are in ``tandem/tenders/rules/questions.py`` and the services."""

from __future__ import annotations

from typing import Any

from django import forms

from tandem.core.values import too_long
from tandem.tenders.models import QuestionPhase
from tandem.tenders.rules import questions

YES = "yes"
NO = "no"
WORD_LIMIT_MESSAGE = f"Enter the word limit as a whole number between 1 and {questions.WORD_LIMIT_MAX:,}, like 500"


def _bounded(value: object, limit: int, label: str) -> str:
    text = str(value or "").replace("\r\n", "\n").strip()
    problem = too_long(text, limit, subject=label, counted=True)
    if problem:
        raise forms.ValidationError(problem)
    return text


class QuestionForm(forms.Form):
    use_required_attribute = False

    text = forms.CharField(
        label="The question",
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": questions.TEXT_MAX}),
        help_text="Ask one thing, in plain words. Bidders answer in their own words",
        error_messages={"required": questions.NO_TEXT},
    )
    guidance = forms.CharField(
        label="Guidance for bidders",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": questions.GUIDANCE_MAX}),
        help_text="What a good answer might cover. You could invite bidders to include what the people they "
        "support have told them",
    )
    # Called why_asked and how_used here: the form's ``why_we_ask`` is the renderer's help dictionary.
    # This field is itself the "why we ask", so its reason is in its hint rather than in a "Why we
    # ask" expander of its own (issue 10, item 20). Seed 000, Procure, "Transparent information
    # requests": saying why each thing is asked supports applicants' feelings of emotional safety.
    why_asked = forms.CharField(
        label="Why we ask",
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": questions.REASON_MAX}),
        help_text="Bidders see this beside the question. Say why you need to know: bidders feel safer answering "
        "when they know why each thing is asked",
        error_messages={"required": questions.NO_WHY},
    )
    how_used = forms.CharField(
        label="How we will use your answer",
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": questions.REASON_MAX}),
        help_text="Bidders see this too. For example, whether it is scored and who reads it",
        error_messages={"required": questions.NO_HOW},
    )
    word_limit = forms.CharField(
        label="Word limit",
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-5", "spellcheck": "false"}),
        help_text=f"From 1 to {questions.WORD_LIMIT_MAX:,} words. Leave it blank for no limit",
    )
    criterion = forms.TypedChoiceField(
        label="Which award criterion is it scored against?",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[],
        error_messages={"invalid_choice": "Choose a criterion from the list"},
    )
    is_financial = forms.ChoiceField(
        label="Does this ask for full financial information such as accounts?",
        choices=[(YES, "Yes"), (NO, "No")],
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether this asks for full financial information such as accounts"},
    )
    phase = forms.ChoiceField(
        label="Who is asked this question?",
        required=False,
        choices=QuestionPhase.choices,
        widget=forms.RadioSelect,
        help_text="If you leave this, a question asking for full financial information goes to shortlisted "
        "bidders only, and any other question goes to everyone",
        error_messages={"invalid_choice": "Choose who is asked this question"},
    )
    first_stage_confirmed = forms.BooleanField(
        label="We need this from everyone at the first stage",
        required=False,
        help_text="Only tick this if you cannot decide the shortlist without it",
    )
    first_stage_reason = forms.CharField(
        label="We need this from everyone at the first stage because…",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": questions.REASON_MAX}),
        help_text="Only needed for a financial question asked of everyone",
    )
    coproduced_with = forms.CharField(
        label="Co-produced with",
        required=False,
        help_text="The group of people with lived experience who helped shape this question, for example "
        "“Anyborough survivors' panel”. Leave it blank if no group did",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=2**31)

    choice_hints = {
        "phase": {
            QuestionPhase.FIRST_STAGE.value: "Every organisation that bids answers it",
            QuestionPhase.SHORTLISTED.value: "Only the organisations you shortlist answer it",
        },
        "is_financial": {
            YES: "For example annual accounts, bank statements or salaries",
            NO: "For example a question about the service, or a budget for it",
        },
    }
    why_we_ask = {
        "text": "Clear questions are quicker to answer, which matters most to small organisations.",
        "guidance": "Guidance helps bidders give you what you need the first time.",
        "how_used": "Saying how an answer is used, and who sees it, helps bidders trust the process.",
        "word_limit": "A limit keeps answers focused and saves bidders' time.",
        "criterion": "Linking the question to a criterion shows bidders and evaluators how the answer is scored.",
        "is_financial": "Full accounts take time to gather and can feel exposing. Asking for them only from the "
        "shortlist spares everyone else that work.",
        "phase": "Asking fewer things at the first stage makes it easier for small organisations to bid.",
        "first_stage_reason": "Asking everyone for financial information is a big ask, so we ask you to say why. "
        "It is kept in the record of changes.",
        "coproduced_with": "Questions shaped with people who use services show bidders what matters to them, and "
        "credit the people who gave their time.",
    }

    def __init__(
        self,
        *args: Any,
        criteria: list[tuple[int, str]] | None = None,
        was_confirmed: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["criterion"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "Not scored against a criterion")] + [(str(pk), label) for pk, label in criteria or []]
        # A question already asked of everyone was confirmed when it was saved; not asked again.
        self.was_confirmed = was_confirmed
        if was_confirmed:
            del self.fields["first_stage_confirmed"]
            del self.fields["first_stage_reason"]

    def clean_text(self) -> str:
        text = _bounded(self.cleaned_data.get("text"), questions.TEXT_MAX, "The question")
        if not text:
            raise forms.ValidationError(questions.NO_TEXT, code="required")
        return text

    def clean_guidance(self) -> str:
        return _bounded(self.cleaned_data.get("guidance"), questions.GUIDANCE_MAX, "The guidance")

    def clean_why_asked(self) -> str:
        text = _bounded(self.cleaned_data.get("why_asked"), questions.REASON_MAX, "Why we ask")
        if not text:
            raise forms.ValidationError(questions.NO_WHY, code="required")
        return text

    def clean_how_used(self) -> str:
        text = _bounded(self.cleaned_data.get("how_used"), questions.REASON_MAX, "How we will use your answer")
        if not text:
            raise forms.ValidationError(questions.NO_HOW, code="required")
        return text

    def clean_word_limit(self) -> int | None:
        text = str(self.cleaned_data.get("word_limit") or "").strip().replace(",", "")
        if text.lower().endswith("words"):
            text = text[:-5].strip()
        if not text:
            return None
        if not text.isascii() or not text.isdigit() or len(text) > 6:
            raise forms.ValidationError(WORD_LIMIT_MESSAGE, code="invalid")
        value = int(text)
        problem = questions.word_limit_problem(value)
        if problem:
            raise forms.ValidationError(problem, code="invalid")
        return value

    def clean_first_stage_reason(self) -> str:
        return _bounded(self.cleaned_data.get("first_stage_reason"), questions.REASON_MAX, "The reason")

    def clean_coproduced_with(self) -> str:
        text = " ".join(str(self.cleaned_data.get("coproduced_with") or "").split())
        if len(text) > questions.COPRODUCED_WITH_MAX:
            raise forms.ValidationError(
                f"The group's name must be {questions.COPRODUCED_WITH_MAX} characters or fewer", code="max_length"
            )
        return text

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        is_financial = cleaned.get("is_financial") == YES
        phase = cleaned.get("phase") or questions.default_phase(is_financial)
        if "is_financial" in cleaned and "phase" in cleaned:
            cleaned["phase"] = phase
            if questions.needs_first_stage_reason(
                is_financial=is_financial, phase=phase, was_confirmed=self.was_confirmed
            ):
                if not cleaned.get("first_stage_confirmed"):
                    self.add_error("first_stage_confirmed", questions.NO_CONFIRMATION)
                if "first_stage_reason" in cleaned and not cleaned.get("first_stage_reason"):
                    self.add_error("first_stage_reason", questions.NO_FIRST_STAGE_REASON)
        return cleaned

    @property
    def financial_first_stage(self) -> bool:
        """Whether what was typed is a financial question for everyone (the page shows a warning)."""
        data = self.data if self.is_bound else self.initial
        return data.get("is_financial") == YES and data.get("phase") == QuestionPhase.FIRST_STAGE

    def details_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "text": data["text"],
            "guidance": data.get("guidance", ""),
            "why_we_ask": data["why_asked"],
            "how_we_use": data["how_used"],
            "word_limit": data.get("word_limit"),
            "criterion_id": data.get("criterion"),
            "phase": data["phase"],
            "is_financial": data.get("is_financial") == YES,
            "coproduced_with": data.get("coproduced_with", ""),
            "first_stage_reason": data.get("first_stage_reason", ""),
        }


class OpenQuestionForm(forms.Form):
    """Switch the open question off (with a reason) or back on."""

    use_required_attribute = False

    reason = forms.CharField(
        label="Why does this specification not need the open question?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": questions.REASON_MAX}),
        help_text="For example, bidders will meet the panel and can tell us anything else then",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=2**31)

    why_we_ask = {
        "reason": "The open question gives bidders, especially small and specialist ones, room to tell you what "
        "your other questions missed. A reason shows the choice to drop it was made on purpose.",
    }

    def __init__(self, *args: Any, switching_off: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.switching_off = switching_off
        if switching_off:
            field = self.fields["reason"]
            field.required = True
            field.error_messages["required"] = questions.NO_OFF_REASON
        else:
            del self.fields["reason"]

    def clean_reason(self) -> str:
        text = _bounded(self.cleaned_data.get("reason"), questions.REASON_MAX, "The reason")
        if not text:
            raise forms.ValidationError(questions.NO_OFF_REASON, code="required")
        return text
