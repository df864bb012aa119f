"""A stored (aware) time shown as the date people read, in the site's time zone."""

from __future__ import annotations

import datetime

from django.test import override_settings

from tandem.core.dates import local_date_display, local_datetime_display, local_time_display


@override_settings(TIME_ZONE="Europe/London")
def test_the_date_is_the_local_one() -> None:
    # 23:30 UTC on 31 March 2026 is 00:30 on 1 April in London (summer time).
    moment = datetime.datetime(2026, 3, 31, 23, 30, tzinfo=datetime.UTC)
    assert local_date_display(moment) == "1 April 2026"


@override_settings(TIME_ZONE="Europe/London")
def test_a_winter_date_is_the_same_in_utc_and_london() -> None:
    moment = datetime.datetime(2026, 12, 25, 23, 30, tzinfo=datetime.UTC)
    assert local_date_display(moment) == "25 December 2026"


@override_settings(TIME_ZONE="Europe/London")
def test_times_are_local_and_written_the_one_way() -> None:
    # 18:06 UTC in December is 6:06pm in London; in July it is 7:06pm (summer time).
    winter = datetime.datetime(2027, 12, 23, 18, 6, tzinfo=datetime.UTC)
    summer = datetime.datetime(2027, 7, 23, 18, 6, tzinfo=datetime.UTC)
    assert local_time_display(winter) == "6:06pm"
    assert local_datetime_display(winter) == "23 December 2027 at 6:06pm"
    assert local_datetime_display(summer) == "23 July 2027 at 7:06pm"
    # A plain date, or a time with no zone, is shown as it is.
    assert local_date_display(datetime.date(2027, 12, 3)) == "3 December 2027"
    assert local_time_display(datetime.datetime(2027, 12, 3, 0, 7)) == "12:07am"
