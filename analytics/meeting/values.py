"""Raw values as plain Python at full precision: they are rounded once, where they are shown."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analytics import indicators


def _num(value):
    """Plain Python number or None."""
    value = indicators._num(value)
    return None if value is pd.NaT else value


def _int(value) -> int | None:
    value = _num(value)
    return None if value is None else int(round(value))


def rate(value) -> float | None:
    """A rate (0-1) at full precision; never pre-rounded, so a slide, a cell and a chart
    label that show it to one decimal all read the same."""
    value = _num(value)
    return None if value is None else float(value)


def index_value(value) -> float | None:
    """The readiness index (0-100) at full precision."""
    value = _num(value)
    return None if value is None else float(value)


def _day(value) -> dt.date | None:
    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).date()
