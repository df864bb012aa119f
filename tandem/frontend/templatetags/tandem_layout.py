"""The parts of the base layout that depend on who is looking: the service navigation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.http import HttpRequest, QueryDict
from django.urls import reverse

register = template.Library()


@dataclass(frozen=True)
class NavItem:
    text: str
    url_name: str
    # URL namespaces (or full view names) whose pages belong under this item.
    sections: tuple[str, ...] = ()
    # Shown after the text, for example "(2 new)".
    suffix: str = ""

    def href(self) -> str:
        return reverse(self.url_name)


def _current_state(request: HttpRequest | None, item: NavItem) -> str:
    """``"page"`` when this is the page, ``"true"`` when the page is inside its section, else ``""``."""
    match = getattr(request, "resolver_match", None) if request is not None else None
    if match is None:
        return ""
    if match.view_name == item.url_name:
        return "page"
    if match.view_name in item.sections or match.namespace in item.sections:
        return "true"
    return ""


def navigation_items(request: HttpRequest | None, user: Any, unread: int | None) -> list[NavItem]:
    if user is None or not getattr(user, "is_authenticated", False):
        return [NavItem("Sign in", "accounts:sign-in")]
    suffix = f"({unread} new)" if unread else ""
    items = [
        NavItem("Home", "frontend:home"),
        NavItem("Commissions", "commissions:list", sections=("commissions",)),
        NavItem("Notifications", "notifications:list", sections=("notifications:mark-read",), suffix=suffix),
        NavItem(
            "Your account",
            "accounts:settings",
            sections=(
                "accounts:two-factor-setup",
                "accounts:two-factor-disable",
                "accounts:recovery-codes",
                "notifications:preferences",
            ),
        ),
    ]
    if getattr(user, "is_superuser", False):
        items += [
            NavItem("Organisations", "organisations:list", sections=("organisations",)),
            NavItem("People", "accounts:people", sections=("accounts:person", "accounts:person-two-factor-reset")),
            NavItem("Audit trail", "audit:list", sections=("audit",)),
        ]
    items.append(NavItem("Sign out", "accounts:sign-out"))
    return items


@register.inclusion_tag("frontend/_service_navigation.html", takes_context=True)
def service_navigation(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    user = context.get("user")
    unread = 0
    if user is not None and getattr(user, "is_authenticated", False):
        # The count is worked out lazily (a query), so only for people who are signed in.
        value = context.get("unread_notification_count")
        if callable(value):
            value = value()
        try:
            unread = int(str(value)) if value is not None else 0
        except ValueError:
            unread = 0
    rendered = []
    for item in navigation_items(request, user, unread):
        rendered.append(
            {
                "text": item.text,
                "suffix": item.suffix,
                "href": item.href(),
                "current": _current_state(request, item),
            }
        )
    return {"items": rendered}


@register.filter
def elided_pages(page: Any) -> list[int | str]:
    """Page numbers to link to, with an ellipsis standing for long runs: 1 … 4 5 6 … 20."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1))


@register.simple_tag(takes_context=True)
def page_query(context: template.Context, number: int) -> str:
    """The current query string with ``page`` set, so filters survive moving between pages."""
    request = context.get("request")
    query = request.GET.copy() if request is not None else QueryDict(mutable=True)
    query["page"] = str(number)
    return query.urlencode()
