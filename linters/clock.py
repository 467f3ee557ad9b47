"""The build's clock: ``SOURCE_DATE_EPOCH`` when set (reproducible builds, tests), else now.

Whatever a build writes that depends on the time (which comment threads are closed, the date of a
feed with no posts yet) reads it here, so the same sources built with the same epoch give the
same files on any machine and any day.
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping

from byline.errors import BylineError


def build_time(environ: Mapping[str, str] | None = None) -> dt.datetime:
    """Now in UTC, or ``SOURCE_DATE_EPOCH`` (whole seconds since 1970)."""
    environ = os.environ if environ is None else environ
    raw = environ.get("SOURCE_DATE_EPOCH")
    if raw is None or raw.strip() == "":
        return dt.datetime.now(dt.timezone.utc)
    try:
        return dt.datetime.fromtimestamp(int(raw.strip()), dt.timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise BylineError("SOURCE_DATE_EPOCH", None, f"'{raw}' is not whole seconds since 1970-01-01 (e.g. 1714521600)") from None
