"""The coverage page: the table first, then the picture, then what is not yet considered."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.commissions.coverage import Cell
from tandem.commissions.models import ResponseKind
from tandem.commissions.selectors.commission import commission_get
from tandem.commissions.selectors.coverage import commission_coverage
from tandem.commissions.services.responses import response_save
from tandem.commissions.tests.builders import commission_build
from tandem.commissions.tests.coverage_data import journey_version_build, responses_add
from tandem.core.exceptions import PermissionDenied
from tandem.frameworks.models import Prompt

pytestmark = pytest.mark.django_db


def _prompts(commission):
    return {p.slug: p for p in Prompt.objects.filter(stage__version=commission.framework_version)}


@pytest.fixture
def answered(coverage_commission, funder_member):
    """Reflect: an answer (safety) and a not-relevant (choice and collaboration); Assess: a decision."""
    prompts = _prompts(coverage_commission)
    response_save(
        actor=funder_member, commission=coverage_commission, prompt=prompts["reflect-0"], kind="answer", text="We have."
    )
    response_save(
        actor=funder_member,
        commission=coverage_commission,
        prompt=prompts["reflect-1"],
        kind="not_relevant",
        reason="The council's safeguarding team covers this.",
    )
    response_save(
        actor=funder_member, commission=coverage_commission, prompt=prompts["assess-0"], kind="decision", text="Yes."
    )
    return coverage_commission


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_selector_counts_what_was_considered(answered, funder_member):
    coverage = commission_coverage(viewer=funder_member, commission=answered)
    assert coverage.cell("safety", "reflect") == Cell(answered=1, total=1)
    assert coverage.cell("choice", "reflect") == Cell(not_relevant=1, total=1)
    assert coverage.cell("collaboration", "reflect") == Cell(not_relevant=1, total=2)
    assert coverage.cell("safety", "assess") == Cell(answered=1, total=1)
    # reflect-1 is in two rows but counts once in Reflect's total.
    assert coverage.stage_totals == (Cell(answered=1, not_relevant=1, total=3), Cell(answered=1, total=3))
    assert coverage.total.considered == 3
    assert [[p.text for p in gap.prompts] for gap in coverage.not_considered] == [
        ["Reflect question 2: what would help here?"],
        ["Assess question 1: what would help here?", "Assess question 2: what would help here?"],
    ]


def test_the_selector_refuses_someone_not_on_the_team(coverage_commission, provider_member):
    with pytest.raises(PermissionDenied):
        commission_coverage(viewer=provider_member, commission=coverage_commission)


def test_the_page_shows_the_table_then_the_chart_then_the_gaps(answered, role_client):
    response = role_client("funder_member").get(reverse("commissions:coverage", kwargs={"pk": answered.pk}))
    assert response.status_code == 200
    html = response.content.decode()
    table_at, chart_at, gaps_at = html.index("<table"), html.index("<svg"), html.index('id="not-yet-considered"')
    assert table_at < chart_at < gaps_at
    assert html.count("<h1") == 1
    text = _text(html)
    assert "The team has answered 3 of 6 prompts so far. 3 are not yet answered." in text
    # Each count has its context for screen readers.
    assert "1 of 1 Safety prompts in Reflect answered" in text
    assert "1 of 2 Collaboration prompts in Reflect answered 1 not relevant" in text
    assert "2 of 3 prompts in Reflect answered" in text
    assert "3 of 6 prompts in the whole journey answered" in text
    assert "No prompts (Safety prompts in Assess)" not in text  # Safety has a prompt in Assess
    assert "only once in their stage's total" in text
    # The chart is a real image with its words, and the same numbers.
    svg = html[chart_at : html.index("</svg>") + len("</svg>")]
    root = ET.fromstring(svg)  # noqa: S314  (our own page)
    assert root.get("role") == "img"
    assert "2 of 3" in [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    # What is not yet considered links to each prompt.
    for slug in ("reflect-2", "assess-1", "assess-2"):
        prompt = Prompt.objects.get(stage__version=answered.framework_version, slug=slug)
        assert reverse("commissions:prompt", kwargs={"pk": answered.pk, "prompt_pk": prompt.pk}) in html
    considered = Prompt.objects.get(stage__version=answered.framework_version, slug="reflect-0")
    assert reverse("commissions:prompt", kwargs={"pk": answered.pk, "prompt_pk": considered.pk}) not in html
    assert reverse("commissions:export", kwargs={"pk": answered.pk, "fmt": "pdf"}) in html
    assert reverse("commissions:export", kwargs={"pk": answered.pk, "fmt": "docx"}) in html


def test_a_journey_with_nothing_left_says_so(coverage_commission, funder_member, role_client):
    responses_add(
        commission=coverage_commission,
        author=funder_member,
        kinds=dict.fromkeys(_prompts(coverage_commission).values(), ResponseKind.ANSWER),
    )
    response = role_client("funder_member").get(reverse("commissions:coverage", kwargs={"pk": coverage_commission.pk}))
    text = _text(response.content.decode())
    assert "The team has answered every prompt in the journey." in text
    assert "Every prompt answered" in text


def test_text_from_the_framework_is_escaped(coverage_commission, role_client):
    Prompt.objects.filter(slug="reflect-2").update(text='<script>alert("x")</script>')
    coverage_commission.framework_version.principles.filter(slug="safety").update(name="<b>Safety</b>")
    html = (
        role_client("funder_member")
        .get(reverse("commissions:coverage", kwargs={"pk": coverage_commission.pk}))
        .content.decode()
    )
    assert "<script>alert" not in html
    assert "<b>Safety</b>" not in html
    assert "&lt;b&gt;Safety&lt;/b&gt;" in html


def test_an_unknown_commission_is_not_found(role_client):
    assert role_client("funder_member").get(reverse("commissions:coverage", kwargs={"pk": 999999})).status_code == 404


def test_someone_not_on_the_team_is_told_why(coverage_commission, role_client):
    response = role_client("provider_member").get(
        reverse("commissions:coverage", kwargs={"pk": coverage_commission.pk})
    )
    assert response.status_code == 403
    assert "Ask the commission" in response.content.decode()


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_page_costs_the_same_queries_for_5_or_500_responses(funder_org, funder_member, role_client):
    small = commission_build(
        lead=funder_member, lead_funder=funder_org, version=journey_version_build(slug="small", prompts_per_stage=5)
    )
    big_version = journey_version_build(
        slug="big",
        prompts_per_stage=72,
        stages=[
            (s, s.title(), "") for s in ("reflect", "assess", "design", "procure", "relate", "evaluate", "sustain")
        ],
    )
    big = commission_build(lead=funder_member, lead_funder=funder_org, version=big_version, title="Young people")
    kinds = [ResponseKind.ANSWER, ResponseKind.DECISION, ResponseKind.NOT_RELEVANT]
    small_prompts = list(Prompt.objects.filter(stage__version=small.framework_version).order_by("pk"))[:5]
    big_prompts = list(Prompt.objects.filter(stage__version=big_version).order_by("pk"))[:500]
    responses_add(commission=small, author=funder_member, kinds={p: kinds[i % 3] for i, p in enumerate(small_prompts)})
    responses_add(
        commission=big, author=funder_member, kinds={p: kinds[i % 3] for i, p in enumerate(big_prompts)}, earlier=1
    )
    client = role_client("funder_member")
    url = "commissions:coverage"
    _count_queries(client, reverse(url, kwargs={"pk": small.pk}))  # warm the session and caches
    _count_queries(client, reverse(url, kwargs={"pk": big.pk}))  # and the big journey's, kept on its own
    few = _count_queries(client, reverse(url, kwargs={"pk": small.pk}))
    many = _count_queries(client, reverse(url, kwargs={"pk": big.pk}))
    assert few == many, f"{few} queries with 5 responses, {many} with 500"
    assert commission_coverage(viewer=funder_member, commission=big).total.considered == 500


def test_the_selector_runs_five_queries(coverage_commission, funder_member, django_assert_num_queries):
    # As the view loads it: with its team, so the permission check costs nothing more.
    commission = commission_get(viewer=funder_member, pk=coverage_commission.pk)
    assert commission is not None
    with django_assert_num_queries(5):
        commission_coverage(viewer=funder_member, commission=commission)


def test_the_selector_runs_one_query_once_the_framework_is_kept(
    coverage_commission, funder_member, django_assert_num_queries
):
    commission = commission_get(viewer=funder_member, pk=coverage_commission.pk)
    assert commission is not None
    commission_coverage(viewer=funder_member, commission=commission)  # reads and keeps the framework's outline
    # Only the commission's current responses: the principles, stages and prompts come from the cache.
    with django_assert_num_queries(1):
        coverage = commission_coverage(viewer=funder_member, commission=commission)
    assert coverage.total.total == len(_prompts(coverage_commission))


def test_the_page_reads_no_partner_funders_which_it_does_not_show(answered, role_client):
    client = role_client("funder_member")
    page = reverse("commissions:coverage", kwargs={"pk": answered.pk})
    client.get(page)  # warm the session and caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page).status_code == 200
    assert not [q for q in queries.captured_queries if "commissions_partnerfunder" in q["sql"]]


def test_commission_get_reads_partner_funders_unless_told_not_to(answered, funder_member, django_assert_num_queries):
    with django_assert_num_queries(3):
        with_partners = commission_get(viewer=funder_member, pk=answered.pk)
    with django_assert_num_queries(2):
        without = commission_get(viewer=funder_member, pk=answered.pk, partners=False)
    assert with_partners is not None and without is not None
    assert [m.pk for m in with_partners.team.all()] == [m.pk for m in without.team.all()]
