"""Award criteria pages: the weight check, forms, clashes, removal, the social value reason, who may
post, and a fixed number of queries."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from conftest import sign_in
from tandem.tenders.models import AwardCriterion, Question, Specification
from tandem.tenders.services.criteria import CriterionDetails, criterion_add
from tandem.tenders.tests.builders import specification_build

pytestmark = pytest.mark.django_db


@pytest.fixture
def spec(funder_member: Any, funder_org: Any) -> Specification:
    return specification_build(lead=funder_member, lead_funder=funder_org)


@pytest.fixture
def client_(funder_member: Any, funder_org: Any) -> Client:
    return sign_in(Client(), funder_member, funder_org)


def url(name: str, spec: Specification, **kwargs: Any) -> str:
    return reverse(f"tenders:{name}", kwargs={"pk": spec.commission_id, **kwargs})


def add(spec: Specification, actor: Any, group: str, weight: int, title: str = "A criterion") -> AwardCriterion:
    return criterion_add(
        actor=actor, specification=spec, details=CriterionDetails(group=group, title=title, weight=weight)
    )


def good_data(**overrides: str) -> dict[str, str]:
    data = {
        "group": "quality",
        "title": "Safety and choice",
        "weight": "60",
        "evaluator_guidance": "",
        "scale_1_score": "0",
        "scale_1_descriptor": "Nothing",
        "scale_2_score": "1",
        "scale_2_descriptor": "Something",
    }
    data.update(overrides)
    return data


def test_the_page_shows_totals_and_the_weight_check(spec: Specification, funder_member: Any, client_: Client) -> None:
    add(spec, funder_member, "quality", 35, "Safety")
    add(spec, funder_member, "price", 50, "Price")
    page = client_.get(url("criteria", spec)).content.decode()
    assert "Weights add up to 85%. They must total 100% before you publish." in page
    assert "Price is weighted at 50%, more than 40%" in page
    assert "Social value is weighted at 0%, below 10%" in page
    assert "Record why social value is weighted below 10%" in page
    assert "Must total 100%" in page
    assert "Safety" in page and "35%" in page


def test_a_balanced_set_shows_no_problems(spec: Specification, funder_member: Any, client_: Client) -> None:
    add(spec, funder_member, "quality", 60)
    add(spec, funder_member, "social_value", 10)
    add(spec, funder_member, "price", 30)
    page = client_.get(url("criteria", spec)).content.decode()
    assert "Before you publish" not in page and "Must total 100%" not in page and "more than 40%" not in page


def test_the_add_form_starts_with_the_suggested_scale(spec: Specification, client_: Client) -> None:
    page = client_.get(url("criterion-add", spec)).content.decode()
    assert 'name="scale_5_score"' in page and 'value="4"' in page
    assert "A very good answer" in page
    assert 'name="scale_6_score"' in page and 'name="scale_7_score"' not in page
    assert "data-autosave" in page


def test_adding_saves_and_returns_to_the_list(spec: Specification, client_: Client) -> None:
    response = client_.post(url("criterion-add", spec), good_data(weight="85%"))
    assert response.status_code == 302 and response["Location"] == url("criteria", spec)
    criterion = AwardCriterion.objects.get(specification=spec)
    assert criterion.weight == 85
    assert criterion.scale == [{"score": 0, "descriptor": "Nothing"}, {"score": 1, "descriptor": "Something"}]
    page = client_.get(response["Location"]).content.decode()
    assert "You added “Safety and choice” (85%)." in page
    assert "Weights add up to 85%" in page


def test_bad_input_is_named_beside_its_field_and_kept(spec: Specification, client_: Client) -> None:
    response = client_.post(
        url("criterion-add", spec),
        good_data(weight="lots", scale_2_descriptor="", title="Kept title", scale_3_score="x"),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Error: " in page
    assert "Enter the weight as a whole number between 0 and 100" in page
    assert "Describe what a score of 1 means" in page
    assert 'value="Kept title"' in page and 'value="lots"' in page
    assert not AwardCriterion.objects.exists()


def test_an_edit_clash_shows_the_banner_and_keeps_what_was_typed(
    spec: Specification, funder_member: Any, client_: Client
) -> None:
    criterion = add(spec, funder_member, "quality", 60, "Safety")
    edit = url("criterion-edit", spec, item_pk=criterion.pk)
    assert 'name="version" value="1"' in client_.get(edit).content.decode()
    assert client_.post(edit, good_data(title="Theirs", version="1")).status_code == 302
    response = client_.post(edit, good_data(title="Mine", version="1"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this criterion while you were editing" in page
    assert 'value="Mine"' in page and 'name="version" value="2"' in page
    # Saving again, having seen the banner, goes through.
    assert client_.post(edit, good_data(title="Mine", version="2")).status_code == 302
    criterion.refresh_from_db()
    assert criterion.title == "Mine"


def test_removing_says_questions_are_unlinked(spec: Specification, funder_member: Any, client_: Client) -> None:
    criterion = add(spec, funder_member, "quality", 60, "Safety")
    for n in range(2):
        Question.objects.create(specification=spec, text=f"Q{n}", why_we_ask="w", how_we_use="h", criterion=criterion)
    delete = url("criterion-delete", spec, item_pk=criterion.pk)
    assert "2 questions are scored against this criterion" in client_.get(delete).content.decode()
    response = client_.post(delete, follow=True)
    assert "The 2 questions it scored are no longer linked to a criterion." in response.content.decode()
    assert not Question.objects.filter(criterion__isnull=False).exists()


def test_the_social_value_reason_is_required_when_below_10(
    spec: Specification, funder_member: Any, client_: Client
) -> None:
    add(spec, funder_member, "quality", 95)
    add(spec, funder_member, "social_value", 5)
    page_url = url("social-value-reason", spec)
    assert "Why we ask" in client_.get(page_url).content.decode()
    response = client_.post(page_url, {"reason": " ", "version": "0"})
    assert response.status_code == 200
    assert "Say why social value is weighted below 10%" in response.content.decode()
    response = client_.post(page_url, {"reason": "Scored in the wider programme", "version": "0"})
    assert response.status_code == 302
    page = client_.get(url("criteria", spec)).content.decode()
    assert "Scored in the wider programme" in page and "Before you publish" not in page


def test_a_missing_criterion_is_a_404(spec: Specification, client_: Client) -> None:
    assert client_.get(url("criterion-edit", spec, item_pk=999999)).status_code == 404


def _queries(spec: Specification, actor: Any, client: Client, rows: int, page: str, **kwargs: Any) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for n in range(rows):
        criterion = add(spec, actor, ("quality", "social_value", "price", "other")[n % 4], 2, f"Criterion {n}")
        Question.objects.create(specification=spec, text=f"Q{n}", why_we_ask="w", how_we_use="h", criterion=criterion)
    target = url(page, spec, **kwargs)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(target).status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", ["criteria", "criterion-add", "social-value-reason"])
def test_a_fixed_number_of_queries(
    page: str, funder_member: Any, funder_org: Any, client_: Client, django_assert_max_num_queries: Any
) -> None:
    small = specification_build(lead=funder_member, lead_funder=funder_org, title="Small")
    large = specification_build(lead=funder_member, lead_funder=funder_org, title="Large")
    two = _queries(small, funder_member, client_, 2, page)
    forty = _queries(large, funder_member, client_, 40, page)
    assert two == forty
    with django_assert_max_num_queries(two):
        client_.get(url(page, large))


def test_edit_and_delete_pages_use_a_fixed_number_of_queries(
    funder_member: Any, funder_org: Any, client_: Client
) -> None:
    counts = []
    for rows, title in ((2, "Small"), (40, "Large")):
        spec = specification_build(lead=funder_member, lead_funder=funder_org, title=title)
        _queries(spec, funder_member, client_, rows, "criteria")
        criterion = AwardCriterion.objects.filter(specification=spec).first()
        assert criterion is not None
        counts.append(
            (
                _queries(spec, funder_member, client_, 0, "criterion-edit", item_pk=criterion.pk),
                _queries(spec, funder_member, client_, 0, "criterion-delete", item_pk=criterion.pk),
            )
        )
    assert counts[0] == counts[1]
