"""The closing decision uses the build date, which SOURCE_DATE_EPOCH fixes for reproducible builds."""
from __future__ import annotations

import datetime as dt

import pytest

from byline.comments.closing import build_date, closes_on, is_closed, published_day
from byline.errors import BylineError


def test_source_date_epoch_fixes_the_build_date():
    assert build_date({"SOURCE_DATE_EPOCH": "1714521600"}) == dt.date(2024, 5, 1)
    assert build_date({"SOURCE_DATE_EPOCH": "1714607999"}) == dt.date(2024, 5, 1)  # last second of the UTC day


def test_without_source_date_epoch_it_is_today_in_utc():
    assert build_date({}) == dt.datetime.now(dt.timezone.utc).date()
    assert build_date({"SOURCE_DATE_EPOCH": ""}) == dt.datetime.now(dt.timezone.utc).date()


@pytest.mark.parametrize("raw", ["yesterday", "1.5e9", "99999999999999999999"])
def test_a_bad_source_date_epoch_is_one_clear_error(raw):
    with pytest.raises(BylineError, match=r"^SOURCE_DATE_EPOCH: .* is not whole seconds since 1970-01-01"):
        build_date({"SOURCE_DATE_EPOCH": raw})


def test_published_day_is_the_utc_day():
    late_evening_in_new_york = dt.datetime(2024, 1, 1, 22, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    assert published_day(late_evening_in_new_york) == dt.date(2024, 1, 2)
    assert published_day(dt.datetime(2024, 1, 1, 22, 0)) == dt.date(2024, 1, 1)
    assert published_day(dt.date(2024, 1, 1)) == dt.date(2024, 1, 1)


def test_a_thread_is_closed_from_its_closing_day_on():
    closes = closes_on(dt.date(2024, 1, 1), 30)
    assert closes == dt.date(2024, 1, 31)
    assert not is_closed(closes, dt.date(2024, 1, 30))
    assert is_closed(closes, dt.date(2024, 1, 31))
    assert closes_on(dt.date(2024, 1, 1), None) is None
    assert not is_closed(None, dt.date(2999, 1, 1))
