"""What Profil shows of one regency, built once per data version and shared by every
session; and the idle-time preparation of every regency's profile (``prewarm``), so the
first reader of a regency does not wait for it.

Fifty readers arrive at a rakor within a minute, each maybe with another regency's link.
Building one regency's profile costs about 0.4 CPU-seconds (queries of its kecamatan,
units and uploads, three charts), paid under the one interpreter lock by everyone who
arrives meanwhile. So when the server has nothing to run, a background thread builds the
profiles of all regencies for the latest data date, one at a time, and pauses as soon as
a script run starts (``app.py`` counts them). A new data version starts it again.
"""

from __future__ import annotations

import atexit
import datetime as dt
import logging
import threading
import time
from types import SimpleNamespace

import pandas as pd
import streamlit as st

from analytics import region_detail, settings
from analytics.figures import profile as figures
from analytics.storage import Database
from analytics.views import candidacy, profile
from ui import followups as followups_ui
from ui import shared, units

LOG = logging.getLogger(__name__)


@st.cache_data(show_spinner=False, max_entries=64)
def kecamatan(path: str, version: str, region: str, as_of: dt.date) -> pd.DataFrame:
    return region_detail.kecamatan_gaps(Database(path), region, as_of)


@shared.built
def upload_history(
    path: str, version: str, region: str, as_of: dt.date
) -> tuple[pd.DataFrame, int]:
    """The upload history as shown, and how many versions describe later dates."""
    history = region_detail.upload_history(Database(path), region, as_of)
    return profile.history_table(history, as_of), profile.later_version_count(history, as_of)


@st.cache_data(show_spinner=False, max_entries=32)
def most_behind(path: str, version: str, as_of: dt.date) -> list[tuple[str, str]]:
    return profile.most_behind(shared.indicators_on(as_of))


@shared.built
def regency(
    path: str, version: str, notes_version: str, as_of: dt.date, region: str, body: str | None
):
    """Everything the page shows of one regency, built once per data version, version of
    the notes on the numbers and filter choice (reruns only draw it)."""
    ind = shared.indicators_on(as_of)
    name = profile.region_name(ind, region)
    comparison = profile.comparison_frame(ind, region, body)
    reported = profile.has_reported(ind, region)
    out = SimpleNamespace(
        name=name,
        reporting=profile.reporting_status(ind, region),
        reported=reported,
        missing=profile.missing_datasets(ind, region) if reported else [],
        headline=profile.headline(ind, region),
        comparison=profile.comparison_table(comparison, candidacy.short_name(name)),
        comparison_figure=figures.comparison_chart(comparison, name) if reported else None,
        badan_reported=profile.dataset_reported(ind, region, "badan_adhoc"),
        body_has_units=bool(body) and profile.body_has_units(ind, region, body),
        gaps=profile.kecamatan_table(kecamatan(path, version, region, as_of), body),
        checklist=profile.checklist_table(ind, region)
        if profile.dataset_reported(ind, region, "persiapan_pencalonan")
        else None,
        readiness_trend=None,
        sworn_trend=None,
    )
    if reported:
        series = shared.indicators_series(shared.weekly_dates(as_of))
        ready, sworn = profile.trend_frames(series, region, body)
        notes = followups_ui.notes_on_numbers(region, None)
        out.readiness_trend = figures.readiness_trend(ready, name, notes)
        out.sworn_trend = None if sworn.empty else figures.sworn_in_trend(sworn, notes)
    return out


# ---------------------------------------------------------------------- idle preparation

IDLE_POLL_S = 0.05  # how often a waiting preparation looks whether the runs are over
_RUNS = 0  # script runs in progress in this process
_RUNS_LOCK = threading.Lock()
STOP_WAIT_S = 5.0  # at exit, the longest wait for a regency being prepared
_STOPPING = threading.Event()
_THREADS: list[threading.Thread] = []
_PREPARED: set[tuple] = set()  # (path, version, as_of) whose profiles are built or being built
_LATEST: list[tuple] = []  # the key being prepared now: an older preparation gives way


def run_started() -> None:
    global _RUNS
    with _RUNS_LOCK:
        _RUNS += 1


def run_finished() -> None:
    global _RUNS
    with _RUNS_LOCK:
        _RUNS -= 1


def _idle() -> bool:
    return _RUNS == 0


def prewarm(as_of: dt.date | None) -> None:
    """Start preparing every regency's profile for ``as_of`` (the latest data date) in the
    background, once per data version; returns at once. Off with ``SIAGA_PREWARM=0``."""
    if as_of is None or settings.env("SIAGA_PREWARM") == "0":
        return
    path, version = str(shared.database().path), shared.data_version()
    key = (path, version, as_of)
    with _RUNS_LOCK:
        if key in _PREPARED:
            return
        _PREPARED.add(key)
        _LATEST[:] = [key]
    codes = list(shared.region_names())
    notes_version = followups_ui.number_notes_version()
    thread = threading.Thread(
        target=_prepare, args=(key, notes_version, codes), name="siaga-prewarm", daemon=True
    )
    thread.start()
    _THREADS.append(thread)


@atexit.register
def _stop() -> None:
    """At exit, let a preparation finish its regency (a thread killed inside DuckDB aborts
    the process) and start no other."""
    _STOPPING.set()
    for thread in _THREADS:
        thread.join(timeout=STOP_WAIT_S)


def _prepare(key: tuple, notes_version: str, codes: list[str]) -> None:
    path, version, as_of = key
    for code in codes:
        while not _idle() and not _STOPPING.is_set():
            time.sleep(IDLE_POLL_S)
        if _STOPPING.is_set() or _LATEST != [key]:
            return  # exiting, or the data changed: the newer preparation takes over
        try:
            regency(path, version, notes_version, as_of, code, None)
            upload_history(path, version, code, as_of)
            units.prepare(path, version, as_of, code)
        except Exception:  # a reader will build it (and see any error) itself
            LOG.exception("preparing the profile of %s failed", code)
            return
