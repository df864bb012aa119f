"""The "Check with the tender lens" page: the specification's findings, and a form to check other text.

The page opens with a summary (how many findings of each severity, each linking to its group); when
a text was checked, what the lens found in it comes just above the form (issue 10, item 21). Each
finding is headed by its plain name; its TL code is shown only to site administrators, folded away
(item 16).

It changes nothing, so everyone who can see the commission can use it (observers too). Uploaded files
are read in memory and never stored. Each person checks one text at a time: reading a file and reviewing
its text is the slowest work a page here can cause, so a second check sent while the first is still
running is refused beside the form instead of running alongside it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from tandem.core.drafts import draft_as_initial, draft_clear, draft_form_data
from tandem.tenders.forms.tender_lens import TenderLensTextForm
from tandem.tenders.selectors.tender_lens import TenderLensReview, tender_lens_review
from tandem.tenders.tender_lens import Finding, review_text
from tandem.tenders.tender_lens.limits import MAX_CHARACTERS, TextTooLong
from tandem.tenders.tender_lens.present import (
    SEVERITY_HEADINGS,
    by_severity,
    passage,
    principle_names,
    readable_name,
    source_words,
)
from tandem.tenders.tender_lens.structured import text_fields

# Where each place in the specification is changed: (URL name, extra kwargs, the link's words).
_SECTION_PAGES: dict[str, tuple[str, dict[str, Any], str]] = {
    "about": ("section", {"section": "about"}, "Change this in About the service"),
    "agreement": ("section", {"section": "agreement"}, "Change this in Agreement"),
    "route": ("section", {"section": "route"}, "Change this in Route and regime"),
}
_PAGES: dict[str, tuple[str, dict[str, Any], str]] = {
    "outcome": ("outcomes", {}, "Change this in Outcomes"),
    "ti": ("ti-requirements", {}, "Change this in Trauma-informed requirements"),
    "ti_requirements": ("ti-requirements", {}, "Choose trauma-informed requirements"),
    "criteria": ("criteria", {}, "Change the award criteria"),
    "timeline": ("timeline", {}, "Change the timeline"),
    "questions": ("open-question", {}, "Change the open question"),
    "budget": ("budget", {}, "Change the budget"),
}


def fix_link(place: str, commission_pk: int) -> tuple[str, str] | None:
    """(URL, link words) for the page that changes ``place``; None when no page changes it."""
    head = place.partition(".")[0]
    kind, _, item = head.partition(":")
    name: str
    kwargs: dict[str, Any]
    if kind in _SECTION_PAGES:
        name, kwargs, page = _SECTION_PAGES[kind]
    elif kind == "question" and item.isdigit():
        name, kwargs, page = "question-edit", {"item_pk": int(item)}, "Change this question"
    elif kind == "criterion" and item.isdigit():
        name, kwargs, page = "criterion-edit", {"item_pk": int(item)}, "Change this criterion"
    elif kind in _PAGES:
        name, kwargs, page = _PAGES[kind]
    else:
        return None
    return reverse(f"tenders:{name}", kwargs={"pk": commission_pk, **kwargs}), page


def _group(severity: str, prefix: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """One severity's findings: its heading, the id the summary links to, and its rows."""
    return {
        "severity": severity,
        "heading": SEVERITY_HEADINGS.get(severity, severity.capitalize()),
        "anchor": f"{prefix}-{severity}",
        "rows": rows,
    }


def _specification_rows(review: TenderLensReview) -> list[dict[str, Any]]:
    texts = {field.place: field.text for field in text_fields(review.snapshot)}
    commission_pk = review.specification.commission_id
    groups = []
    first_seen: dict[str, int] = {}
    for index, finding in enumerate(review.findings):
        first_seen.setdefault(finding.place, index)
    for group in by_severity(review.findings):
        rows = []
        for finding in sorted(group.findings, key=lambda f: first_seen[f.place]):
            words = texts.get(finding.place, "")[finding.start : finding.end]
            rows.append(
                {
                    "finding": finding,
                    "title": readable_name(finding),
                    "principles": principle_names(finding),
                    "source": source_words(finding),
                    "words": words,
                    "link": fix_link(finding.place, commission_pk),
                }
            )
        groups.append(_group(group.severity, "specification", rows))
    return groups


# Longer than reading and reviewing the longest text allowed takes, so the lock only outlasts a check
# when the worker running it died; then it lapses by itself.
BUSY_SECONDS = 120


def busy_key(user: Any) -> str:
    """The cache key held while ``user`` has a check running."""
    return f"tenders:lens:busy:{user.pk}"


@contextmanager
def one_check_at_a_time(user: Any) -> Iterator[bool]:
    """True while this request holds ``user``'s lock; False when another check of theirs holds it.

    The cache is shared by every worker in production, so this holds across them.
    """
    key, token = busy_key(user), uuid.uuid4().hex
    if not cache.add(key, token, BUSY_SECONDS):
        yield False
        return
    try:
        yield True
    finally:
        if cache.get(key) == token:  # not a later check's lock, if this one outlasted BUSY_SECONDS
            cache.delete(key)


def _text_rows(text: str, findings: list[Finding]) -> list[dict[str, Any]]:
    return [
        _group(
            group.severity,
            "checked",
            [
                {
                    "finding": f,
                    "title": readable_name(f),
                    "principles": principle_names(f),
                    "source": source_words(f),
                    "passage": passage(text, f.start, f.end),
                }
                for f in group.findings
            ],
        )
        for group in by_severity(findings)
    ]


@login_required
@require_http_methods(["GET", "POST"])
def tender_lens_view(request: HttpRequest, pk: int) -> HttpResponse:
    review = tender_lens_review(viewer=request.user, commission_pk=pk)
    if review is None:
        raise Http404("No specification here")
    checked: list[dict[str, Any]] | None = None
    checked_whole = False
    if request.method == "POST":
        form = TenderLensTextForm(request.POST, request.FILES)
        with one_check_at_a_time(request.user) as free:
            if not free:
                form.refuse_while_busy()
            elif form.is_valid():
                text = form.reviewed_text()
                try:
                    findings = review_text(text, whole=form.is_whole())
                except TextTooLong as error:
                    form.add_error(form.field_read(), error.message)
                else:
                    checked_whole = form.is_whole()
                    checked = _text_rows(text, findings)
                    draft_clear(user=request.user, path=request.path)
    else:
        data, _ = draft_form_data(request)
        form = TenderLensTextForm(initial=draft_as_initial(data))
    return render(
        request,
        "tenders/tender_lens.html",
        {
            "commission": review.specification.commission,
            "groups": _specification_rows(review),
            "specification_too_long": f"{review.too_long:,}" if review.too_long else "",
            "max_characters": f"{MAX_CHARACTERS:,}",
            "form": form,
            "checked": checked,
            "checked_whole": checked_whole,
            "overview_url": _overview_url(pk),
            # The TL codes are for site administrators (who look after the lens), folded away.
            "show_codes": bool(getattr(request.user, "is_superuser", False)),
        },
    )


def _overview_url(pk: int) -> str:
    return reverse("tenders:overview", kwargs={"pk": pk})
