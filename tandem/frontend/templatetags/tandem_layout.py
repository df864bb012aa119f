"""The parts of the base layout that depend on who is looking (the service navigation), the one
way a wide table fits a narrow screen (``{% scroll_region %}``), and the one way a page's title
names the commission it is in (``{% page_title %}``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.http import HttpRequest, QueryDict
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString

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
        # One item for everything only site administrators use, so the navigation stays on one
        # line on a laptop screen; the administration page links to each part.
        items.append(
            NavItem(
                "Administration",
                "frontend:site-admin",
                sections=(
                    "organisations",
                    "accounts:people",
                    "accounts:person",
                    "accounts:person-two-factor-reset",
                    "audit",
                    "frontend:feedback-list",
                    "frameworks",
                ),
            )
        )
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


class ScrollRegionNode(template.Node):
    def __init__(self, label: FilterExpression, nodelist: NodeList):
        self.label = label
        self.nodelist = nodelist

    def render(self, context: template.Context) -> SafeString:
        return format_html(
            '<div class="tandem-scroll-region" role="region" aria-label="{}" tabindex="0">{}</div>',
            self.label.resolve(context),
            self.nodelist.render(context),
        )


@register.tag("scroll_region")
def scroll_region(parser: Parser, token: Token) -> ScrollRegionNode:
    """``{% scroll_region "Team members" %}<table>...</table>{% endscroll_region %}``

    A table wider than the screen scrolls sideways inside this region, never the whole page
    (WCAG 2.2, 1.4.10 reflow). The region can take focus, so people using a keyboard can scroll
    it too, and it is labelled (say what the table holds) so screen readers announce it."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("scroll_region takes one argument: what the table holds")
    nodelist = parser.parse(("endscroll_region",))
    parser.delete_first_token()
    return ScrollRegionNode(parser.compile_filter(bits[1]), nodelist)


# Between the parts of a page's title (an en dash): "Timeline, dash, Domestic abuse support, dash, Tandem".
TITLE_SEPARATOR = " \N{EN DASH} "
ERROR_PREFIX = "Error: "


def title_section(context: template.Context) -> str:
    """What a page is inside, for its title: ``title_section`` when the view gives one, else the
    title of the ``commission`` the page is about; "" for a page that is in neither."""
    section = context.get("title_section")
    if section:
        return str(section)
    commission = context.get("commission")
    title = getattr(commission, "title", "") if commission is not None else ""
    return str(title or "")


class PageTitleNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist: NodeList):
        self.nodelist = nodelist

    def render(self, context: template.Context) -> SafeString:
        page = self.nodelist.render(context)
        section = conditional_escape(title_section(context))
        words = " ".join(page.split()).removeprefix(ERROR_PREFIX)
        if not section or words == section:
            return SafeString(page)
        return SafeString(f"{page.rstrip()}{TITLE_SEPARATOR}{section}")


@register.tag("page_title")
def page_title(parser: Parser, token: Token) -> PageTitleNode:
    """``<title>{% page_title %}{% block title %}{% endblock %}{% endpage_title %} \N{EN DASH} Tandem</title>``

    The one way a page's title says where it is, in GOV.UK's order: the page's name, the
    commission's name, then Tandem, each after an en dash (``TITLE_SEPARATOR``). A page inside a
    commission (one whose context has ``commission``) writes only its own name in
    ``{% block title %}`` ("Timeline", with "Error: " first when its form has errors) and the
    commission's title is added here. A view can name another section with ``title_section``.
    The commission's own page, whose name is the commission's title, is not named twice."""
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("page_title takes no arguments")
    nodelist = parser.parse(("endpage_title",))
    parser.delete_first_token()
    return PageTitleNode(nodelist)
