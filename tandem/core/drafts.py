"""Server-side drafts: save, read and clear what someone was typing on a page."""

from __future__ import annotations

from typing import Any

from django.http import QueryDict

from tandem.core.models import Draft

# Never keep these, whatever the form.
_NEVER_KEEP = {"csrfmiddlewaretoken", "password", "password1", "password2", "new_password1",
               "new_password2", "old_password", "code", "token", "otp_token"}
MAX_DRAFT_FIELDS = 200
MAX_DRAFT_VALUE = 20_000


def draft_clean(data: QueryDict | dict[str, Any]) -> dict[str, list[str]]:
    """Keep ordinary fields only, bounded in number and size."""
    kept: dict[str, list[str]] = {}
    items = data.lists() if isinstance(data, QueryDict) else ((k, v if isinstance(v, list) else [v]) for k, v in data.items())
    for key, values in items:
        if key in _NEVER_KEEP or "password" in key or len(kept) >= MAX_DRAFT_FIELDS:
            continue
        kept[str(key)[:100]] = [str(v)[:MAX_DRAFT_VALUE] for v in values][:50]
    return kept


def draft_save(*, user: Any, path: str, data: QueryDict | dict[str, Any]) -> Draft:
    draft, _ = Draft.objects.update_or_create(user=user, path=path[:500], defaults={"data": draft_clean(data)})
    return draft


def draft_get(*, user: Any, path: str) -> Draft | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Draft.objects.filter(user=user, path=path[:500]).first()


def draft_as_querydict(draft: Draft) -> QueryDict:
    qd = QueryDict(mutable=True)
    for key, values in draft.data.items():
        qd.setlist(key, values)
    return qd


def draft_clear(*, user: Any, path: str) -> None:
    if getattr(user, "is_authenticated", False):
        Draft.objects.filter(user=user, path=path[:500]).delete()
