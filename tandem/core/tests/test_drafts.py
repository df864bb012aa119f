"""The drafts helpers: what is kept, what never is, and how a form page gets its draft back."""

from __future__ import annotations

from typing import Any

from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.cache import SessionStore
from django.http import QueryDict
from django.test import RequestFactory

from conftest import make_user
from tandem.core.drafts import (
    MAX_DRAFT_FIELDS,
    MAX_DRAFT_VALUE,
    MAX_DRAFTS_PER_USER,
    RESTORED_NOTICE,
    draft_as_initial,
    draft_clean,
    draft_clear,
    draft_form_data,
    draft_get,
    draft_path_problem,
    draft_save,
)
from tandem.core.models import Draft


def test_passwords_codes_and_tokens_are_never_kept() -> None:
    data = QueryDict(mutable=True)
    for name in (
        "csrfmiddlewaretoken",
        "password",
        "new_password1",
        "old_password",
        "code",
        "token",
        "draft_path",
        "confirm_password",
        "Password",
        "totp_secret",
        "recovery_code",
        "reset_token",
    ):
        data[name] = "secret"
    data.setlist("areas", ["north", "south"])
    data["about"] = "We run a lunch club"
    assert draft_clean(data) == {"areas": ["north", "south"], "about": ["We run a lunch club"]}


def test_sizes_are_bounded_and_nul_is_dropped() -> None:
    data = {f"field{i}": "x" for i in range(MAX_DRAFT_FIELDS + 50)}
    data["field0"] = "a\x00b" + "y" * (MAX_DRAFT_VALUE + 10)
    kept = draft_clean(data)
    assert len(kept) == MAX_DRAFT_FIELDS
    assert kept["field0"][0].startswith("ab") and len(kept["field0"][0]) == MAX_DRAFT_VALUE
    assert draft_clean({"\x00": "x", "a\x00": ["1", "2"]}) == {"a": ["1", "2"]}


def test_draft_path_must_be_a_page_on_this_site(db: Any) -> None:
    assert draft_path_problem("/accounts/") == ""
    for bad in (
        "",
        None,
        7,
        "accounts/",
        "//evil.example/x",
        "https://evil.example/",
        "/accounts/?x=1",
        "/accounts/#top",
        "/\\evil",
        "/accounts/\n",
        "/" + "a" * 600,
    ):
        assert draft_path_problem(bad), bad
    assert draft_path_problem("/no-such-page-here/") == "There is no page at that address"


def test_save_replaces_the_earlier_draft_for_the_same_page(db: Any) -> None:
    user = make_user("d@example.org", "Dee")
    draft_save(user=user, path="/accounts/", data={"about": "first"})
    draft_save(user=user, path="/accounts/", data={"about": "second"})
    [draft] = Draft.objects.filter(user=user)
    assert draft.data == {"about": ["second"]}


def test_each_person_keeps_a_bounded_number_of_drafts(db: Any) -> None:
    user = make_user("d@example.org", "Dee")
    for i in range(MAX_DRAFTS_PER_USER + 3):
        draft_save(user=user, path=f"/page/{i}/", data={"x": str(i)})
    assert Draft.objects.filter(user=user).count() == MAX_DRAFTS_PER_USER
    assert draft_get(user=user, path=f"/page/{MAX_DRAFTS_PER_USER + 2}/") is not None


def _request(user: Any, path: str) -> Any:
    request = RequestFactory().get(path)
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    return request


def test_draft_form_data_gives_the_draft_back_with_a_notice(db: Any) -> None:
    user = make_user("d@example.org", "Dee")
    other = make_user("o@example.org", "Oz")
    draft_save(user=user, path="/accounts/", data=QueryDict("about=Lunch+club&areas=north&areas=south"))
    request = _request(user, "/accounts/")
    data, restored = draft_form_data(request)
    assert restored and data is not None
    assert data.getlist("areas") == ["north", "south"]
    assert draft_as_initial(data) == {"about": "Lunch club", "areas": ["north", "south"]}
    assert [str(m) for m in get_messages(request)] == [RESTORED_NOTICE]
    # Someone else, or another page, gets nothing.
    assert draft_form_data(_request(other, "/accounts/")) == (None, False)
    assert draft_form_data(_request(user, "/glossary/")) == (None, False)
    draft_clear(user=user, path="/accounts/")
    assert draft_form_data(_request(user, "/accounts/")) == (None, False)
    assert draft_as_initial(None) == {}


def test_anonymous_people_have_no_drafts(db: Any) -> None:
    from django.contrib.auth.models import AnonymousUser

    assert draft_form_data(_request(AnonymousUser(), "/accounts/")) == (None, False)
    draft_clear(user=AnonymousUser(), path="/accounts/")
