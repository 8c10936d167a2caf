"""What every page shares: database handle, cached indicators, filters in the URL, header."""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from analytics import formatting as fmt
from analytics import indicators, meeting, reference, url_params
from analytics.labels import BODY_LABEL
from analytics.messages import msg
from analytics.storage import Database, default_db_path
from analytics.upload.staging import remove_stale_files
from analytics.views import long_tables, phone

ALL = ""
QUERY_KEYS = url_params.QUERY_KEYS
LINK_NOTICES_KEY = "flt_link_notices"  # what the opening link asked for and was ignored
NARROW_TITLE = "siaga-narrow-title"  # a chart title shown above the chart on a phone
# Escaped by plain(): Markdown and Streamlit's own syntax ($ maths, :red[...] colours, and
# ':' and '.' so that no https://... or www.... becomes a link by itself).
MARKDOWN_CHARS = "\\`*_{}[]()#+-.!|<>$~:"


@dataclass(frozen=True)
class Filters:
    """The global filters chosen in the sidebar (None means all)."""

    as_of: dt.date | None
    body: str | None
    region: str | None


_DATABASES: dict[str, Database] = {}
_DATABASES_LOCK = threading.Lock()


def database() -> Database:
    """One Database object per server and path; it opens a short connection per query.
    (A plain dictionary: pages ask for it a hundred times a run, and st.cache_resource
    hashes its key on every call.)"""
    path = str(default_db_path())  # SIAGA_DB, else data/siaga.duckdb
    found = _DATABASES.get(path)
    if found is None:
        with _DATABASES_LOCK:
            if path not in _DATABASES:
                remove_stale_files()  # once per server: upload bodies of killed processes
                _DATABASES[path] = Database(path)
            found = _DATABASES[path]
    return found


# data_version() is asked several times per rerun, and reading it opens a DuckDB
# connection (about 15 ms whatever the size of the data). It is remembered while the
# database file and its write-ahead log are untouched: any write, by this process or
# another, changes their inode, size or modification time.
_VERSIONS: dict[str, tuple[tuple, str]] = {}
_VERSIONS_LOCK = threading.Lock()
# As git does for its index: a file modified less than this long ago may be written again
# within the same clock tick without its time changing, so its version is read again.
SETTLED_NS = 2_000_000_000


def _file_state(path: Path) -> tuple:
    """Inode, size and modification time of the database file and of its WAL."""
    state = []
    for file in (path, path.with_name(path.name + ".wal")):
        try:
            stat = file.stat()
        except FileNotFoundError:
            state.append(None)
        else:
            state.append((stat.st_ino, stat.st_size, stat.st_mtime_ns))
    return tuple(state)


def data_version() -> str:
    """Changes with every ingest or withdrawal; the key of every cached result."""
    db = database()
    key = str(db.path)
    before = _file_state(db.path)
    with _VERSIONS_LOCK:
        remembered = _VERSIONS.get(key)
    if remembered is not None and remembered[0] == before:
        return remembered[1]
    version = db.data_version()
    after = _file_state(db.path)
    newest = max((s[2] for s in after if s is not None), default=0)
    if after == before and time.time_ns() - newest > SETTLED_NS:
        with _VERSIONS_LOCK:
            _VERSIONS[key] = (after, version)
    return version


def built(func):
    """Cache what a page builds for display (figures, display tables, metrics) per data
    version and filters, kept as the objects themselves. ``st.cache_data`` would unpickle a
    copy on every rerun, and unpickling a plotly Figure validates every point again, so a
    rerun would cost as much as the data is large. What it returns is shared by every
    session: draw it, never change it."""
    return st.cache_resource(show_spinner=False, max_entries=64)(func)


@st.cache_data(show_spinner=False, max_entries=64)
def _series(path: str, version: str, dates: tuple[dt.date, ...]) -> indicators.Indicators:
    return indicators.compute_series(Database(path), list(dates))


def indicators_on(as_of: dt.date) -> indicators.Indicators:
    """All indicators as of ``as_of`` (cached until the data changes)."""
    return _series(str(database().path), data_version(), (as_of,))


def indicators_series(dates: list[dt.date]) -> indicators.Indicators:
    """Indicators for several dates at once, for trends (cached until the data changes)."""
    return _series(str(database().path), data_version(), tuple(sorted(set(dates))))


@st.cache_data(show_spinner=False, max_entries=8)
def _data_dates(path: str, version: str) -> tuple[dt.date | None, dt.date | None, bool]:
    db = Database(path)
    if not db.exists():
        return None, None, False
    with db.reader() as con:
        first, last = con.execute(
            "SELECT min(as_of), max(as_of) FROM versions WHERE withdrawn_at IS NULL"
        ).fetchall()[0]
    return first, last, db.is_demo()


def data_dates() -> tuple[dt.date | None, dt.date | None]:
    first, last, _ = _data_dates(str(database().path), data_version())
    return first, last


def is_demo() -> bool:
    return _data_dates(str(database().path), data_version())[2]


def weekly_dates(as_of: dt.date, weeks: int = 40) -> list[dt.date]:
    """Report dates for trends: ``as_of`` and the same weekday back to the first data."""
    first, _ = data_dates()
    return meeting.weekly_dates(as_of, first, weeks)


@st.cache_data(show_spinner=False, max_entries=8)
def _db_region_names(path: str, version: str) -> dict[str, str]:
    db = Database(path)
    if not db.exists():
        return reference.region_names()
    return db.region_names()


def region_names() -> dict[str, str]:
    """The regencies of the database's reference data (code -> name)."""
    return _db_region_names(str(database().path), data_version())


def _init_from_query() -> None:
    """First run of a session: take the filters from the URL (canonical: 'pemalang' is
    33.27), else the defaults; what cannot be used is kept as notices for the header."""
    _, last = data_dates()
    link = url_params.resolve(st.query_params, region_names(), last, fmt.today_wib())
    st.session_state.flt_as_of = link.as_of or last
    st.session_state.flt_body = link.body or ALL
    st.session_state.flt_region = link.region or ALL
    st.session_state[LINK_NOTICES_KEY] = link.notices
    # Mode Rapat reads ?slide= itself (on its first run, after this): leave it only a
    # canonical number.
    slide = str(link.slide) if link.slide else None
    if slide and st.query_params.get(url_params.SLIDE_KEY) != slide:
        st.query_params[url_params.SLIDE_KEY] = slide
    elif not slide and url_params.SLIDE_KEY in st.query_params:
        del st.query_params[url_params.SLIDE_KEY]


def sidebar_filters() -> None:
    """Draw the global filters; keep them in session state and in the URL query string."""
    first, last = data_dates()
    names = region_names()
    if "flt_as_of" not in st.session_state:
        _init_from_query()
    _keep_as_of_selectable(first, last)
    with st.sidebar:
        st.markdown("### Saring")
        if last is not None:
            st.date_input(
                "Data per tanggal",
                key="flt_as_of",
                min_value=min(first, st.session_state.flt_as_of or first),
                max_value=max(last, fmt.today_wib()),
                format="DD/MM/YYYY",
                help="Angka yang tampil adalah keadaan pada tanggal ini (bawaan: data terbaru).",
            )
        st.selectbox(
            "Badan",
            [ALL, *BODY_LABEL],
            key="flt_body",
            format_func=lambda b: BODY_LABEL.get(b, "Semua badan"),
        )
        st.selectbox(
            "Kabupaten/kota",
            [ALL, *names],
            key="flt_region",
            format_func=lambda c: f"{c} {names[c]}" if c else "Semua kabupaten/kota",
        )
    chosen = filters()
    params = {
        QUERY_KEYS["as_of"]: chosen.as_of.isoformat() if chosen.as_of else None,
        QUERY_KEYS["body"]: chosen.body,
        QUERY_KEYS["region"]: chosen.region,
    }
    for key, value in params.items():
        if value and st.query_params.get(key) != value:
            st.query_params[key] = value
        elif not value and key in st.query_params:
            del st.query_params[key]


def _keep_as_of_selectable(first: dt.date | None, last: dt.date | None) -> None:
    """A date chosen earlier in the session that the date picker no longer accepts (the
    latest data was withdrawn, or it predates EARLIEST) would make Streamlit raise on every
    page: it becomes the latest data date, with a notice in the header."""
    as_of = st.session_state.get("flt_as_of")
    if isinstance(as_of, dt.datetime):
        as_of = as_of.date()
    if last is None or not isinstance(as_of, dt.date):
        return
    latest = max(last, fmt.today_wib())
    if url_params.EARLIEST <= as_of <= latest:
        return
    st.session_state.flt_as_of = last
    notice = msg(
        "as_of_out_of_range", asked=fmt.date(as_of), first=fmt.date(min(first or last, last)),
        latest=fmt.date(latest), last=fmt.date(last),
    )  # fmt: skip
    st.session_state[LINK_NOTICES_KEY] = (*st.session_state.get(LINK_NOTICES_KEY, ()), notice)


def filters() -> Filters:
    """The chosen filters (initialised from the URL when the sidebar has not run yet)."""
    if "flt_as_of" not in st.session_state:
        _init_from_query()
    as_of = st.session_state.get("flt_as_of")
    if isinstance(as_of, dt.datetime):
        as_of = as_of.date()
    return Filters(
        as_of=as_of,
        body=st.session_state.get("flt_body") or None,
        region=st.session_state.get("flt_region") or None,
    )


def header() -> None:
    """Title, the DEMO badge and the 'data per' stamp, above every page."""
    st.markdown("#### SIAGA · KPU Provinsi Jawa Tengah")
    parts = []
    if is_demo():
        parts.append(":orange-badge[DEMO — data contoh, bukan data resmi]")
    as_of = filters().as_of
    if as_of:
        parts.append(f"Data per **{fmt.date(as_of)}**")
    if parts:
        st.markdown(" · ".join(parts))
    for notice in st.session_state.pop(LINK_NOTICES_KEY, ()):
        st.warning(plain(notice), icon=":material/link_off:")


def plain(text: str) -> str:
    """``text`` with Markdown switched off: shown exactly as typed. The one escape for every
    st.error / warning / info / success / markdown / caption showing something a person
    typed or uploaded (refusals naming a header or sheet, issue values, file names, version
    labels, notes, region names) or took from the address bar."""
    return "".join("\\" + c if c in MARKDOWN_CHARS else c for c in str(text))


def require_data() -> Filters:
    """The filters, or a guidance message and stop when there is no data to show."""
    chosen = filters()
    first, _ = data_dates()
    if chosen.as_of is None or first is None:
        st.info(
            "Belum ada data yang diunggah. Kabupaten/kota mengunggah berkas CSV atau Excel "
            "per dataset (lihat templat dengan `python -m analytics template`). Untuk mencoba "
            "dengan data contoh, jalankan `python -m analytics demo`."
        )
        st.stop()
    if chosen.as_of < first:
        st.warning(
            f"Belum ada data pada {fmt.date(chosen.as_of)}: data pertama bertanggal "
            f"{fmt.date(first)}. Semua kabupaten/kota tampil sebagai belum lapor."
        )
    return chosen


def chart(fig, container=None, **kwargs) -> None:
    """Place a plotly figure with SIAGA's own theme (Streamlit's chart theme would override
    the fonts and colours of analytics/figures/theme.py). On a phone the title is shown
    above the chart, where it wraps, instead of inside it (ui/responsive.py)."""
    target = container or st
    title = phone.title_html(fig.layout.title.text)
    if title:
        target.markdown(f'<div class="{NARROW_TITLE}">{title}</div>', unsafe_allow_html=True)
    target.plotly_chart(fig, width="stretch", theme=None, **kwargs)


def table_download(data: bytes, file_name: str, key: str) -> None:
    """The CSV download button under a table (';' and BOM, for Indonesian Excel)."""
    st.download_button(
        "Unduh tabel (CSV untuk Excel)",
        data,
        file_name=file_name,
        mime="text/csv",
        icon=":material/download:",
        key=key,
    )


def per_body(show_body, body: str | None, key: str) -> None:
    """``show_body(body)`` for the filtered body, else a tab per body (only the open one is
    drawn, so a page costs one body's work)."""
    if body:
        show_body(body)
        return
    tabs = st.tabs([BODY_LABEL[b] for b in BODY_LABEL], key=key, on_change="rerun")
    for name, tab in zip(BODY_LABEL, tabs, strict=True):
        if tab.open is not False:
            with tab:
                show_body(name)


def show_all(total: int, key: str) -> bool:
    """Whether a table of ``total`` regencies is drawn whole: always for a province (35 or
    fewer), otherwise when the reader turns on the switch drawn here."""
    if not long_tables.is_long(total):
        return True
    return st.toggle(f"Tampilkan semua {fmt.number(total)} kabupaten/kota", key=key)


def rows_shown(table, total: int, key: str, rest: dict[str, int] | None = None, first: str = ""):
    """``table`` (a DataFrame or a Scorecard, ordered most urgent first) whole for a
    province; a longer one cut to its first rows, with a caption saying what the others
    are (``rest`` counts them), unless the reader turns on 'Tampilkan semua'."""
    if show_all(total, key):
        return table
    st.caption(long_tables.hidden_text(total, rest, first))
    return table.head(long_tables.ROWS_AT_ONCE)


METRICS_PER_ROW = 4  # labels such as "Bimtek Pantarlih (jatuh tempo)" stay whole at 1280 px


def metric_row(items) -> None:
    """Headline figures, at most METRICS_PER_ROW side by side (more wrap onto a second row of
    the same column widths): (label, value) or (label, value, help) each."""
    per_row = len(items) if len(items) <= METRICS_PER_ROW + 1 else METRICS_PER_ROW
    for start in range(0, len(items), per_row):
        chunk = items[start : start + per_row]
        for column, (label, value, *explanation) in zip(st.columns(per_row), chunk, strict=False):
            column.metric(label, value, help=explanation[0] if explanation else None)
