"""The one place a stored (aware) time becomes the date or time people read, in the site's time zone.

``local_date_display`` gives "5 March 2026", ``local_time_display`` "2:05pm" and
``local_datetime_display`` "5 March 2026 at 2:05pm", in the words of ``tandem.core.values``.
A naive time (or a plain date) is shown as it is. The pages use the same functions through the
``tandem_values`` template filters.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from tandem.core.values import date_display, datetime_display, time_display


def local_moment(moment: datetime.datetime) -> datetime.datetime:
    """``moment`` in the site's time zone when it is aware; a naive time is already local."""
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


def local_date_display(moment: datetime.datetime | datetime.date) -> str:
    """The day ``moment`` falls on in the site's time zone, for example "5 March 2026"."""
    if isinstance(moment, datetime.datetime):
        moment = local_moment(moment)
    return date_display(moment)


def local_time_display(moment: datetime.datetime) -> str:
    """The time of ``moment`` in the site's time zone, for example "2:05pm"."""
    return time_display(local_moment(moment))


def local_datetime_display(moment: datetime.datetime) -> str:
    """The date and time of ``moment`` in the site's time zone: "5 March 2026 at 2:05pm"."""
    return datetime_display(local_moment(moment))
