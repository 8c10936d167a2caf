"""Times shown to people: stored in UTC, read in WIB (UTC+7) with the zone named."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from analytics import formatting as fmt


@pytest.mark.parametrize(
    "stored",
    [dt.datetime(2024, 8, 15, 7, 5), pd.Timestamp("2024-08-15 07:05:00"),
     np.datetime64("2024-08-15T07:05:00"), "2024-08-15 07:05:00",
     dt.datetime(2024, 8, 15, 7, 5, tzinfo=dt.UTC)],
)  # fmt: skip
def test_stored_utc_time_reads_in_wib(stored):
    assert fmt.datetime_wib(stored) == "15 Agustus 2024 14.05 WIB"
    assert fmt.time_wib(stored) == "14.05 WIB"


def test_evening_utc_is_the_next_day_in_wib():
    assert fmt.datetime_wib(dt.datetime(2024, 12, 31, 17, 0, 9)) == "1 Januari 2025 00.00 WIB"
    assert fmt.datetime_wib(dt.datetime(2024, 12, 31, 17, 0, 9), seconds=True) == (
        "1 Januari 2025 00.00.09 WIB"
    )
    assert fmt.today_wib(dt.datetime(2024, 12, 31, 16, 59, tzinfo=dt.UTC)) == dt.date(2024, 12, 31)
    assert fmt.today_wib(dt.datetime(2024, 12, 31, 17, 0, tzinfo=dt.UTC)) == dt.date(2025, 1, 1)


def test_missing_time():
    assert [fmt.datetime_wib(v) for v in (None, pd.NaT, float("nan"))] == ["–"] * 3
    assert fmt.datetime_wib(None, missing="-") == "-"
    assert fmt.to_wib(None) is None


def test_wib_is_seven_hours_ahead_all_year():
    # Indonesia keeps no daylight saving time: the fallback offset is the same zone.
    for month in (1, 7):
        assert fmt.to_wib(dt.datetime(2024, month, 1)).utcoffset() == dt.timedelta(hours=7)
