"""Server-side drafts: save, read and clear what someone was typing on a page.

A draft belongs to one person and one page path. Drafts come from two places:

- ``autosave.js`` posts any ``<form data-autosave>`` to ``drafts:save`` as people type;
- ``RescueExpiredPostMiddleware`` keeps a form posted after the session timed out, and
  ``rescued_post_adopt`` turns it into a draft once the person has signed in again.

How a form page uses drafts (the whole of it)::

    from tandem.core.drafts import draft_as_initial, draft_clear, draft_form_data

    def thing_edit(request, pk):
        if request.method == "POST":
            form = ThingForm(request.POST)
            if form.is_valid():
                thing_update(actor=request.user, ...)
                draft_clear(user=request.user, path=request.path)   # saved for real now
                return redirect(...)
        else:
            data, restored = draft_form_data(request)   # adds "We kept what you typed" notice
            form = ThingForm(initial=draft_as_initial(data)) if restored else ThingForm()
        return render(request, "things/edit.html", {"form": form})

and put ``data-autosave`` on the ``<form>`` in the template.

Passwords, codes, tokens and the CSRF token are never kept, whatever the form calls them.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.contrib import messages
from django.http import HttpRequest, QueryDict
from django.urls import Resolver404, resolve

from tandem.core.models import Draft

# Never keep these, whatever the form.
_NEVER_KEEP = {
    "csrfmiddlewaretoken",
    "draft_path",
    "password",
    "password1",
    "password2",
    "new_password1",
    "new_password2",
    "old_password",
    "code",
    "token",
    "otp_token",
}
# Nor any field whose name contains one of these.
_NEVER_KEEP_PARTS = ("password", "secret", "token", "recovery", "otp")
MAX_DRAFT_FIELDS = 200
MAX_DRAFT_VALUES = 50
MAX_DRAFT_VALUE = 20_000
MAX_PATH = 500
# Each person keeps at most this many drafts; the oldest go first.
MAX_DRAFTS_PER_USER = 100
RESTORED_NOTICE = "We kept what you typed last time. Check it, then save when you are ready."


def _never_keep(key: str) -> bool:
    lowered = key.lower()
    return lowered in _NEVER_KEEP or any(part in lowered for part in _NEVER_KEEP_PARTS)


def _clean_text(value: object, limit: int) -> str:
    # NUL cannot be stored in PostgreSQL text or JSON; nobody types it on purpose.
    return str(value).replace("\x00", "")[:limit]


def draft_clean(data: QueryDict | dict[str, Any]) -> dict[str, list[str]]:
    """Keep ordinary fields only, bounded in number and size."""
    kept: dict[str, list[str]] = {}
    items = (
        data.lists()
        if isinstance(data, QueryDict)
        else ((k, v if isinstance(v, list) else [v]) for k, v in data.items())
    )
    for key, values in items:
        name = _clean_text(key, 100)
        if not name or _never_keep(name) or len(kept) >= MAX_DRAFT_FIELDS:
            continue
        kept[name] = [_clean_text(v, MAX_DRAFT_VALUE) for v in values][:MAX_DRAFT_VALUES]
    return kept


def draft_path_problem(path: object) -> str:
    """Why ``path`` cannot have a draft ("" when it can): it must be a page on this site."""
    if not isinstance(path, str) or not path:
        return "Say which page the draft is for"
    if len(path) > MAX_PATH:
        return f"The page address must be {MAX_PATH} characters or fewer"
    parts = urlsplit(path)
    if (
        not path.startswith("/")
        or path.startswith("//")
        or "\\" in path
        or parts.scheme
        or parts.netloc
        or parts.query
        or parts.fragment
        or any(ord(c) < 32 or ord(c) == 127 for c in path)
    ):
        return "The page address must be a page on this site, like /organisations/new/"
    try:
        resolve(path)
    except Resolver404:
        return "There is no page at that address"
    return ""


def draft_save(*, user: Any, path: str, data: QueryDict | dict[str, Any]) -> Draft:
    """Keep what ``user`` typed on the page at ``path`` (replacing any earlier draft)."""
    draft, created = Draft.objects.update_or_create(
        user=user, path=path[:MAX_PATH], defaults={"data": draft_clean(data)}
    )
    if created:
        stale = (
            Draft.objects.filter(user=user)
            .order_by("-updated_at", "-pk")
            .values_list("pk", flat=True)[MAX_DRAFTS_PER_USER:]
        )
        stale_pks = list(stale)
        if stale_pks:
            Draft.objects.filter(pk__in=stale_pks).delete()
    return draft


def draft_get(*, user: Any, path: str) -> Draft | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Draft.objects.filter(user=user, path=path[:MAX_PATH]).first()


def draft_as_querydict(draft: Draft) -> QueryDict:
    qd = QueryDict(mutable=True)
    data = draft.data if isinstance(draft.data, dict) else {}
    for key, values in data.items():
        qd.setlist(str(key), [str(v) for v in values] if isinstance(values, list) else [str(values)])
    return qd


def draft_as_initial(data: QueryDict | None) -> dict[str, str | list[str]]:
    """A draft as a form's ``initial``: one value as a string, several as a list (checkboxes)."""
    if data is None:
        return {}
    return {key: values[0] if len(values) == 1 else values for key, values in data.lists()}


def draft_form_data(request: HttpRequest, *, notice: bool = True) -> tuple[QueryDict | None, bool]:
    """The draft the signed-in person left on this page, as ``(data, restored)``.

    ``data`` is a QueryDict (or None when there is no draft). When there is one and ``notice``
    is on, the page also shows "We kept what you typed". Use it on the GET of a form page."""
    draft = draft_get(user=request.user, path=request.path)
    if draft is None:
        return None, False
    data = draft_as_querydict(draft)
    if not data:
        return None, False
    if notice:
        messages.info(request, RESTORED_NOTICE)
    return data, True


def draft_clear(*, user: Any, path: str) -> None:
    """Forget the draft once the form has been saved for real."""
    if getattr(user, "is_authenticated", False):
        Draft.objects.filter(user=user, path=path[:MAX_PATH]).delete()
