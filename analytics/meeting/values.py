"""Raw values as plain Python, rounded exactly like ``python -m analytics summary``."""

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
    """A rate as ``summary`` rounds it (4 decimals)."""
    value = _num(value)
    return None if value is None else round(float(value), 4)


def index_value(value) -> float | None:
    """The readiness index as ``summary`` rounds it (2 decimals)."""
    value = _num(value)
    return None if value is None else round(float(value), 2)


def _day(value) -> dt.date | None:
    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).date()
