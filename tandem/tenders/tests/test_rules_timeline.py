"""The timeline checks (tandem/tenders/rules/timeline.py): plain pytest and hypothesis, no database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from tandem.tenders.rules import timeline
from tandem.tenders.rules.timeline import FIELDS, Rules, Tender, Timeline, check, order_problems, review

D = dt.date


def codes(findings: list[timeline.TimelineFinding]) -> list[str]:
    return [finding.code for finding in findings]


def good_timeline(**overrides: dt.date | None) -> Timeline:
    """A kind timeline: 6 weeks to bid in the autumn, feedback with the award, 4 months to get ready."""
    values: dict[str, dt.date | None] = {
        "publication_on": D(2027, 9, 6),
        "clarification_deadline": D(2027, 10, 4),
        "submission_deadline": D(2027, 10, 18),
        "evaluation_from": D(2027, 10, 19),
        "evaluation_to": D(2027, 11, 5),
        "presentations_on": D(2027, 11, 10),
        "award_on": D(2027, 11, 24),
        "feedback_by": D(2027, 11, 24),
        "standstill_ends_on": D(2027, 12, 6),
        "mobilisation_from": D(2027, 12, 7),
        "service_starts_on": D(2028, 5, 2),
    }
    values.update(overrides)
    return Timeline(**values)


def test_a_kind_timeline_has_nothing_to_say():
    assert review(good_timeline()) == []


def test_an_empty_timeline_has_nothing_to_say():
    assert review(Timeline()) == []


# Dates out of order


def test_a_deadline_before_publication_is_named_beside_the_deadline():
    problems = order_problems(Timeline(publication_on=D(2027, 9, 6), submission_deadline=D(2027, 9, 1)))
    assert len(problems) == 1
    problem = problems[0]
    assert problem.code == "order" and problem.severity == "error"
    assert problem.field == "submission_deadline"
    assert problem.message == "The submission deadline must be after the publication date (6 September 2027)"


def test_the_same_day_is_allowed_where_it_makes_sense_and_refused_where_it_does_not():
    assert order_problems(Timeline(submission_deadline=D(2027, 10, 18), evaluation_from=D(2027, 10, 18))) == []
    same = order_problems(Timeline(publication_on=D(2027, 10, 18), submission_deadline=D(2027, 10, 18)))
    assert codes(same) == ["order"]


def test_a_blank_date_between_two_others_still_keeps_them_in_order():
    problems = order_problems(Timeline(publication_on=D(2027, 9, 6), service_starts_on=D(2027, 8, 1)))
    assert [p.fields for p in problems] == [("publication_on", "service_starts_on")]


def test_each_date_gets_one_message_naming_the_latest_date_it_should_follow():
    problems = order_problems(
        Timeline(publication_on=D(2027, 9, 6), submission_deadline=D(2027, 10, 18), award_on=D(2027, 9, 10))
    )
    assert len(problems) == 1
    assert problems[0].fields == ("submission_deadline", "award_on")
    assert "18 October 2027" in problems[0].message


def test_mobilising_from_the_award_day_is_fine_when_there_is_no_standstill_date():
    assert order_problems(Timeline(award_on=D(2027, 11, 24), mobilisation_from=D(2027, 11, 24))) == []
    broken = order_problems(
        Timeline(award_on=D(2027, 11, 24), standstill_ends_on=D(2027, 12, 6), mobilisation_from=D(2027, 11, 24))
    )
    assert [p.fields for p in broken] == [("standstill_ends_on", "mobilisation_from")]


def test_check_leaves_out_of_order_windows_to_the_order_problems():
    reversed_window = Timeline(publication_on=D(2027, 12, 24), submission_deadline=D(2027, 12, 1))
    assert check(reversed_window) == []
    assert codes(review(reversed_window)) == ["order"]


# The response window


def test_a_window_shorter_than_25_days_is_flagged_with_a_later_deadline_suggested():
    findings = check(Timeline(publication_on=D(2027, 9, 6), submission_deadline=D(2027, 9, 30)))
    assert codes(findings) == ["response_window_short"]
    finding = findings[0]
    assert finding.fields == ("publication_on", "submission_deadline")
    assert "24 days" in finding.message and "at least 25 days" in finding.message
    assert "1 October 2027" in finding.suggestion


def test_25_days_is_enough_by_default():
    assert check(Timeline(publication_on=D(2027, 9, 6), submission_deadline=D(2027, 10, 1))) == []


def test_consortium_bids_and_a_large_value_lengthen_the_window():
    window = Timeline(publication_on=D(2027, 9, 6), submission_deadline=D(2027, 10, 6))  # 30 days
    assert check(window, Tender()) == []
    assert codes(check(window, Tender(consortium_welcome=True))) == ["response_window_short"]
    assert codes(check(window, Tender(value=Decimal("300000")))) == []
    days, reasons = timeline.response_days_needed(Tender(value=Decimal("1500000"), consortium_welcome=True), Rules())
    assert days == 45
    assert len(reasons) == 3 and "£1 million" in reasons[2]
    assert timeline.response_days_needed(Tender(value=Decimal("250000")), Rules())[0] == 30


def test_the_minimum_comes_from_the_rules():
    window = Timeline(publication_on=D(2027, 9, 6), submission_deadline=D(2027, 10, 1))
    assert codes(check(window, rules=Rules(min_response_days=40))) == ["response_window_short"]
    strange = Tender(value=Decimal("NaN"))
    assert timeline.response_days_needed(strange, Rules())[0] == 25


# Holidays


def test_a_window_across_christmas_names_the_break_and_how_many_days_it_takes():
    findings = check(Timeline(publication_on=D(2027, 11, 29), submission_deadline=D(2028, 1, 14)))
    assert codes(findings) == ["holiday"]
    assert "the Christmas and New Year break" in findings[0].message
    assert "17 days" in findings[0].message  # 20 December to 5 January
    assert "add 17 days" in findings[0].suggestion


def test_easter_week_is_worked_out_for_the_year():
    # Easter Sunday is 28 March 2027 and 16 April 2028.
    assert timeline.holiday_overlap(D(2027, 3, 22), D(2027, 3, 22)) is not None
    assert timeline.holiday_overlap(D(2027, 4, 10), D(2027, 4, 11)) is None
    name, begin, end, days = timeline.holiday_overlap(D(2028, 4, 1), D(2028, 4, 12)) or ("", None, None, 0)
    assert name == "Easter week" and begin == D(2028, 4, 10) and end == D(2028, 4, 17) and days == 3


def test_evaluation_in_the_summer_holidays_is_flagged():
    findings = check(Timeline(evaluation_from=D(2027, 7, 26), evaluation_to=D(2027, 8, 6)))
    assert codes(findings) == ["holiday"]
    assert findings[0].fields == ("evaluation_from", "evaluation_to")
    assert "the summer holidays" in findings[0].message


def test_a_deadline_alone_in_a_holiday_is_flagged():
    findings = check(Timeline(submission_deadline=D(2027, 8, 2)))
    assert "holiday" in codes(findings)
    assert findings[0].fields == ("submission_deadline",)


def test_a_window_of_several_years_still_finds_a_holiday():
    assert timeline.holiday_overlap(D(2027, 2, 1), D(2035, 2, 1)) is not None


# The financial year end


def test_a_deadline_close_to_31_march_is_flagged_either_side():
    before = check(Timeline(submission_deadline=D(2027, 3, 19)))
    assert codes(before) == ["year_end"]
    assert "12 days before" in before[0].message
    after = check(Timeline(award_on=D(2027, 4, 14)))
    assert codes(after) == ["year_end"] and "14 days after" in after[0].message
    assert check(Timeline(award_on=D(2027, 4, 15))) == []


def test_a_service_starting_on_1_april_is_advice_not_a_warning():
    findings = check(Timeline(service_starts_on=D(2028, 4, 1)))
    assert codes(findings) == ["year_end"]
    assert findings[0].severity == "info"
    assert "1 April" in findings[0].message


# Mobilisation and feedback


def test_too_little_time_to_get_ready_counts_from_the_latest_of_award_standstill_and_mobilisation():
    findings = check(
        Timeline(award_on=D(2027, 11, 24), standstill_ends_on=D(2027, 12, 6), service_starts_on=D(2028, 2, 1))
    )
    assert codes(findings) == ["mobilisation_short"]
    assert findings[0].fields == ("standstill_ends_on", "service_starts_on")
    assert "57 days" in findings[0].message
    assert "5 March 2028" in findings[0].suggestion
    enough = Rules(min_mobilisation_days=50)
    assert (
        check(
            Timeline(award_on=D(2027, 11, 24), standstill_ends_on=D(2027, 12, 6), service_starts_on=D(2028, 2, 1)),
            rules=enough,
        )
        == []
    )


def test_feedback_after_the_award_is_flagged_and_feedback_with_it_is_not():
    late = check(Timeline(award_on=D(2027, 11, 24), feedback_by=D(2027, 12, 8)))
    assert codes(late) == ["feedback_late"]
    assert late[0].field == "feedback_by"
    assert "24 November 2027" in late[0].suggestion
    assert check(Timeline(award_on=D(2027, 11, 24), feedback_by=D(2027, 11, 24))) == []


def test_every_finding_has_a_title_and_explains_itself():
    messy = Timeline(
        publication_on=D(2027, 12, 1),
        submission_deadline=D(2027, 12, 20),
        award_on=D(2028, 3, 30),
        feedback_by=D(2028, 4, 20),
        service_starts_on=D(2028, 4, 3),
    )
    found = review(messy, Tender(consortium_welcome=True))
    assert set(codes(found)) == {"response_window_short", "holiday", "year_end", "mobilisation_short", "feedback_late"}
    for finding in found:
        assert finding.title != "Something to check"
        assert finding.message and finding.suggestion and finding.source


def test_from_mapping_ignores_other_keys_and_values():
    built = Timeline.from_mapping({"publication_on": D(2027, 9, 6), "award_on": "soon", "other": D(2027, 1, 1)})
    assert built == Timeline(publication_on=D(2027, 9, 6))


# Properties

optional_dates = st.none() | st.dates()


@given(
    st.fixed_dictionaries({name: optional_dates for name in FIELDS}),
    st.none() | st.decimals(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.integers(-10, 400),
    st.integers(-10, 400),
)
def test_any_dates_give_findings_and_never_an_exception(values, value, consortium, response_days, mobilisation_days):
    rules = Rules(min_response_days=response_days, min_mobilisation_days=mobilisation_days)
    found = review(Timeline(**values), Tender(value=value, consortium_welcome=consortium), rules)
    for finding in found:
        assert set(finding.fields) <= set(FIELDS)
        assert all(values[name] is not None for name in finding.fields)
        assert finding.message and finding.suggestion


@given(st.fixed_dictionaries({name: optional_dates for name in FIELDS}))
def test_every_order_problem_is_real_and_at_most_one_per_date(values):
    problems = order_problems(Timeline(**values))
    assert len({problem.field for problem in problems}) == len(problems)
    for problem in problems:
        earlier, later = problem.fields
        assert values[later] <= values[earlier]


@given(
    st.dates(min_value=D(2000, 1, 1), max_value=D(2090, 1, 1)),
    st.lists(st.integers(1, 60), min_size=len(FIELDS), max_size=len(FIELDS)),
    st.lists(st.booleans(), min_size=len(FIELDS), max_size=len(FIELDS)),
)
def test_dates_that_go_forward_in_the_usual_order_are_never_out_of_order(start, gaps, blanks):
    values: dict[str, dt.date | None] = {}
    when = start
    for name, gap, blank in zip(FIELDS, gaps, blanks, strict=True):
        when = when + dt.timedelta(days=gap)
        values[name] = None if blank else when
    assert order_problems(Timeline(**values)) == []


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2090, 1, 1)), st.integers(1, 400))
def test_a_deadline_before_publication_is_always_out_of_order(publication, days_before):
    deadline = publication - dt.timedelta(days=days_before)
    problems = order_problems(Timeline(publication_on=publication, submission_deadline=deadline))
    assert [problem.field for problem in problems] == ["submission_deadline"]


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2090, 1, 1)), st.integers(1, 200))
def test_a_longer_window_never_adds_a_short_window_finding(publication, days):
    short = check(Timeline(publication_on=publication, submission_deadline=publication + dt.timedelta(days=days)))
    longer = check(Timeline(publication_on=publication, submission_deadline=publication + dt.timedelta(days=days + 1)))
    if "response_window_short" not in codes(short):
        assert "response_window_short" not in codes(longer)


# From the submission deadline to the service starting (issue 10, item 13)


def test_a_service_starting_soon_after_the_deadline_is_flagged_with_the_time_each_step_needs():
    findings = check(Timeline(submission_deadline=D(2027, 10, 1), service_starts_on=D(2027, 12, 1)))
    assert codes(findings) == ["service_start_soon"]
    finding = findings[0]
    assert finding.fields == ("submission_deadline", "service_starts_on") and finding.field == "service_starts_on"
    assert finding.severity == "warning" and finding.title == "The service starts soon after the deadline"
    assert "61 days after the submission deadline (1 October 2027)" in finding.message
    needed = timeline.MIN_EVALUATION_DAYS + timeline.MIN_STANDSTILL_DAYS + timeline.MIN_MOBILISATION_DAYS
    assert f"at least {needed} days" in finding.message
    for days in (timeline.MIN_EVALUATION_DAYS, timeline.MIN_STANDSTILL_DAYS, timeline.MIN_MOBILISATION_DAYS):
        assert f"{days} days" in finding.message
    assert timeline.date_text(D(2027, 10, 1) + dt.timedelta(days=needed)) in finding.suggestion


def test_enough_time_from_the_deadline_to_the_start_is_not_flagged():
    needed, _ = timeline.start_days_needed(Rules())
    deadline = D(2027, 10, 1)
    assert check(Timeline(submission_deadline=deadline, service_starts_on=deadline + dt.timedelta(days=needed))) == []
    short = Timeline(submission_deadline=deadline, service_starts_on=deadline + dt.timedelta(days=needed - 1))
    assert codes(check(short)) == ["service_start_soon"]


def test_the_time_from_the_deadline_to_the_start_uses_the_same_minimums_as_the_other_checks():
    rules = Rules(min_evaluation_days=7, min_standstill_days=0, min_mobilisation_days=30)
    assert timeline.start_days_needed(rules) == (
        37,
        ["7 days to read and score the bids and decide the award", "30 days for the provider to get ready"],
    )
    dates = Timeline(submission_deadline=D(2027, 10, 1), service_starts_on=D(2027, 11, 10))  # 40 days
    assert check(dates, rules=rules) == []
    assert codes(check(dates, rules=Rules(min_mobilisation_days=60))) == ["service_start_soon"]
    assert (
        timeline.start_days_needed(Rules(min_evaluation_days=-5, min_standstill_days=-1, min_mobilisation_days=-9))[0]
        == 0
    )


def test_a_start_already_flagged_for_too_little_time_to_get_ready_is_flagged_once():
    rushed = Timeline(submission_deadline=D(2027, 10, 1), award_on=D(2027, 10, 20), service_starts_on=D(2027, 12, 1))
    assert codes(check(rushed)) == ["mobilisation_short"]
    # Time enough to get ready after the award, but the award comes two days after the deadline.
    hasty = Timeline(submission_deadline=D(2027, 10, 1), award_on=D(2027, 10, 3), service_starts_on=D(2028, 1, 5))
    assert codes(check(hasty)) == ["service_start_soon"]


def test_a_saved_versions_timeline_is_checked_with_the_value_and_consortium_it_was_saved_with():
    saved = {
        "timeline": {"publication_on": "2027-09-06", "submission_deadline": "2027-10-06", "service_starts_on": None},
        "agreement": {"consortium_welcome": True},
        "route": {"value_including_vat": "1500000.00"},
    }
    assert codes(timeline.snapshot_review(saved)) == ["response_window_short"]
    assert "45 days" in timeline.snapshot_review(saved)[0].message
    assert timeline.snapshot_review({}) == []
    assert timeline.snapshot_review({"timeline": {"submission_deadline": "not a date"}}) == []
