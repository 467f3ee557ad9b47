"""When a thread closes: decided at build time from the post's date and the build date.

The build date comes from the build's clock (``linters/clock.py``: ``SOURCE_DATE_EPOCH`` when set),
so the same sources built with the same epoch close the same threads on any machine and any day.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from byline.clock import build_time

#: Shown instead of the form on a closed post, and answered by the gate to a direct POST.
CLOSED_TEXT = "The comments to this entry are closed."


def build_date(environ: Mapping[str, str] | None = None) -> dt.date:
    """The UTC day of the build (:func:`byline.clock.build_time`)."""
    return build_time(environ).date()


def published_day(created: dt.date | dt.datetime) -> dt.date:
    """The UTC day a post was published (Material gives a datetime, naive or aware)."""
    if isinstance(created, dt.datetime):
        if created.tzinfo is not None:
            created = created.astimezone(dt.timezone.utc)
        return created.date()
    return created


def closes_on(published: dt.date, close_after_days: int | None) -> dt.date | None:
    """The first day on which the thread is closed; None for a thread that never closes."""
    if close_after_days is None:
        return None
    return published + dt.timedelta(days=close_after_days)


def is_closed(closes: dt.date | None, today: dt.date) -> bool:
    return closes is not None and today >= closes
