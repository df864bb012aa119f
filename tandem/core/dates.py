"""The one place a stored (aware) time becomes the date people read, in the site's time zone."""

from __future__ import annotations

import datetime

from django.utils import timezone

from tandem.core.values import date_display


def local_date_display(moment: datetime.datetime) -> str:
    """The day ``moment`` falls on in the site's time zone, for example "5 March 2026"."""
    return date_display(timezone.localtime(moment))
