"""The "Check with the tender lens" page: the specification's findings, and checking other text."""

from __future__ import annotations

import datetime as dt
import io
import re
import string
from html import unescape
from typing import Any

import docx
import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import example_rows, sign_in
from tandem.accounts.models import User
from tandem.commissions.models import TeamMember
from tandem.tenders.forms import tender_lens as lens_form
from tandem.tenders.models import AwardCriterion, Outcome, Question, Specification, TIElement, TIRequirement
from tandem.tenders.tender_lens.limits import MAX_CHARACTERS
from tandem.tenders.tests import docx_files
from tandem.tenders.tests.builders import specification_build
from tandem.tenders.views.tender_lens import busy_key, fix_link

pytestmark = pytest.mark.django_db


@pytest.fixture
def specification(funder_member: Any, funder_org: Any) -> Specification:
    return specification_build(lead=funder_member, lead_funder=funder_org)


@pytest.fixture
def client_for(funder_member: Any, funder_org: Any) -> Client:
    return sign_in(Client(), funder_member, funder_org)


def url(specification: Specification) -> str:
    return reverse("tenders:tender-lens", kwargs={"pk": specification.commission_id})


def flat(response: Any) -> str:
    return " ".join(unescape(response.content.decode()).split())


def _complete(specification: Specification) -> None:
    """A specification the lens has nothing to say about."""
    Specification.objects.filter(pk=specification.pk).update(
        purpose="A safe, local service for women and children who have lived with domestic abuse.",
        people_for="Women and children in Anyborough.",
        services_required="Outreach, group work and one-to-one support.",
        ending_plan="Six months' notice, and a handover plan for everyone supported.",
        term_months=36,
        cost_review="A yearly cost-of-living review, agreed with the provider.",
        publication_on=dt.date(2027, 5, 4),
        submission_deadline=dt.date(2027, 6, 8),
    )
    for element in TIElement.values:
        TIRequirement.objects.create(specification=specification, element=element, commitments="We will do this.")
    for order, (group, title, weight) in enumerate(
        [("quality", "Quality", 60), ("social_value", "Social value", 10), ("price", "Price", 30)]
    ):
        AwardCriterion.objects.create(specification=specification, order=order, group=group, title=title, weight=weight)


def _grow(specification: Specification, size: int) -> None:
    for n in range(size):
        Outcome.objects.create(specification=specification, order=n, text=f"Women feel safer ({n}).", kind="soft")
        Question.objects.create(
            specification=specification,
            order=n + 1,
            text=f"How will you reach women in area {n}?",
            why_we_ask="To understand your reach.",
            how_we_use="The panel scores it.",
        )


def test_a_complete_specification_has_nothing_to_flag(specification, client_for):
    _complete(specification)
    response = client_for.get(url(specification))
    assert response.status_code == 200
    html = flat(response)
    assert '<h1 class="govuk-heading-l">Check with the tender lens</h1>' in html
    assert "Nothing to flag" in html
    assert 'enctype="multipart/form-data"' in html
    assert "data-autosave" in html
    assert "Why we ask" in html
    assert "(optional)" not in html  # text or a file is needed; the form says which when neither comes


def test_findings_are_grouped_by_severity_with_quote_link_and_guidance(specification, client_for):
    _complete(specification)
    Specification.objects.filter(pk=specification.pk).update(
        purpose="We will work with hard to reach families.", term_months=12, submission_deadline=dt.date(2027, 5, 14)
    )
    AwardCriterion.objects.filter(specification=specification, group="social_value").update(weight=5)
    AwardCriterion.objects.filter(specification=specification, group="price").update(weight=35)
    specification.social_value_reason = ""
    html = flat(client_for.get(url(specification)))
    assert "Worth looking at first" in html and "Worth looking at" in html
    assert html.index("Worth looking at first") < html.index("Social value weighted low")
    # TL13 quotes the exact words from the purpose, and links to the section that changes it.
    assert "“<mark>hard to reach</mark>”" in html
    about = reverse("tenders:section", kwargs={"pk": specification.commission_id, "section": "about"})
    assert f'href="{about}">Change this in About the service' in html
    # Named in words, with where it is; no internal code (issue 10, item 16).
    assert 'Words that label people by a problem <span class="govuk-caption-s">Purpose</span>' in html
    # The guidance it rests on, naming the seed document by its title.
    assert (
        "Guidance it rests on: West Midlands Trauma Informed Commissioning Guidance (2024), Assess: guidance "
        "points \u2014 Asset-based understanding" in html
    )
    assert "Principles: Safety, Empowerment, Cultural consideration." in html
    # TL07 from the timeline and TL19 from the term.
    assert "Bidders get 10 days from publication" in html
    assert "The term is 12 months" in html
    timeline = reverse("tenders:timeline", kwargs={"pk": specification.commission_id})
    assert f'href="{timeline}">Change the timeline' in html


def test_place_links_go_to_the_page_that_changes_them(specification):
    pk = specification.commission_id
    assert fix_link("about.purpose", pk) == (
        reverse("tenders:section", kwargs={"pk": pk, "section": "about"}),
        "Change this in About the service",
    )
    links = {
        place: (fix_link(place, pk) or ("", ""))[0]
        for place in (
            "question:7.text",
            "criteria",
            "ti_requirements",
            "agreement.cost_review",
            "outcome:3.text",
            "timeline.submission_deadline",
            "route.direct_award_justification",
        )
    }
    assert links["question:7.text"] == reverse("tenders:question-edit", kwargs={"pk": pk, "item_pk": 7})
    assert links["criteria"] == reverse("tenders:criteria", kwargs={"pk": pk})
    assert links["ti_requirements"] == reverse("tenders:ti-requirements", kwargs={"pk": pk})
    # How prices are reviewed is written on the agreement section, so that is where the link goes.
    assert links["agreement.cost_review"] == reverse("tenders:section", kwargs={"pk": pk, "section": "agreement"})
    assert links["outcome:3.text"] == reverse("tenders:outcomes", kwargs={"pk": pk})
    assert links["timeline.submission_deadline"] == reverse("tenders:timeline", kwargs={"pk": pk})
    assert links["route.direct_award_justification"] == reverse(
        "tenders:section", kwargs={"pk": pk, "section": "route"}
    )
    assert fix_link("nowhere", pk) is None


@pytest.mark.parametrize("size", [2, 40])
def test_the_page_makes_a_fixed_number_of_queries(specification, client_for, django_assert_num_queries, size):
    _complete(specification)
    _grow(specification, size)
    client_for.get(url(specification))  # warm the session and caches
    # 7 every page makes; 2 for the commission and its team (the page shows no partner funders, so
    # they are not read); 1 for the specification with every section's version; 6 for the snapshot;
    # 1 for a draft.
    with django_assert_num_queries(17) as done:
        response = client_for.get(url(specification))
    assert response.status_code == 200
    assert not [q for q in done.captured_queries if "commissions_partnerfunder" in q["sql"]]


def test_pasted_text_is_checked_with_the_span_marked(specification, client_for):
    text = "Please return the completed ITT by noon. We work with hard to reach families."
    response = client_for.post(url(specification), {"text": text, "scope": "excerpt"})
    assert response.status_code == 200
    html = flat(response)
    assert "What the lens found in your excerpt" in html
    assert "Please return the completed <mark>ITT</mark> by noon." in html
    assert "We work with <mark>hard to reach</mark> families." in html
    # Kept in the box, and no whole-document codes on an excerpt.
    assert "Please return the completed ITT by noon. We work with hard to reach families.</textarea>" in html
    checked = html[html.index("What the lens found in your") :]
    assert "Missing: person-centred engagement" not in checked


def test_a_whole_document_gets_the_whole_document_codes(specification, client_for):
    text = "Service specification\n\nThe provider will run weekly groups.\nThe provider will report each quarter.\n"
    html = flat(client_for.post(url(specification), {"text": text, "scope": "whole"}))
    assert "What the lens found in your document" in html
    checked = html[html.index("What the lens found in your") :]
    assert "Missing: person-centred engagement" in checked
    assert "About the whole document." in checked


def _docx_bytes(*paragraphs: str) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_an_uploaded_word_document_is_read_and_not_stored(specification, client_for, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path)
    upload = SimpleUploadedFile("draft.docx", _docx_bytes("We will only fund new and innovative projects."))
    html = flat(client_for.post(url(specification), {"document": upload, "scope": "excerpt"}))
    assert "We <mark>will only fund new and innovative projects</mark>." in html
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"text": "", "scope": "excerpt"}, "text", lens_form.NOTHING_GIVEN),
        ({"text": "Some words", "scope": ""}, "scope", lens_form.NO_SCOPE),
        ({"text": "x" * (MAX_CHARACTERS + 1), "scope": "whole"}, "text", lens_form.TOO_LONG),
        (
            {"text": "Some words", "scope": "whole", "document": ("a.txt", b"More words")},
            "document",
            lens_form.BOTH_GIVEN,
        ),
        ({"text": "", "scope": "whole", "document": ("a.pdf", b"%PDF-1.7")}, "document", lens_form.WRONG_TYPE),
        (
            {"text": "", "scope": "whole", "document": ("a.txt", b"a" * (2 * 1024 * 1024 + 1))},
            "document",
            lens_form.TOO_LARGE,
        ),
        # Far larger: the upload handler keeps only its first 2 MB and a byte, so the same message.
        (
            {"text": "", "scope": "whole", "document": ("b.txt", b"a" * (9 * 1024 * 1024))},
            "document",
            lens_form.TOO_LARGE,
        ),
        (
            {"text": "", "scope": "whole", "document": ("fake.docx", b"just text")},
            "document",
            "fake.docx is not a Word (.docx) document",
        ),
        (
            {"text": "", "scope": "whole", "document": ("latin.txt", "caf\u00e9".encode("latin-1"))},
            "document",
            "latin.txt is not UTF-8 text",
        ),
        ({"text": "", "scope": "whole", "document": ("empty.md", b"  \n")}, "document", "empty.md is empty"),
    ],
)
def test_bad_input_gets_a_message_beside_the_field(specification, client_for, data, field, message):
    if "document" in data:
        name, content = data["document"]
        data = {**data, "document": SimpleUploadedFile(name, content)}
    response = client_for.post(url(specification), data)
    assert response.status_code == 200
    html = flat(response)
    assert f'id="{field}-error"' in html or f'id="id_{field}-error"' in html
    assert message in html
    assert html.startswith("<!DOCTYPE html>") or "Error:" in html
    assert "What the lens found in your" not in html


def test_typed_text_is_kept_when_the_scope_is_missing(specification, client_for):
    html = flat(client_for.post(url(specification), {"text": "Keep these words please", "scope": ""}))
    assert "Keep these words please</textarea>" in html


def test_an_observer_may_use_the_page(specification, make_observer):
    client = make_observer(specification)
    assert client.get(url(specification)).status_code == 200
    response = client.post(url(specification), {"text": "Send the SLA.", "scope": "excerpt"})
    assert response.status_code == 200
    assert "<mark>SLA</mark>" in response.content.decode()


@pytest.fixture
def make_observer(funder_org: Any) -> Any:
    from conftest import make_user
    from tandem.organisations.models import Membership

    def _make(specification: Specification) -> Client:
        user = make_user("observer@example.org", "Olu Observer")
        Membership.objects.create(user=user, organisation=funder_org, role="member")
        TeamMember.objects.create(commission=specification.commission, user=user, role="observer")
        return sign_in(Client(), user, funder_org)

    return _make


def test_someone_else_cannot_see_the_page(specification, provider_member, provider_org):
    client = sign_in(Client(), provider_member, provider_org)
    assert client.get(url(specification)).status_code == 403
    assert client.post(url(specification), {"text": "x", "scope": "whole"}).status_code == 403


def test_no_such_commission_is_404(client_for):
    assert client_for.get(reverse("tenders:tender-lens", kwargs={"pk": 999_999})).status_code == 404


@settings(max_examples=25, deadline=None)
@given(
    text=st.text(alphabet=string.printable + "\u2013\u2019£é", max_size=300),
    scope=st.sampled_from(["whole", "excerpt", "", "nonsense"]),
    name=st.sampled_from(["", "a.txt", "b.docx", "c.md", "d.exe", "noextension"]),
    content=st.binary(max_size=200),
)
def test_generated_input_never_causes_a_server_error(text, scope, name, content):
    with example_rows() as roles:
        funder_member, funder_org = roles.user("funder_member"), roles.funder_org
        specification = specification_build(lead=funder_member, lead_funder=funder_org)
        client_for = sign_in(Client(), funder_member, funder_org)
        data: dict[str, Any] = {"text": text, "scope": scope}
        if name:
            data["document"] = SimpleUploadedFile(name, content)
        assert client_for.post(url(specification), data).status_code == 200


# Issue 8: the lens page refuses to run two checks at once for one person, applies the lens's one
# character cap to uploads, and reads hostile Word files within bounds (see test_documents.py).


def _errors_beside(html: str, field: str) -> bool:
    return f'id="{field}-error"' in html or f'id="id_{field}-error"' in html


def test_a_second_check_while_the_first_is_running_is_refused_kindly(specification, client_for, funder_member):
    typed = {"text": "We work with hard to reach families.", "scope": "excerpt"}
    key = busy_key(funder_member)
    assert cache.add(key, "the first check", 60)  # as the first check does while it runs
    try:
        response = client_for.post(url(specification), typed)
        assert cache.get(key) == "the first check"  # the refused post leaves the first check's lock alone
    finally:
        cache.delete(key)
    assert response.status_code == 200
    html = flat(response)
    assert _errors_beside(html, "text")
    assert lens_form.BUSY in html
    assert "We work with hard to reach families.</textarea>" in html
    assert "What the lens found in your" not in html
    # Once the first check has finished, the same post is checked.
    assert "What the lens found in your excerpt" in flat(client_for.post(url(specification), typed))


def test_the_lock_is_one_persons_and_is_let_go_after_each_check(specification, client_for, funder_member):
    from conftest import make_user

    someone_else = make_user("else@example.org", "Sam Else")
    assert cache.add(busy_key(someone_else), "their check", 60)
    try:
        for data in ({"text": "Send the SLA.", "scope": "excerpt"}, {"text": "", "scope": "excerpt"}):
            client_for.post(url(specification), data)
            assert cache.get(busy_key(funder_member)) is None
        html = flat(client_for.post(url(specification), {"text": "Send the SLA.", "scope": "excerpt"}))
        assert "<mark>SLA</mark>" in html
    finally:
        cache.delete(busy_key(someone_else))


def _upload(specification: Specification, client: Client, name: str, content: bytes) -> Any:
    return client.post(url(specification), {"document": SimpleUploadedFile(name, content), "scope": "whole"})


def test_an_uploaded_text_file_over_the_cap_is_refused_beside_the_file(specification, client_for):
    content = b"The provider will run weekly groups.\n" * (2 * 1024 * 1024 // 37)
    response = _upload(specification, client_for, "long.txt", content)
    assert response.status_code == 200
    html = flat(response)
    assert _errors_beside(html, "document")
    assert (
        f"long.txt has {len(content):,} characters of text. The tender lens reads at most 300,000 at once, so "
        "check it in parts" in html
    )
    assert "What the lens found in your" not in html


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (docx_files.unpacks_to_a_gigabyte, "bomb.docx is too big for the lens to open"),
        (docx_files.fifty_megabytes_of_paragraphs, "bomb.docx is too big for the lens to open"),
        (
            lambda: docx_files.fifty_megabytes_of_paragraphs(declared_size=10 * 1024 * 1024),
            "bomb.docx has more than 300,000 characters of text",
        ),
    ],
)
def test_an_uploaded_word_file_that_unpacks_too_far_is_refused_beside_the_file(
    specification, client_for, make, message
):
    response = _upload(specification, client_for, "bomb.docx", make())
    assert response.status_code == 200
    html = flat(response)
    assert _errors_beside(html, "document")
    assert message in html


@pytest.mark.parametrize("make", [docx_files.a_cell_spanning_a_million_columns, docx_files.rows_merged_down])
def test_uploaded_word_tables_with_huge_spans_and_merges_are_checked(specification, client_for, make):
    response = _upload(specification, client_for, "table.docx", make())
    assert response.status_code == 200
    assert "What the lens found in your document" in flat(response)


def test_a_specification_too_long_to_review_says_so_kindly(specification, client_for):
    purpose = "We will run weekly groups for women. " * 9_000  # 333,000 characters
    Specification.objects.filter(pk=specification.pk).update(purpose=purpose)
    response = client_for.get(url(specification))
    assert response.status_code == 200
    html = flat(response)
    assert "That is more than the lens can check at once: it reads up to 300,000." in html
    assert "Nothing to flag" not in html
    # Checking other text still works.
    assert '<h2 class="govuk-heading-m govuk-!-margin-top-8" id="check-other-text">' in html


def _flagged(specification: Specification) -> None:
    _complete(specification)
    Specification.objects.filter(pk=specification.pk).update(
        purpose="We will work with hard to reach families.", term_months=12, submission_deadline=dt.date(2027, 5, 14)
    )
    AwardCriterion.objects.filter(specification=specification, group="social_value").update(weight=5)


def test_no_internal_code_is_shown_to_the_team(specification, client_for):
    """Issue 10, item 16: findings say their plain name; TL codes and catalogue names stay out of sight."""
    _flagged(specification)
    text = "Please return the completed ITT by noon. We work with hard to reach families."
    html = flat(client_for.post(url(specification), {"text": text, "scope": "whole"}))
    assert "Words that label people by a problem" in html
    assert not re.search(r"\bTL\d", html)
    assert "DEFICIT_LANGUAGE" not in html
    assert "cultural-consideration" not in html
    assert "For site administrators" not in html


def test_site_administrators_can_unfold_each_findings_code(specification, client_for, funder_member):
    """A site administrator on the team sees each code folded away under the finding, never as its
    headline."""
    User.objects.filter(pk=funder_member.pk).update(is_superuser=True)
    _flagged(specification)
    html = flat(client_for.get(url(specification)))
    assert '<span class="govuk-details__summary-text">For site administrators' in html
    assert "Lens code TL13 (DEFICIT_LANGUAGE), severity high." in html
    headline = html[html.index('<h4 class="govuk-summary-card__title">') :]
    headline = headline[: headline.index("</h4>")]
    assert "TL" not in headline


def test_a_summary_at_the_top_counts_each_severity_and_links_to_it(specification, client_for):
    """Issue 10, item 21."""
    _flagged(specification)
    response = client_for.get(url(specification))
    html = flat(response)
    summary = html[html.index('id="lens-summary"') : html.index('id="specification-findings"')]
    groups = response.context["groups"]
    assert [g["severity"] for g in groups] == ["high", "medium"]
    for group in groups:
        count = len(group["rows"])
        assert f'href="#specification-{group["severity"]}">{group["heading"]}: {count}</a>' in summary
        assert f'<h3 class="govuk-heading-s" id="specification-{group["severity"]}"> {group["heading"]}' in html
    assert html.index('id="lens-summary"') < html.index('id="specification-findings"')
    assert "In the excerpt you checked" not in summary


def test_a_clear_specification_summary_says_nothing_to_flag(specification, client_for):
    _complete(specification)
    summary = flat(client_for.get(url(specification)))
    summary = summary[summary.index('id="lens-summary"') : summary.index('id="specification-findings"')]
    assert 'In your specification: <a class="govuk-link" href="#specification-findings">nothing to flag</a>' in summary


def test_a_checked_texts_findings_come_above_the_form_and_in_the_summary(specification, client_for):
    """Issue 10, item 21: after checking a text its findings are just above the form (which sends
    people back to them), and the summary at the top counts them too."""
    _complete(specification)
    text = "Please return the completed ITT by noon. We work with hard to reach families."
    response = client_for.post(url(specification), {"text": text, "scope": "excerpt"})
    html = flat(response)
    results = html.index('id="checked-findings"')
    assert html.index('id="specification-findings"') < results < html.index('id="check-other-text"')
    assert results < html.index("<form")
    assert 'action="#checked-findings"' in html
    summary = html[html.index('id="lens-summary"') : html.index('id="specification-findings"')]
    assert "In the excerpt you checked:" in summary
    for group in response.context["checked"]:
        assert f'href="#checked-{group["severity"]}">{group["heading"]}: {len(group["rows"])}</a>' in summary
        assert f'id="checked-{group["severity"]}"' in html


def test_a_checked_text_with_nothing_to_flag_says_so_in_the_summary(specification, client_for):
    _complete(specification)
    html = flat(client_for.post(url(specification), {"text": "We will listen.", "scope": "excerpt"}))
    summary = html[html.index('id="lens-summary"') : html.index('id="specification-findings"')]
    assert 'you checked: <a class="govuk-link" href="#checked-findings">nothing to flag</a>' in summary
