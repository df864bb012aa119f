"""The form on the lens page that checks other text: pasted, or a .docx, .txt or .md file."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.utils import ErrorDict

from tandem.tenders.rules.documents import MAX_BYTES, SUFFIXES, DocumentError, read_document, suffix_of
from tandem.tenders.tender_lens.limits import MAX_CHARACTERS

NOTHING_GIVEN = "Paste some text, or choose a file to check"
BOTH_GIVEN = "Paste text or choose a file, not both. To check the file, clear the text box"
NO_SCOPE = "Say whether this is a whole document or an excerpt"
TOO_LONG = f"The text must be {MAX_CHARACTERS:,} characters or fewer. Check it in parts"
WRONG_TYPE = "The file must be a .docx, .txt or .md file"
TOO_LARGE = "The file must be smaller than 2 MB"
BUSY = "The lens is still checking the last text you sent. Wait a moment for it to finish, then try again"

SCOPE_CHOICES = [
    ("whole", "A whole specification or application form"),
    ("excerpt", "An excerpt: part of a document"),
]


class _OneOfTwoText(forms.CharField):
    """Pasted text, needed unless a file is given: shown without "(optional)"; ``clean`` decides."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=True, **kwargs)

    def validate(self, value: Any) -> None:
        return None


class _OneOfTwoFile(forms.FileField):
    """A file, needed unless text is pasted: shown without "(optional)"; ``clean`` decides."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=True, **kwargs)

    def validate(self, value: Any) -> None:
        return None


class TenderLensTextForm(forms.Form):
    use_required_attribute = False

    text = _OneOfTwoText(
        label="Paste the text",
        strip=False,
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "true"}),
        help_text="For example, a draft specification, an application form or a funding guide",
    )
    document = _OneOfTwoFile(
        label="Or upload a document",
        widget=forms.FileInput(attrs={"accept": ",".join(SUFFIXES)}),
        help_text="A .docx, .txt or .md file, smaller than 2 MB",
    )
    scope = forms.ChoiceField(
        label="Is this a whole specification or application form, or an excerpt?",
        choices=SCOPE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": NO_SCOPE, "invalid_choice": NO_SCOPE},
    )

    why_we_ask = {
        "text": (
            "The lens reads the words to check them. Tandem keeps what you type only as a draft, in case you are "
            "signed out, and deletes it once the lens has checked it."
        ),
        "document": "The lens reads the words in the file to check them, then forgets the file. It is not stored.",
        "scope": (
            "Some checks look for what a document leaves out, such as an open question for bidders or a plan "
            "for when the service ends. They only make sense on a whole document, so on an excerpt the lens "
            "skips them."
        ),
    }

    def clean_text(self) -> str:
        text = str(self.cleaned_data.get("text") or "").replace("\r\n", "\n")
        if len(text) > MAX_CHARACTERS:
            raise forms.ValidationError(TOO_LONG, code="max_length")
        return text

    def clean_document(self) -> Any:
        upload = self.cleaned_data.get("document")
        if not upload:
            return None
        name = str(getattr(upload, "name", "") or "")
        if suffix_of(name) not in SUFFIXES:
            raise forms.ValidationError(WRONG_TYPE, code="type")
        if (getattr(upload, "size", 0) or 0) > MAX_BYTES:
            raise forms.ValidationError(TOO_LARGE, code="size")
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        text = str(cleaned.get("text") or "")
        upload = cleaned.get("document")
        if "text" in self.errors or "document" in self.errors:
            return cleaned
        if text.strip() and upload:
            self.add_error("document", BOTH_GIVEN)
        elif not text.strip() and not upload:
            self.add_error("text", NOTHING_GIVEN)
        elif upload:
            try:
                cleaned["text"] = read_document(str(upload.name), upload.read(MAX_BYTES + 1))
            except DocumentError as error:
                self.add_error("document", error.message.rstrip("."))
            finally:
                upload.close()
        return cleaned

    def refuse_while_busy(self) -> None:
        """Answer with ``BUSY`` beside the text box, keeping what was typed, without reading the text or file."""
        self._errors = ErrorDict()
        self.cleaned_data = {}
        self.add_error("text", BUSY)

    def field_read(self) -> str:
        """The field the checked text came from, so a message about that text goes beside it."""
        return "document" if self.cleaned_data.get("document") else "text"

    def reviewed_text(self) -> str:
        return str(self.cleaned_data["text"])

    def is_whole(self) -> bool:
        return self.cleaned_data.get("scope") == "whole"
