"""A stored (aware) time shown as the date people read, in the site's time zone."""

from __future__ import annotations

import datetime

from django.test import override_settings

from tandem.core.dates import local_date_display


@override_settings(TIME_ZONE="Europe/London")
def test_the_date_is_the_local_one() -> None:
    # 23:30 UTC on 31 March 2026 is 00:30 on 1 April in London (summer time).
    moment = datetime.datetime(2026, 3, 31, 23, 30, tzinfo=datetime.UTC)
    assert local_date_display(moment) == "1 April 2026"


@override_settings(TIME_ZONE="Europe/London")
def test_a_winter_date_is_the_same_in_utc_and_london() -> None:
    moment = datetime.datetime(2026, 12, 25, 23, 30, tzinfo=datetime.UTC)
    assert local_date_display(moment) == "25 December 2026"
