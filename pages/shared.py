"""What every page shares: the database handle, cached indicators, the header and stamp."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from analytics import formatting as fmt
from analytics import indicators
from analytics.storage import Database


@st.cache_resource
def database() -> Database:
    """One Database object per server; it opens a short connection per query."""
    return Database()


@st.cache_data(show_spinner=False)
def _indicators(path: str, data_version: str, as_of: dt.date) -> indicators.Indicators:
    return indicators.compute(Database(path), as_of)


@st.cache_data(show_spinner=False, ttl=5)
def _data_version(path: str) -> str:
    return Database(path).data_version()


def current_indicators(as_of: dt.date) -> indicators.Indicators:
    db = database()
    return _indicators(str(db.path), _data_version(str(db.path)), as_of)


@st.cache_data(show_spinner=False, ttl=5)
def _latest(path: str) -> dt.date | None:
    return indicators.latest_data_date(Database(path))


def latest_date() -> dt.date | None:
    return _latest(str(database().path))


def header(as_of: dt.date | None) -> None:
    """Title, DEMO badge and the 'data per' stamp."""
    st.title("SIAGA · KPU Provinsi Jawa Tengah")
    parts = []
    if database().is_demo():
        parts.append(":orange-badge[DEMO — data contoh, bukan data resmi]")
    if as_of:
        parts.append(f"Data per **{fmt.date(as_of)}**")
    if parts:
        st.markdown(" · ".join(parts))
