"""When a thread closes: decided at build time from the post's date and the build date.

The build date comes from ``SOURCE_DATE_EPOCH`` when set (reproducible builds, tests), so the same
sources built with the same epoch close the same threads on any machine and any day.
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping

from linters.errors import BylineError

#: Shown instead of the form on a closed post, and answered by the gate to a direct POST.
CLOSED_TEXT = "The comments to this entry are closed."


def build_date(environ: Mapping[str, str] | None = None) -> dt.date:
    """Today in UTC, or the UTC day of ``SOURCE_DATE_EPOCH`` (whole seconds since 1970)."""
    environ = os.environ if environ is None else environ
    raw = environ.get("SOURCE_DATE_EPOCH")
    if raw is None or raw.strip() == "":
        return dt.datetime.now(dt.timezone.utc).date()
    try:
        seconds = int(raw.strip())
        return dt.datetime.fromtimestamp(seconds, dt.timezone.utc).date()
    except (ValueError, OverflowError, OSError):
        raise BylineError("SOURCE_DATE_EPOCH", None, f"'{raw}' is not whole seconds since 1970-01-01 (e.g. 1714521600)") from None


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
