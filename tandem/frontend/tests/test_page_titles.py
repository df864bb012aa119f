"""Page titles follow one pattern: the page's name, the commission's name, then Tandem,
each after an en dash (issue 10, item 18).

The mechanism is ``{% page_title %}`` in ``base.html``: a page writes its own name in
``{% block title %}`` and the commission's title is added from the page's ``commission``. The
test asks for every page inside a commission (every ``commissions:`` and ``tenders:`` URL in the
authorisation matrix whose URL names a commission), as a role that may see it, and reads the title.
"""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.template import Context, Template
from django.urls import reverse

from tandem.commissions.models import Commission
from tandem.core.testing.access import ROLES, Ctx
from tandem.core.tests.test_authorisation_matrix import all_entries

pytestmark = pytest.mark.django_db

DASH = "\N{EN DASH}"
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
INSIDE = ("commissions:", "tenders:")
# Inside a commission's URLs but not a page of one commission: downloads, the new-commission form
# and the invitation link (which has no commission until it is accepted).
NOT_PAGES = frozenset(
    {
        "commissions:list",
        "commissions:create",
        "commissions:export",
        "commissions:invitation-accept",
        "tenders:export",
        "tenders:version-export",
    }
)
ENTRIES = {
    name: entry
    for name, entry in all_entries().items()
    if name.startswith(INSIDE) and entry.method == "get" and name not in NOT_PAGES
}


def title_of(body: str) -> str:
    found = TITLE.search(body)
    assert found, "no <title>"
    return html.unescape(" ".join(found.group(1).split()))


def _page(url_name: str, request: pytest.FixtureRequest, role_client: Any) -> tuple[str, str, Any] | None:
    """The page as the first role that may see it: (its URL, its body, its commission)."""
    entry = ENTRIES[url_name]
    ctx = Ctx(
        **{
            name: request.getfixturevalue(name)
            for name in ("funder_org", "provider_org", "provider_member", "funder_member", "funder_admin", "site_admin")
        }
    )
    if entry.setup:
        ctx.extra.update(entry.setup(ctx))
    kwargs = entry.kwargs(ctx)
    if "pk" not in kwargs:
        return None
    url = reverse(url_name, kwargs=kwargs)
    for role in ROLES:
        if entry.expect[role] != 200:
            continue
        response = role_client(role).get(url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            return url, response.content.decode(), Commission.objects.get(pk=kwargs["pk"])
    return None


@pytest.mark.parametrize("url_name", sorted(ENTRIES))
def test_every_page_inside_a_commission_is_titled_page_commission_service(
    url_name: str, request: pytest.FixtureRequest, role_client: Any
) -> None:
    page = _page(url_name, request, role_client)
    assert page is not None, f"{url_name} is not a page of one commission: add it to NOT_PAGES, saying why"
    url, body, commission = page
    title = title_of(body)
    if url_name == "commissions:detail":
        # The commission's own page: its name is the commission's title, said once.
        assert title == f"{commission.title} {DASH} Tandem", (url, title)
        return
    name, _, rest = title.partition(f" {DASH} ")
    assert name and rest == f"{commission.title} {DASH} Tandem", (url, title)
    assert commission.title not in name, (url, title)


def render(source: str, **context: object) -> str:
    return Template("{% load tandem_layout %}" + source).render(Context(context))


class Named:
    def __init__(self, title: str):
        self.title = title


def test_the_tag_adds_the_commission_once() -> None:
    commission = Named("Domestic abuse support")
    tag = "{% page_title %}{{ name }}{% endpage_title %}"
    assert render(tag, name="Timeline", commission=commission) == f"Timeline {DASH} Domestic abuse support"
    assert (
        render(tag, name="Error: Timeline", commission=commission) == f"Error: Timeline {DASH} Domestic abuse support"
    )
    assert render(tag, name="Domestic abuse support", commission=commission) == "Domestic abuse support"
    assert render(tag, name="Error: Domestic abuse support", commission=commission) == "Error: Domestic abuse support"
    assert render(tag, name="Home") == "Home"
    assert render(tag, name="Members", title_section="Riverside Trust") == f"Members {DASH} Riverside Trust"
    # The commission's title is escaped like any other text.
    assert render(tag, name="Budget", commission=Named("A & B")) == f"Budget {DASH} A &amp; B"
